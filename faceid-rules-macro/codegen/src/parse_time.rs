//! Syntax of time → [`ast`](crate::ast): dated clauses (`from "DATE" per DOCUMENT …`,
//! `until "DATE" per DOCUMENT`), the edition's `opened` range and `settlement`, and the
//! `documents` that dated changes cite.
//!
//! A dated clause sits next to what it changes and reads like the announcement it comes
//! from: `from "2022-01-01" per PhoneLabels flat 1.10`.

use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{braced, parenthesized, Ident, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::{braced_entries, each_plain, ident_list, item, pack, peek_keyword, tier};

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

/// A postpaid price: `tiers { … }` or `flat PRICE`, the keyword peeked.
pub fn price_def(input: ParseStream, errors: &mut Errors) -> syn::Result<PriceDef> {
    let keyword: Ident = input.parse()?;
    if keyword == "flat" {
        let start = input.fork();
        let price = crate::parse::price(input)?;
        let range_tokens = crate::parse::tokens_between(&start, input);
        let from = LitInt::new("1", keyword.span());
        return Ok(PriceDef {
            keyword,
            tiers: vec![TierDef {
                from,
                to: None,
                closed: None,
                range_tokens,
                price,
            }],
            flat: true,
            complete: true,
        });
    }
    let entries = braced_entries(input, "expected `{ 1..1_000 => 1.00, … }` after `tiers`")?;
    let before = errors.len();
    let tiers = each_plain(entries, errors, tier);
    Ok(PriceDef {
        keyword,
        tiers,
        flat: false,
        complete: errors.len() == before,
    })
}

/// A pack list: `packs { … }` or `packs none`, the keyword peeked.
pub fn packs_def(input: ParseStream, errors: &mut Errors) -> syn::Result<PacksDef> {
    let kw: Ident = input.parse()?;
    if peek_keyword(input, "none") {
        input.parse::<Ident>()?;
        return Ok(PacksDef {
            keyword: kw.span(),
            packs: Packs::None,
            complete: true,
        });
    }
    let entries = braced_entries(
        input,
        "expected `{ SIZE => PRICE, … }` or `none` after `packs`",
    )?;
    let before = errors.len();
    let packs = each_plain(entries, errors, pack);
    Ok(PacksDef {
        keyword: kw.span(),
        packs: Packs::List(packs),
        complete: errors.len() == before,
    })
}

/// Which properties a dated clause of a label may set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// `tiers`, `flat`, `named`.
    Postpaid,
    /// `packs`, `named`, `covers`.
    Prepaid,
}

impl LabelKind {
    fn properties(self) -> [&'static str; 3] {
        match self {
            LabelKind::Postpaid => ["tiers", "flat", "named"],
            LabelKind::Prepaid => ["packs", "named", "covers"],
        }
    }
}

/// What a label is before its dated clauses, as parsed.
#[derive(Default)]
pub struct LabelParts {
    pub start: Option<When>,
    pub price: Option<PriceDef>,
    pub packs: Option<PacksDef>,
    pub changes: Vec<Dated<LabelChange>>,
    pub end: Option<When>,
    /// Some part failed to parse: the label stays declared (so that rows using it do not
    /// report it unknown), and the checks of what it lacks are skipped.
    pub broken: bool,
}

/// [`label_rest`], recording a syntax error and skipping the rest of the entry rather than
/// dropping the label.
pub fn label_rest_or_skip(input: ParseStream, errors: &mut Errors, kind: LabelKind) -> LabelParts {
    match label_rest(input, errors, kind) {
        Ok(parts) => parts,
        Err(e) => {
            errors.push(e);
            let _ = input.parse::<TokenStream>();
            LabelParts {
                broken: true,
                ..LabelParts::default()
            }
        }
    }
}

/// The rest of a label entry after its names: `[from … per …] VALUE (from … per … CHANGE)*
/// [until … per …]`.
pub fn label_rest(
    input: ParseStream,
    errors: &mut Errors,
    kind: LabelKind,
) -> syn::Result<LabelParts> {
    let mut parts = LabelParts::default();
    if peek_keyword(input, "from") {
        parts.start = Some(when(input)?);
    }
    match kind {
        LabelKind::Postpaid if peek_keyword(input, "tiers") || peek_keyword(input, "flat") => {
            parts.price = Some(price_def(input, errors)?);
        }
        LabelKind::Prepaid if peek_keyword(input, "packs") => {
            parts.packs = Some(packs_def(input, errors)?);
        }
        _ if input.is_empty() && parts.start.is_none() => return Ok(parts),
        LabelKind::Postpaid => {
            return Err(input.error(
                "expected the label's price after its doc name: `tiers { 1..1_000 => 1.00, … }` or `flat 1.00`",
            ))
        }
        LabelKind::Prepaid => {
            return Err(input.error(
                "expected `packs { 1_000 => 930, … }` or `packs none` after the doc name",
            ))
        }
    }
    while peek_keyword(input, "from") {
        let when = when(input)?;
        let what = label_change(input, errors, kind, &when)?;
        parts.changes.push(Dated { when, what });
    }
    if peek_keyword(input, "until") {
        parts.end = Some(when(input)?);
    }
    if !input.is_empty() {
        let after = if parts.end.is_some() {
            "`until`: it ends the label"
        } else {
            "the label; expected `,`, a dated change `from \"DATE\" per DOCUMENT …` or its end `until \"DATE\" per DOCUMENT`"
        };
        return Err(input.error(format!("unexpected tokens after {after}")));
    }
    Ok(parts)
}

