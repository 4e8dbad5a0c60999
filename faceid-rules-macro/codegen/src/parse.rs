//! Syntax → [`ast`](crate::ast). Parsing recovers at every comma-separated entry of a block
//! (a label, a tier, a row, a code), so one syntax error does not hide the checks of the
//! rest of the table.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{braced, bracketed, parenthesized, Attribute, Ident, Lit, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::literals;
use crate::names::hint;
use crate::parse_time;

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

fn table_inner(input: ParseStream, errors: &mut Errors) -> syn::Result<Table> {
    let krate = krate(input)?;
    let shared = if peek_keyword(input, "shared") {
        Some(parse_time::shared(input, errors)?)
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
    let header = header(&content, brace.span.join(), errors);
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
fn skip_to_next_block(input: ParseStream) {
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

fn block(input: ParseStream, table: &mut Table, errors: &mut Errors) -> syn::Result<()> {
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
            table
                .documents
                .extend(each(entries, errors, parse_time::document));
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

fn doc_text(attr: &Attribute) -> Option<String> {
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

fn header(input: ParseStream, span: Span, errors: &mut Errors) -> Header {
    let mut header = Header {
        span,
        title: None,
        doc: None,
        opened: None,
        settlement: None,
        path: None,
        complete: true,
    };
    let tokens = match input.parse::<TokenStream>() {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            return header;
        }
    };
    for entry in split_commas(tokens) {
        let parsed = (|input: ParseStream| header_entry(input, &mut header)).parse2(entry);
        if let Err(e) = parsed {
            header.complete = false;
            errors.push(e);
        }
    }
    header
}

const HEADER_KEYS: [&str; 5] = ["title", "doc", "opened", "settlement", "path"];

fn header_entry(input: ParseStream, header: &mut Header) -> syn::Result<()> {
    let key: Ident = input.parse()?;
    input.parse::<Token![:]>()?;
    let name = key.to_string();
    let dup = |set: bool| -> syn::Result<()> {
        if set {
            Err(syn::Error::new(
                key.span(),
                format!("`{name}` is given twice"),
            ))
        } else {
            Ok(())
        }
    };
    match name.as_str() {
        "title" => {
            dup(header.title.is_some())?;
            header.title = Some(input.parse()?);
        }
        "doc" => {
            dup(header.doc.is_some())?;
            header.doc = Some(input.parse()?);
        }
        "opened" => {
            dup(header.opened.is_some())?;
            header.opened = Some(parse_time::opened(input, key.clone())?);
        }
        "settlement" => {
            dup(header.settlement.is_some())?;
            header.settlement = Some(parse_time::settlement(input)?);
        }
        "path" => {
            dup(header.path.is_some())?;
            header.path = Some(input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the module's path from the crate root, e.g. `tables::contract`",
                )
            })?);
        }
        "bill_days" => return Err(syn::Error::new(
            key.span(),
            "bill days belong to the settlement: write `settlement: monthly { bill_days: 1..=3 }`",
        )),
        other => {
            return Err(syn::Error::new(
                key.span(),
                format!("unknown header key `{other}`{}", hint(other, HEADER_KEYS)),
            ))
        }
    }
    if !input.is_empty() {
        return Err(input.error("expected `,` after the value"));
    }
    Ok(())
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

fn string_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
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

fn postpaid(input: ParseStream, errors: &mut Errors) -> syn::Result<Postpaid> {
    let item = item(input, errors)?;
    let parts = parse_time::label_rest_or_skip(input, errors, parse_time::LabelKind::Postpaid);
    Ok(Postpaid {
        item,
        start: parts.start,
        price: parts.price,
        changes: parts.changes,
        end: parts.end,
        broken: parts.broken,
    })
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

pub(crate) fn tier(input: ParseStream) -> syn::Result<TierDef> {
    let start = input.fork();
    let from: LitInt = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a tier: `FROM..TO => PRICE` or `FROM.. => PRICE`",
        )
    })?;
    let closed = if input.peek(Token![..=]) {
        let op: Token![..=] = input.parse()?;
        Some(quote::quote!(#op))
    } else {
        input.parse::<Token![..]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `..`: a tier is a half-open range of monthly calls, `FROM..TO`",
            )
        })?;
        None
    };
    let to = if input.peek(LitInt) {
        Some(input.parse()?)
    } else {
        None
    };
    let range_tokens = tokens_between(&start, input);
    input
        .parse::<Token![=>]>()
        .map_err(|e| syn::Error::new(e.span(), "expected `=>` and the unit price"))?;
    let price = price(input)?;
    end(input, "the price")?;
    Ok(TierDef {
        from,
        to,
        closed,
        range_tokens,
        price,
    })
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

