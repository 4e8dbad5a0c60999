//! The real tables' sources, as token streams for the compiler.
//!
//! Each test binary uses some of these helpers.
#![allow(dead_code)]

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

/// The source text of a table of the runtime crate (`shared`, `legacy`, `monthly`, `daily`).
pub fn source(name: &str) -> String {
    let path = format!(
        "{}/../../faceid-rules/src/tables/{name}.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The tokens inside `NAME! { … }` of a source text, as the macro receives them.
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
    panic!("no NAME! {{ … }} in the source")
}

/// The blocks of the shared definitions (`shared.rs`), after `pub macro NAME;`.
pub fn shared_blocks() -> TokenStream {
    let mut tokens = body(&source("shared")).into_iter();
    for tt in tokens.by_ref() {
        if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';') {
            break;
        }
    }
    tokens.collect()
}

/// What `billing_table!` receives for an edition written `face_id_table! { … }`: the shared
/// definitions, then the edition's tokens. A source written otherwise is given as it is.
pub fn edition(source: &str) -> TokenStream {
    let own = body(source);
    if !source.contains("face_id_table! {") {
        return own;
    }
    let mut out: TokenStream = [
        TokenTree::Ident(Ident::new("shared", Span::call_site())),
        TokenTree::Ident(Ident::new("face_id_table", Span::call_site())),
        TokenTree::Group(Group::new(Delimiter::Brace, shared_blocks())),
    ]
    .into_iter()
    .collect();
    out.extend(own);
    out
}

/// The error messages for a table source (an edition with the shared definitions).
pub fn diagnose(source: &str) -> Vec<String> {
    faceid_rules_codegen::diagnose(edition(source))
}
