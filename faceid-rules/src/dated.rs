//! Time in a compiled table: values that change on dated announcements, the documents the
//! changes cite, the editions' ranges of opening days and how each settles.
//!
//! Every date is China Standard Time. A value that changes over time is a *timeline*: a
//! slice of [`Dated`] entries, ascending, each holding from its `from` until the next one's
//! (the first entry's `from` is `None` when it holds from the beginning). `billing_table!`
//! writes the timelines of every label, channel and mapping as const data; [`in_force`]
//! reads the entry of a moment.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One entry of a timeline: `value` holds from `from` (China Standard Time; `None`: from
/// the beginning) until the next entry's `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated<V: 'static> {
    /// When it takes effect.
    pub from: Option<NaiveDateTime>,
    /// The value.
    pub value: V,
    /// The document of the dated change that set it (`None` for what holds from the start).
    pub per: Option<&'static Document>,
}

/// The entry of `timeline` in force at `at`, if any (none before the first entry's `from`).
pub fn in_force<V>(timeline: &'static [Dated<V>], at: NaiveDateTime) -> Option<&'static Dated<V>> {
    timeline
        .iter()
        .rev()
        .find(|d| d.from.is_none_or(|from| from <= at))
}

/// The moment from which a table holds what it states last: its newest dated change, else
/// the first day of its accounts, else 2000-01-01 (every day is alike then).
pub fn newest<T: crate::BillingTable>() -> NaiveDateTime {
    T::CHANGES
        .iter()
        .map(|c| c.at)
        .max()
        .or(T::INFO.opened.from.map(start_of))
        .unwrap_or(start_of(crate::__private::ymd(2000, 1, 1)))
}

/// A moment as the tables write it: `2022-01-04` for 00:00, `2022-01-04 10:00`, or with its
/// seconds when it has any (`2022-01-04 09:59:59`).
pub fn moment_text(at: NaiveDateTime) -> String {
    use chrono::Timelike;
    if at.time() == NaiveTime::MIN {
        at.date().to_string()
    } else if at.second() == 0 {
        at.format("%Y-%m-%d %H:%M").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// 00:00 of `day`: the moment of a day that rates its calls.
pub const fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

/// A document that dated changes cite: a page of the Face ID documentation in a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Document {
    /// Its title, as the tables cite it: `价格说明（日结）`, `手机号要素核验服务变更说明`.
    pub title: &'static str,
    /// Its product and id on cloud.tencent.com (`(1007, 84321)`), if known.
    pub doc_id: Option<(u32, u32)>,
    /// The commit of the version cited in `tencentyun/qcloud-documents`, if known.
    pub commit: Option<&'static str>,
}

impl Document {
    /// Its page, `https://cloud.tencent.com/document/product/1007/84321`, if its id is known.
    pub fn url(&self) -> Option<String> {
        self.doc_id.map(|(product, id)| {
            format!("https://cloud.tencent.com/document/product/{product}/{id}")
        })
    }
}

/// `价格说明（日结） (doc 84321) @0e629ca4`.
impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title)?;
        match self.doc_id {
            Some((1007, id)) => write!(f, " (doc {id})")?,
            Some((product, id)) => write!(f, " (doc {product}/{id})")?,
            None => {}
        }
        if let Some(commit) = self.commit {
            write!(f, " @{commit}")?;
        }
        Ok(())
    }
}

/// One dated change of a table, as the table states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// When it takes effect (China Standard Time).
    pub at: NaiveDateTime,
    /// What kind of thing changes: `postpaid label`, `prepaid label`, `channel`, `code family`.
    pub kind: &'static str,
    /// The doc name of what changes (the channels, for a change of a row's mapping).
    pub subject: &'static str,
    /// What it becomes: `price: flat ¥1.10`, `no longer in force`, ….
    pub what: &'static str,
    /// The document it comes from.
    pub per: &'static Document,
}

/// The days something is in force: `from` (inclusive) `until` (exclusive), `None`
/// unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    /// The first day.
    pub from: Option<NaiveDate>,
    /// The first day past it.
    pub until: Option<NaiveDate>,
}

impl Period {
    /// Every day.
    pub const ALWAYS: Period = Period {
        from: None,
        until: None,
    };

    /// Whether `day` is in it.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day < until)
    }
}