pub(crate) fn price(input: ParseStream) -> syn::Result<Price> {
    if input.peek(Ident) {
        let ident: Ident = input.parse()?;
        if ident == "negotiated" {
            return Ok(Price::Negotiated(ident));
        }
        return Err(syn::Error::new(
            ident.span(),
            format!(
                "expected a price in yuan or `negotiated` (联系商务), found `{ident}`{}",
                hint(&ident.to_string(), ["negotiated"])
            ),
        ));
    }
    let minus = if input.peek(Token![-]) {
        Some(input.parse::<Token![-]>()?)
    } else {
        None
    };
    let lit: Lit = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected a price in yuan, e.g. `0.85`"))?;
    let minus = minus.map(|m| quote::quote!(#m #lit));
    Ok(Price::Money { minus, lit })
}

fn prepaid(input: ParseStream, errors: &mut Errors) -> syn::Result<Prepaid> {
    let item = item(input, errors)?;
    let parts = parse_time::label_rest_or_skip(input, errors, parse_time::LabelKind::Prepaid);
    Ok(Prepaid {
        item,
        start: parts.start,
        packs: parts.packs,
        changes: parts.changes,
        end: parts.end,
        broken: parts.broken,
    })
}

pub(crate) fn pack(input: ParseStream) -> syn::Result<PackDef> {
    let minus = input.peek(Token![-]);
    if minus {
        return Err(input.error("a pack size is a positive number of calls"));
    }
    let size: LitInt = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a pack: `CALLS => PRICE`, e.g. `10_000 => 8_000`",
        )
    })?;
    input
        .parse::<Token![=>]>()
        .map_err(|e| syn::Error::new(e.span(), "expected `=>` and the pack's price in yuan"))?;
    let price = price(input)?;
    end(input, "the price")?;
    Ok(PackDef { size, price })
}

pub(crate) fn family(input: ParseStream, errors: &mut Errors) -> syn::Result<Family> {
    let item = item(input, errors)?;
    let entries = braced_entries(
        input,
        "expected `{ billed [...], not_billed [...], … }` after the family's doc name",
    )?;
    let before = errors.len();
    let entries = each(entries, errors, family_entry);
    let complete = errors.len() == before;
    end(input, "the codes")?;
    Ok(Family {
        item,
        entries,
        complete,
    })
}

fn family_entry(input: ParseStream, errors: &mut Errors) -> syn::Result<FamilyEntry> {
    let expected = "expected `billed [...]`, `not_billed [...]` or `from \"YYYY-MM-DD\" per DOCUMENT billed|not_billed [...]`";
    let mut from = None;
    if peek_keyword(input, "from") {
        from = Some(parse_time::when(input)?);
    }
    let keyword: Ident = input.parse().map_err(|e| {
        let expected = if from.is_some() {
            "expected `billed` or `not_billed` after the date"
        } else {
            expected
        };
        syn::Error::new(e.span(), expected)
    })?;
    let billed = match keyword.to_string().as_str() {
        "billed" => true,
        "not_billed" => false,
        other => {
            return Err(syn::Error::new(
                keyword.span(),
                format!(
                    "{expected}, found `{other}`{}",
                    hint(other, ["billed", "not_billed", "from"])
                ),
            ))
        }
    };
    if !input.peek(syn::token::Bracket) {
        return Err(
            input.error("expected the codes in brackets: `[0, 2006, 2009..=2015, \"Success\"]`")
        );
    }
    let list;
    bracketed!(list in input);
    let codes = each_plain(split_commas(list.parse()?), errors, code);
    end(input, "the codes")?;
    Ok(FamilyEntry {
        from,
        keyword,
        billed,
        codes,
    })
}

fn code(input: ParseStream) -> syn::Result<CodeItem> {
    if input.peek(LitStr) {
        let name: LitStr = input.parse()?;
        let text = name.value();
        if text.trim().is_empty() {
            return Err(syn::Error::new(name.span(), "a code name cannot be empty"));
        }
        if text.trim().parse::<i64>().is_ok() {
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "{text:?} is a numeric code: write it as a number, `{}`",
                    text.trim()
                ),
            ));
        }
        end(input, "the code")?;
        return Ok(CodeItem::Name(name));
    }
    let start = input.fork();
    let lo = signed(input)?;
    let hi = if input.peek(Token![..=]) {
        input.parse::<Token![..=]>()?;
        Some(signed(input)?)
    } else if input.peek(Token![..]) {
        let op: Token![..] = input.parse()?;
        let upper = if input.peek(LitInt) || input.peek(Token![-]) {
            signed(input)
                .map(|hi| format!("`{lo}..={}`", hi - 1))
                .unwrap_or_default()
        } else {
            String::new()
        };
        return Err(syn::Error::new_spanned(
            op,
            format!(
                "code ranges are inclusive: write `FIRST..=LAST`{}",
                if upper.is_empty() {
                    String::new()
                } else {
                    format!(", here {upper}")
                }
            ),
        ));
    } else {
        None
    };
    let tokens = tokens_between(&start, input);
    end(input, "the code")?;
    Ok(CodeItem::Int {
        lo,
        hi: hi.unwrap_or(lo),
        tokens,
    })
}

