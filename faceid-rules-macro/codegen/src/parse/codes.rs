//! Code families: `billed [...]`, `not_billed [...]`, dated changes of codes.

use syn::parse::ParseStream;
use syn::{bracketed, Ident, LitInt, LitStr, Token};

use crate::ast::*;
use crate::errors::Errors;
use crate::literals;
use crate::names::hint;
use crate::parse::time::*;
use crate::parse::*;

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

pub(crate) fn family_entry(input: ParseStream, errors: &mut Errors) -> syn::Result<FamilyEntry> {
    let expected = "expected `billed [...]`, `not_billed [...]` or `from \"YYYY-MM-DD\" per DOCUMENT billed|not_billed [...]`";
    let mut from = None;
    if peek_keyword(input, "from") {
        from = Some(when(input)?);
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

pub(crate) fn code(input: ParseStream) -> syn::Result<CodeItem> {
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

pub(crate) fn signed(input: ParseStream) -> syn::Result<i64> {
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
