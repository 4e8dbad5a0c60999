//! The checks of an edition's identity: its header (title, document, the range of opening
//! days it applies to, how it settles) and the documents its dated changes cite.

use syn::LitInt;

use crate::ast;
use crate::check::{Checker, Scope};
use crate::errors::Errors;
use crate::literals;
use crate::model::*;

/// Checks shared definitions on their own, as the shared-definitions macro does: names
/// unique, documents complete, code families listed once with real dates.
pub fn check_shared(shared: &ast::Shared, errors: &mut Errors) {
    let mut cx = Checker {
        errors,
        parsed_cleanly: true,
        start: None,
        documents: Scope::default(),
    };
    let documents: Vec<&ast::Item> = shared.documents.iter().map(|d| &d.item).collect();
    cx.documents = cx.scope("document", &documents, &[], 0);
    for d in &shared.documents {
        cx.document(d);
    }
    let sources: Vec<&ast::Item> = shared.sources.iter().collect();
    cx.scope("compare source", &sources, &[], 0);
    let families: Vec<&ast::Item> = shared.families.iter().map(|f| &f.item).collect();
    cx.scope("code family", &families, &[], 0);
    let mut changes = Vec::new();
    for f in &shared.families {
        cx.codes(f, false, &mut changes);
    }
}

/// The shared definitions an edition was handed, or none.
pub(crate) struct SharedParts<'a> {
    pub(crate) documents: Vec<&'a ast::DocumentDef>,
    pub(crate) sources: Vec<&'a ast::Item>,
    pub(crate) families: Vec<&'a ast::Family>,
    /// Their errors were reported where they are written: check them silently.
    pub(crate) quiet: bool,
}

impl<'a> SharedParts<'a> {
    pub(crate) fn of(shared: Option<&'a ast::Shared>) -> Self {
        SharedParts {
            documents: shared.map_or(Vec::new(), |s| s.documents.iter().collect()),
            sources: shared.map_or(Vec::new(), |s| s.sources.iter().collect()),
            families: shared.map_or(Vec::new(), |s| s.families.iter().collect()),
            quiet: shared.is_some_and(|s| s.reported),
        }
    }

    /// How many of a scope's first items are shared ones checked silently.
    pub(crate) fn quiet(&self, shared: usize) -> usize {
        if self.quiet {
            shared
        } else {
            0
        }
    }
}

/// Which items of a kind the model keeps, as their new positions: every item from `own` on
/// (the edition's), and the shared ones before it that are used.
pub(crate) fn keep(used: &[bool], own: usize) -> Vec<Option<usize>> {
    let mut next = 0;
    used.iter()
        .enumerate()
        .map(|(i, &u)| {
            (u || i >= own).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// Whether item `i` is kept, by [`keep`]'s numbering.
pub(crate) fn kept(keep: &[Option<usize>], i: usize) -> bool {
    keep.get(i).is_some_and(Option::is_some)
}

/// Renumbers the sections' and channels' sources and families to the kept ones (an index
/// that does not resolve, with errors, is left at 0: there is no model then).
pub(crate) fn renumber(
    sections: &mut [SectionM],
    channels: &mut [ChannelM],
    (sources, families): (&[Option<usize>], &[Option<usize>]),
) {
    let moved = |keep: &[Option<usize>], i: usize| keep.get(i).copied().flatten().unwrap_or(0);
    for section in sections {
        for s in &mut section.sources {
            *s = moved(sources, *s);
        }
    }
    for channel in channels {
        channel.family = moved(families, channel.family);
        for stamp in &mut channel.mappings {
            for cell in &mut stamp.value {
                cell.source = cell.source.map(|s| moved(sources, s));
            }
        }
    }
}

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
