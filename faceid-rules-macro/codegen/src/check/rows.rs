//! Rows: what each row and channel maps to, checked against its section — every compare
//! source of the section mapped once (or the row directly, in a section without compare
//! source), labels written `POSTPAID / PREPAID` and known, a channel's result codes and API
//! actions.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::Ident;

use crate::ast::{self, Mapping};
use crate::check::names::{list_idents, Scope};
use crate::check::Checker;

/// A cell of a mapping as written: a compare source and its labels, with spans.
pub(crate) struct CellDef {
    pub(crate) source: Option<usize>,
    pub(crate) labels: Option<(usize, usize)>,
    /// The source (or, without compare, the postpaid label), for errors about the cell.
    pub(crate) span: Span,
    /// The postpaid and prepaid labels as written.
    pub(crate) label_spans: Option<(Span, Span)>,
}

impl Checker<'_> {
    pub(crate) fn compare(&mut self, section: &ast::Section, sources: &Scope) -> Vec<usize> {
        let Some(list) = &section.compare else {
            return Vec::new();
        };
        if list.is_empty() {
            self.errors.at(
                section.item.ident.span(),
                "`compare []` is empty: leave `compare` out for a section without compare source",
            );
        }
        let mut out: Vec<usize> = Vec::new();
        for (i, ident) in list.iter().enumerate() {
            if let Some(first) = list[..i].iter().find(|f| *f == ident) {
                self.errors.duplicate(
                    ident.span(),
                    first.span(),
                    format!("the compare source `{ident}` is listed twice"),
                    &format!("`{ident}`"),
                );
                continue;
            }
            out.extend(sources.resolve(ident, self.errors));
        }
        out
    }

    /// The cells of each dated change of a mapping (the sources each names).
    pub(crate) fn dated_cells<'a>(
        &mut self,
        changes: &'a [ast::Dated<Mapping>],
        row: &ast::RowDef,
        section: &ast::Section,
        section_sources: &[usize],
        scopes: (&Scope, &Scope, &Scope),
    ) -> Vec<(&'a ast::When, Vec<CellDef>)> {
        changes
            .iter()
            .map(|c| {
                let cells = self.cells(&c.what, row, section, section_sources, scopes, true);
                (&c.when, cells)
            })
            .collect()
    }

    /// The cells a mapping gives, checked against the section: every source of the section
    /// once (for a `partial` mapping, a dated change, those named), or the row itself in a
    /// section without compare source.
    pub(crate) fn cells(
        &mut self,
        mapping: &Mapping,
        row: &ast::RowDef,
        section: &ast::Section,
        section_sources: &[usize],
        (sources, postpaid, prepaid): (&Scope, &Scope, &Scope),
        partial: bool,
    ) -> Vec<CellDef> {
        let name = &section.item.ident;
        match (mapping, section.compare.is_some()) {
            (Mapping::Direct(pair), false) => {
                vec![CellDef {
                    source: None,
                    labels: self.pair(pair, postpaid, prepaid),
                    span: pair.postpaid.span(),
                    label_spans: Some((pair.postpaid.span(), pair.prepaid.span())),
                }]
            }
            (Mapping::Direct(pair), true) => {
                let (postpaid, prepaid) = (&pair.postpaid, &pair.prepaid);
                self.errors.over(
                    quote::quote!(#postpaid / #prepaid),
                    format!(
                        "section `{name}` compares against sources: map each one, `=> {{ SOURCE => POSTPAID / PREPAID, … }}`"
                    ),
                );
                Vec::new()
            }
            (Mapping::BySource(maps), false) => {
                let first = maps.first().map_or(row.arrow, |m| m.source.span());
                self.errors.at(
                    first,
                    format!(
                        "section `{name}` has no compare source: map the row directly, `=> POSTPAID / PREPAID`"
                    ),
                );
                Vec::new()
            }
            (Mapping::BySource(maps), true) => {
                let mut given: HashMap<usize, &Ident> = HashMap::new();
                let mut cells: Vec<CellDef> = Vec::new();
                // Once a source fails to resolve, which one was meant is unknown: do not
                // also report the sources the row seems to miss.
                let mut all_resolved = row.complete;
                for map in maps {
                    let Some(s) = sources.resolve(&map.source, self.errors) else {
                        all_resolved = false;
                        continue;
                    };
                    if !section_sources.contains(&s) {
                        self.errors.at(
                            map.source.span(),
                            format!(
                                "section `{name}` does not compare against `{}`; its sources are {}",
                                map.source,
                                list_idents(section_sources.iter().map(|&i| &sources.idents[i]))
                            ),
                        );
                        continue;
                    }
                    if let Some(first) = given.get(&s) {
                        self.errors.duplicate(
                            map.source.span(),
                            first.span(),
                            format!("the row maps `{}` twice", map.source),
                            &format!("`{}`", map.source),
                        );
                        continue;
                    }
                    given.insert(s, &map.source);
                    let labels = map
                        .labels
                        .as_ref()
                        .and_then(|p| self.pair(p, postpaid, prepaid));
                    cells.push(CellDef {
                        source: Some(s),
                        labels,
                        span: map.source.span(),
                        label_spans: map
                            .labels
                            .as_ref()
                            .map(|p| (p.postpaid.span(), p.prepaid.span())),
                    });
                }
                if partial {
                    return cells;
                }
                let at = row
                    .channels
                    .first()
                    .map_or(row.arrow, |c| c.item.ident.span());
                for &s in section_sources.iter().filter(|_| all_resolved) {
                    if !given.contains_key(&s) {
                        let source = &sources.idents[s];
                        self.errors.at(
                            at,
                            format!(
                                "the row does not map compare source `{source}` of section `{name}`: add `{source} => POSTPAID / PREPAID`, or `{source} => not offered`"
                            ),
                        );
                    }
                }
                let offered = maps.iter().any(|m| m.labels.is_some());
                if !offered && !maps.is_empty() {
                    self.errors.at(
                        at,
                        "the row offers no compare source: every source is `not offered`",
                    );
                }
                cells.sort_by_key(|c| {
                    section_sources
                        .iter()
                        .position(|&s| Some(s) == c.source)
                        .unwrap_or(usize::MAX)
                });
                cells
            }
        }
    }

    fn pair(
        &mut self,
        pair: &ast::LabelPair,
        postpaid: &Scope,
        prepaid: &Scope,
    ) -> Option<(usize, usize)> {
        const ORDER: &str = "labels are written `POSTPAID / PREPAID`";
        let pp = postpaid.resolve_or(&pair.postpaid, Some((prepaid, ORDER)), self.errors);
        let pre = prepaid.resolve_or(&pair.prepaid, Some((postpaid, ORDER)), self.errors);
        Some((pp?, pre?))
    }

    pub(crate) fn channel(&mut self, ch: &ast::ChannelDef, families: &Scope) -> Option<usize> {
        for (i, action) in ch.actions.iter().enumerate() {
            if let Some(first) = ch.actions[..i].iter().find(|a| *a == action) {
                self.errors.duplicate(
                    action.span(),
                    first.span(),
                    format!("the action `{action}` is listed twice"),
                    &format!("`{action}`"),
                );
            }
        }
        match &ch.codes {
            Some(family) => families.resolve(family, self.errors),
            None => {
                self.errors.at(
                    ch.item.ident.span(),
                    format!(
                        "channel `{}` needs its result codes: add `codes FAMILY` after its doc id",
                        ch.item.ident
                    ),
                );
                None
            }
        }
    }
}

impl CellDef {
    /// What the cell is about, in a sentence: "the compare source" or "the row".
    pub(crate) fn item_name(&self) -> &'static str {
        if self.source.is_some() {
            "the compare source"
        } else {
            "the row"
        }
    }
}
