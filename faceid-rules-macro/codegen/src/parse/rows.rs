//! Rows of a section: channels (alone or in a bracketed group), what they map to, dated
//! changes of the mapping.

use syn::parse::ParseStream;
use syn::{braced, bracketed, parenthesized, Ident, LitInt, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::time::*;
use crate::parse::*;

pub(crate) fn row(input: ParseStream, errors: &mut Errors) -> syn::Result<RowDef> {
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
        let when = when(input)?;
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
pub(crate) fn mapping(input: ParseStream, errors: &mut Errors) -> syn::Result<Mapping> {
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

pub(crate) fn source_map(input: ParseStream) -> syn::Result<SourceMap> {
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

pub(crate) fn label_pair(input: ParseStream) -> syn::Result<LabelPair> {
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
pub(crate) fn channel(
    input: ParseStream,
    errors: &mut Errors,
    in_group: bool,
) -> syn::Result<ChannelDef> {
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
            let when = when(input)?;
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
