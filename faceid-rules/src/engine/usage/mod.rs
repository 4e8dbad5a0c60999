//! Daily usage: the public, mergeable aggregate the ledger runs on.
//!
//! A call is reduced to its key — account, day (China Standard Time), channel, compare
//! source, result code — and counted. Everything else about it (section, labels, code
//! family, whether it is billed on that day) follows from the key and the table, so two
//! aggregates merge by adding counts: [`Usage::merge`] is associative and commutative, and
//! a log split into chunks, aggregated in parallel and merged in any order gives the same
//! usage as the whole log. Memory grows with the number of distinct keys (accounts × days ×
//! channels × codes), not with the number of calls.
//!
//! # File format
//!
//! CSV, UTF-8, with a header; column order free, unknown columns ignored:
//!
//! ```text
//! account,day,channel,source,code,calls
//! 1250000000,2026-10-01,微信小程序,跟权威库比对,0,1520
//! 1250000000,2026-10-01,银行卡三要素,,-2,3
//! ```
//!
//! `day` is `YYYY-MM-DD` (China Standard Time); `channel` and `source` are names as the
//! table knows them (the writer writes doc names; the source is empty for a channel without
//! compare source); `code` as Tencent returned it; `calls` a count. The `source` column may
//! be left out when no channel needs one. Rows with the same key add up. [`write_usage`]
//! writes the format; [`crate::input::usage::UsageReader`] reads its rows without a table,
//! so that rows can be grouped per account before each account is rated against its own
//! edition, and [`crate::pipeline::read_usage`] reads and rates a whole file.
//!
//! Text cells that a spreadsheet would run as a formula (an account or a named code
//! starting with `=`, `+`, `-`, `@`, …) are written with a leading `'`
//! ([`UsageWriter::raw`] turns it off) and read back without it: numeric codes such as `-2`
//! are numbers and are written as they are.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use super::rate::{rate_with, RateError, Rated};
use crate::money::group_thousands;
use crate::table::{BillingTable, Code, Labels, Named};

mod file;

pub use file::{write_usage, UsageWriter, COLUMNS};

/// Calls of one key that add up past the largest count (`u64::MAX`, about 1.8 × 10¹⁹):
/// counting never wraps or saturates, so a total is right or is this error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountOverflow {
    /// The account (empty for the one account of a log without accounts).
    pub account: String,
    /// The day.
    pub day: NaiveDate,
    /// The channel's doc name.
    pub channel: &'static str,
    /// The result code as counted.
    pub code: String,
}

impl fmt::Display for CountOverflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "account {:?}, {}, {} code {}: the calls add up past {}, the most a count can hold",
            self.account,
            self.day,
            self.channel,
            self.code,
            group_thousands(u64::MAX)
        )
    }
}

impl std::error::Error for CountOverflow {}

/// Why a call cannot be counted: it cannot be rated, or its key's count would overflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    /// The call names no channel or source of the table, or (strict) an unknown code.
    Rate(RateError),
    /// The key's calls would add up past the largest count.
    Overflow(CountOverflow),
}

impl AddError {
    /// The input field at fault, for `file:line: field …` messages; `None` for an overflow,
    /// which is the sum's fault, not one field's.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AddError::Rate(e) => Some(e.field()),
            AddError::Overflow(_) => None,
        }
    }
}

impl fmt::Display for AddError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddError::Rate(e) => e.fmt(f),
            AddError::Overflow(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AddError {}

impl From<RateError> for AddError {
    fn from(e: RateError) -> AddError {
        AddError::Rate(e)
    }
}

impl From<CountOverflow> for AddError {
    fn from(e: CountOverflow) -> AddError {
        AddError::Overflow(e)
    }
}

/// The key of a cell of one account's usage: day, channel, compare source.
pub(crate) type CellKey<T> = (
    NaiveDate,
    <T as BillingTable>::Channel,
    Option<<T as BillingTable>::Source>,
);

/// The calls of one (day, channel, source), by result code, with what the key rates to.
pub(crate) struct UsageCell<T: BillingTable> {
    pub(crate) labels: Labels<T>,
    pub(crate) family: T::CodeFamily,
    pub(crate) codes: CodeCounts,
}

impl<T: BillingTable> Clone for UsageCell<T> {
    fn clone(&self) -> Self {
        UsageCell {
            labels: self.labels,
            family: self.family,
            codes: self.codes.clone(),
        }
    }
}

/// Calls by result code; numeric codes by value (`"00"` and `"0"` are one code), named codes
/// by their trimmed text. A cell has a handful of codes, so each kind is a vector sorted by
/// code: cheaper to build, walk and free than a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CodeCounts {
    ints: Vec<(i64, u64)>,
    names: Vec<(Box<str>, u64)>,
}

