//! The table's header: title, doc, the accounts it applies to, settlement, path.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{braced, Ident, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::names::hint;
use crate::parse::*;

pub(crate) fn header(input: ParseStream, span: Span, errors: &mut Errors) -> Header {
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

pub(crate) fn header_entry(input: ParseStream, header: &mut Header) -> syn::Result<()> {
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
            header.opened = Some(opened(input, key.clone())?);
        }
        "settlement" => {
            dup(header.settlement.is_some())?;
            header.settlement = Some(settlement(input)?);
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
