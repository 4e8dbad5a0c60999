//! AST → [`Model`]: resolves every reference and runs every check, recording all errors.
//!
//! The checks, each a small function below:
//! names unique per kind (identifier and doc name), references known (with "did you mean"),
//! rows mapping every compare source of their section, labels used, used labels priced, tiers
//! contiguous from the first call and open-ended at the top with prices never rising, packs
//! ascending and positive, money exact to the fen, codes listed once, dates real.
//!
//! The checks of time — dated changes, what is in force on each day — are in
//! [`check_time`](crate::check_time); those of code families in
//! [`check_codes`](crate::check_codes); those of the edition's header, its documents and the
//! shared definitions it is handed in [`check_edition`](crate::check_edition).

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Ident, LitInt, LitStr};

use crate::ast::{self, Mapping, Packs, Price};
use crate::check_edition::{keep, kept, renumber, SharedParts};
use crate::check_time::{CellDef, LabelSpan, Names};
use crate::errors::Errors;
use crate::literals;
use crate::model::*;
use crate::names::{hint, normalise};

/// Checks a parsed table. Returns the model only when no error was found (in parsing, whose
/// errors are already in `errors`, or here).
pub fn check(table: &ast::Table, errors: &mut Errors) -> Option<Model> {
    let parsed_cleanly = errors.is_empty();
    let mut cx = Checker {
        errors,
        parsed_cleanly,
        start: None,
        documents: Scope::default(),
    };
    let model = cx.table(table);
    // Shared definitions whose errors were reported where they are written give no model,
    // and no second report.
    let shared_broken = table.shared.as_ref().is_some_and(|s| s.reported);
    if cx.errors.is_empty() && !shared_broken {
        Some(model)
    } else {
        None
    }
}

pub(crate) struct Checker<'e> {
    pub(crate) errors: &'e mut Errors,
    /// When parsing failed somewhere, rows may be missing: "unused" checks would be noise.
    pub(crate) parsed_cleanly: bool,
    /// The first day of the edition (accounts opened from that day on), if it has one.
    pub(crate) start: Option<Ymd>,
    /// The documents dated changes may cite.
    pub(crate) documents: Scope,
}

/// The identifiers of one kind, for resolving references.
#[derive(Default)]
pub(crate) struct Scope {
    pub(crate) kind: &'static str,
    pub(crate) by_ident: HashMap<String, usize>,
    pub(crate) idents: Vec<String>,
    /// Items whose identifier repeats an earlier one's (reported once, as a duplicate).
    duplicates: Vec<bool>,
}

impl Scope {
    pub(crate) fn resolve(&self, ident: &Ident, errors: &mut Errors) -> Option<usize> {
        self.resolve_or(ident, None, errors)
    }

    /// Resolves `ident`; when it is unknown here but names an item of `other`, says so.
    fn resolve_or(
        &self,
        ident: &Ident,
        other: Option<(&Scope, &str)>,
        errors: &mut Errors,
    ) -> Option<usize> {
        let name = ident.to_string();
        let found = self.by_ident.get(&name).copied();
        if found.is_none() {
            let message = match other {
                Some((scope, order)) if scope.by_ident.contains_key(&name) => {
                    format!("`{name}` is a {}, not a {}: {order}", scope.kind, self.kind)
                }
                _ => format!(
                    "unknown {} `{name}`{}",
                    self.kind,
                    hint(&name, self.idents.iter().map(String::as_str))
                ),
            };
            errors.at(ident.span(), message);
        }
        found
    }
}