impl CodeCounts {
    /// Adds `calls` to `code`'s count; `None` (and nothing added) past the largest count.
    #[must_use]
    pub(crate) fn add(&mut self, code: Code<'_>, calls: u64) -> Option<()> {
        let slot = match code {
            Code::Int(n) => match self.ints.binary_search_by_key(&n, |e| e.0) {
                Ok(i) => &mut self.ints[i].1,
                Err(i) => {
                    self.ints.insert(i, (n, 0));
                    &mut self.ints[i].1
                }
            },
            Code::Name(name) => match self.names.binary_search_by(|e| (*e.0).cmp(name)) {
                Ok(i) => &mut self.names[i].1,
                Err(i) => {
                    self.names.insert(i, (name.into(), 0));
                    &mut self.names[i].1
                }
            },
        };
        *slot = slot.checked_add(calls)?;
        Some(())
    }

    /// Adds `other`'s counts; on overflow, the code whose count would pass the largest one
    /// (and `self` is left with part of `other` added).
    fn merge(&mut self, other: CodeCounts) -> Result<(), String> {
        self.ints = merge_sorted(std::mem::take(&mut self.ints), other.ints)
            .map_err(|code| code.to_string())?;
        self.names = merge_sorted(std::mem::take(&mut self.names), other.names)
            .map_err(|code| code.to_string())?;
        Ok(())
    }

    /// Numeric codes in ascending order, then named codes in byte order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Code<'_>, u64)> {
        self.ints
            .iter()
            .map(|&(n, c)| (Code::Int(n), c))
            .chain(self.names.iter().map(|(s, c)| (Code::Name(s), *c)))
    }
}

/// Two lists sorted by code, merged into one; counts of equal codes add up. Err: the code
/// whose counts add up past the largest count.
fn merge_sorted<K: Ord>(a: Vec<(K, u64)>, b: Vec<(K, u64)>) -> Result<Vec<(K, u64)>, K> {
    if b.is_empty() {
        return Ok(a);
    }
    if a.is_empty() {
        return Ok(b);
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => out.extend(a.next()),
                std::cmp::Ordering::Greater => out.extend(b.next()),
                std::cmp::Ordering::Equal => {
                    if let (Some((code, m)), Some((_, n))) = (a.next(), b.next()) {
                        match m.checked_add(n) {
                            Some(sum) => out.push((code, sum)),
                            None => return Err(code),
                        }
                    }
                }
            },
            _ => {
                out.extend(a);
                out.extend(b);
                return Ok(out);
            }
        }
    }
}

/// One account's daily usage against table `T`.
pub struct AccountUsage<T: BillingTable> {
    cells: BTreeMap<CellKey<T>, UsageCell<T>>,
}

/// One row of daily usage: a key and its count, with what the key rates to.
pub struct UsageRow<'a, T: BillingTable> {
    /// The calendar day, China Standard Time.
    pub day: NaiveDate,
    /// The channel.
    pub channel: T::Channel,
    /// The compare source (the channel's only one when it offers exactly one).
    pub source: Option<T::Source>,
    /// The labels the calls are billed under.
    pub labels: Labels<T>,
    /// The code family of the channel.
    pub family: T::CodeFamily,
    /// The result code.
    pub code: Code<'a>,
    /// The number of calls.
    pub calls: u64,
}

impl<T: BillingTable> fmt::Debug for UsageRow<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsageRow")
            .field("day", &self.day)
            .field("channel", &self.channel)
            .field("source", &self.source)
            .field("code", &self.code)
            .field("calls", &self.calls)
            .field("labels", &self.labels)
            .finish()
    }
}

impl<T: BillingTable> Default for AccountUsage<T> {
    fn default() -> Self {
        AccountUsage {
            cells: BTreeMap::new(),
        }
    }
}

impl<T: BillingTable> Clone for AccountUsage<T> {
    fn clone(&self) -> Self {
        AccountUsage {
            cells: self.cells.clone(),
        }
    }
}

