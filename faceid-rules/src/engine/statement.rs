//! Monthly statements: what an account's month costs, line by line, and what its packs hold.
//!
//! The types are edition-agnostic — labels, channels and packs are written by doc name,
//! money as [`Money`] — so statements of accounts of every edition render side by side.
//! With the `serde` feature they serialize to JSON as
//!
//! ```json
//! {"account": "…", "edition": "legacy", "months": [{
//!   "month": "2026-10", "statement_date": "2026-10-31",
//!   "lines": [{"postpaid_label", "prepaid_label", "prepaid_labels", "calls", "billed",
//!              "from_packs", "pack_deductions": [{"id", "calls"}], "postpaid",
//!              "tier": {"index", "range", "list_price"}, "unit_price", "price_source",
//!              "amount"}],
//!   "packs": [{"id", "label", "kind", "purchased", "expires", "last_day", "size", "used",
//!              "used_in_month", "remaining", "lapsed", "status"}],
//!   "packs_bought": [{"id", "label", "kind", "size", "price", "price_source"}],
//!   "postpaid_total", "packs_bought_total", "spend",
//!   "reminders": [{"id", "label", "reason", "expires", "remaining", "size"}],
//!   "not_billed": [{"channel", "code", "calls"}], "unknown_codes": […],
//!   "bill_window": {"from", "to"}}]}
//! ```
//!
//! Money is a decimal string of yuan (`"4250.00"`), days `YYYY-MM-DD`, instants RFC 3339
//! in China Standard Time (`"2027-10-10T00:00:00+08:00"`).
//!
//! # The statement date
//!
//! A month's statement is drawn up **as at the end of the month's last day** (24:00 China
//! Standard Time, the same instant as 00:00 of the 1st of the next month); `statement_date`
//! is that last day. Pack balances are those at that instant: a pack whose expiry instant is
//! at or before it has expired (its remainder is void, shown as `lapsed`).
//!
//! # Reminders
//!
//! The documents remind when a pack falls below 20% left, when it reaches 0%, and 7 days
//! before it expires (购买指南/告警与通知 @1c7fceff, 常见问题/计费类). A statement lists,
//! for each pack still valid after the statement date:
//!
//! - `expires_soon`: it expires within 7 days after the statement date (its expiry instant
//!   is after the month's end and at most 7 × 24 hours later) and still has calls left;
//! - `low_balance`: it has calls left, but fewer than 20% of its size;
//! - `used_up`: it ran out during this month (listed in that month only).
//!
//! # Lines
//!
//! One line per postpaid label with calls in the month, in table order. `prepaid_label` is
//! the doc name of the prepaid label(s) the line's calls belong to, joined with `、` when
//! several prepaid labels share the postpaid label (`prepaid_labels` lists them). `calls`
//! counts every call; `billed` those whose result code is billed; `billed = from_packs +
//! postpaid`. `tier` is the volume tier the month's postpaid calls reach — `index` counts
//! from 0 in the table's tiers of the label, `range` is written as the price documents
//! write it (`1000≤调用量<1万`) — and is absent (`null`) when nothing went postpaid, as are
//! `unit_price` and `price_source`; the amount is then zero.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::ledger::PriceSource;
use crate::calendar::Month;
use crate::edition::Edition;
use crate::money::Money;
use crate::records::PackKind;

/// An account's statements, month by month.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AccountStatement {
    /// The account.
    pub account: String,
    /// The edition it was billed under (written by name: `legacy`, `monthly`, `daily`).
    pub edition: Edition,
    /// One statement per month, in order.
    pub months: Vec<MonthStatement>,
}

/// One month of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MonthStatement {
    /// The calendar month, China Standard Time.
    pub month: Month,
    /// The day the statement is drawn up at the end of: the month's last day.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::date"))]
    pub statement_date: NaiveDate,
    /// One line per postpaid label with calls, in table order.
    pub lines: Vec<StatementLine>,
    /// Packs valid on some day of the month, with their balance at the statement date, in
    /// purchase order.
    pub packs: Vec<PackBalance>,
    /// Packs bought (delivered) in the month, in purchase order.
    pub packs_bought: Vec<PackBought>,
    /// The sum of the lines' amounts.
    pub postpaid_total: Money,
    /// The sum of the prices of the packs bought.
    pub packs_bought_total: Money,
    /// What the month cost: `postpaid_total + packs_bought_total`.
    pub spend: Money,
    /// Packs to look at: expiring soon, low, used up.
    pub reminders: Vec<Reminder>,
    /// Calls whose result code is listed as not billed, per channel and code.
    pub not_billed: Vec<CodeCount>,
    /// Calls whose result code the channel's code family does not list (not billed).
    pub unknown_codes: Vec<CodeCount>,
    /// When the month's bill is issued.
    pub bill_window: BillWindow,
}

impl MonthStatement {
    /// Whether the month has nothing to say: no calls, no pack valid on any of its days, no
    /// pack bought (so nothing spent), no reminder.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.packs.is_empty()
            && self.packs_bought.is_empty()
            && self.reminders.is_empty()
            && self.not_billed.is_empty()
            && self.unknown_codes.is_empty()
    }
}

