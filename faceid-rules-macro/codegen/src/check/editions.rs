//! The checks of an edition's identity: its header (title, document, the range of opening
//! days it applies to, how it settles) and the documents its dated changes cite.

use syn::LitInt;

use crate::ast;
use crate::check::Checker;
use crate::errors::Errors;
use crate::literals;
use crate::model::*;

/// A checked header.
pub(crate) struct HeaderM {
    pub(crate) title: String,
    pub(crate) doc_id: u32,
    pub(crate) opened_from: Option<Ymd>,
    pub(crate) opened_before: Option<Ymd>,
    pub(crate) settlement: SettlementM,
}

impl Checker<'_> {
    pub(crate) fn header(&mut self, h: &ast::Header) -> HeaderM {
        let complete = h.complete;
        let mut missing = |key: &str, example: &str| {
            if complete {
                self.errors.at(
                    h.span,
                    format!("the table header lacks `{key}`: add `{key}: {example},`"),
                )
            }
        };
        let title = h.title.as_ref().map(syn::LitStr::value);
        if title.is_none() {
            missing("title", "\"计费概述\"");
        }
        if h.doc.is_none() {
            missing("doc", "31005");
        }
        if h.opened.is_none() {
            missing("opened", "before \"2021-06-22\"");
        }
        if h.settlement.is_none() {
            missing("settlement", "monthly { bill_days: 1..=3 }");
        }
        let doc_id = h.doc.as_ref().map_or(0, |d| self.doc_id(d));
        let (mut opened_from, mut opened_before) = (None, None);
        if let Some(opened) = &h.opened {
            opened_from = opened.from.as_ref().map(|d| self.date(d));
            opened_before = opened.before.as_ref().map(|d| self.date(d));
            if let (Some(from), Some(before), Some(lit)) =
                (opened_from, opened_before, &opened.before)
            {
                if before <= from {
                    self.errors.at(
                        lit.span(),
                        format!(
                            "dates out of order: the edition's accounts open from {} but before {}; the range holds no day",
                            crate::check::day_text(from),
                            crate::check::day_text(before)
                        ),
                    );
                }
            }
        }
        let settlement = match &h.settlement {
            None => SettlementM::Monthly { bill_days: (1, 1) },
            Some(ast::SettlementDef::Monthly { bill_days, .. }) => {
                let mut days = (1, 1);
                if let Some((a, b)) = bill_days {
                    if let (Some(x), Some(y)) = (bill_day(a, self.errors), bill_day(b, self.errors))
                    {
                        if x > y {
                            self.errors.at(
                                b.span(),
                                format!("the last bill day comes before the first ({x})"),
                            );
                        }
                        days = (x, y);
                    }
                }
                SettlementM::Monthly { bill_days: days }
            }
            Some(ast::SettlementDef::Daily { bill_hours, .. }) => {
                let mut hours = (0, 0);
                if let Some((a, b)) = bill_hours {
                    let clock = |lit, errors: &mut Errors| {
                        literals::clock(lit).map_err(|e| errors.push(e)).ok()
                    };
                    if let (Some(x), Some(y)) = (clock(a, self.errors), clock(b, self.errors)) {
                        if y <= x {
                            self.errors.at(
                                b.span(),
                                "bill hours are a half-open range of the next day: the end comes after the start, e.g. `\"08:00\"..\"12:00\"`",
                            );
                        }
                        hours = (x, y);
                    }
                }
                SettlementM::Daily { bill_hours: hours }
            }
        };
        HeaderM {
            title: title.unwrap_or_default(),
            doc_id,
            opened_from,
            opened_before,
            settlement,
        }
    }

    /// A document dated changes cite: its doc id and commit, checked.
    pub(crate) fn document(&mut self, d: &ast::DocumentDef) -> DocumentM {
        let doc_id = d.doc_id.as_ref().map(|(product, id)| {
            let product = product.as_ref().map_or(1007, |p| self.doc_id(p));
            (product, self.doc_id(id))
        });
        let commit = d
            .commit
            .as_ref()
            .and_then(|c| literals::commit(c).map_err(|e| self.errors.push(e)).ok());
        if d.doc_id.is_none() && d.commit.is_none() {
            self.errors.at(
                d.item.ident.span(),
                format!(
                    "document `{}` needs its doc id or the commit of the version cited: `{} = \"…\" (56804) @ \"0e629ca4\"`",
                    d.item.ident, d.item.ident
                ),
            );
        }
        DocumentM {
            named: crate::check::named(&d.item, std::iter::empty()),
            doc_id,
            commit,
        }
    }
}

fn bill_day(lit: &LitInt, errors: &mut Errors) -> Option<u8> {
    match lit.base10_parse::<u8>() {
        Ok(d) if (1..=28).contains(&d) => Some(d),
        _ => {
            errors.at(lit.span(), "a bill day is a day of the month, 1 to 28");
            None
        }
    }
}
