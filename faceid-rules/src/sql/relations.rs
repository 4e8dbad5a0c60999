//! The relations of a script: the table's spellings, channels, dated mappings and dated
//! result codes as constant rows, and the statements that create them in each dialect.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::dialect::{Dialect, Sql, Ty};
use super::fold::fold_table;
use super::Statement;
use crate::names::normalise;
use crate::table::{BillingTable, CodePattern, Named, Resolved};

/// A value of a constant row.
pub(crate) enum Value {
    Text(String),
    Int(i64),
    /// A day, written as text `YYYY-MM-DD`.
    Day(NaiveDate),
    Null,
}

impl Value {
    fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.to_owned()))
    }

    fn opt_day(day: Option<NaiveDate>) -> Value {
        day.map_or(Value::Null, Value::Day)
    }

    fn sql(&self, s: &Sql, ty: Ty) -> String {
        match self {
            Value::Text(t) => s.lit(t),
            Value::Int(n) => s.int_lit(*n),
            Value::Day(day) => format!("'{day}'"),
            Value::Null => s.null(ty),
        }
    }
}

/// A column of a relation: name, type, whether NULL is allowed.
pub(crate) type Column = (&'static str, Ty, bool);

/// A relation of constant rows.
pub(crate) struct Relation {
    pub(crate) name: &'static str,
    about: String,
    columns: &'static [Column],
    rows: Vec<Vec<Value>>,
}

impl Relation {
    /// The statements that create the relation in `d`, with its rows.
    pub(crate) fn statements(&self, d: Dialect) -> Vec<Statement> {
        let s = Sql(d);
        let names: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
        let names = names.join(", ");
        let tuples: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let values: Vec<String> = row
                    .iter()
                    .zip(self.columns)
                    .map(|(v, &(_, ty, _))| v.sql(&s, ty))
                    .collect();
                format!("  ({})", values.join(", "))
            })
            .collect();
        if d == Dialect::Spark {
            let sql = if tuples.is_empty() {
                let cols: Vec<String> = self
                    .columns
                    .iter()
                    .map(|&(n, ty, _)| format!("{} AS {n}", s.null(ty)))
                    .collect();
                format!(
                    "CREATE OR REPLACE TEMPORARY VIEW {} AS SELECT {} WHERE 1 = 0",
                    self.name,
                    cols.join(", ")
                )
            } else {
                format!(
                    "CREATE OR REPLACE TEMPORARY VIEW {} AS SELECT * FROM VALUES\n{}\n  AS t({names})",
                    self.name,
                    tuples.join(",\n")
                )
            };
            return vec![Statement {
                about: self.about.clone(),
                sql,
            }];
        }
        let create = match d {
            Dialect::Duckdb | Dialect::Clickhouse => "CREATE OR REPLACE TABLE",
            _ => "CREATE TABLE",
        };
        let defs: Vec<String> = self
            .columns
            .iter()
            .map(|&(n, ty, nullable)| {
                let not_null = if nullable || d == Dialect::Clickhouse {
                    ""
                } else {
                    " NOT NULL"
                };
                format!("  {n} {}{not_null}", ty.sql(d, nullable))
            })
            .collect();
        let engine = if d == Dialect::Clickhouse {
            " ENGINE = Memory"
        } else {
            ""
        };
        let mut out = vec![Statement {
            about: self.about.clone(),
            sql: format!("{create} {} (\n{}\n){engine}", self.name, defs.join(",\n")),
        }];
        if !tuples.is_empty() {
            out.push(Statement {
                about: String::new(),
                sql: format!(
                    "INSERT INTO {} ({names}) VALUES\n{}",
                    self.name,
                    tuples.join(",\n")
                ),
            });
        }
        out
    }
}

/// The relations of table `T`, in the order they are created.
pub(crate) fn relations<T: BillingTable>() -> Vec<Relation> {
    vec![
        channel_names::<T>(),
        source_names::<T>(),
        channels::<T>(),
        channel_labels::<T>(),
        code_verdicts::<T>(),
    ]
}

/// The characters that comparison form changes ([`fold_table`]): `c` becomes `folded`
/// (`''`: dropped). The SQLite queries fold names through it.
pub(crate) fn fold_chars() -> Relation {
    Relation {
        name: "fold_chars",
        about: "The characters that names lose or change in comparison form: c -> folded ('': dropped)."
            .to_owned(),
        columns: &[("c", Ty::Text, false), ("folded", Ty::Text, false)],
        rows: fold_table()
            .iter()
            .map(|&(c, f)| {
                vec![
                    Value::Text(c.to_string()),
                    Value::Text(f.map(String::from).unwrap_or_default()),
                ]
            })
            .collect(),
    }
}

