//! Prints the expansion of a table source file, for reading (pipe it through `rustfmt`):
//! `cargo run -p faceid-rules-codegen --example expand -- faceid-rules/src/tables/legacy.rs | rustfmt --edition 2021`.

use proc_macro2::{TokenStream, TokenTree};

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
    let tokens: TokenStream = match source.parse() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut after_bang = false;
    for tt in tokens {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '!' => after_bang = true,
            TokenTree::Group(g) if after_bang => {
                println!("{}", faceid_rules_codegen::expand_table(g.stream()));
                return;
            }
            _ => after_bang = false,
        }
    }
    eprintln!("{path}: no billing_table! {{ … }} found");
    std::process::exit(1);
}
