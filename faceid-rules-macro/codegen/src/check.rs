//! AST → [`Model`]: resolves every reference and runs every check, recording all errors.
//!
//! The checks, each a small function below:
//! names unique per kind (identifier and doc name), references known (with "did you mean"),
//! rows mapping every compare source of their section, labels used, used labels priced, tiers
//! contiguous from the first call and open-ended at the top with prices never rising, packs
//! ascending and positive, money exact to the fen, codes listed once, dates real.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{Ident, LitInt, LitStr};

use crate::ast::{self, CodeItem, Mapping, Packs, Price};
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
    };
    let model = cx.table(table);
    if cx.errors.is_empty() {
        Some(model)
    } else {
        None
    }
}

struct Checker<'e> {
    errors: &'e mut Errors,
    /// When parsing failed somewhere, rows may be missing: "unused" checks would be noise.
    parsed_cleanly: bool,
}

/// The identifiers of one kind, for resolving references.
struct Scope {
    kind: &'static str,
    by_ident: HashMap<String, usize>,
    idents: Vec<String>,
    /// Items whose identifier repeats an earlier one's (reported once, as a duplicate).
    duplicates: Vec<bool>,
}

impl Scope {
    fn resolve(&self, ident: &Ident, errors: &mut Errors) -> Option<usize> {
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
    fn table(&mut self, t: &ast::Table) -> Model {
        let (title, doc_id, opened_before, opened, bill_days) = self.header(&t.header);

        let source_items: Vec<&ast::Item> = t.sources.iter().collect();
        let postpaid_items: Vec<&ast::Item> = t.postpaid.iter().map(|p| &p.item).collect();
        let prepaid_items: Vec<&ast::Item> = t.prepaid.iter().map(|p| &p.item).collect();
        let family_items: Vec<&ast::Item> = t.families.iter().map(|f| &f.item).collect();
        let section_items: Vec<&ast::Item> = t.sections.iter().map(|s| &s.item).collect();
        let channel_defs: Vec<&ast::ChannelDef> = t
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.channels)
            .collect();
        let channel_items: Vec<&ast::Item> = channel_defs.iter().map(|c| &c.item).collect();

        let sources = self.scope("compare source", &source_items, &[]);
        let postpaid = self.scope("postpaid label", &postpaid_items, &[]);
        let prepaid = self.scope("prepaid label", &prepaid_items, &[]);
        let families = self.scope("code family", &family_items, &[]);
        self.scope("section", &section_items, &[]);
        let actions: Vec<Vec<String>> = channel_defs
            .iter()
            .map(|c| c.actions.iter().map(Ident::to_string).collect())
            .collect();
        self.scope("channel", &channel_items, &actions);
        if t.sections.is_empty() && self.parsed_cleanly {
            self.errors.at(
                t.name.span(),
                "the table has no sections: add `section NAME = \"doc name\" { … }` with its rows",
            );
        }

        let mut used_postpaid = vec![false; t.postpaid.len()];
        let mut used_prepaid = vec![false; t.prepaid.len()];
        let mut used_sources = vec![false; t.sources.len()];
        let mut used_families = vec![false; t.families.len()];

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
                for pair in row_pairs(row) {
                    mark_used(&postpaid, &pair.postpaid, &mut used_postpaid);
                    mark_used(&prepaid, &pair.prepaid, &mut used_prepaid);
                }
                let cells = self.row(
                    row,
                    section,
                    &section_sources,
                    &sources,
                    &postpaid,
                    &prepaid,
                );
                let mut row_channels = Vec::new();
                for ch in &row.channels {
                    let family = self.channel(ch, &families);
                    if let Some(f) = family {
                        used_families[f] = true;
                    }
                    row_channels.push(channels.len());
                    channels.push(ChannelM {
                        named: named(&ch.item, ch.actions.iter().map(Ident::to_string)),
                        section: s_index,
                        row: rows.len(),
                        doc_id: self.doc_id(&ch.doc_id),
                        family: family.unwrap_or(0),
                        actions: ch.actions.iter().map(Ident::to_string).collect(),
                    });
                }
                rows.push(RowM {
                    section: s_index,
                    channels: row_channels,
                    cells,
                });
            }
            sections.push(SectionM {
                named: named(&section.item, std::iter::empty()),
                sources: section_sources,
            });
        }

        for (scope, used) in [
            (&sources, &mut used_sources),
            (&postpaid, &mut used_postpaid),
            (&prepaid, &mut used_prepaid),
            (&families, &mut used_families),
        ] {
            for (u, &duplicate) in used.iter_mut().zip(&scope.duplicates) {
                *u |= duplicate;
            }
        }
        self.unused(
            "compare source",
            &source_items,
            &used_sources,
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
            &family_items,
            &used_families,
            "by any channel's `codes`",
        );

        let postpaid = t
            .postpaid
            .iter()
            .zip(&used_postpaid)
            .map(|(p, &used)| PostpaidM {
                named: named(&p.item, std::iter::empty()),
                tiers: self.tiers(p, used),
            })
            .collect();
        let prepaid = t
            .prepaid
            .iter()
            .zip(&used_prepaid)
            .map(|(p, &used)| PrepaidM {
                named: named(&p.item, std::iter::empty()),
                packs: self.packs(p, used),
            })
            .collect();
        let families = t
            .families
            .iter()
            .map(|f| FamilyM {
                named: named(&f.item, std::iter::empty()),
                rules: self.codes(f),
            })
            .collect();

        Model {
            krate: t.krate.clone(),
            docs: t.docs.clone(),
            vis: t.vis.clone(),
            name: t.name.clone(),
            path: module_path(t),
            title,
            doc_id,
            opened_before,
            opened,
            bill_days,
            sources: t
                .sources
                .iter()
                .map(|s| named(s, std::iter::empty()))
                .collect(),
            sections,
            channels,
            postpaid,
            prepaid,
            families,
            rows,
        }
    }

    fn header(&mut self, h: &ast::Header) -> (String, u32, bool, Ymd, (u8, u8)) {
        let complete = h.complete;
        let mut missing = |key: &str, example: &str| {
            if complete {
                self.errors.at(
                    h.span,
                    format!("the table header lacks `{key}`: add `{key}: {example},`"),
                )
            }
        };
        let title = h.title.as_ref().map(LitStr::value);
        if title.is_none() {
            missing("title", "\"计费概述\"");
        }
        if h.doc.is_none() {
            missing("doc", "31005");
        }
        if h.opened.is_none() {
            missing("opened", "before \"2021-06-22\"");
        }
        if h.bill_days.is_none() {
            missing("bill_days", "1..=3");
        }
        let doc_id = h.doc.as_ref().map_or(0, |d| self.doc_id(d));
        let (before, opened) = match &h.opened {
            Some((before, lit)) => (*before, self.date(lit)),
            None => (true, (1970, 1, 1)),
        };
        let mut bill_days = (1, 1);
        if let Some((a, b)) = &h.bill_days {
            let day = |lit: &LitInt, errors: &mut Errors| match lit.base10_parse::<u8>() {
                Ok(d) if (1..=28).contains(&d) => Some(d),
                _ => {
                    errors.at(lit.span(), "a bill day is a day of the month, 1 to 28");
                    None
                }
            };
            if let (Some(x), Some(y)) = (day(a, self.errors), day(b, self.errors)) {
                if x > y {
                    self.errors.at(
                        b.span(),
                        format!("the last bill day comes before the first ({x})"),
                    );
                }
                bill_days = (x, y);
            }
        }
        (title.unwrap_or_default(), doc_id, before, opened, bill_days)
    }

    fn doc_id(&mut self, lit: &LitInt) -> u32 {
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

    fn date(&mut self, lit: &LitStr) -> Ymd {
        literals::date(lit).unwrap_or_else(|e| {
            self.errors.push(e);
            (1970, 1, 1)
        })
    }

    /// Checks that identifiers are CamelCase and that identifiers, doc names and aliases
    /// are unique within a kind (after normalising); returns the scope.
    fn scope(&mut self, kind: &'static str, items: &[&ast::Item], extra: &[Vec<String>]) -> Scope {
        let mut by_ident: HashMap<String, usize> = HashMap::new();
        let mut duplicates = vec![false; items.len()];
        // Every primary name (doc name and identifier), normalised → (item, span, text).
        let mut names: HashMap<String, (usize, Span, String)> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let ident = item.ident.to_string();
            self.camel_case(&item.ident, kind);
            if let Some(&first) = by_ident.get(&ident) {
                duplicates[i] = true;
                self.errors.duplicate(
                    item.ident.span(),
                    items[first].ident.span(),
                    format!("the {kind} `{ident}` is defined twice"),
                    &format!("`{ident}`"),
                );
                continue;
            }
            by_ident.insert(ident.clone(), i);
            let doc_name = item.doc_name.value();
            for (text, span, what) in [
                (doc_name.clone(), item.doc_name.span(), "doc name"),
                (ident.clone(), item.ident.span(), "identifier"),
            ] {
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
                        self.errors.duplicate(
                            span,
                            first_span,
                            message,
                            &format!("{first_text:?}"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, (i, span, text));
                    }
                }
            }
        }
        for (i, item) in items.iter().enumerate() {
            let aliases = item.aliases.iter().map(|a| (a.value(), a.span())).chain(
                extra
                    .get(i)
                    .into_iter()
                    .flatten()
                    .map(|a| (a.clone(), item.ident.span())),
            );
            for (alias, span) in aliases {
                if alias.trim().is_empty() {
                    self.errors.at(span, "an alias cannot be empty");
                    continue;
                }
                if let Some((owner, first_span, text)) = names.get(&normalise(&alias)) {
                    if *owner != i {
                        self.errors.duplicate(
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

    /// Identifiers become enum variants: CamelCase, as rustc expects.
    fn camel_case(&mut self, ident: &Ident, kind: &str) {
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
            self.errors.at(
                ident.span(),
                format!("the {kind} identifier `{text}` becomes an enum variant: write it in CamelCase, e.g. `{suggestion}`"),
            );
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

    fn row(
        &mut self,
        row: &ast::RowDef,
        section: &ast::Section,
        section_sources: &[usize],
        sources: &Scope,
        postpaid: &Scope,
        prepaid: &Scope,
    ) -> Vec<CellM> {
        let name = &section.item.ident;
        match (&row.mapping, section.compare.is_some()) {
            (Mapping::Direct(pair), false) => {
                vec![CellM {
                    source: None,
                    labels: self.pair(pair, postpaid, prepaid),
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
                let mut cells: Vec<(usize, Option<(usize, usize)>)> = Vec::new();
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
                    cells.push((s, labels));
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
                section_sources
                    .iter()
                    .filter_map(|&s| {
                        cells
                            .iter()
                            .find(|(c, _)| *c == s)
                            .map(|&(_, labels)| CellM {
                                source: Some(s),
                                labels,
                            })
                    })
                    .collect()
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

    fn money(&mut self, price: &Price, what: &str) -> Option<i64> {
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

    fn tiers(&mut self, label: &ast::Postpaid, used: bool) -> Vec<TierM> {
        let ident = &label.item.ident;
        let Some((kw, defs)) = &label.tiers else {
            if used {
                self.errors.at(
                    ident.span(),
                    format!("postpaid label `{ident}` is used by a row but has no tiers: add `tiers {{ 1.. => PRICE }}`"),
                );
            }
            return Vec::new();
        };
        if defs.is_empty() {
            self.errors.at(
                *kw,
                format!("postpaid label `{ident}` lists no tiers: add at least `1.. => PRICE`"),
            );
            return Vec::new();
        }
        let mut tiers: Vec<TierM> = Vec::new();
        let mut last_price: Option<(i64, Span)> = None;
        // With a tier that failed to parse, the neighbours' ranges would look wrong.
        let structure = label.complete;
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
        tiers
    }

    fn packs(&mut self, label: &ast::Prepaid, used: bool) -> Vec<(u64, i64)> {
        let ident = &label.item.ident;
        let defs = match &label.packs {
            None => {
                if used {
                    self.errors.at(
                        ident.span(),
                        format!("prepaid label `{ident}` is used by a row but has no packs: add `packs {{ SIZE => PRICE, … }}`, or `packs none` if it is sold without packs"),
                    );
                }
                return Vec::new();
            }
            Some((_, Packs::None)) => return Vec::new(),
            Some((kw, Packs::List(defs))) if defs.is_empty() => {
                self.errors.at(
                    *kw,
                    "no packs listed: write `packs none` if the label is sold without packs",
                );
                return Vec::new();
            }
            Some((_, Packs::List(defs))) => defs,
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

    fn codes(&mut self, family: &ast::Family) -> Vec<CodeRule> {
        let name = &family.item.ident;
        // Base listing: every code once, billed or not.
        let mut base: Vec<(CodePattern, bool, &CodeItem)> = Vec::new();
        let mut changes: Vec<(Ymd, bool, CodePattern, &CodeItem, Span)> = Vec::new();
        for entry in &family.entries {
            let date = entry.from.as_ref().map(|lit| (self.date(lit), lit.span()));
            if entry.codes.is_empty() && family.complete {
                let what = if entry.from.is_some() {
                    "this change"
                } else {
                    "this list"
                };
                self.errors.at(
                    entry.keyword.span(),
                    format!("{what} names no codes: list them, or remove it"),
                );
            }
            for code in &entry.codes {
                let pattern = match code {
                    CodeItem::Name(s) => CodePattern::Name(s.value()),
                    CodeItem::Int { lo, hi, tokens } => {
                        if lo > hi {
                            self.errors.over(
                                tokens,
                                format!("empty range: write it ascending, `{hi}..={lo}`"),
                            );
                            continue;
                        }
                        CodePattern::Range(*lo, *hi)
                    }
                };
                match date {
                    None => {
                        if let Some((first, _, first_code)) =
                            base.iter().find(|(p, _, _)| overlaps(p, &pattern))
                        {
                            self.errors.twice(
                                code_tokens(code),
                                code_span(first_code),
                                format!(
                                    "{} listed twice in code family `{name}`",
                                    shared(first, &pattern)
                                ),
                                "first listed here",
                            );
                            continue;
                        }
                        base.push((pattern, entry.billed, code));
                    }
                    Some((day, span)) => {
                        if let Some((_, _, first, first_code, _)) = changes
                            .iter()
                            .find(|(d, _, p, _, _)| *d == day && overlaps(p, &pattern))
                        {
                            self.errors.twice(
                                code_tokens(code),
                                code_span(first_code),
                                format!(
                                    "{} listed twice in the change of {}",
                                    shared(first, &pattern),
                                    day_text(day)
                                ),
                                "first listed here",
                            );
                            continue;
                        }
                        changes.push((day, entry.billed, pattern, code, span));
                    }
                }
            }
        }
        changes.sort_by_key(|c| c.0);

        // Split numeric codes into pieces on which every listing agrees, then group pieces
        // that behave alike into one rule.
        let mut cuts: Vec<i64> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let all = base
            .iter()
            .map(|b| &b.0)
            .chain(changes.iter().map(|c| &c.2));
        for p in all {
            match p {
                CodePattern::Range(lo, hi) => {
                    cuts.push(*lo);
                    cuts.push(hi.saturating_add(1));
                }
                CodePattern::Name(n) => {
                    if !names.contains(n) {
                        names.push(n.clone());
                    }
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut pieces: Vec<CodePattern> = cuts
            .windows(2)
            .map(|w| CodePattern::Range(w[0], w[1] - 1))
            .filter(|p| {
                base.iter()
                    .map(|b| &b.0)
                    .chain(changes.iter().map(|c| &c.2))
                    .any(|q| overlaps(p, q))
            })
            .collect();
        pieces.extend(names.into_iter().map(CodePattern::Name));

        let mut rules: Vec<CodeRule> = Vec::new();
        for piece in pieces {
            let start = base.iter().find(|b| overlaps(&b.0, &piece)).map(|b| b.1);
            let mut state = start;
            let mut timeline = Vec::new();
            for (day, billed, pattern, code, _) in &changes {
                if !overlaps(pattern, &piece) {
                    continue;
                }
                if state == Some(*billed) {
                    self.errors.over(
                        code_tokens(code),
                        format!(
                            "this change makes {} {} from {}, but it already is",
                            describe(&piece),
                            if *billed { "billed" } else { "not billed" },
                            day_text(*day)
                        ),
                    );
                }
                state = Some(*billed);
                timeline.push((*day, *billed));
            }
            match rules
                .iter_mut()
                .find(|r| r.base == start && r.changes == timeline)
            {
                Some(rule) => merge_pattern(&mut rule.patterns, piece),
                None => rules.push(CodeRule {
                    patterns: vec![piece],
                    base: start,
                    changes: timeline,
                }),
            }
        }
        rules
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

/// The label pairs a row names, whether or not they resolve.
fn row_pairs(row: &ast::RowDef) -> Vec<&ast::LabelPair> {
    match &row.mapping {
        Mapping::Direct(pair) => vec![pair],
        Mapping::BySource(maps) => maps.iter().filter_map(|m| m.labels.as_ref()).collect(),
    }
}

/// Marks the item named `ident` as used, if it exists (unknown names are reported elsewhere).
fn mark_used(scope: &Scope, ident: &Ident, used: &mut [bool]) {
    if let Some(&i) = scope.by_ident.get(&ident.to_string()) {
        used[i] = true;
    }
}

/// Adds `piece` to a rule's patterns, joining it to an adjacent range.
fn merge_pattern(patterns: &mut Vec<CodePattern>, piece: CodePattern) {
    if let (Some(CodePattern::Range(_, hi)), CodePattern::Range(lo, new_hi)) =
        (patterns.last_mut(), &piece)
    {
        if hi.checked_add(1) == Some(*lo) {
            *hi = *new_hi;
            return;
        }
    }
    patterns.push(piece);
}

fn overlaps(a: &CodePattern, b: &CodePattern) -> bool {
    match (a, b) {
        (CodePattern::Name(x), CodePattern::Name(y)) => x == y,
        (CodePattern::Range(a0, a1), CodePattern::Range(b0, b1)) => a0 <= b1 && b0 <= a1,
        _ => false,
    }
}

/// `2021-07-19`.
fn day_text((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The codes two overlapping listings share, as a sentence subject: "the code -1 is",
/// "the codes 2009..=2012 are".
fn shared(a: &CodePattern, b: &CodePattern) -> String {
    match (a, b) {
        (CodePattern::Range(a0, a1), CodePattern::Range(b0, b1)) => {
            let (lo, hi) = ((*a0).max(*b0), (*a1).min(*b1));
            if lo == hi {
                format!("the code {lo} is")
            } else {
                format!("the codes {lo}..={hi} are")
            }
        }
        _ => format!("{} is", describe(b)),
    }
}

fn describe(p: &CodePattern) -> String {
    match p {
        CodePattern::Name(n) => format!("the code {n:?}"),
        CodePattern::Range(lo, hi) if lo == hi => format!("the code {lo}"),
        CodePattern::Range(lo, hi) => format!("the codes {lo}..={hi}"),
    }
}

fn code_span(code: &CodeItem) -> Span {
    match code {
        CodeItem::Name(s) => s.span(),
        CodeItem::Int { tokens, .. } => tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span()),
    }
}

fn code_tokens(code: &CodeItem) -> proc_macro2::TokenStream {
    match code {
        CodeItem::Name(s) => quote::quote!(#s),
        CodeItem::Int { tokens, .. } => tokens.clone(),
    }
}

fn named(item: &ast::Item, extra_aliases: impl Iterator<Item = String>) -> Named {
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