/// Spellings in comparison form: those naming one item, and those naming several.
pub(crate) type Spellings<N> = (BTreeMap<String, N>, BTreeMap<String, &'static [N]>);

/// Every spelling of the items of `N` (doc name, identifier, aliases, `extra`) in
/// comparison form, with the item it resolves to as [`Named::lookup`] resolves it; keys
/// that resolve to several items are returned apart.
pub(crate) fn spellings<N: Named>(extra: impl Fn(N) -> &'static [&'static str]) -> Spellings<N> {
    let mut one = BTreeMap::new();
    let mut several = BTreeMap::new();
    for &item in N::ALL {
        let names = [item.doc_name(), item.ident()]
            .into_iter()
            .chain(item.aliases().iter().copied())
            .chain(extra(item).iter().copied());
        for name in names {
            let key = normalise(name).into_owned();
            if key.is_empty() {
                continue;
            }
            match N::resolve_normalised(&key) {
                Resolved::One(found) => {
                    one.insert(key, found);
                }
                Resolved::Several(found) => {
                    several.insert(key, found);
                }
                Resolved::Unknown => {}
            }
        }
    }
    (one, several)
}

fn channel_names<T: BillingTable>() -> Relation {
    let (one, several) = spellings::<T::Channel>(T::channel_actions);
    let mut rows: Vec<Vec<Value>> = one
        .into_iter()
        .map(|(key, c)| {
            vec![
                Value::Text(key),
                Value::Text(c.doc_name().to_owned()),
                Value::Int(0),
            ]
        })
        .collect();
    for (key, channels) in several {
        for c in channels {
            rows.push(vec![
                Value::Text(key.clone()),
                Value::Text(c.doc_name().to_owned()),
                Value::Int(1),
            ]);
        }
    }
    Relation {
        name: "channel_names",
        about: "Every spelling of a channel a log may use (doc name, identifier, alias, API action) in\n\
                comparison form -> the channel's doc name. shared = 1: an API action of several\n\
                channels, which names the one of them listed on the call's day, if only one is."
            .to_owned(),
        columns: &[
            ("name_key", Ty::Text, false),
            ("channel", Ty::Text, false),
            ("shared", Ty::Int, false),
        ],
        rows,
    }
}

fn source_names<T: BillingTable>() -> Relation {
    let (one, several) = spellings::<T::Source>(|_| &[]);
    let mut about =
        "Every spelling of a compare source in comparison form -> its doc name.".to_owned();
    for (key, items) in &several {
        let names: Vec<&str> = items.iter().map(|i| i.doc_name()).collect();
        let _ = write!(
            about,
            "\nLeft out, as it names several: {key} ({}).",
            names.join(", ")
        );
    }
    Relation {
        name: "source_names",
        about,
        columns: &[("name_key", Ty::Text, false), ("source", Ty::Text, false)],
        rows: one
            .into_iter()
            .map(|(key, s)| vec![Value::Text(key), Value::Text(s.doc_name().to_owned())])
            .collect(),
    }
}

fn channels<T: BillingTable>() -> Relation {
    let rows = T::Channel::ALL
        .iter()
        .map(|&c| {
            let listed = T::channel_period(c);
            vec![
                Value::Text(c.doc_name().to_owned()),
                Value::Text(T::section(c).doc_name().to_owned()),
                Value::Text(T::code_family(c).doc_name().to_owned()),
                Value::opt_day(listed.from),
                Value::opt_day(listed.until),
            ]
        })
        .collect();
    Relation {
        name: "channels",
        about: "Per channel: its section, its code family, and the days it is listed:\n\
                listed_from <= day < listed_until (China Standard Time; NULL: unbounded)."
            .to_owned(),
        columns: &[
            ("channel", Ty::Text, false),
            ("section", Ty::Text, false),
            ("code_family", Ty::Text, false),
            ("listed_from", Ty::Text, true),
            ("listed_until", Ty::Text, true),
        ],
        rows,
    }
}

/// One row of `channel_labels`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LabelRow {
    pub(crate) channel: &'static str,
    pub(crate) source: Option<&'static str>,
    pub(crate) postpaid: &'static str,
    pub(crate) prepaid: &'static str,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) valid_until: Option<NaiveDate>,
}

/// The labels of every channel and compare source over time, from the channels' mapping
/// timelines: one row per cell with labels and entry of the timeline, consecutive entries
/// that give a cell the same labels joined into one row.
pub(crate) fn label_rows<T: BillingTable>() -> Vec<LabelRow> {
    let mut out: Vec<LabelRow> = Vec::new();
    for &c in T::Channel::ALL {
        let timeline = T::mappings(c);
        let first = out.len();
        for (i, entry) in timeline.iter().enumerate() {
            let from = entry.from.map(|at| at.date());
            let until = timeline
                .get(i + 1)
                .and_then(|next| next.from)
                .map(|at| at.date());
            for cell in entry.value {
                let Some(labels) = cell.labels else { continue };
                let row = LabelRow {
                    channel: c.doc_name(),
                    source: cell.source.map(Named::doc_name),
                    postpaid: labels.postpaid.doc_name(),
                    prepaid: labels.prepaid.doc_name(),
                    valid_from: from,
                    valid_until: until,
                };
                // The same labels as the cell's row ending where this one starts: one row.
                let continued = out[first..].iter_mut().find(|r| {
                    r.source == row.source
                        && r.postpaid == row.postpaid
                        && r.prepaid == row.prepaid
                        && r.valid_until.is_some()
                        && r.valid_until == row.valid_from
                });
                match continued {
                    Some(r) => r.valid_until = row.valid_until,
                    None => out.push(row),
                }
            }
        }
    }
    out
}

