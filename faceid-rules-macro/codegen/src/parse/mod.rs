//! Syntax → [`ast`](crate::ast). Parsing recovers at every comma-separated entry of a block
//! (a label, a tier, a row, a code), so one syntax error does not hide the checks of the
//! rest of the table.
//!
//! One file per part of the language: [`header`] (the module and its header), [`labels`]
//! (postpaid and prepaid labels, tiers, packs), [`codes`] (code families), [`rows`]
//! (sections' rows and channels), [`time`] (dated clauses and documents), [`mod@shared`] (shared
//! definitions).

pub mod codes;
pub mod header;
pub mod labels;
pub mod rows;
pub mod shared;
pub mod time;

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, Attribute, Ident, Lit, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::codes::*;
use crate::parse::labels::*;
use crate::parse::rows::*;
use crate::parse::shared::*;
use crate::parse::time::*;

/// The keywords that start a top-level block.
const BLOCKS: [&str; 6] = [
    "documents",
    "sources",
    "postpaid",
    "prepaid",
    "codes",
    "section",
];

/// Parses a whole invocation. Syntax errors are recorded in `errors`; what parsed is
/// returned so the checks can still run on it. `None` when not even the module header parsed.
pub fn table(input: TokenStream, errors: &mut Errors) -> Option<Table> {
    let parser = |stream: ParseStream| -> syn::Result<Table> { table_inner(stream, errors) };
    match parser.parse2(input) {
        Ok(table) => Some(table),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// `crate = PATH;`: the runtime crate's path, forwarded by the runtime crate's macros
/// (default `::faceid_rules`).
pub(crate) fn krate(input: ParseStream) -> syn::Result<TokenStream> {
    if input.peek(Token![crate]) && input.peek2(Token![=]) {
        input.parse::<Token![crate]>()?;
        input.parse::<Token![=]>()?;
        let mut path = TokenStream::new();
        while !input.peek(Token![;]) {
            path.extend([input.parse::<TokenTree>()?]);
        }
        input.parse::<Token![;]>()?;
        Ok(path)
    } else {
        Ok(quote::quote!(::faceid_rules))
    }
}

pub(crate) fn table_inner(input: ParseStream, errors: &mut Errors) -> syn::Result<Table> {
    let krate = krate(input)?;
    let shared = if peek_keyword(input, "shared") {
        Some(shared(input, errors)?)
    } else {
        None
    };
    let docs = docs(input, errors)?;
    let vis = input.parse()?;
    input.parse::<Token![mod]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `mod NAME { … }`: the table's module and header",
        )
    })?;
    let name: Ident = input.parse()?;
    let content;
    let brace = braced!(content in input);
    let header = header::header(&content, brace.span.join(), errors);
    let mut table = Table {
        krate,
        docs,
        vis,
        name,
        header,
        shared,
        documents: Vec::new(),
        sources: Vec::new(),
        postpaid: Vec::new(),
        prepaid: Vec::new(),
        families: Vec::new(),
        sections: Vec::new(),
    };
    while !input.is_empty() {
        if let Err(e) = block(input, &mut table, errors) {
            errors.push(e);
            skip_to_next_block(input);
        }
    }
    Ok(table)
}

/// Skips tokens up to the next top-level block keyword (or a doc comment before one).
pub(crate) fn skip_to_next_block(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        // Always move past the token that failed.
        if let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        loop {
            if let Some((ident, _)) = rest.ident() {
                if BLOCKS.contains(&ident.to_string().as_str()) {
                    break;
                }
            }
            if let Some((punct, _)) = rest.punct() {
                if punct.as_char() == '#' {
                    break;
                }
            }
            match rest.token_tree() {
                Some((_, next)) => rest = next,
                None => break,
            }
        }
        Ok(((), rest))
    });
}

pub(crate) fn block(input: ParseStream, table: &mut Table, errors: &mut Errors) -> syn::Result<()> {
    let docs = docs(input, errors)?;
    let keyword: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a block: `documents`, `sources`, `postpaid`, `prepaid`, `codes` or `section`",
        )
    })?;
    match keyword.to_string().as_str() {
        "documents" => {
            let entries = block_entries(input)?;
            table.documents.extend(each(entries, errors, document));
        }
        "sources" => {
            let entries = block_entries(input)?;
            table.sources.extend(each(entries, errors, item));
        }
        "postpaid" => {
            let entries = block_entries(input)?;
            table.postpaid.extend(each(entries, errors, postpaid));
        }
        "prepaid" => {
            let entries = block_entries(input)?;
            table.prepaid.extend(each(entries, errors, prepaid));
        }
        "codes" => {
            let entries = block_entries(input)?;
            table.families.extend(each(entries, errors, family));
        }
        "section" => {
            let mut item = item(input, errors)?;
            item.docs.splice(0..0, docs);
            let compare = if input.peek(Ident) && input.fork().parse::<Ident>()? == "compare" {
                input.parse::<Ident>()?;
                let list;
                bracketed!(list in input);
                let idents =
                    list.parse_terminated(|i: ParseStream| i.parse::<Ident>(), Token![,])?;
                Some(idents.into_iter().collect())
            } else {
                None
            };
            let entries = block_entries(input)?;
            let rows = each(entries, errors, row);
            table.sections.push(Section {
                item,
                compare,
                rows,
            });
        }
        other => {
            return Err(syn::Error::new(
                keyword.span(),
                format!("unknown block `{other}`{}", hint(other, BLOCKS)),
            ))
        }
    }
    Ok(())
}