fn signed(input: ParseStream) -> syn::Result<i64> {
    let neg = if input.peek(Token![-]) {
        input.parse::<Token![-]>()?;
        true
    } else {
        false
    };
    let lit: LitInt = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a result code: a number (`2016`, `-1`), a range (`2009..=2015`) or a name in quotes (`\"Success\"`)",
        )
    })?;
    literals::code_int(neg, &lit, lit.span())
}

fn row(input: ParseStream, errors: &mut Errors) -> syn::Result<RowDef> {
    let before = errors.len();
    let channels = if input.peek(syn::token::Bracket) {
        let list;
        bracketed!(list in input);
        each(split_commas(list.parse()?), errors, |input, errors| {
            channel(input, errors, true)
        })
    } else {
        vec![channel(input, errors, false)?]
    };
    let arrow = input
        .parse::<Token![=>]>()
        .map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `=>` and the row's labels: `=> POSTPAID / PREPAID` or `=> { SOURCE => POSTPAID / PREPAID, … }`",
            )
        })?
        .spans[0];
    let base = mapping(input, errors)?;
    let mut changes = Vec::new();
    while peek_keyword(input, "from") {
        let when = parse_time::when(input)?;
        input.parse::<Token![=>]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `=>` and what the row maps to from that day: `from \"DATE\" per DOCUMENT => …`",
            )
        })?;
        changes.push(Dated {
            when,
            what: mapping(input, errors)?,
        });
    }
    end(input, "the row")?;
    Ok(RowDef {
        channels,
        arrow,
        mapping: base,
        changes,
        complete: errors.len() == before,
    })
}

/// What a row or channel maps to after `=>`: `{ SOURCE => POSTPAID / PREPAID, … }` or
/// `POSTPAID / PREPAID`.
fn mapping(input: ParseStream, errors: &mut Errors) -> syn::Result<Mapping> {
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        Ok(Mapping::BySource(each_plain(
            split_commas(content.parse()?),
            errors,
            source_map,
        )))
    } else {
        Ok(Mapping::Direct(label_pair(input)?))
    }
}

fn source_map(input: ParseStream) -> syn::Result<SourceMap> {
    let source: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a compare source: `SOURCE => POSTPAID / PREPAID`",
        )
    })?;
    input
        .parse::<Token![=>]>()
        .map_err(|e| syn::Error::new(e.span(), "expected `=>` after the compare source"))?;
    let labels = if peek_keyword(input, "not") {
        input.parse::<Ident>()?;
        let offered: Ident = input.parse()?;
        if offered != "offered" {
            return Err(syn::Error::new(offered.span(), "expected `not offered`"));
        }
        None
    } else {
        Some(label_pair(input)?)
    };
    end(input, "the labels")?;
    Ok(SourceMap { source, labels })
}

fn label_pair(input: ParseStream) -> syn::Result<LabelPair> {
    let postpaid: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `POSTPAID / PREPAID`: the postpaid label first",
        )
    })?;
    input.parse::<Token![/]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `/` and the prepaid label: labels are written `POSTPAID / PREPAID`",
        )
    })?;
    let prepaid: Ident = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), "expected the prepaid label after `/`"))?;
    Ok(LabelPair { postpaid, prepaid })
}

/// A channel; `in_group` when it is one of a bracketed row's, where `from … per … =>`
/// gives the channel a mapping of its own (outside a group, `=>` starts the row's mapping).
fn channel(input: ParseStream, errors: &mut Errors, in_group: bool) -> syn::Result<ChannelDef> {
    let item = item(input, errors)?;
    if !input.peek(syn::token::Paren) {
        return Err(input.error("expected the channel's doc id in parentheses, e.g. `(31071)`"));
    }
    let content;
    parenthesized!(content in input);
    let doc_id: LitInt = content.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected the doc id, a number without quotes: `(31071)`",
        )
    })?;
    end(&content, "the doc id")?;
    let mut codes = None;
    let mut actions = Vec::new();
    let mut start = None;
    let mut end_when = None;
    let mut changes = Vec::new();
    while input.peek(Ident) {
        if peek_keyword(input, "from") || peek_keyword(input, "until") {
            let when = parse_time::when(input)?;
            if when.keyword == "until" {
                end_when = Some(when);
            } else if in_group && input.peek(Token![=>]) {
                input.parse::<Token![=>]>()?;
                changes.push(Dated {
                    when,
                    what: mapping(input, errors)?,
                });
            } else {
                start = Some(when);
            }
            continue;
        }
        let key: Ident = input.parse()?;
        match key.to_string().as_str() {
            "codes" => codes = Some(input.parse()?),
            "actions" => actions.extend(ident_list(input)?),
            "aka" => {
                return Err(syn::Error::new(
                    key.span(),
                    "write `aka [...]` right after the doc name",
                ))
            }
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown channel property `{other}`{}",
                        hint(other, ["codes", "actions", "from", "until"])
                    ),
                ))
            }
        }
    }
    Ok(ChannelDef {
        item,
        doc_id,
        codes,
        actions,
        start,
        end: end_when,
        changes,
    })
}