fn channel_labels<T: BillingTable>() -> Relation {
    let rows = label_rows::<T>()
        .into_iter()
        .map(|r| {
            vec![
                Value::Text(r.channel.to_owned()),
                Value::opt_text(r.source),
                Value::Text(r.postpaid.to_owned()),
                Value::Text(r.prepaid.to_owned()),
                Value::opt_day(r.valid_from),
                Value::opt_day(r.valid_until),
            ]
        })
        .collect();
    Relation {
        name: "channel_labels",
        about: "The labels of each channel and compare source the table bills, for calls on\n\
                valid_from <= day < valid_until (China Standard Time; NULL: unbounded); source NULL:\n\
                the channel has no compare source. A source without a row that day is not offered."
            .to_owned(),
        columns: &[
            ("channel", Ty::Text, false),
            ("source", Ty::Text, true),
            ("postpaid", Ty::Text, false),
            ("prepaid", Ty::Text, false),
            ("valid_from", Ty::Text, true),
            ("valid_until", Ty::Text, true),
        ],
        rows,
    }
}

/// One row of `code_verdicts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CodeVerdict {
    pub(crate) family: &'static str,
    pub(crate) codes: CodePattern,
    pub(crate) billed: bool,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) valid_until: Option<NaiveDate>,
}

/// `lo..=hi` less every range of `taken`.
pub(crate) fn subtract(lo: i64, hi: i64, taken: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut pieces = vec![(lo, hi)];
    for &(a, b) in taken {
        pieces = pieces
            .into_iter()
            .flat_map(|(lo, hi)| {
                if b < lo || a > hi {
                    return vec![(lo, hi)];
                }
                let mut left = Vec::new();
                if a > lo {
                    left.push((lo, a - 1));
                }
                if b < hi {
                    left.push((b + 1, hi));
                }
                left
            })
            .collect();
    }
    pieces
}

/// The verdicts of every code family of `T`, from [`BillingTable::code_rules`]: disjoint in
/// codes (a code listed by two rules takes the first, as the generated `match` does) and,
/// for one code, in days.
pub(crate) fn code_verdict_rows<T: BillingTable>() -> Vec<CodeVerdict> {
    let mut out = Vec::new();
    for &family in T::CodeFamily::ALL {
        let mut taken_ranges: Vec<(i64, i64)> = Vec::new();
        let mut taken_names: BTreeSet<&str> = BTreeSet::new();
        for rule in T::code_rules(family) {
            let mut codes = Vec::new();
            for &pattern in rule.codes {
                match pattern {
                    CodePattern::Range(lo, hi) => {
                        for (a, b) in subtract(lo, hi, &taken_ranges) {
                            codes.push(CodePattern::Range(a, b));
                        }
                        taken_ranges.push((lo, hi));
                    }
                    CodePattern::Name(name) => {
                        if taken_names.insert(name) {
                            codes.push(pattern);
                        }
                    }
                }
            }
            // The verdict before the first change, then after each change.
            let mut segments = Vec::new();
            let first = rule.changes.first().map(|c| c.from);
            if let Some(billed) = rule.billed {
                segments.push((billed, None, first));
            }
            for (i, change) in rule.changes.iter().enumerate() {
                let until = rule.changes.get(i + 1).map(|c| c.from);
                if until.is_some_and(|u| u <= change.from) {
                    continue;
                }
                segments.push((change.billed, Some(change.from), until));
            }
            for &codes in &codes {
                for &(billed, valid_from, valid_until) in &segments {
                    out.push(CodeVerdict {
                        family: family.doc_name(),
                        codes,
                        billed,
                        valid_from,
                        valid_until,
                    });
                }
            }
        }
    }
    out
}

fn code_verdicts<T: BillingTable>() -> Relation {
    let rows = code_verdict_rows::<T>()
        .into_iter()
        .map(|v| {
            let (from, to, name) = match v.codes {
                CodePattern::Range(a, b) => (Value::Int(a), Value::Int(b), Value::Null),
                CodePattern::Name(n) => (Value::Null, Value::Null, Value::Text(n.to_owned())),
            };
            vec![
                Value::Text(v.family.to_owned()),
                from,
                to,
                name,
                Value::Text(if v.billed { "billed" } else { "not_billed" }.to_owned()),
                Value::opt_day(v.valid_from),
                Value::opt_day(v.valid_until),
            ]
        })
        .collect();
    Relation {
        name: "code_verdicts",
        about:
            "Result codes per code family: numeric codes code_from..=code_to or the named code\n\
                code_name, billed or not for calls on valid_from <= day < valid_until (China\n\
                Standard Time; NULL: unbounded). A code without a row is unknown to the family."
                .to_owned(),
        columns: &[
            ("code_family", Ty::Text, false),
            ("code_from", Ty::Int, true),
            ("code_to", Ty::Int, true),
            ("code_name", Ty::Text, true),
            ("verdict", Ty::Text, false),
            ("valid_from", Ty::Text, true),
            ("valid_until", Ty::Text, true),
        ],
        rows,
    }
}
