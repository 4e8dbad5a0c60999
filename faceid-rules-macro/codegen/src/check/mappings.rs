//! Mappings over time: each channel's cells from its row's mapping, the row's dated changes
//! and its own, applied in date order; every label a channel uses in force on the days it
//! uses it; changes that change nothing refused.

use std::collections::HashSet;

use proc_macro2::Span;

use crate::ast;
use crate::check::dates::{at_text, meet, Moment};
use crate::check::labels::LabelSpan;
use crate::check::rows::CellDef;
use crate::check::Checker;
use crate::model::*;

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
    pub(crate) fn cells(&self, cells: &[CellDef]) -> String {
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
