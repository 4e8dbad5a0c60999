//! Labels over time: a postpaid label's prices and doc names, a prepaid label's packs, doc
//! names and the labels its packs also cover; a covered label in force whenever it is
//! covered.

use crate::ast::{self, LabelChange};
use crate::check::dates::{at_text, meet, InForce};
use crate::check::names::Scope;
use crate::check::packs::describe_packs;
use crate::check::tiers::describe_price;
use crate::check::{named, Checker};
use crate::literals;
use crate::model::*;

/// The labels' periods in force and doc names, for the checks of rows.
pub(crate) struct LabelSpan {
    pub(crate) postpaid: Vec<(InForce, String)>,
    pub(crate) prepaid: Vec<(InForce, String)>,
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

impl Checker<'_> {
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