/// The comma-separated entries of the braced block that follows.
pub(crate) fn block_entries(input: ParseStream) -> syn::Result<Vec<TokenStream>> {
    if !input.peek(syn::token::Brace) {
        return Err(input.error("expected `{ … }`: the block's entries, separated by commas"));
    }
    let content;
    braced!(content in input);
    let tokens: TokenStream = content.parse()?;
    Ok(split_commas(tokens))
}

/// Splits a token stream at its top-level commas, dropping empty pieces.
pub fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut pieces = vec![TokenStream::new()];
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => pieces.push(TokenStream::new()),
            _ => pieces
                .last_mut()
                .into_iter()
                .for_each(|p| p.extend([tt.clone()])),
        }
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Parses every entry with `parse`, recording the errors of those that fail (and the
/// errors `parse` records itself while recovering inside an entry).
pub(crate) fn each<T>(
    entries: Vec<TokenStream>,
    errors: &mut Errors,
    parse: impl Fn(ParseStream, &mut Errors) -> syn::Result<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for entry in entries {
        match (|input: ParseStream| parse(input, errors)).parse2(entry) {
            Ok(v) => out.push(v),
            Err(e) => errors.push(e),
        }
    }
    out
}

/// Like [`each`] for entries that record nothing themselves.
pub(crate) fn each_plain<T>(
    entries: Vec<TokenStream>,
    errors: &mut Errors,
    parse: fn(ParseStream) -> syn::Result<T>,
) -> Vec<T> {
    each(entries, errors, |input, _| parse(input))
}

/// Doc comments; any other attribute is recorded as an error and skipped.
pub(crate) fn docs(input: ParseStream, errors: &mut Errors) -> syn::Result<Vec<String>> {
    let mut out = Vec::new();
    for attr in input.call(Attribute::parse_outer)? {
        match doc_text(&attr) {
            Some(text) => out.push(text),
            None => errors.over(
                &attr,
                "only doc comments (`///`) may annotate entries of a billing table",
            ),
        }
    }
    Ok(out)
}

pub(crate) fn doc_text(attr: &Attribute) -> Option<String> {
    if !attr.path().is_ident("doc") {
        return None;
    }
    match &attr.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// `/// docs  Ident = "doc name" aka ["…", …]`
pub(crate) fn item(input: ParseStream, errors: &mut Errors) -> syn::Result<Item> {
    let docs = docs(input, errors)?;
    let ident: Ident = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected an identifier: `Name = \"doc name\"`"))?;
    input
        .parse::<Token![=]>()
        .map_err(|e| syn::Error::new(e.span(), "expected `=` and the doc name in quotes"))?;
    let doc_name: LitStr = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected the doc name in quotes"))?;
    if doc_name.value().trim().is_empty() {
        errors.at(
            doc_name.span(),
            "a doc name cannot be empty: write the name as the document does",
        );
    }
    let mut aliases = Vec::new();
    if peek_keyword(input, "aka") {
        input.parse::<Ident>()?;
        aliases = string_list(input)?;
    }
    Ok(Item {
        docs,
        ident,
        doc_name,
        aliases,
    })
}

pub(crate) fn peek_keyword(input: ParseStream, keyword: &str) -> bool {
    input.peek(Ident) && input.fork().parse::<Ident>().is_ok_and(|i| i == keyword)
}

pub(crate) fn string_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let list;
    bracketed!(list in input);
    Ok(list
        .parse_terminated(|i: ParseStream| i.parse::<LitStr>(), Token![,])?
        .into_iter()
        .collect())
}

pub(crate) fn ident_list(input: ParseStream) -> syn::Result<Vec<Ident>> {
    let list;
    bracketed!(list in input);
    Ok(list
        .parse_terminated(|i: ParseStream| i.parse::<Ident>(), Token![,])?
        .into_iter()
        .collect())
}

pub(crate) fn end(input: ParseStream, what: &str) -> syn::Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        Err(input.error(format!("unexpected tokens after {what}; expected `,`")))
    }
}

/// The comma-separated entries of a braced list that must follow here.
pub(crate) fn braced_entries(input: ParseStream, expected: &str) -> syn::Result<Vec<TokenStream>> {
    if !input.peek(syn::token::Brace) {
        return Err(input.error(expected));
    }
    let content;
    braced!(content in input);
    Ok(split_commas(content.parse()?))
}

/// The tokens consumed from `start` up to where `now` is.
pub(crate) fn tokens_between(start: &syn::parse::ParseBuffer, now: ParseStream) -> TokenStream {
    let mut out = TokenStream::new();
    let _ = start.step(|cursor| {
        let mut rest = *cursor;
        while rest != now.cursor() {
            match rest.token_tree() {
                Some((tt, next)) => {
                    out.extend([tt]);
                    rest = next;
                }
                None => break,
            }
        }
        Ok(((), rest))
    });
    out
}
