//! The checks of a code family: every code listed once, ranges ascending, dated changes in
//! date order that change something; the family's codes grouped into rules that behave
//! alike over time.

use proc_macro2::Span;

use crate::ast::{self, CodeItem};
use crate::check::{day_text, Checker};
use crate::model::*;

impl Checker<'_> {
    /// The rules of a code family; `own` when the edition writes it (not a shared one), so
    /// that its dated changes are checked against the edition's start. Dated changes are
    /// added to `out`.
    pub(crate) fn codes(
        &mut self,
        family: &ast::Family,
        own: bool,
        out: &mut Vec<ChangeM>,
    ) -> Vec<CodeRule> {
        let name = &family.item.ident;
        // Base listing: every code once, billed or not.
        let mut base: Vec<(CodePattern, bool, &CodeItem)> = Vec::new();
        let mut changes: Vec<(Ymd, bool, CodePattern, &CodeItem, Option<usize>)> = Vec::new();
        let mut last: Option<(At, Span)> = None;
        for entry in &family.entries {
            let moment = entry.from.as_ref().and_then(|w| self.moment(w, false, own));
            if let Some(m) = &moment {
                self.in_order(&mut last, m, &format!("code family `{name}`"));
                let in_edition = self.start.is_none_or(|start| m.at.0 >= start);
                if let (Some(per), true) = (m.per, in_edition) {
                    let codes: Vec<String> = entry.codes.iter().map(code_text).collect();
                    out.push(ChangeM {
                        at: m.at,
                        kind: "code family",
                        subject: family.item.doc_name.value(),
                        what: format!(
                            "{} {}",
                            codes.join(", "),
                            if entry.billed { "billed" } else { "not billed" }
                        ),
                        per,
                    });
                }
            }
            if entry.from.is_some() && moment.is_none() {
                // A date that is not one (reported): what the change lists cannot be placed.
                continue;
            }
            let date = moment.map(|m| (m.at.0, m.per));
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
                    Some((day, per)) => {
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
                        changes.push((day, entry.billed, pattern, code, per));
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
            for (day, billed, pattern, code, per) in &changes {
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
                timeline.push((*day, *billed, *per));
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

/// A code as written, for the list of changes.
fn code_text(code: &CodeItem) -> String {
    match code {
        CodeItem::Name(s) => s.value(),
        CodeItem::Int { lo, hi, .. } if lo == hi => lo.to_string(),
        CodeItem::Int { lo, hi, .. } => format!("{lo}–{hi}"),
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
