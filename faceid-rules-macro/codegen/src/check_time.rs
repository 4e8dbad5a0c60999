//! The checks of time: dated changes of labels, channels and rows turned into timelines,
//! proving that on every day each channel and compare source maps to one postpaid and one
//! prepaid label, each label in force has one price and its packs, and every label a row
//! uses is in force on the days the row uses it.
//!
//! Errors, each at the token at fault: a change without the document it comes from, dated
//! before the edition starts, at a time of day where only a day is meant, out of date order,
//! on the same day as another change of the same thing (overlapping), or changing nothing;
//! a label used on a day it is not in force.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::Ident;

use crate::ast::{self, LabelChange};
use crate::check::{day_text, named, Checker, Scope};
use crate::literals;
use crate::model::*;

/// A checked `from`/`until`: when, and per which document.
#[derive(Clone, Copy)]
pub(crate) struct Moment {
    pub(crate) at: At,
    pub(crate) per: Option<usize>,
    pub(crate) span: Span,
}

/// A cell of a mapping as written: a compare source and its labels, with spans.
pub(crate) struct CellDef {
    pub(crate) source: Option<usize>,
    pub(crate) labels: Option<(usize, usize)>,
    /// The source (or, without compare, the postpaid label), for errors about the cell.
    pub(crate) span: Span,
    /// The postpaid and prepaid labels as written.
    pub(crate) label_spans: Option<(Span, Span)>,
}

/// When a label is in force: `[from, until)`, `None` unbounded.
#[derive(Clone, Copy)]
pub(crate) struct InForce {
    from: Option<At>,
    until: Option<At>,
}

impl InForce {
    fn of<V>(timeline: &Timeline<Option<V>>) -> InForce {
        let first = timeline.iter().find(|s| s.value.is_some());
        InForce {
            from: first.and_then(|s| s.from),
            until: timeline
                .iter()
                .skip_while(|s| s.value.is_none())
                .find(|s| s.value.is_none())
                .and_then(|s| s.from),
        }
    }

    /// Whether it covers every moment of `[from, until)`.
    fn covers(self, from: Option<At>, until: Option<At>) -> bool {
        let starts_in_time = match (self.from, from) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a <= b,
        };
        let lasts = match (self.until, until) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => a >= b,
        };
        starts_in_time && lasts
    }

    fn text(self) -> String {
        match (self.from, self.until) {
            (None, None) => "on every day".to_owned(),
            (Some(f), None) => format!("from {}", at_text(f)),
            (None, Some(u)) => format!("before {}", at_text(u)),
            (Some(f), Some(u)) => format!("from {} before {}", at_text(f), at_text(u)),
        }
    }
}

/// The labels' periods in force and doc names, for the checks of rows.
pub(crate) struct LabelSpan {
    postpaid: Vec<(InForce, String)>,
    prepaid: Vec<(InForce, String)>,
}

impl LabelSpan {
    pub(crate) fn of(postpaid: &[PostpaidM], prepaid: &[PrepaidM]) -> LabelSpan {
        LabelSpan {
            postpaid: postpaid
                .iter()
                .map(|p| (InForce::of(&p.prices), p.named.doc_name.clone()))
                .collect(),
            prepaid: prepaid
                .iter()
                .map(|p| (InForce::of(&p.packs), p.named.doc_name.clone()))
                .collect(),
        }
    }
}

/// `2022-01-04`, or `2022-01-04 10:00` when the moment is not midnight.
pub(crate) fn at_text((day, minute): At) -> String {
    if minute == 0 {
        day_text(day)
    } else {
        format!("{} {:02}:{:02}", day_text(day), minute / 60, minute % 60)
    }
}

/// Where `[from, until)` and `[a, b)` overlap, if they do.
fn meet(
    (from, until): (Option<At>, Option<At>),
    (a, b): (Option<At>, Option<At>),
) -> Option<(Option<At>, Option<At>)> {
    let lo = match (from, a) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    };
    let hi = match (until, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    };
    match (lo, hi) {
        (Some(l), Some(h)) if l >= h => None,
        _ => Some((lo, hi)),
    }
}

/// One dated clause of a label, checked: when, what, and the span of what.
struct Clause<'a> {
    moment: Moment,
    what: &'a LabelChange,
}