/// Equal when every key has the same count.
impl<T: BillingTable> PartialEq for AccountUsage<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cells.len() == other.cells.len()
            && self
                .cells
                .iter()
                .zip(&other.cells)
                .all(|((ka, a), (kb, b))| ka == kb && a.codes == b.codes)
    }
}

impl<T: BillingTable> Eq for AccountUsage<T> {}

impl<T: BillingTable> fmt::Debug for AccountUsage<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.rows()).finish()
    }
}

impl<T: BillingTable> AccountUsage<T> {
    /// No usage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `calls` calls of a rated call's key on `day` with result `code`. An error
    /// (with the account left empty) when the key's count would pass the largest count;
    /// nothing is added then.
    pub fn add(
        &mut self,
        day: NaiveDate,
        rated: &Rated<T>,
        code: &str,
        calls: u64,
    ) -> Result<(), CountOverflow> {
        let key = (day, rated.channel, rated.source);
        let cell = self.cells.entry(key).or_insert_with(|| UsageCell {
            labels: rated.labels,
            family: rated.family,
            codes: CodeCounts::default(),
        });
        let code = Code::parse(code);
        cell.codes.add(code, calls).ok_or_else(|| CountOverflow {
            account: String::new(),
            day,
            channel: rated.channel.doc_name(),
            code: code.to_string(),
        })
    }

    /// Adds another aggregate of the same account: counts of equal keys add up. An error
    /// (with the account left empty) when a key's counts add up past the largest count;
    /// `self` then holds part of `other`.
    pub fn merge(&mut self, other: AccountUsage<T>) -> Result<(), CountOverflow> {
        for (key, cell) in other.cells {
            match self.cells.get_mut(&key) {
                Some(mine) => mine.codes.merge(cell.codes).map_err(|code| CountOverflow {
                    account: String::new(),
                    day: key.0,
                    channel: key.1.doc_name(),
                    code,
                })?,
                None => {
                    self.cells.insert(key, cell);
                }
            }
        }
        Ok(())
    }

    /// Every row in key order: day, channel (table order), source, code.
    pub fn rows(&self) -> impl Iterator<Item = UsageRow<'_, T>> {
        self.cells
            .iter()
            .flat_map(|(&(day, channel, source), cell)| {
                cell.codes.iter().map(move |(code, calls)| UsageRow {
                    day,
                    channel,
                    source,
                    labels: cell.labels,
                    family: cell.family,
                    code,
                    calls,
                })
            })
    }

    /// The cells in key order, for the ledger.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (&CellKey<T>, &UsageCell<T>)> {
        self.cells.iter()
    }

    /// The first and last day with usage.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.cells.keys().next()?.0;
        let last = self.cells.keys().next_back()?.0;
        Some((first, last))
    }

    /// All calls counted, or `None` when they add up past the largest count.
    pub fn total_calls(&self) -> Option<u64> {
        self.rows()
            .try_fold(0u64, |sum, row| sum.checked_add(row.calls))
    }

    /// Whether no call was counted.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// Builds one account's usage from counts that come in key order — day, channel, source —
/// as the scanner turns its counts: a cell is appended (or the last one added to), and the
/// map is built at once at the end, with no search per count.
pub(crate) struct UsageBuilder<T: BillingTable> {
    cells: Vec<(CellKey<T>, UsageCell<T>)>,
}

impl<T: BillingTable> fmt::Debug for UsageBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsageBuilder")
            .field("cells", &self.cells.len())
            .finish()
    }
}

impl<T: BillingTable> UsageBuilder<T> {
    pub(crate) fn new() -> Self {
        UsageBuilder { cells: Vec::new() }
    }

    /// Counts `calls` calls of a rated key on `day` with result `code`, billed under the
    /// labels of that day (a key rated once serves every day it rates on). Keys must come
    /// in ascending order of (day, channel, source); codes in any order. `None` (and nothing
    /// added) when the key's count would pass the largest count.
    #[must_use]
    pub(crate) fn add(
        &mut self,
        day: NaiveDate,
        rated: &Rated<T>,
        code: Code<'_>,
        calls: u64,
    ) -> Option<()> {
        let key = (day, rated.channel, rated.source);
        let labels = T::labels_on(rated.channel, rated.source, day).unwrap_or(rated.labels);
        match self.cells.last_mut() {
            Some((last, cell)) if *last == key => cell.codes.add(code, calls),
            last => {
                debug_assert!(last.is_none_or(|(last, _)| *last < key), "keys in order");
                let mut codes = CodeCounts::default();
                codes.add(code, calls)?;
                let cell = UsageCell {
                    labels,
                    family: rated.family,
                    codes,
                };
                self.cells.push((key, cell));
                Some(())
            }
        }
    }