/// The month's calls of one postpaid label.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StatementLine {
    /// The postpaid label (its doc name in the month).
    pub postpaid_label: &'static str,
    /// When the label's prices changed during the month: the first day of the month on
    /// which this line's prices held (the label has one line per price in force; see
    /// [`pricing`](crate::engine::pricing)). `None` when one price held all month.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::opt_date"))]
    pub prices_from: Option<NaiveDate>,
    /// The prepaid label(s) of its calls, joined with `、`.
    pub prepaid_label: String,
    /// The prepaid labels of its calls, in table order.
    pub prepaid_labels: Vec<&'static str>,
    /// Calls made.
    pub calls: u64,
    /// Calls billed (result code billed).
    pub billed: u64,
    /// Billed calls covered by packs.
    pub from_packs: u64,
    /// Calls covered, per pack, in the order the packs were first used in the month.
    pub pack_deductions: Vec<PackDeduction>,
    /// Billed calls that went postpaid.
    pub postpaid: u64,
    /// The tier the postpaid calls reach; `None` when none went postpaid.
    pub tier: Option<TierReached>,
    /// Yuan per postpaid call; `None` when none went postpaid.
    pub unit_price: Option<Money>,
    /// Where the unit price came from (`list` or `contract`).
    pub price_source: Option<PriceSource>,
    /// `unit_price × postpaid`.
    pub amount: Money,
}

/// Calls of a line covered by one pack.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PackDeduction {
    /// The pack's id.
    pub id: String,
    /// Calls covered.
    pub calls: u64,
}

/// A volume tier reached.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TierReached {
    /// Its position among the label's tiers, from 0.
    pub index: usize,
    /// Its range as the price documents write it: `1000≤调用量<1万`, `20万及以上`.
    pub range: String,
    /// Its list price; `None` for 联系商务.
    pub list_price: Option<Money>,
}

/// Whether a pack can still be used after the statement date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PackStatus {
    /// Valid, with calls left.
    Active,
    /// Valid, but every call used.
    UsedUp,
    /// Expired at or before the statement date.
    Expired,
}

/// A pack's balance at the statement date.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PackBalance {
    /// The pack's id.
    pub id: String,
    /// Its prepaid label.
    pub label: &'static str,
    /// `gift` or `purchased`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::kind"))]
    pub kind: PackKind,
    /// When it was delivered.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::instant"))]
    pub purchased: DateTime<FixedOffset>,
    /// When it expires (00:00 of the anniversary of its purchase day).
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::instant"))]
    pub expires: DateTime<FixedOffset>,
    /// The last day it covers.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::date"))]
    pub last_day: NaiveDate,
    /// Calls in the pack.
    pub size: u64,
    /// Calls used since it was bought, up to the statement date.
    pub used: u64,
    /// Calls used in this month.
    pub used_in_month: u64,
    /// Calls still usable after the statement date (zero once expired).
    pub remaining: u64,
    /// Calls voided by expiry (zero unless expired).
    pub lapsed: u64,
    /// Active, used up or expired.
    pub status: PackStatus,
}

/// A pack bought in the month.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PackBought {
    /// The pack's id.
    pub id: String,
    /// Its prepaid label.
    pub label: &'static str,
    /// `gift` or `purchased`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::kind"))]
    pub kind: PackKind,
    /// Calls in the pack.
    pub size: u64,
    /// What it cost.
    pub price: Money,
    /// Where the price came from (`file`, `list`, `gift`).
    pub price_source: PriceSource,
}

/// Why a pack is reminded of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReminderReason {
    /// It expires within 7 days after the statement date with calls left.
    ExpiresSoon,
    /// Fewer than 20% of its calls are left.
    LowBalance,
    /// It ran out during the month.
    UsedUp,
}

/// A pack to look at.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reminder {
    /// The pack's id.
    pub id: String,
    /// Its prepaid label.
    pub label: &'static str,
    /// Why.
    pub reason: ReminderReason,
    /// When it expires.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::instant"))]
    pub expires: DateTime<FixedOffset>,
    /// Calls left.
    pub remaining: u64,
    /// Calls in the pack.
    pub size: u64,
}

/// Calls of one channel with one result code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodeCount {
    /// The channel's doc name.
    pub channel: &'static str,
    /// The result code (numeric codes in canonical decimal form).
    pub code: String,
    /// Calls.
    pub calls: u64,
}

/// The days of the next month on which the month's bill is issued, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BillWindow {
    /// The first day.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::date"))]
    pub from: NaiveDate,
    /// The last day.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::date"))]
    pub to: NaiveDate,
}

#[cfg(feature = "serde")]
mod ser {
    use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
    use serde::Serializer;

    use crate::records::PackKind;

    pub fn date<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(day)
    }

    pub fn opt_date<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(day) => s.collect_str(day),
            None => s.serialize_none(),
        }
    }

    pub fn instant<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    pub fn kind<S: Serializer>(kind: &PackKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match kind {
            PackKind::Gift => "gift",
            PackKind::Purchased => "purchased",
        })
    }
}