/// `from 2021-06-22`, `before 2023-01-04`, `from 2021-06-22 before 2023-01-04`, `on every day`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => f.write_str("on every day"),
            (Some(from), None) => write!(f, "from {from}"),
            (None, Some(until)) => write!(f, "before {until}"),
            (Some(from), Some(until)) => write!(f, "from {from} before {until}"),
        }
    }
}

/// The accounts a table applies to, by the day (China Standard Time) they opened the
/// service: `from` (inclusive) `before` (exclusive), `None` unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Opened {
    /// Accounts opened on or after this day.
    pub from: Option<NaiveDate>,
    /// Accounts opened before this day.
    pub before: Option<NaiveDate>,
}

impl Opened {
    /// Whether an account opened on `day` falls under the table.
    pub fn covers(self, day: NaiveDate) -> bool {
        self.period().contains(day)
    }

    /// The opening days as a [`Period`].
    pub const fn period(self) -> Period {
        Period {
            from: self.from,
            until: self.before,
        }
    }
}

/// `before 2021-06-22`, `on or after 2023-01-04`, `from 2021-06-22 before 2023-01-04`.
impl fmt::Display for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.before) {
            (Some(from), None) => write!(f, "on or after {from}"),
            _ => write!(f, "{}", self.period()),
        }
    }
}

/// How an edition settles postpaid usage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Settlement {
    /// Per calendar month (月结): a month's postpaid calls are priced together, and its bill
    /// is issued on days `bill_days.0..=bill_days.1` of the next month.
    Monthly {
        /// The first and last bill day of the next month.
        bill_days: (u8, u8),
    },
    /// Per day (日结): a day's (00:00–23:59:59) postpaid calls are billed the next day, in
    /// the hours `bill_hours.0..bill_hours.1`.
    Daily {
        /// When the next day's bill is issued: from, and until.
        bill_hours: (NaiveTime, NaiveTime),
    },
}

impl Settlement {
    /// `monthly` or `daily`.
    pub fn kind(&self) -> &'static str {
        match self {
            Settlement::Monthly { .. } => "monthly",
            Settlement::Daily { .. } => "daily",
        }
    }
}

/// `monthly (bill on days 1–3 of the next month)`, `daily (bill 08:00–12:00 the next day)`.
impl fmt::Display for Settlement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Settlement::Monthly { bill_days: (a, b) } => {
                write!(f, "monthly (bill on days {a}–{b} of the next month)")
            }
            Settlement::Daily { bill_hours: (a, b) } => write!(
                f,
                "daily (bill {}–{} the next day)",
                a.format("%H:%M"),
                b.format("%H:%M")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    static LINE: [Dated<u32>; 3] = [
        Dated {
            from: None,
            value: 1,
            per: None,
        },
        Dated {
            from: Some(start_of(crate::__private::ymd(2022, 1, 1))),
            value: 2,
            per: None,
        },
        Dated {
            from: Some(crate::__private::at(2022, 1, 4, 10, 0)),
            value: 3,
            per: None,
        },
    ];

    #[test]
    fn the_entry_in_force_is_the_last_one_started() {
        let value = |at: NaiveDateTime| in_force(&LINE, at).map(|d| d.value);
        assert_eq!(value(start_of(day(2021, 12, 31))), Some(1));
        assert_eq!(value(start_of(day(2022, 1, 1))), Some(2));
        assert_eq!(
            value(day(2022, 1, 4).and_hms_opt(9, 59, 59).unwrap()),
            Some(2)
        );
        assert_eq!(
            value(day(2022, 1, 4).and_hms_opt(10, 0, 0).unwrap()),
            Some(3)
        );
        assert_eq!(in_force(&LINE[1..], start_of(day(2021, 1, 1))), None);
    }

    #[test]
    fn periods_are_half_open() {
        let p = Period {
            from: Some(day(2021, 6, 22)),
            until: Some(day(2023, 1, 4)),
        };
        assert!(!p.contains(day(2021, 6, 21)));
        assert!(p.contains(day(2021, 6, 22)));
        assert!(p.contains(day(2023, 1, 3)));
        assert!(!p.contains(day(2023, 1, 4)));
        assert_eq!(p.to_string(), "from 2021-06-22 before 2023-01-04");
        assert!(Period::ALWAYS.contains(day(1970, 1, 1)));
    }
}