    /// The usage counted.
    pub(crate) fn finish(self) -> AccountUsage<T> {
        // Sorted, distinct keys: the map is built in one pass.
        AccountUsage {
            cells: self.cells.into_iter().collect(),
        }
    }
}

/// Daily usage of several accounts against table `T`, grouped per account.
pub struct Usage<T: BillingTable> {
    accounts: BTreeMap<String, AccountUsage<T>>,
}

impl<T: BillingTable> Default for Usage<T> {
    fn default() -> Self {
        Usage {
            accounts: BTreeMap::new(),
        }
    }
}

impl<T: BillingTable> Clone for Usage<T> {
    fn clone(&self) -> Self {
        Usage {
            accounts: self.accounts.clone(),
        }
    }
}

impl<T: BillingTable> PartialEq for Usage<T> {
    fn eq(&self, other: &Self) -> bool {
        self.accounts == other.accounts
    }
}

impl<T: BillingTable> Eq for Usage<T> {}

impl<T: BillingTable> fmt::Debug for Usage<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.accounts.iter()).finish()
    }
}

impl<T: BillingTable> Usage<T> {
    /// No usage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `calls` calls of `account` on `day` of a rated call's key with result `code`;
    /// an error, and nothing added, when the key's count would pass the largest count.
    pub fn add(
        &mut self,
        account: &str,
        day: NaiveDate,
        rated: &Rated<T>,
        code: &str,
        calls: u64,
    ) -> Result<(), CountOverflow> {
        let added = match self.accounts.get_mut(account) {
            Some(usage) => usage.add(day, rated, code, calls),
            None => self
                .accounts
                .entry(account.to_owned())
                .or_default()
                .add(day, rated, code, calls),
        };
        added.map_err(|e| CountOverflow {
            account: account.to_owned(),
            ..e
        })
    }

    /// Rates one call ([`rate_with`]) and counts it; returns the rating.
    pub fn add_call(
        &mut self,
        account: &str,
        day: NaiveDate,
        channel: &str,
        source: Option<&str>,
        code: &str,
        strict: bool,
    ) -> Result<Rated<T>, AddError> {
        let rated = rate_with::<T>(channel, source, code, day, strict)?;
        self.add(account, day, &rated, code, 1)?;
        Ok(rated)
    }

    /// Adds another aggregate: per account, counts of equal keys add up. An error when a
    /// key's counts add up past the largest count; `self` then holds part of `other`.
    pub fn merge(&mut self, other: Usage<T>) -> Result<(), CountOverflow> {
        for (account, usage) in other.accounts {
            self.merge_account_owned(account, usage)?;
        }
        Ok(())
    }

    /// Adds one account's usage; an error as for [`Usage::merge`].
    pub fn merge_account(
        &mut self,
        account: &str,
        usage: AccountUsage<T>,
    ) -> Result<(), CountOverflow> {
        match self.accounts.get_mut(account) {
            Some(mine) => mine.merge(usage).map_err(|e| CountOverflow {
                account: account.to_owned(),
                ..e
            }),
            None => {
                self.accounts.insert(account.to_owned(), usage);
                Ok(())
            }
        }
    }

    fn merge_account_owned(
        &mut self,
        account: String,
        usage: AccountUsage<T>,
    ) -> Result<(), CountOverflow> {
        match self.accounts.get_mut(&account) {
            Some(mine) => mine
                .merge(usage)
                .map_err(|e| CountOverflow { account, ..e }),
            None => {
                self.accounts.insert(account, usage);
                Ok(())
            }
        }
    }

    /// The usage of one account.
    pub fn account(&self, account: &str) -> Option<&AccountUsage<T>> {
        self.accounts.get(account)
    }

    /// The accounts and their usage, in account order.
    pub fn accounts(&self) -> impl Iterator<Item = (&str, &AccountUsage<T>)> {
        self.accounts.iter().map(|(a, u)| (a.as_str(), u))
    }

