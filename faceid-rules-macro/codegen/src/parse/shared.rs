//! Shared definitions handed to an edition: `shared NAME { documents {…} sources {…} codes {…} }`.

use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{braced, parenthesized, Ident};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::codes::*;
use crate::parse::time::*;
use crate::parse::*;

/// The blocks a shared-definitions block may hold.
pub const SHARED_BLOCKS: [&str; 3] = ["documents", "sources", "codes"];

/// `shared NAME [(reported)] { documents {…} sources {…} codes {…} }`, the keyword peeked.
pub fn shared(input: ParseStream, errors: &mut Errors) -> syn::Result<Shared> {
    input.parse::<Ident>()?;
    let name: Ident = input.parse()?;
    let mut reported = false;
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let word: Ident = content.parse()?;
        if word != "reported" {
            return Err(syn::Error::new(word.span(), "expected `(reported)`"));
        }
        reported = true;
    }
    let content;
    braced!(content in input);
    let body: TokenStream = content.parse()?;
    let mut shared = Shared {
        name,
        reported,
        documents: Vec::new(),
        sources: Vec::new(),
        families: Vec::new(),
    };
    shared_blocks(body, &mut shared, errors);
    Ok(shared)
}

/// Parses the blocks of shared definitions into `shared`, recording errors.
pub fn shared_blocks(body: TokenStream, shared: &mut Shared, errors: &mut Errors) {
    use syn::parse::Parser;
    let parser = |input: ParseStream| -> syn::Result<()> {
        while !input.is_empty() {
            let docs = docs(input, errors)?;
            let keyword: Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected a block of shared definitions: `documents`, `sources` or `codes`",
                )
            })?;
            let _ = docs;
            let entries = block_entries(input)?;
            match keyword.to_string().as_str() {
                "documents" => shared
                    .documents
                    .extend(each(entries, errors, document)),
                "sources" => shared
                    .sources
                    .extend(each(entries, errors, item)),
                "codes" => shared
                    .families
                    .extend(each(entries, errors, family)),
                other => {
                    return Err(syn::Error::new(
                        keyword.span(),
                        format!(
                            "`{other}` cannot be shared: shared definitions hold documents, compare sources and code families; labels, prices and sections belong to each edition{}",
                            hint(other, SHARED_BLOCKS)
                                .strip_prefix(';')
                                .map_or(String::new(), |h| format!(" ({})", h.trim()))
                        ),
                    ))
                }
            }
        }
        Ok(())
    };
    if let Err(e) = parser.parse2(body) {
        errors.push(e);
    }
}
