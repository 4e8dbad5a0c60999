//! The lookup behind the generated `channel!`, `postpaid!`, … macros: a doc name,
//! identifier or alias resolved to a variant at compile time.
//!
//! Input (written by the generated `macro_rules!`, then the user's tokens):
//! `PATH, "kind", [("doc name" Ident ["alias", …]) …], "name as the user wrote it"`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::{bracketed, parenthesized, Ident, LitStr, Path, Token};

use crate::names::{hint, normalise};

struct Entry {
    doc_name: String,
    ident: Ident,
    aliases: Vec<String>,
}

/// Expands a lookup to `PATH::Variant`, or to a `compile_error!` at the user's literal.
pub fn expand(input: TokenStream) -> TokenStream {
    match parse.parse2(input) {
        Ok(out) => out,
        Err(e) => e.to_compile_error(),
    }
}

fn parse(input: ParseStream) -> syn::Result<TokenStream> {
    let path: Path = input.parse()?;
    input.parse::<Token![,]>()?;
    let kind: LitStr = input.parse()?;
    input.parse::<Token![,]>()?;
    let list;
    bracketed!(list in input);
    let mut entries = Vec::new();
    while !list.is_empty() {
        let entry;
        parenthesized!(entry in list);
        let doc_name: LitStr = entry.parse()?;
        let ident: Ident = entry.parse()?;
        let aliases;
        bracketed!(aliases in entry);
        let aliases = aliases
            .parse_terminated(|i: ParseStream| i.parse::<LitStr>(), Token![,])?
            .iter()
            .map(LitStr::value)
            .collect();
        entries.push(Entry {
            doc_name: doc_name.value(),
            ident,
            aliases,
        });
    }
    input.parse::<Token![,]>()?;
    let kind = kind.value();
    let given: LitStr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "expected the {kind}'s name in quotes, e.g. (\"{}\")",
                entries.first().map_or("", |e| e.doc_name.as_str())
            ),
        )
    })?;
    if !input.is_empty() {
        return Err(input.error(format!("expected one {kind} name in quotes")));
    }
    let key = normalise(&given.value());
    let exact = entries
        .iter()
        .find(|e| normalise(&e.doc_name) == key || normalise(&e.ident.to_string()) == key);
    let by_alias: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.aliases.iter().any(|a| normalise(a) == key))
        .collect();
    let found = match (exact, by_alias.as_slice()) {
        (Some(e), _) => e,
        (None, [e]) => *e,
        (None, []) => {
            return Err(syn::Error::new(
                given.span(),
                format!(
                    "unknown {kind} {:?}{}",
                    given.value(),
                    hint(&given.value(), entries.iter().map(|e| e.doc_name.as_str()))
                ),
            ))
        }
        (None, several) => {
            let names: Vec<String> = several
                .iter()
                .map(|e| format!("{:?}", e.doc_name))
                .collect();
            return Err(syn::Error::new(
                given.span(),
                format!(
                    "{:?} names several {kind}s: {}; give one of those",
                    given.value(),
                    names.join(", ")
                ),
            ));
        }
    };
    let ident = &found.ident;
    Ok(quote!(#path::#ident))
}
