//! AST → [`Model`]: resolves every reference and runs every check, recording all errors.
//!
//! `Checker::table` walks the table in the order a reader does and hands each concern to
//! its module, one small file each:
//!
//! - [`names`]: identifiers CamelCase, names unique per kind, references known (with "did
//!   you mean"), items used;
//! - [`tiers`]: money exact to the fen, tiers contiguous and open-ended, prices never
//!   rising; [`packs`]: pack sizes ascending, prices positive;
//! - [`rows`]: what a row maps each compare source of its section to; [`mappings`]: each
//!   channel's mapping over time, with every label in force on the days it is used;
//! - [`codes`]: code families, every code listed once, dated changes that change something;
//! - [`dates`]: dated clauses (real dates, documents cited, date order, overlaps) and
//!   timelines; [`labels`]: each label's prices, packs, names and covers over time;
//! - [`editions`]: the header and the documents; [`shared`]: the shared definitions an
//!   edition is handed.

use proc_macro2::Span;
use syn::{Ident, LitInt, LitStr};

pub mod codes;
pub mod dates;
pub mod editions;
pub mod labels;
pub mod mappings;
pub mod names;
pub mod packs;
pub mod rows;
pub mod shared;
pub mod tiers;

use crate::ast::{self, Mapping};
use crate::errors::Errors;
use crate::literals;
use crate::model::*;
use labels::LabelSpan;
use mappings::Names;
use names::Scope;
use shared::{keep, kept, renumber, SharedParts};

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