impl Checker<'_> {
    /// Checks a dated clause's date and the document it cites. `time_ok`: whether a time of
    /// day may be given; `own`: whether the edition writes it (so that it is checked against
    /// the edition's start). `None` when the date is not one.
    pub(crate) fn moment(&mut self, w: &ast::When, time_ok: bool, own: bool) -> Option<Moment> {
        let at = match literals::instant(&w.date) {
            Ok(at) => at,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        if at.1 != 0 && !time_ok {
            self.errors.at(
                w.date.span(),
                format!(
                    "only a pack list changes at a time of day: calls are rated by their day, so prices, labels, channels and codes change at 00:00; write `{} \"{}\"`",
                    w.keyword,
                    day_text(at.0)
                ),
            );
        }
        let per = match &w.per {
            Some(doc) => self.documents.resolve(doc, self.errors),
            None => {
                self.errors.at(
                    w.date.span(),
                    format!(
                        "a dated change cites the document it comes from: write `{} \"{}\" per DOCUMENT`, with the document declared in `documents {{ … }}`",
                        w.keyword,
                        w.date.value()
                    ),
                );
                None
            }
        };
        if let (Some(start), true) = (self.start, own) {
            if at.0 < start {
                self.errors.at(
                    w.date.span(),
                    format!(
                        "this change is dated {}, before the edition starts on {} (its accounts open from that day): write what holds on {} as the entry itself",
                        at_text(at),
                        day_text(start),
                        day_text(start)
                    ),
                );
            }
        }
        Some(Moment {
            at,
            per,
            span: w.date.span(),
        })
    }

    /// Checks that `m` does not come before the moment written above it (`last`), and makes
    /// it the last one.
    pub(crate) fn in_order(&mut self, last: &mut Option<(At, Span)>, m: &Moment, what: &str) {
        if let Some((prev, prev_span)) = *last {
            if m.at < prev {
                self.errors.with_note(
                    m.span,
                    format!(
                        "dates out of order: this change of {what} is dated {}, after one dated {} above; write dated changes in date order",
                        at_text(m.at),
                        at_text(prev)
                    ),
                    prev_span,
                    "the later date is written here",
                );
            }
        }
        if last.is_none_or(|(prev, _)| m.at >= prev) {
            *last = Some((m.at, m.span));
        }
    }

    /// The start, dated clauses and end of a label, checked as moments in writing order.
    fn label_moments<'a>(
        &mut self,
        ident: &Ident,
        start: Option<&ast::When>,
        changes: &'a [ast::Dated<LabelChange>],
        end: Option<&ast::When>,
    ) -> (Option<Moment>, Vec<Clause<'a>>, Option<Moment>) {
        let what = format!("`{ident}`");
        let start = start.and_then(|w| self.moment(w, false, true));
        let mut last = start.map(|m| (m.at, m.span));
        let mut clauses = Vec::new();
        for change in changes {
            let time_ok = matches!(change.what, LabelChange::Packs(_));
            if let Some(m) = self.moment(&change.when, time_ok, true) {
                if let Some(s) = start.filter(|s| s.at == m.at) {
                    self.errors.with_note(
                        m.span,
                        format!(
                            "overlapping dated entries: `{ident}` comes into force on {}, and this change is dated the same day; write the value as the label's own",
                            at_text(m.at)
                        ),
                        s.span,
                        "the label comes into force here",
                    );
                }
                self.in_order(&mut last, &m, &what);
                clauses.push(Clause {
                    moment: m,
                    what: &change.what,
                });
            }
        }
        let end = end.and_then(|w| self.moment(w, false, true));
        if let (Some(e), Some((prev, prev_span))) = (&end, last) {
            if e.at <= prev {
                self.errors.with_note(
                    e.span,
                    format!(
                        "dates out of order: `{ident}` ends on {}, but a date above is {}; the end comes after every change",
                        at_text(e.at),
                        at_text(prev)
                    ),
                    prev_span,
                    "that date is written here",
                );
            }
        }
        (start, clauses, end)
    }

    /// One property of a label over time: `base` from `start` (or the beginning), then each
    /// clause's value, `None` from `end`. Reports overlapping changes and changes that change
    /// nothing; adds each change to `out`.
    #[allow(clippy::too_many_arguments)]
    fn timeline<V: Clone + PartialEq>(
        &mut self,
        (kind, ident, name): (&'static str, &Ident, &str),
        property: &str,
        start: Option<&Moment>,
        base: V,
        clauses: Vec<(Moment, V, Span)>,
        end: Option<&Moment>,
        describe: &dyn Fn(&V) -> String,
        out: &mut Vec<ChangeM>,
    ) -> Timeline<Option<V>> {
        let mut line = vec![Stamp {
            from: start.map(|m| m.at),
            value: Some(base),
            per: start.and_then(|m| m.per),
        }];
        let mut seen: Vec<(At, Span)> = Vec::new();
        for (m, value, span) in clauses {
            if let Some(&(_, first)) = seen.iter().find(|(at, _)| *at == m.at) {
                self.errors.with_note(
                    m.span,
                    format!(
                        "overlapping dated entries: the {property} of `{ident}` changes twice on {}",
                        at_text(m.at)
                    ),
                    first,
                    "the other change of that day is here",
                );
                continue;
            }
            seen.push((m.at, m.span));
            let current = line
                .iter()
                .rev()
                .find(|s| s.from.is_none_or(|f| f <= m.at))
                .and_then(|s| s.value.clone());
            if current.as_ref() == Some(&value) {
                self.errors.at(
                    span,
                    format!(
                        "this change on {} changes nothing: the {property} of `{ident}` already is {}",
                        at_text(m.at),
                        describe(&value)
                    ),
                );
                continue;
            }
            if let Some(per) = m.per {
                out.push(ChangeM {
                    at: m.at,
                    kind,
                    subject: name.to_owned(),
                    what: format!("{property}: {}", describe(&value)),
                    per,
                });
            }
            line.push(Stamp {
                from: Some(m.at),
                value: Some(value),
                per: m.per,
            });
        }
        if let Some(e) = end {
            line.push(Stamp {
                from: Some(e.at),
                value: None,
                per: e.per,
            });
        }
        line.sort_by_key(|s| s.from);
        line
    }

    /// A label's coming into force and its end, for the list of changes.
    fn label_bounds(
        kind: &'static str,
        name: &str,
        (start, end): (Option<&Moment>, Option<&Moment>),
        first: String,
        out: &mut Vec<ChangeM>,
    ) {
        if let Some(Moment {
            at, per: Some(per), ..
        }) = start
        {
            out.push(ChangeM {
                at: *at,
                kind,
                subject: name.to_owned(),
                what: format!("in force: {first}"),
                per: *per,
            });
        }
        if let Some(Moment {
            at, per: Some(per), ..
        }) = end
        {
            out.push(ChangeM {
                at: *at,
                kind,
                subject: name.to_owned(),
                what: "no longer in force".to_owned(),
                per: *per,
            });
        }
    }

    /// A postpaid label: its prices and doc names over time.
    pub(crate) fn postpaid_label(
        &mut self,
        p: &ast::Postpaid,
        used: bool,
        out: &mut Vec<ChangeM>,
    ) -> PostpaidM {
        let ident = &p.item.ident;
        let name = p.item.doc_name.value();
        let (start, clauses, end) =
            self.label_moments(ident, p.start.as_ref(), &p.changes, p.end.as_ref());
        let base = match &p.price {
            Some(def) => self.price(def, ident),
            None => {
                if used && !p.broken {
                    self.errors.at(
                        ident.span(),
                        format!("postpaid label `{ident}` is used by a row but has no price: add `flat PRICE` or `tiers {{ 1.. => PRICE }}`"),
                    );
                }
                PriceM {
                    tiers: Vec::new(),
                    flat: false,
                }
            }
        };
        let mut prices = Vec::new();
        let mut names = Vec::new();
        for c in &clauses {
            match c.what {
                LabelChange::Price(def) => {
                    prices.push((c.moment, self.price(def, ident), def.keyword.span()))
                }
                LabelChange::Named(_, lit) => names.push((c.moment, lit.value(), lit.span())),
                LabelChange::Packs(_) | LabelChange::Covers(..) => {}
            }
        }
        Self::label_bounds(
            "postpaid label",
            &name,
            (start.as_ref(), end.as_ref()),
            describe_price(&base),
            out,
        );
        let subject = ("postpaid label", ident, name.as_str());
        let prices = self.timeline(
            subject,
            "price",
            start.as_ref(),
            base,
            prices,
            end.as_ref(),
            &describe_price,
            out,
        );
        let names = self.names(subject, name.clone(), names, out);
        let dated = names.iter().skip(1).map(|s| s.value.clone());
        PostpaidM {
            named: named(&p.item, dated),
            prices,
            names,
        }
    }

    /// A label's doc names over time.
    fn names(
        &mut self,
        subject: (&'static str, &Ident, &str),
        base: String,
        clauses: Vec<(Moment, String, Span)>,
        out: &mut Vec<ChangeM>,
    ) -> Timeline<String> {
        let describe = |n: &String| format!("{n:?}");
        self.timeline(
            subject, "doc name", None, base, clauses, None, &describe, out,
        )
        .into_iter()
        .filter_map(|s| {
            Some(Stamp {
                from: s.from,
                value: s.value?,
                per: s.per,
            })
        })
        .collect()
    }

    /// A prepaid label: its packs, doc names and the labels its packs also cover, over time.
    pub(crate) fn prepaid_label(
        &mut self,
        p: &ast::Prepaid,
        used: bool,
        (scope, labels): (&Scope, &[ast::Prepaid]),
        out: &mut Vec<ChangeM>,
    ) -> PrepaidM {
        let ident = &p.item.ident;
        let name = p.item.doc_name.value();
        let (start, clauses, end) =
            self.label_moments(ident, p.start.as_ref(), &p.changes, p.end.as_ref());
        let base = match &p.packs {
            Some(def) => self.pack_list(def),
            None => {
                if used && !p.broken {
                    self.errors.at(
                        ident.span(),
                        format!("prepaid label `{ident}` is used by a row but has no packs: add `packs {{ SIZE => PRICE, … }}`, or `packs none` if it is sold without packs"),
                    );
                }
                Vec::new()
            }
        };
        let mut packs = Vec::new();
        let mut names = Vec::new();
        let mut covers = Vec::new();
        for c in &clauses {
            match c.what {
                LabelChange::Packs(def) => packs.push((c.moment, self.pack_list(def), def.keyword)),
                LabelChange::Named(_, lit) => names.push((c.moment, lit.value(), lit.span())),
                LabelChange::Covers(kw, targets) => {
                    let mut list: Vec<usize> = Vec::new();
                    for target in targets {
                        let Some(t) = scope.resolve(target, self.errors) else {
                            continue;
                        };
                        if target == ident {
                            self.errors.at(
                                target.span(),
                                format!("packs of `{ident}` cover its own calls already: name other labels"),
                            );
                        } else if list.contains(&t) {
                            self.errors
                                .at(target.span(), format!("`{target}` is listed twice"));
                        } else {
                            list.push(t);
                        }
                    }
                    covers.push((c.moment, list, kw.span()));
                }
                LabelChange::Price(_) => {}
            }
        }
        Self::label_bounds(
            "prepaid label",
            &name,
            (start.as_ref(), end.as_ref()),
            describe_packs(&base),
            out,
        );
        let subject = ("prepaid label", ident, name.as_str());
        let packs = self.timeline(
            subject,
            "packs",
            start.as_ref(),
            base,
            packs,
            end.as_ref(),
            &|packs: &Vec<(u64, i64)>| describe_packs(packs),
            out,
        );
        let names = self.names(subject, name.clone(), names, out);
        let covers_label = |list: &Vec<usize>| {
            if list.is_empty() {
                "nothing else".to_owned()
            } else {
                // By doc name, as the list of changes shows labels.
                list.iter()
                    .map(|&i| {
                        labels
                            .get(i)
                            .map_or(String::new(), |l| l.item.doc_name.value())
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            }
        };
        let covers = self
            .timeline(
                subject,
                "cover",
                start.as_ref(),
                Vec::new(),
                covers,
                None,
                &covers_label,
                out,
            )
            .into_iter()
            .map(|s| Stamp {
                from: s.from,
                value: s.value.unwrap_or_default(),
                per: s.per,
            })
            .collect();
        let dated = names.iter().skip(1).map(|s| s.value.clone());
        PrepaidM {
            named: named(&p.item, dated),
            packs,
            names,
            covers,
        }
    }

    /// Every label a label's packs cover is in force whenever they cover it.
    pub(crate) fn covers_in_force(&mut self, t: &ast::Table, prepaid: &[PrepaidM]) {
        let spans = LabelSpan::of(&[], prepaid);
        for (p, m) in t.prepaid.iter().zip(prepaid) {
            let own = InForce::of(&m.packs);
            let clauses = p.changes.iter().filter_map(|c| match &c.what {
                LabelChange::Covers(_, targets) => Some((&c.when, targets)),
                _ => None,
            });
            for (when, targets) in clauses {
                let Ok(at) = literals::instant(&when.date) else {
                    continue;
                };
                // The stamp this clause made, and until when it holds.
                let Some(i) = m.covers.iter().position(|s| s.from == Some(at)) else {
                    continue;
                };
                let until = m.covers.get(i + 1).and_then(|s| s.from);
                let Some(period) = meet((Some(at), until), (own.from, own.until)) else {
                    continue;
                };
                for target in targets {
                    let Some(index) = t.prepaid.iter().position(|q| q.item.ident == *target) else {
                        continue;
                    };
                    let (in_force, name) = &spans.prepaid[index];
                    if !in_force.covers(period.0, period.1) {
                        self.errors.at(
                            target.span(),
                            format!(
                                "the prepaid label `{target}` ({name}) is in force {}, but packs of `{}` cover it from {}",
                                in_force.text(),
                                p.item.ident,
                                period.0.map_or("the beginning".to_owned(), at_text)
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// A price in words: `flat ¥1.10`, `tiers ¥0.40 / ¥0.38 / … / 联系商务`.
pub(crate) fn describe_price(p: &PriceM) -> String {
    let prices: Vec<String> = p
        .tiers
        .iter()
        .map(|t| {
            t.price
                .map_or("联系商务".to_owned(), |f| format!("¥{}", yuan(f)))
        })
        .collect();
    if p.tiers.len() == 1 && p.tiers[0].to.is_none() {
        format!("flat {}", prices.join(""))
    } else {
        format!("tiers {}", prices.join(" / "))
    }
}

/// A pack list in words: `1000次 ¥1050.00, 1万次 ¥10000.00`, or `none on sale`.
pub(crate) fn describe_packs(packs: &[(u64, i64)]) -> String {
    if packs.is_empty() {
        return "none on sale".to_owned();
    }
    packs
        .iter()
        .map(|&(size, fen)| format!("{}次 ¥{}", wan(size), yuan(fen)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a row's or channel's mapping event sets, for the checks.
struct Event<'a> {
    moment: Option<Moment>,
    cells: &'a [CellDef],
    /// Index among the row's dated changes, or `None` for the channel's own change.
    row_change: Option<usize>,
    /// Index among the channel's own changes.
    own: Option<usize>,
}

/// The event that set a cell (its position among a channel's events), and the spans of the
/// labels it named.
type Origin = (usize, Option<(Span, Span)>);

/// Names for describing mappings in the list of changes.
pub(crate) struct Names<'a> {
    pub(crate) sources: &'a [&'a ast::Item],
    pub(crate) postpaid: &'a [PostpaidM],
    pub(crate) prepaid: &'a [PrepaidM],
}

impl Names<'_> {
    fn cells(&self, cells: &[CellDef]) -> String {
        cells
            .iter()
            .map(|c| {
                let labels = c.labels.map_or("not offered".to_owned(), |(pp, pre)| {
                    format!(
                        "{} / {}",
                        self.postpaid[pp].named.doc_name, self.prepaid[pre].named.doc_name
                    )
                });
                match c.source {
                    Some(s) => format!("{}: {labels}", self.sources[s].doc_name.value()),
                    None => labels,
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Checker<'_> {
    /// The channels of a row over time: when each is listed, and what each compare source
    /// maps to on each day — the row's mapping, its dated changes, and each channel's own
    /// dated changes, applied in date order.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn row_timelines(
        &mut self,
        row: &ast::RowDef,
        base: &[CellDef],
        row_changes: &[(&ast::When, Vec<CellDef>)],
        own: &[Vec<(&ast::When, Vec<CellDef>)>],
        channels: &mut [ChannelM],
        spans: &LabelSpan,
        names: &Names<'_>,
        out: &mut Vec<ChangeM>,
    ) {
        let row_moments: Vec<Option<Moment>> =
            self.mapping_moments(row_changes, "the row's mapping");
        let row_names: Vec<String> = row
            .channels
            .iter()
            .map(|c| c.item.doc_name.value())
            .collect();
        for ((m, (_, cells)), _) in row_moments.iter().zip(row_changes).zip(0..) {
            if let Some(Moment {
                at, per: Some(per), ..
            }) = m
            {
                out.push(ChangeM {
                    at: *at,
                    kind: "channel",
                    subject: row_names.join("、"),
                    what: names.cells(cells),
                    per: *per,
                });
            }
        }
        // Per row change, per cell: whether it changed something for some channel.
        let mut changed: Vec<Vec<bool>> = row_changes
            .iter()
            .map(|(_, c)| vec![false; c.len()])
            .collect();
        // A row's mapping is checked once per channel: report each label once.
        let mut reported: HashSet<(Option<usize>, usize, bool)> = HashSet::new();
        for ((ch, def), own) in channels.iter_mut().zip(&row.channels).zip(own) {
            let start = def.start.as_ref().and_then(|w| self.moment(w, false, true));
            let end = def.end.as_ref().and_then(|w| self.moment(w, false, true));
            if let (Some(s), Some(e)) = (&start, &end) {
                if e.at <= s.at {
                    self.errors.with_note(
                        e.span,
                        format!(
                            "dates out of order: channel `{}` is no longer listed from {}, but is listed only from {}",
                            def.item.ident,
                            at_text(e.at),
                            at_text(s.at)
                        ),
                        s.span,
                        "it is listed from here",
                    );
                }
            }
            for (m, what) in [(&start, "listed"), (&end, "no longer listed")] {
                if let Some(Moment {
                    at, per: Some(per), ..
                }) = m
                {
                    out.push(ChangeM {
                        at: *at,
                        kind: "channel",
                        subject: def.item.doc_name.value(),
                        what: what.to_owned(),
                        per: *per,
                    });
                }
            }
            ch.from = start.and_then(|m| Some((m.at.0, m.per?)));
            ch.until = end.and_then(|m| Some((m.at.0, m.per?)));
            let listed = (start.map(|m| m.at), end.map(|m| m.at));

            // A channel's own change may fall on the day of a row change: it applies after
            // it, for the sources it names.
            let what = format!("the mapping of `{}`", def.item.ident);
            let own_moments = self.mapping_moments(own, &what);
            for (m, (_, cells)) in own_moments.iter().zip(own) {
                if let Some(Moment {
                    at, per: Some(per), ..
                }) = m
                {
                    out.push(ChangeM {
                        at: *at,
                        kind: "channel",
                        subject: def.item.doc_name.value(),
                        what: names.cells(cells),
                        per: *per,
                    });
                }
            }
            let mut events: Vec<Event<'_>> = vec![Event {
                moment: None,
                cells: base,
                row_change: None,
                own: None,
            }];
            for (i, (m, (_, cells))) in row_moments.iter().zip(row_changes).enumerate() {
                if let Some(m) = m {
                    events.push(Event {
                        moment: Some(*m),
                        cells,
                        row_change: Some(i),
                        own: None,
                    });
                }
            }
            for (i, (m, (_, cells))) in own_moments.iter().zip(own).enumerate() {
                if let Some(m) = m {
                    events.push(Event {
                        moment: Some(*m),
                        cells,
                        row_change: None,
                        own: Some(i),
                    });
                }
            }
            events.sort_by_key(|e| (e.moment.map(|m| m.at), e.own.is_some()));

            // The cells, and for each the event and spans that set it.
            let mut cells: Vec<CellM> = Vec::new();
            let mut origin: Vec<Origin> = Vec::new();
            let mut line: Timeline<Vec<CellM>> = Vec::new();
            let mut origins: Vec<Vec<Origin>> = Vec::new();
            for (e_index, event) in events.iter().enumerate() {
                for (c_index, def) in event.cells.iter().enumerate() {
                    let cell = CellM {
                        source: def.source,
                        labels: def.labels,
                    };
                    match cells.iter().position(|c| c.source == def.source) {
                        Some(i) if cells[i] == cell => {
                            if event.own.is_some() {
                                self.errors.at(
                                    def.span,
                                    format!(
                                        "this change on {} changes nothing: {} already maps to {}",
                                        event.moment.map_or(String::new(), |m| at_text(m.at)),
                                        def.item_name(),
                                        names.cells(std::slice::from_ref(def))
                                    ),
                                );
                            }
                        }
                        Some(i) => {
                            cells[i] = cell;
                            origin[i] = (e_index, def.label_spans);
                            if let Some(r) = event.row_change {
                                changed[r][c_index] = true;
                            }
                        }
                        None => {
                            cells.push(cell);
                            origin.push((e_index, def.label_spans));
                            if let Some(r) = event.row_change {
                                changed[r][c_index] = true;
                            }
                        }
                    }
                }
                let from = event.moment.map(|m| m.at);
                if line.last().is_some_and(|s| s.value == cells) {
                    continue;
                }
                if line.last().is_some_and(|s| s.from == from) {
                    line.pop();
                    origins.pop();
                }
                line.push(Stamp {
                    from,
                    value: cells.clone(),
                    per: event.moment.and_then(|m| m.per),
                });
                origins.push(origin.clone());
            }

            // Every label used is in force on the days the channel is listed with it.
            for (i, stamp) in line.iter().enumerate() {
                let until = line.get(i + 1).and_then(|s| s.from);
                let Some(period) = meet((stamp.from, until), listed) else {
                    continue;
                };
                let unresolved = events.iter().any(|e| {
                    e.cells
                        .iter()
                        .any(|c| c.labels.is_none() && c.label_spans.is_some())
                });
                if stamp.value.iter().all(|c| c.labels.is_none())
                    && stamp.from.is_some()
                    && !unresolved
                {
                    if let Some(m) = events.iter().find(|e| e.moment.map(|m| m.at) == stamp.from) {
                        if let Some(first) = m.cells.first() {
                            self.errors.at(
                                first.span,
                                "from this change the row offers no compare source: every source is `not offered`",
                            );
                        }
                    }
                }
                for (cell, &(e_index, label_spans)) in stamp.value.iter().zip(&origins[i]) {
                    let (Some((pp, pre)), Some((pp_span, pre_span))) = (cell.labels, label_spans)
                    else {
                        continue;
                    };
                    let event = &events[e_index];
                    for (postpaid, label, span) in [(true, pp, pp_span), (false, pre, pre_span)] {
                        let (in_force, doc) = if postpaid {
                            &spans.postpaid[label]
                        } else {
                            &spans.prepaid[label]
                        };
                        if in_force.covers(period.0, period.1) {
                            continue;
                        }
                        if event.own.is_none()
                            && !reported.insert((event.row_change, label, postpaid))
                        {
                            continue;
                        }
                        self.errors.at(
                            span,
                            format!(
                                "the {} label {doc} is used here {}, but it is in force only {}",
                                if postpaid { "postpaid" } else { "prepaid" },
                                match period {
                                    (None, None) => "on every day".to_owned(),
                                    (Some(f), None) => format!("from {}", at_text(f)),
                                    (None, Some(u)) => format!("before {}", at_text(u)),
                                    (Some(f), Some(u)) =>
                                        format!("from {} before {}", at_text(f), at_text(u)),
                                },
                                in_force.text()
                            ),
                        );
                    }
                }
            }
            ch.mappings = line;
        }
        for ((m, (_, cells)), changed) in row_moments.iter().zip(row_changes).zip(&changed) {
            let Some(m) = m else { continue };
            for (def, &changed) in cells.iter().zip(changed) {
                if !changed {
                    self.errors.at(
                        def.span,
                        format!(
                            "this change on {} changes nothing: {} already maps to {} for every channel of the row",
                            at_text(m.at),
                            def.item_name(),
                            names.cells(std::slice::from_ref(def))
                        ),
                    );
                }
            }
        }
    }

    /// The moments of dated mappings, checked in writing order; one dated the same day as
    /// another of the list overlaps it.
    fn mapping_moments(
        &mut self,
        changes: &[(&ast::When, Vec<CellDef>)],
        what: &str,
    ) -> Vec<Option<Moment>> {
        let mut last = None;
        let mut out: Vec<Option<Moment>> = Vec::new();
        for (when, _) in changes {
            let Some(m) = self.moment(when, false, true) else {
                out.push(None);
                continue;
            };
            let same = out.iter().flatten().find(|o| o.at == m.at).map(|o| o.span);
            if let Some(first) = same {
                self.errors.with_note(
                    m.span,
                    format!(
                        "overlapping dated entries: {what} changes twice on {}",
                        at_text(m.at)
                    ),
                    first,
                    "the other change of that day is here",
                );
                out.push(None);
                continue;
            }
            self.in_order(&mut last, &m, what);
            out.push(Some(m));
        }
        out
    }
}

impl CellDef {
    /// What the cell is about, in a sentence: "the compare source" or "the row".
    fn item_name(&self) -> &'static str {
        if self.source.is_some() {
            "the compare source"
        } else {
            "the row"
        }
    }
}
