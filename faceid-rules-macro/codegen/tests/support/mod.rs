//! The real tables' sources, as token streams for the compiler.
//!
//! Each test binary uses some of these helpers.
#![allow(dead_code)]

use proc_macro2::{TokenStream, TokenTree};

/// The source text of a table of the runtime crate (`legacy`, `current`).
pub fn source(name: &str) -> String {
    let path = format!(
        "{}/../../faceid-rules/src/tables/{name}.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The tokens inside `billing_table! { … }` of a source text, as the macro receives them.
pub fn body(source: &str) -> TokenStream {
    let tokens: TokenStream = source.parse().expect("the table source lexes");
    let mut after_bang = false;
    for tt in tokens {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '!' => after_bang = true,
            TokenTree::Group(g) if after_bang => return g.stream(),
            _ => after_bang = false,
        }
    }
    panic!("no billing_table! {{ … }} in the source")
}

/// The error messages for a table source.
pub fn diagnose(source: &str) -> Vec<String> {
    faceid_rules_codegen::diagnose(body(source))
}
