//! Postpaid and prepaid labels: names, prices (tiers or flat), packs, dated changes.

use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{Ident, Lit, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::time::*;
use crate::parse::*;

pub(crate) fn postpaid(input: ParseStream, errors: &mut Errors) -> syn::Result<Postpaid> {
    let item = item(input, errors)?;
    let parts = label_rest_or_skip(input, errors, LabelKind::Postpaid);
    Ok(Postpaid {
        item,
        start: parts.start,
        price: parts.price,
        changes: parts.changes,
        end: parts.end,
        broken: parts.broken,
    })
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

pub(crate) fn prepaid(input: ParseStream, errors: &mut Errors) -> syn::Result<Prepaid> {
    let item = item(input, errors)?;
    let parts = label_rest_or_skip(input, errors, LabelKind::Prepaid);
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

/// A postpaid price: `tiers { … }` or `flat PRICE`, the keyword peeked.
pub fn price_def(input: ParseStream, errors: &mut Errors) -> syn::Result<PriceDef> {
    let keyword: Ident = input.parse()?;
    if keyword == "flat" {
        let start = input.fork();
        let price = price(input)?;
        let range_tokens = tokens_between(&start, input);
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

pub(crate) fn label_change(
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