impl Checker<'_> {
    /// Runs `f` with errors recorded into a scratch list that is then dropped, when `quiet`.
    pub(crate) fn quietly<R>(&mut self, quiet: bool, f: impl FnOnce(&mut Self) -> R) -> R {
        if !quiet {
            return f(self);
        }
        let mut scratch = Errors::default();
        std::mem::swap(self.errors, &mut scratch);
        let out = f(self);
        std::mem::swap(self.errors, &mut scratch);
        out
    }

    fn table(&mut self, t: &ast::Table) -> Model {
        let header = self.header(&t.header);
        // A range that holds no day is reported once, not against every change.
        self.start = header
            .opened_from
            .filter(|&from| header.opened_before.is_none_or(|before| from < before));
        let shared = SharedParts::of(t.shared.as_ref());

        // Shared definitions come first in each scope; the edition's own follow.
        let document_defs: Vec<&ast::DocumentDef> = shared
            .documents
            .iter()
            .copied()
            .chain(&t.documents)
            .collect();
        let document_items: Vec<&ast::Item> = document_defs.iter().map(|d| &d.item).collect();
        let source_items: Vec<&ast::Item> =
            shared.sources.iter().copied().chain(&t.sources).collect();
        let family_defs: Vec<&ast::Family> =
            shared.families.iter().copied().chain(&t.families).collect();
        let family_items: Vec<&ast::Item> = family_defs.iter().map(|f| &f.item).collect();
        let postpaid_items: Vec<&ast::Item> = t.postpaid.iter().map(|p| &p.item).collect();
        let prepaid_items: Vec<&ast::Item> = t.prepaid.iter().map(|p| &p.item).collect();
        let section_items: Vec<&ast::Item> = t.sections.iter().map(|s| &s.item).collect();
        let channel_defs: Vec<&ast::ChannelDef> = t
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.channels)
            .collect();
        let channel_items: Vec<&ast::Item> = channel_defs.iter().map(|c| &c.item).collect();

        let quiet_documents = shared.quiet(shared.documents.len());
        self.documents = self.scope("document", &document_items, &[], quiet_documents);
        let documents = self.quietly(shared.quiet, |cx| {
            document_defs[..shared.documents.len()]
                .iter()
                .map(|d| cx.document(d))
                .collect::<Vec<_>>()
        });
        let documents: Vec<DocumentM> = documents
            .into_iter()
            .chain(
                document_defs[shared.documents.len()..]
                    .iter()
                    .map(|d| self.document(d)),
            )
            .collect();
        let sources = self.scope(
            "compare source",
            &source_items,
            &[],
            shared.quiet(shared.sources.len()),
        );
        let postpaid_names: Vec<Vec<(String, Span)>> =
            t.postpaid.iter().map(|p| dated_names(&p.changes)).collect();
        let prepaid_names: Vec<Vec<(String, Span)>> =
            t.prepaid.iter().map(|p| dated_names(&p.changes)).collect();
        let postpaid = self.scope("postpaid label", &postpaid_items, &postpaid_names, 0);
        let prepaid = self.scope("prepaid label", &prepaid_items, &prepaid_names, 0);
        let families = self.scope(
            "code family",
            &family_items,
            &[],
            shared.quiet(shared.families.len()),
        );
        self.scope("section", &section_items, &[], 0);
        let actions: Vec<Vec<(String, Span)>> = channel_defs
            .iter()
            .map(|c| {
                c.actions
                    .iter()
                    .map(|a| (a.to_string(), c.item.ident.span()))
                    .collect()
            })
            .collect();
        self.scope("channel", &channel_items, &actions, 0);
        if t.sections.is_empty() && self.parsed_cleanly {
            self.errors.at(
                t.name.span(),
                "the table has no sections: add `section NAME = \"doc name\" { … }` with its rows",
            );
        }

        // Which labels rows use (on any day), so that a label used but unpriced is named
        // as such and one never used is refused.
        let mut used_postpaid = vec![false; t.postpaid.len()];
        let mut used_prepaid = vec![false; t.prepaid.len()];
        for row in t.sections.iter().flat_map(|s| &s.rows) {
            for pair in row_pairs(row) {
                mark_used(&postpaid, &pair.postpaid, &mut used_postpaid);
                mark_used(&prepaid, &pair.prepaid, &mut used_prepaid);
            }
        }
        for (scope, used) in [
            (&postpaid, &mut used_postpaid),
            (&prepaid, &mut used_prepaid),
        ] {
            for (u, &duplicate) in used.iter_mut().zip(&scope.duplicates) {
                *u |= duplicate;
            }
        }
        let mut changes = Vec::new();
        let postpaid_m: Vec<PostpaidM> = t
            .postpaid
            .iter()
            .zip(&used_postpaid)
            .map(|(p, &used)| self.postpaid_label(p, used, &mut changes))
            .collect();
        let prepaid_m: Vec<PrepaidM> = t
            .prepaid
            .iter()
            .zip(&used_prepaid)
            .map(|(p, &used)| self.prepaid_label(p, used, (&prepaid, &t.prepaid), &mut changes))
            .collect();
        self.covers_in_force(t, &prepaid_m);
        let spans = LabelSpan::of(&postpaid_m, &prepaid_m);

        let mut used_sources = vec![false; source_items.len()];
        let mut used_families = vec![false; family_items.len()];
        let mut sections = Vec::new();
        let mut channels = Vec::new();
        let mut rows = Vec::new();
        for (s_index, section) in t.sections.iter().enumerate() {
            let section_sources = self.compare(section, &sources);
            for &s in &section_sources {
                used_sources[s] = true;
            }
            if section.rows.is_empty() && self.parsed_cleanly {
                self.errors.at(
                    section.item.ident.span(),
                    format!("section `{}` has no rows", section.item.ident),
                );
            }
            for row in &section.rows {
                let scopes = (&sources, &postpaid, &prepaid);
                let base = self.cells(&row.mapping, row, section, &section_sources, scopes, false);
                let row_changes =
                    self.dated_cells(&row.changes, row, section, &section_sources, scopes);
                let mut row_channels = Vec::new();
                let mut own = Vec::new();
                for ch in &row.channels {
                    let family = self.channel(ch, &families);
                    if let Some(f) = family {
                        used_families[f] = true;
                    }
                    own.push(self.dated_cells(&ch.changes, row, section, &section_sources, scopes));
                    row_channels.push(channels.len());
                    channels.push(ChannelM {
                        named: named(&ch.item, ch.actions.iter().map(Ident::to_string)),
                        section: s_index,
                        row: rows.len(),
                        doc_id: self.doc_id(&ch.doc_id),
                        family: family.unwrap_or(0),
                        actions: ch.actions.iter().map(Ident::to_string).collect(),
                        from: None,
                        until: None,
                        mappings: Vec::new(),
                    });
                }
                let first = row_channels.first().copied().unwrap_or(0);
                let names = Names {
                    sources: &source_items,
                    postpaid: &postpaid_m,
                    prepaid: &prepaid_m,
                };
                self.row_timelines(
                    row,
                    &base,
                    &row_changes,
                    &own,
                    &mut channels[first..],
                    &spans,
                    &names,
                    &mut changes,
                );
                rows.push(RowM {
                    section: s_index,
                    channels: row_channels,
                });
            }
            sections.push(SectionM {
                named: named(&section.item, std::iter::empty()),
                sources: section_sources,
            });
        }

        // Shared sources and families need not be used by every edition: only the
        // edition's own are checked for use.
        for (scope, used) in [
            (&sources, &mut used_sources),
            (&families, &mut used_families),
        ] {
            for (u, &duplicate) in used.iter_mut().zip(&scope.duplicates) {
                *u |= duplicate;
            }
        }
        let own_sources = shared.sources.len();
        let own_families = shared.families.len();
        self.unused(
            "compare source",
            &source_items[own_sources..],
            &used_sources[own_sources..],
            "in any section's `compare [...]`",
        );
        self.unused(
            "postpaid label",
            &postpaid_items,
            &used_postpaid,
            "by any row",
        );
        self.unused("prepaid label", &prepaid_items, &used_prepaid, "by any row");
        self.unused(
            "code family",
            &family_items[own_families..],
            &used_families[own_families..],
            "by any channel's `codes`",
        );

        // The model holds the shared sources and families the edition uses, and its own.
        // (With errors there is no model: an index that does not resolve is left at 0.)
        let keep_sources = keep(&used_sources, own_sources);
        let keep_families = keep(&used_families, own_families);
        let mut families_m = Vec::new();
        for (i, f) in family_defs.iter().enumerate() {
            let quiet = i < shared.quiet(shared.families.len());
            // A shared family the edition does not use lists none of its changes.
            let mut unused = Vec::new();
            let sink = if kept(&keep_families, i) {
                &mut changes
            } else {
                &mut unused
            };
            let rules = self.quietly(quiet, |cx| cx.codes(f, i >= own_families, sink));
            families_m.push(FamilyM {
                named: named(&f.item, std::iter::empty()),
                rules,
            });
        }

        renumber(
            &mut sections,
            &mut channels,
            (&keep_sources, &keep_families),
        );
        let sources_m = source_items
            .iter()
            .zip(&keep_sources)
            .filter(|(_, k)| k.is_some())
            .map(|(s, _)| named(s, std::iter::empty()))
            .collect();
        let families_m = families_m
            .into_iter()
            .zip(&keep_families)
            .filter(|(_, k)| k.is_some())
            .map(|(f, _)| f)
            .collect();
        changes.sort_by_key(|c| c.at);

        Model {
            krate: t.krate.clone(),
            docs: t.docs.clone(),
            vis: t.vis.clone(),
            name: t.name.clone(),
            path: module_path(t),
            title: header.title,
            doc_id: header.doc_id,
            opened_from: header.opened_from,
            opened_before: header.opened_before,
            settlement: header.settlement,
            documents,
            changes,
            sources: sources_m,
            sections,
            channels,
            postpaid: postpaid_m,
            prepaid: prepaid_m,
            families: families_m,
            rows,
        }
    }

    pub(crate) fn doc_id(&mut self, lit: &LitInt) -> u32 {
        match lit.base10_parse::<u32>() {
            Ok(id) if id > 0 && lit.suffix().is_empty() => id,
            _ => {
                self.errors.at(
                    lit.span(),
                    "expected a document id, the number at the end of the document's link (e.g. `31071`)",
                );
                0
            }
        }
    }

    pub(crate) fn date(&mut self, lit: &LitStr) -> Ymd {
        literals::date(lit).unwrap_or_else(|e| {
            self.errors.push(e);
            (1970, 1, 1)
        })
    }

    /// Checks that identifiers are CamelCase and that identifiers, doc names and aliases
    /// are unique within a kind (after normalising); returns the scope. `extra` are more
    /// names per item (API actions, dated doc names); the first `quiet` items are checked
    /// elsewhere and registered here without errors.
    pub(crate) fn scope(
        &mut self,
        kind: &'static str,
        items: &[&ast::Item],
        extra: &[Vec<(String, Span)>],
        quiet: usize,
    ) -> Scope {
        let mut by_ident: HashMap<String, usize> = HashMap::new();
        let mut duplicates = vec![false; items.len()];
        // Every primary name (doc name and identifier), normalised → (item, span, text).
        let mut names: HashMap<String, (usize, Span, String)> = HashMap::new();
        let mut found = Errors::default();
        for (i, item) in items.iter().enumerate() {
            let ident = item.ident.to_string();
            let errors = if i < quiet {
                &mut found
            } else {
                &mut *self.errors
            };
            camel_case(errors, &item.ident, kind);
            if let Some(&first) = by_ident.get(&ident) {
                duplicates[i] = true;
                errors.duplicate(
                    item.ident.span(),
                    items[first].ident.span(),
                    format!("the {kind} `{ident}` is defined twice"),
                    &format!("`{ident}`"),
                );
                continue;
            }
            by_ident.insert(ident.clone(), i);
            let doc_name = item.doc_name.value();
            // Two versions of one document share its title: documents are told apart by
            // identifier only.
            let titled = kind != "document";
            let primary = [
                (doc_name.clone(), item.doc_name.span(), "doc name"),
                (ident.clone(), item.ident.span(), "identifier"),
            ];
            for (text, span, what) in primary.into_iter().filter(|p| titled || p.2 != "doc name") {
                let key = normalise(&text);
                match names.get(&key) {
                    Some((first, first_span, first_text)) if *first != i => {
                        let first_span = *first_span;
                        let spelt = if first_text == &text {
                            String::new()
                        } else {
                            format!("{first_text:?}; ")
                        };
                        let message = format!(
                            "the {kind} {what} {text:?} is already the name of `{}` ({spelt}names are compared ignoring spaces, case and full-width forms)",
                            items[*first].ident
                        );
                        errors.duplicate(span, first_span, message, &format!("{first_text:?}"));
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, (i, span, text));
                    }
                }
            }
        }
        for (i, item) in items.iter().enumerate() {
            let errors = if i < quiet {
                &mut found
            } else {
                &mut *self.errors
            };
            let aliases = item
                .aliases
                .iter()
                .map(|a| (a.value(), a.span()))
                .chain(extra.get(i).into_iter().flatten().cloned());
            for (alias, span) in aliases {
                if alias.trim().is_empty() {
                    errors.at(span, "an alias cannot be empty");
                    continue;
                }
                if let Some((owner, first_span, text)) = names.get(&normalise(&alias)) {
                    if *owner != i {
                        errors.duplicate(
                            span,
                            *first_span,
                            format!(
                                "the alias {alias:?} is already a name of another {kind}, `{}`",
                                items[*owner].ident
                            ),
                            &format!("{text:?}"),
                        );
                    }
                }
            }
        }
        Scope {
            kind,
            idents: items.iter().map(|i| i.ident.to_string()).collect(),
            by_ident,
            duplicates,
        }
    }

    fn unused(&mut self, kind: &str, items: &[&ast::Item], used: &[bool], by: &str) {
        if !self.parsed_cleanly {
            return;
        }
        for (item, &used) in items.iter().zip(used) {
            if !used {
                self.errors.at(
                    item.ident.span(),
                    format!(
                        "the {kind} `{}` is not used {by}; remove it, or use it",
                        item.ident
                    ),
                );
            }
        }
    }

    fn compare(&mut self, section: &ast::Section, sources: &Scope) -> Vec<usize> {
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
    fn dated_cells<'a>(
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
    fn cells(
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

    fn channel(&mut self, ch: &ast::ChannelDef, families: &Scope) -> Option<usize> {
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

    pub(crate) fn money(&mut self, price: &Price, what: &str) -> Option<i64> {
        match price {
            Price::Negotiated(_) => None,
            Price::Money {
                minus: Some(tokens),
                ..
            } => {
                self.errors
                    .over(tokens, format!("{what} cannot be negative"));
                None
            }
            Price::Money { minus: None, lit } => match literals::money_fen(lit) {
                Ok(fen) => Some(fen),
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            },
        }
    }

    /// A price as written (`tiers { … }` or `flat PRICE`) of the label `ident`, checked.
    pub(crate) fn price(&mut self, def: &ast::PriceDef, ident: &Ident) -> PriceM {
        let defs = &def.tiers;
        if defs.is_empty() && def.complete {
            self.errors.at(
                def.keyword.span(),
                format!("postpaid label `{ident}` lists no tiers: add at least `1.. => PRICE`"),
            );
        }
        if def.flat {
            if let Some(Price::Negotiated(n)) = defs.first().map(|t| &t.price) {
                self.errors.at(
                    n.span(),
                    "a flat price is a list price: write it in yuan, or `tiers { … }` with a 联系商务 tier",
                );
            }
        }
        let mut tiers: Vec<TierM> = Vec::new();
        let mut last_price: Option<(i64, Span)> = None;
        // With a tier that failed to parse, the neighbours' ranges would look wrong.
        let structure = def.complete;
        for (i, def) in defs.iter().enumerate() {
            let from = match literals::count(&def.from) {
                Ok(n) => n,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            let to = match def.to.as_ref().map(literals::count) {
                Some(Ok(t)) => Some(t),
                Some(Err(e)) => {
                    self.errors.push(e);
                    continue;
                }
                None => None,
            };
            if let Some(op) = &def.closed {
                self.errors.over(
                    op,
                    "tiers are half-open ranges: write `FROM..TO`, as the document's `FROM≤调用量<TO`",
                );
            }
            if structure && i == 0 && from != 1 {
                self.errors.over(
                    &def.from,
                    format!("the first tier must start at the first call of the month: write `1..` (the document's `0<调用量`), not `{from}..`"),
                );
            }
            if let Some(t) = to {
                if t <= from {
                    self.errors.over(
                        &def.range_tokens,
                        format!("the tier `{from}..{t}` holds no call count: tiers ascend, `FROM..TO` with FROM < TO"),
                    );
                }
            }
            if let Some(prev) = tiers.last().filter(|_| structure) {
                match prev.to {
                    None => self.errors.over(
                        &defs[i - 1].range_tokens,
                        "only the last tier may be open-ended (`FROM..`)",
                    ),
                    Some(prev_to) if from > prev_to => self.errors.over(
                        &def.from,
                        format!("gap between tiers: monthly volumes {prev_to}..{from} have no tier; start this tier at {prev_to}"),
                    ),
                    Some(_) if from < prev.from => self.errors.over(
                        &def.range_tokens,
                        format!("tiers are not ascending: `{from}..` comes after the tier starting at {}", prev.from),
                    ),
                    Some(prev_to) if from < prev_to => self.errors.over(
                        &def.from,
                        format!("tiers overlap: the previous tier runs up to {prev_to}; start this tier at {prev_to}"),
                    ),
                    Some(_) => {}
                }
            }
            if structure && i == defs.len() - 1 {
                if let Some(t) = to {
                    self.errors.over(
                        &def.range_tokens,
                        format!("the top tier must be open-ended: write `{from}..` (the document's `…及以上`); volumes from {t} would have no price"),
                    );
                }
            }
            let price = self.money(&def.price, "a unit price");
            if let (Some(p), Price::Money { lit, .. }) = (price, &def.price) {
                if let Some((before, _)) = last_price {
                    if p > before {
                        self.errors.at(
                            lit.span(),
                            format!(
                                "the unit price rises with volume: ¥{} here, ¥{} for fewer calls; volume tiers never cost more per call",
                                yuan(p),
                                yuan(before)
                            ),
                        );
                    }
                }
                last_price = Some((p, lit.span()));
            }
            tiers.push(TierM { from, to, price });
        }
        PriceM {
            tiers,
            flat: def.flat,
        }
    }

    /// A pack list as written (`packs { … }` or `packs none`), checked.
    pub(crate) fn pack_list(&mut self, def: &ast::PacksDef) -> Vec<(u64, i64)> {
        let defs = match &def.packs {
            Packs::None => return Vec::new(),
            Packs::List(defs) if defs.is_empty() && def.complete => {
                self.errors.at(
                    def.keyword,
                    "no packs listed: write `packs none` if the label is sold without packs",
                );
                return Vec::new();
            }
            Packs::List(defs) => defs,
        };
        let mut packs: Vec<(u64, i64)> = Vec::new();
        for def in defs {
            let size = match literals::count(&def.size) {
                Ok(0) => {
                    self.errors
                        .over(&def.size, "a pack holds at least one call");
                    continue;
                }
                Ok(s) => s,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            if let Some(&(prev, _)) = packs.last() {
                if size <= prev {
                    self.errors.over(
                        &def.size,
                        format!("pack sizes must ascend: {size} comes after {prev}"),
                    );
                }
            }
            if let Price::Negotiated(n) = &def.price {
                self.errors
                    .at(n.span(), "packs are sold at a list price: write it in yuan");
                continue;
            }
            match self.money(&def.price, "a pack's price") {
                Some(0) => {
                    if let Price::Money { lit, .. } = &def.price {
                        self.errors
                            .at(lit.span(), "a pack's price must be positive");
                    }
                }
                Some(price) => packs.push((size, price)),
                None => {}
            }
        }
        packs
    }
}

/// Identifiers become enum variants: CamelCase, as rustc expects.
fn camel_case(errors: &mut Errors, ident: &Ident, kind: &str) {
    let text = ident.to_string();
    let camel = text.starts_with(|c: char| c.is_ascii_uppercase()) && !text.contains('_');
    if !camel {
        let suggestion: String = text
            .trim_start_matches("r#")
            .split('_')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(cs).collect())
            })
            .collect();
        errors.at(
            ident.span(),
            format!("the {kind} identifier `{text}` becomes an enum variant: write it in CamelCase, e.g. `{suggestion}`"),
        );
    }
}

/// The table module's path from the crate root: `path:` in the header, else its name.
pub fn module_path(t: &ast::Table) -> proc_macro2::TokenStream {
    match &t.header.path {
        Some(path) => quote::quote!(#path),
        None => {
            let name = &t.name;
            quote::quote!(#name)
        }
    }
}

/// The label pairs a row names on any day, whether or not they resolve.
fn row_pairs(row: &ast::RowDef) -> Vec<&ast::LabelPair> {
    let mappings = std::iter::once(&row.mapping)
        .chain(row.changes.iter().map(|c| &c.what))
        .chain(
            row.channels
                .iter()
                .flat_map(|ch| ch.changes.iter().map(|c| &c.what)),
        );
    mappings
        .flat_map(|m| match m {
            Mapping::Direct(pair) => vec![pair],
            Mapping::BySource(maps) => maps.iter().filter_map(|m| m.labels.as_ref()).collect(),
        })
        .collect()
}

/// The doc names a label's dated changes give it, with their spans.
fn dated_names(changes: &[ast::Dated<ast::LabelChange>]) -> Vec<(String, Span)> {
    changes
        .iter()
        .filter_map(|c| match &c.what {
            ast::LabelChange::Named(_, name) => Some((name.value(), name.span())),
            _ => None,
        })
        .collect()
}

/// Marks the item named `ident` as used, if it exists (unknown names are reported elsewhere).
fn mark_used(scope: &Scope, ident: &Ident, used: &mut [bool]) {
    if let Some(&i) = scope.by_ident.get(&ident.to_string()) {
        used[i] = true;
    }
}

/// `2021-07-19`.
pub(crate) fn day_text((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

pub(crate) fn named(item: &ast::Item, extra_aliases: impl Iterator<Item = String>) -> Named {
    Named {
        ident: item.ident.clone(),
        doc_name: item.doc_name.value(),
        aliases: item
            .aliases
            .iter()
            .map(LitStr::value)
            .chain(extra_aliases)
            .collect(),
        docs: item.docs.clone(),
    }
}

fn list_idents<'a>(idents: impl Iterator<Item = &'a String>) -> String {
    idents
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
