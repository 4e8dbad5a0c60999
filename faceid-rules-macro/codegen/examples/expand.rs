//! Prints the expansion of a table source file, for reading (pipe it through `rustfmt`):
//! `cargo run -p faceid-rules-codegen --example expand -- faceid-rules/src/tables/legacy.rs | rustfmt --edition 2021`.
//!
//! An edition written `face_id_table! { … }` is expanded with the shared definitions of
//! `shared.rs` beside it, as the shared macro hands them over.

#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: expand TABLE.rs");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    if source.parse::<proc_macro2::TokenStream>().is_err() {
        eprintln!("{path}: not Rust tokens");
        std::process::exit(1);
    }
    if !source.contains("! {") {
        eprintln!("{path}: no billing_table! {{ … }} found");
        std::process::exit(1);
    }
    println!(
        "{}",
        faceid_rules_codegen::expand_table(support::edition(&source))
    );
}
