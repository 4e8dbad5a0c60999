//! Dates: each dated clause's day (and time of day, for packs), the document it cites, its
//! order among the clauses above it; a property's values over time as a timeline, with
//! changes that overlap or change nothing refused.

use proc_macro2::Span;
use syn::Ident;

use crate::ast::{self, LabelChange};
use crate::check::{day_text, Checker};
use crate::literals;
use crate::model::*;

/// A checked `from`/`until`: when, and per which document.
#[derive(Clone, Copy)]
pub(crate) struct Moment {
    pub(crate) at: At,
    pub(crate) per: Option<usize>,
    pub(crate) span: Span,
}

/// When a label is in force: `[from, until)`, `None` unbounded.
#[derive(Clone, Copy)]
pub(crate) struct InForce {
    pub(crate) from: Option<At>,
    pub(crate) until: Option<At>,
}

impl InForce {
    pub(crate) fn of<V>(timeline: &Timeline<Option<V>>) -> InForce {
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
    pub(crate) fn covers(self, from: Option<At>, until: Option<At>) -> bool {
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

    pub(crate) fn text(self) -> String {
        match (self.from, self.until) {
            (None, None) => "on every day".to_owned(),
            (Some(f), None) => format!("from {}", at_text(f)),
            (None, Some(u)) => format!("before {}", at_text(u)),
            (Some(f), Some(u)) => format!("from {} before {}", at_text(f), at_text(u)),
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
pub(crate) fn meet(
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
pub(crate) struct Clause<'a> {
    pub(crate) moment: Moment,
    pub(crate) what: &'a LabelChange,
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
    pub(crate) fn label_moments<'a>(
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
    pub(crate) fn timeline<V: Clone + PartialEq>(
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
    pub(crate) fn label_bounds(
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

    /// A label's doc names over time.
    pub(crate) fn names(
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
}
