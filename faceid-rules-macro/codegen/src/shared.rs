//! Shared definitions: what several editions share (documents, compare sources, code
//! families), written once.
//!
//! `billing_shared! { macro NAME; documents {…} sources {…} codes {…} }` checks the
//! definitions and expands to a `macro_rules! NAME` that hands them to `billing_table!`:
//! each edition is written `NAME! { pub mod monthly { … } … }`, and compiles with the
//! shared definitions in scope, as if written in it. A change to a shared family thus shows
//! in every edition that uses it.
//!
//! The definitions' own errors are reported once, here: the macro then passes them on
//! marked `(reported)`, and the editions check them without reporting again.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Token, Visibility};

use crate::ast::Shared;
use crate::errors::Errors;
use crate::parse::{docs, peek_keyword};

/// A `billing_shared!` invocation as written.
struct SharedDefs {
    krate: TokenStream,
    docs: Vec<String>,
    vis: Visibility,
    name: Ident,
    body: TokenStream,
}

/// Expands shared definitions into the macro that hands them to each edition.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let defs = match (|input: ParseStream| header(input, &mut errors)).parse2(input) {
        Ok(defs) => defs,
        Err(e) => {
            errors.push(e);
            return errors.to_compile_errors();
        }
    };
    let mut shared = Shared {
        name: defs.name.clone(),
        reported: false,
        documents: Vec::new(),
        sources: Vec::new(),
        families: Vec::new(),
    };
    crate::parse::shared::shared_blocks(defs.body.clone(), &mut shared, &mut errors);
    crate::check::shared::check_shared(&shared, &mut errors);
    let mut out = errors.to_compile_errors();
    let marker = (!errors.is_empty()).then(|| quote!((reported)));
    out.extend(callback(&defs, marker));
    out
}

fn header(input: ParseStream, errors: &mut Errors) -> syn::Result<SharedDefs> {
    let krate = crate::parse::krate(input)?;
    let docs = docs(input, errors)?;
    let vis: Visibility = input.parse()?;
    input.parse::<Token![macro]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `macro NAME;`: the name of the macro that hands these definitions to each edition",
        )
    })?;
    let name: Ident = input.parse()?;
    input.parse::<Token![;]>()?;
    if peek_keyword(input, "pub") || peek_keyword(input, "mod") {
        return Err(input.error(
            "shared definitions hold no edition: write each edition in its own `NAME! { pub mod … }`",
        ));
    }
    let body: TokenStream = input.parse()?;
    Ok(SharedDefs {
        krate,
        docs,
        vis,
        name,
        body,
    })
}

/// `macro_rules! NAME { ($($table:tt)*) => { billing_table! { crate = …; shared NAME { … }
/// $($table)* } } }`.
fn callback(defs: &SharedDefs, marker: Option<TokenStream>) -> TokenStream {
    let SharedDefs {
        krate,
        docs,
        vis,
        name,
        body,
    } = defs;
    let export = matches!(vis, Visibility::Public(_)).then(|| quote!(#[macro_export]));
    let about = format!(
        " Compiles an edition's `billing_table!` with the shared definitions `{name}` in scope: write `{name}! {{ pub mod NAME {{ … }} … }}`."
    );
    let listed = listing(body);
    // `$` and `table` spelt for the generated macro (not the one being expanded).
    let dollar = quote_spanned!(name.span()=> $);
    quote! {
        #(#[doc = #docs])*
        #[doc = ""]
        #[doc = #about]
        #[doc = ""]
        #[doc = #listed]
        #export
        #[allow(unused_macros)]
        macro_rules! #name {
            (#dollar(#dollar table:tt)*) => {
                #krate::__private::billing_table! {
                    crate = #krate;
                    shared #name #marker { #body }
                    #dollar(#dollar table)*
                }
            };
        }
    }
}

/// What the definitions hold, by identifier, for the macro's documentation.
fn listing(body: &TokenStream) -> String {
    let mut blocks = Vec::new();
    let mut tokens = body.clone().into_iter().peekable();
    while let Some(tt) = tokens.next() {
        if let TokenTree::Ident(keyword) = &tt {
            if let Some(TokenTree::Group(group)) = tokens.peek() {
                let idents: Vec<String> = crate::parse::split_commas(group.stream())
                    .into_iter()
                    .filter_map(|entry| {
                        entry.into_iter().find_map(|t| match t {
                            TokenTree::Ident(i) => Some(format!("`{i}`")),
                            _ => None,
                        })
                    })
                    .collect();
                blocks.push(format!("- {keyword}: {}", idents.join(", ")));
            }
        }
    }
    blocks.join("\n")
}