    /// The number of accounts with usage.
    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    /// The accounts and their usage, taken apart.
    pub fn into_accounts(self) -> impl Iterator<Item = (String, AccountUsage<T>)> {
        self.accounts.into_iter()
    }

    /// Whether no call was counted.
    pub fn is_empty(&self) -> bool {
        self.accounts.values().all(AccountUsage::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rate::rate;
    use crate::engine::testing::{day, Mock, Source};

    fn rated(channel: &str, source: Option<&str>) -> Rated<Mock> {
        rate::<Mock>(channel, source, "0", day(2026, 10, 1)).unwrap()
    }

    #[test]
    fn equal_keys_add_up_and_codes_are_canonical() {
        let mut u = Usage::<Mock>::new();
        let r = rated("微信小程序", Some("权威库"));
        u.add("a", day(2026, 10, 1), &r, "0", 2).unwrap();
        u.add("a", day(2026, 10, 1), &r, "00", 3).unwrap();
        u.add("a", day(2026, 10, 1), &r, " 0 ", 1).unwrap();
        u.add("a", day(2026, 10, 2), &r, "0", 7).unwrap();
        let rows: Vec<_> = u.account("a").unwrap().rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].calls, 6);
        assert_eq!(rows[0].code, Code::Int(0));
        assert_eq!(rows[1].calls, 7);
        assert_eq!(u.account("a").unwrap().total_calls(), Some(13));
        assert!(u.account("b").is_none());
    }

    #[test]
    fn single_source_channel_given_or_not_is_one_key() {
        let mut u = Usage::<Mock>::new();
        u.add_call(
            "a",
            day(2026, 10, 1),
            "活体人脸核身 API",
            None,
            "Success",
            false,
        )
        .unwrap();
        u.add_call(
            "a",
            day(2026, 10, 1),
            "LivenessRecognition",
            Some("权威库"),
            "Success",
            false,
        )
        .unwrap();
        let rows: Vec<_> = u.account("a").unwrap().rows().collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].calls, 2);
        assert_eq!(rows[0].source, Some(Source::Authority));
    }

    #[test]
    fn merge_adds_per_account() {
        let r = rated("银行卡三要素", None);
        let mut a = Usage::<Mock>::new();
        a.add("x", day(2026, 10, 1), &r, "0", 1).unwrap();
        let mut b = Usage::<Mock>::new();
        b.add("x", day(2026, 10, 1), &r, "0", 2).unwrap();
        b.add("y", day(2026, 10, 1), &r, "-1", 4).unwrap();
        let mut ab = a.clone();
        ab.merge(b.clone()).unwrap();
        let mut ba = b;
        ba.merge(a).unwrap();
        assert_eq!(ab, ba);
        assert_eq!(ab.account("x").unwrap().total_calls(), Some(3));
        assert_eq!(ab.account("y").unwrap().total_calls(), Some(4));
    }

    #[test]
    fn code_counts_stay_sorted_and_merge_by_adding() {
        let codes = |list: &[(&str, u64)]| {
            let mut counts = CodeCounts::default();
            for &(code, calls) in list {
                counts.add(Code::parse(code), calls).unwrap();
            }
            counts
        };
        let listed = |counts: &CodeCounts| {
            counts
                .iter()
                .map(|(code, calls)| format!("{code}:{calls}"))
                .collect::<Vec<_>>()
        };
        let a = codes(&[("5", 1), ("-2", 2), ("Success", 3), ("0", 4), ("05", 5)]);
        assert_eq!(listed(&a), ["-2:2", "0:4", "5:6", "Success:3"]);
        let b = codes(&[
            ("Failed", 1),
            ("5", 10),
            ("7", 1),
            ("-9", 1),
            ("Success", 1),
        ]);
        let mut ab = a.clone();
        ab.merge(b.clone()).unwrap();
        let mut ba = b;
        ba.merge(a).unwrap();
        assert_eq!(ab, ba);
        assert_eq!(
            listed(&ab),
            [
                "-9:1",
                "-2:2",
                "0:4",
                "5:16",
                "7:1",
                "Failed:1",
                "Success:4"
            ]
        );
        let mut empty = CodeCounts::default();
        empty.merge(ab.clone()).unwrap();
        assert_eq!(empty, ab);
    }
}
