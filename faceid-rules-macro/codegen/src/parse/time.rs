//! Syntax of time: dated clauses (`from "DATE" per DOCUMENT …`, `until "DATE" per
//! DOCUMENT`) and the `documents` that dated changes cite.
//!
//! A dated clause sits next to what it changes and reads like the announcement it comes
//! from: `from "2022-01-01" per PhoneLabels flat 1.10`.

use syn::parse::ParseStream;
use syn::{parenthesized, Ident, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::parse::*;

/// `from "DATE" per DOCUMENT` or `until "DATE" per DOCUMENT`, the keyword already peeked.
/// `per DOCUMENT` may be missing (the checks ask for it).
pub fn when(input: ParseStream) -> syn::Result<When> {
    let keyword: Ident = input.parse()?;
    let date: LitStr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected the date in quotes after `{keyword}`: `{keyword} \"YYYY-MM-DD\" per DOCUMENT`"),
        )
    })?;
    let per = if peek_keyword(input, "per") {
        input.parse::<Ident>()?;
        Some(input.parse::<Ident>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the document the change comes from, as declared in `documents { … }`",
            )
        })?)
    } else {
        None
    };
    Ok(When { keyword, date, per })
}

/// `Name = "title" (doc id) @ "commit"`: a document dated changes cite.
pub fn document(input: ParseStream, errors: &mut Errors) -> syn::Result<DocumentDef> {
    let item = item(input, errors)?;
    let mut doc_id = None;
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let first: LitInt = content.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the document's id: `(56804)`, or `(213/32309)` for another product's page",
            )
        })?;
        doc_id = Some(if content.peek(Token![/]) {
            content.parse::<Token![/]>()?;
            (Some(first), content.parse()?)
        } else {
            (None, first)
        });
        end(&content, "the doc id")?;
    }
    let mut commit = None;
    if input.peek(Token![@]) {
        input.parse::<Token![@]>()?;
        commit = Some(input.parse::<LitStr>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the commit of the document's version in quotes: `@ \"0e629ca4\"`",
            )
        })?);
    }
    end(input, "the document")?;
    Ok(DocumentDef {
        item,
        doc_id,
        commit,
    })
}