fn label_change(
    input: ParseStream,
    errors: &mut Errors,
    kind: LabelKind,
    when: &When,
) -> syn::Result<LabelChange> {
    let expected = || {
        let names = kind.properties();
        format!(
            "expected what changes on {}: `{}`, `{}` or `{}`",
            when.date.value(),
            names[0],
            names[1],
            names[2]
        )
    };
    if !input.peek(Ident) {
        return Err(input.error(expected()));
    }
    let keyword = input.fork().parse::<Ident>()?;
    let text = keyword.to_string();
    match (kind, text.as_str()) {
        (LabelKind::Postpaid, "tiers" | "flat") => Ok(LabelChange::Price(price_def(input, errors)?)),
        (LabelKind::Prepaid, "packs") => Ok(LabelChange::Packs(packs_def(input, errors)?)),
        (_, "named") => {
            let kw: Ident = input.parse()?;
            let name: LitStr = input.parse().map_err(|e| {
                syn::Error::new(e.span(), "expected the new doc name in quotes after `named`")
            })?;
            Ok(LabelChange::Named(kw, name))
        }
        (LabelKind::Prepaid, "covers") => {
            let kw: Ident = input.parse()?;
            Ok(LabelChange::Covers(kw, ident_list(input)?))
        }
        (LabelKind::Postpaid, "packs" | "covers") => Err(syn::Error::new(
            keyword.span(),
            format!("a postpaid label has no `{text}`: its dated changes set `tiers`, `flat` or `named` (packs belong to the prepaid label)"),
        )),
        (LabelKind::Prepaid, "tiers" | "flat") => Err(syn::Error::new(
            keyword.span(),
            format!("a prepaid label has no `{text}`: its dated changes set `packs`, `named` or `covers` (prices belong to the postpaid label)"),
        )),
        (_, other) => Err(syn::Error::new(
            keyword.span(),
            format!(
                "{}, found `{other}`{}",
                expected(),
                crate::names::suggest(other, kind.properties())
                    .map_or(String::new(), |s| format!("; did you mean `{s}`?"))
            ),
        )),
    }
}

/// `opened: from "…" before "…"` after the key.
pub fn opened(input: ParseStream, key: Ident) -> syn::Result<OpenedDef> {
    let expected = "expected `from \"YYYY-MM-DD\"`, `before \"YYYY-MM-DD\"` or both: `from \"2021-06-22\" before \"2023-01-04\"`";
    let mut def = OpenedDef {
        key,
        from: None,
        before: None,
    };
    while input.peek(Ident) {
        let which: Ident = input.parse()?;
        let slot = match which.to_string().as_str() {
            "from" if def.from.is_none() && def.before.is_none() => &mut def.from,
            "before" if def.before.is_none() => &mut def.before,
            _ => return Err(syn::Error::new(which.span(), expected)),
        };
        *slot = Some(
            input
                .parse()
                .map_err(|e| syn::Error::new(e.span(), expected))?,
        );
    }
    if def.from.is_none() && def.before.is_none() {
        return Err(input.error(expected));
    }
    Ok(def)
}

/// `settlement: monthly { bill_days: 1..=3 }` or `settlement: daily { bill_hours:
/// "08:00".."12:00" }` after the key.
pub fn settlement(input: ParseStream) -> syn::Result<SettlementDef> {
    let expected =
        "expected `monthly { bill_days: 1..=3 }` or `daily { bill_hours: \"08:00\"..\"12:00\" }`";
    let keyword: Ident = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), expected))?;
    let monthly = match keyword.to_string().as_str() {
        "monthly" => true,
        "daily" => false,
        other => {
            return Err(syn::Error::new(
                keyword.span(),
                format!(
                    "{expected}, found `{other}`{}",
                    hint(other, ["monthly", "daily"])
                ),
            ))
        }
    };
    let content;
    braced!(content in input);
    let key: Ident = content.parse()?;
    content.parse::<Token![:]>()?;
    let want = if monthly { "bill_days" } else { "bill_hours" };
    if key != want {
        return Err(syn::Error::new(
            key.span(),
            format!("a {keyword} settlement gives `{want}`, e.g. {expected}"),
        ));
    }
    let def = if monthly {
        let from: LitInt = content.parse()?;
        content.parse::<Token![..=]>().map_err(|e| {
            syn::Error::new(e.span(), "expected `..=`: bill days are written `1..=3`")
        })?;
        SettlementDef::Monthly {
            keyword,
            bill_days: Some((from, content.parse()?)),
        }
    } else {
        let from: LitStr = content.parse()?;
        content.parse::<Token![..]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `..`: bill hours are a half-open range, `\"08:00\"..\"12:00\"`",
            )
        })?;
        SettlementDef::Daily {
            keyword,
            bill_hours: Some((from, content.parse()?)),
        }
    };
    let _ = content.parse::<Option<Token![,]>>()?;
    if !content.is_empty() {
        return Err(content.error(format!("expected only `{want}` in the settlement")));
    }
    Ok(def)
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
        crate::parse::end(&content, "the doc id")?;
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
    crate::parse::end(input, "the document")?;
    Ok(DocumentDef {
        item,
        doc_id,
        commit,
    })
}

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
            let docs = crate::parse::docs(input, errors)?;
            let keyword: Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected a block of shared definitions: `documents`, `sources` or `codes`",
                )
            })?;
            let _ = docs;
            let entries = crate::parse::block_entries(input)?;
            match keyword.to_string().as_str() {
                "documents" => shared
                    .documents
                    .extend(crate::parse::each(entries, errors, document)),
                "sources" => shared
                    .sources
                    .extend(crate::parse::each(entries, errors, item)),
                "codes" => shared
                    .families
                    .extend(crate::parse::each(entries, errors, crate::parse::family)),
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
