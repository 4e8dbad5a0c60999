//! From input files to daily usage, for every edition at once: each account's calls are
//! rated against the table of its edition (by the day it opened the service), aggregated
//! into [`Usage`], and every line read is accounted for — billed, not billed, or rejected.
//!
//! Reading is sequential here ([`aggregate_calls`]); the result merges by addition
//! ([`Aggregate::merge`]), so parts of a log, or logs aggregated elsewhere (`usage` files),
//! combine into the same thing.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::calendar::Month;
use crate::edition::{ByEdition, Edition, EditionTable, PerTable};
use crate::engine::{rate_with, AccountUsage, AddError, CountOverflow, Usage};
use crate::input::{CallReader, CallRef, ErrorKind, InputError, UsageReader, UsageRecord};
use crate::records::{AccountRecord, Origin};
use crate::table::{BillingTable, Verdict};
use crate::with_table;

/// Which edition each account is billed under.
#[derive(Clone, Debug, Default)]
pub struct Editions {
    opened: HashMap<String, NaiveDate>,
    default: Option<Edition>,
}

impl Editions {
    /// Every account under one edition.
    pub fn all(edition: Edition) -> Editions {
        Editions {
            opened: HashMap::new(),
            default: Some(edition),
        }
    }

    /// The accounts of an accounts file, and an edition for accounts not in it (if any).
    pub fn from_accounts(accounts: &[AccountRecord], default: Option<Edition>) -> Editions {
        Editions {
            opened: accounts
                .iter()
                .map(|a| (a.account.clone(), a.opened))
                .collect(),
            default,
        }
    }

    /// The edition of `account`, or why it has none.
    pub fn edition(&self, account: &str) -> Result<Edition, String> {
        match (self.opened.get(account), self.default) {
            (Some(&day), _) => Ok(Edition::for_opened(day)),
            (None, Some(e)) => Ok(e),
            (None, None) => Err(format!(
                "account {account:?} is not in the accounts file ({} accounts); add it with the day it opened Face ID, or give --opened DATE",
                self.opened.len()
            )),
        }
    }
}

/// How every call read was accounted for. `read = billed + not_billed + rejected`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Counts {
    /// Calls read (records of call logs, or the calls of usage rows).
    pub read: u64,
    /// Calls billed (covered by packs or postpaid).
    pub billed: u64,
    /// Calls whose result code is not billed, unknown codes included.
    pub not_billed: u64,
    /// Of the calls not billed: those whose code the channel's family does not list.
    pub unknown_code: u64,
    /// Lines rejected (bad data, or duplicates of a request id already billed).
    pub rejected: u64,
    /// Of the lines rejected: repeated request ids.
    pub duplicates: u64,
}

impl Counts {
    /// The sum of two counts, field by field, or `None` when one of them adds up past the
    /// largest count.
    pub fn checked_add(self, other: Counts) -> Option<Counts> {
        Some(Counts {
            read: self.read.checked_add(other.read)?,
            billed: self.billed.checked_add(other.billed)?,
            not_billed: self.not_billed.checked_add(other.not_billed)?,
            unknown_code: self.unknown_code.checked_add(other.unknown_code)?,
            rejected: self.rejected.checked_add(other.rejected)?,
            duplicates: self.duplicates.checked_add(other.duplicates)?,
        })
    }
}

/// Calls that add up past the largest count (`u64::MAX`) when counted together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooManyCalls {
    /// The account whose calls pass the largest count, added to the ones before it.
    pub account: String,
}

impl fmt::Display for TooManyCalls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "account {:?}: with this account the calls read add up past {}, the most a count can hold",
            self.account,
            crate::money::group_thousands(u64::MAX)
        )
    }
}

impl std::error::Error for TooManyCalls {}

/// [`Usage`] for each table: what an [`Aggregate`] holds per edition.
#[derive(Debug)]
pub struct Usages;

impl PerTable for Usages {
    type Of<T: EditionTable> = Usage<T>;
}

/// Daily usage of every edition's accounts, and the rejected lines.
#[derive(Debug, Default)]
pub struct Aggregate {
    /// The usage of each edition's accounts: `usage.get::<legacy::Table>()`.
    pub usage: ByEdition<Usages>,
    /// Lines rejected while reading, duplicates included.
    pub rejected: u64,
    /// Of those, repeated request ids.
    pub duplicates: u64,
}

impl Aggregate {
    /// Nothing read yet.
    pub fn new() -> Aggregate {
        Aggregate::default()
    }

    /// The usage of table `T`'s accounts.
    pub fn usage<T: EditionTable>(&self) -> &Usage<T> {
        self.usage.get::<T>()
    }

    /// The usage of table `T`'s accounts, to add to.
    pub fn usage_mut<T: EditionTable>(&mut self) -> &mut Usage<T> {
        self.usage.get_mut::<T>()
    }

    /// Adds what `other` read: usage merges by addition, in any order. An error when a
    /// count adds up past the largest count; `self` then holds part of `other`.
    pub fn merge(&mut self, mut other: Aggregate) -> Result<(), CountOverflow> {
        for &edition in Edition::ALL {
            with_table!(edition, T => {
                let theirs = std::mem::take(other.usage_mut::<T>());
                self.usage_mut::<T>().merge(theirs)?;
            });
        }
        // Rejected lines are lines of the inputs: their sum fits as the lines do.
        self.rejected = self.rejected.saturating_add(other.rejected);
        self.duplicates = self.duplicates.saturating_add(other.duplicates);
        Ok(())
    }

    /// The number of distinct accounts with usage.
    pub fn accounts(&self) -> usize {
        Edition::ALL
            .iter()
            .map(|&e| with_table!(e, T => self.usage::<T>().account_count()))
            .sum()
    }

    /// Every account with usage and its edition, each edition's in account order.
    pub fn account_editions(&self) -> Vec<(&str, Edition)> {
        let mut out = Vec::with_capacity(self.accounts());
        for &e in Edition::ALL {
            with_table!(e, T => out.extend(self.usage::<T>().accounts().map(|(a, _)| (a, e))));
        }
        out
    }

    /// The months the usage falls in, first to last (China Standard Time), or `None` when
    /// there is none.
    pub fn months(&self) -> Option<RangeInclusive<Month>> {
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        for &e in Edition::ALL {
            with_table!(e, T => {
                for (first, last) in self.usage::<T>().accounts().filter_map(|(_, u)| u.days()) {
                    span = Some(span.map_or((first, last), |(x, y)| (x.min(first), y.max(last))));
                }
            });
        }
        let (first, last) = span?;
        Some(Month::of(first)..=Month::of(last))
    }

    /// Whether `account` has usage.
    pub fn has_account(&self, account: &str) -> bool {
        Edition::ALL
            .iter()
            .any(|&e| with_table!(e, T => self.usage::<T>().account(account).is_some()))
    }

    /// How the calls were accounted for (from the usage: billed or not on each call's day);
    /// an error naming the account with which the calls add up past the largest count.
    pub fn counts(&self) -> Result<Counts, TooManyCalls> {
        let mut counts = Counts {
            rejected: self.rejected,
            duplicates: self.duplicates,
            ..Counts::default()
        };
        for &e in Edition::ALL {
            with_table!(e, T => {
                for (account, usage) in self.usage::<T>().accounts() {
                    counts = count_account(usage)
                        .and_then(|own| counts.checked_add(own))
                        .ok_or_else(|| TooManyCalls {
                            account: account.to_owned(),
                        })?;
                }
            });
        }
        counts.read = counts
            .read
            .checked_add(counts.rejected)
            .ok_or_else(|| TooManyCalls {
                account: String::new(),
            })?;
        Ok(counts)
    }

    /// How the calls of `account`'s usage were accounted for: billed, not billed and unknown
    /// codes, `read` their sum, nothing rejected. Summed over every account with usage,
    /// with [`Aggregate::rejected`] and [`Aggregate::duplicates`] added, this is
    /// [`Aggregate::counts`]; so accounts can be counted on several threads.
    /// An error when they add up past the largest count.
    pub fn account_counts(&self, account: &str) -> Result<Counts, TooManyCalls> {
        let too_many = || TooManyCalls {
            account: account.to_owned(),
        };
        let mut counts = Counts::default();
        for &e in Edition::ALL {
            with_table!(e, T => {
                if let Some(usage) = self.usage::<T>().account(account) {
                    let own = count_account(usage).ok_or_else(too_many)?;
                    counts = counts.checked_add(own).ok_or_else(too_many)?;
                }
            });
        }
        Ok(counts)
    }
}

/// An account's calls: billed, not billed, unknown codes, and `read` their sum; `None` past
/// the largest count.
fn count_account<T: BillingTable>(account: &AccountUsage<T>) -> Option<Counts> {
    let mut counts = Counts::default();
    for row in account.rows() {
        let add = |n: &mut u64| n.checked_add(row.calls).map(|sum| *n = sum);
        match T::code_status(row.family, row.code, row.day).verdict {
            Verdict::Billed => add(&mut counts.billed)?,
            Verdict::NotBilled => add(&mut counts.not_billed)?,
            Verdict::Unknown => {
                add(&mut counts.not_billed)?;
                add(&mut counts.unknown_code)?;
            }
        }
        add(&mut counts.read)?;
    }
    Some(counts)
}

/// A line that could not be billed, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    /// Where it is.
    pub origin: Origin,
    /// The field at fault, if one is.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub message: String,
    /// The line as read.
    pub raw: Vec<u8>,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "{}: field `{field}`: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl From<InputError> for Reject {
    fn from(e: InputError) -> Reject {
        Reject {
            origin: e.origin,
            field: e.field,
            message: e.message,
            raw: e.raw,
        }
    }
}

/// How to read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// A code the channel's family does not list is an error (else: not billed, reported).
    pub strict: bool,
    /// Bad lines go to the rejects sink and reading goes on (else the first one stops it).
    pub keep_going: bool,
    /// The most distinct accounts one run keeps usage for (memory grows with each).
    pub max_accounts: usize,
}

/// By default at most a million distinct accounts (a few hundred MB of usage at most).
pub const MAX_ACCOUNTS: usize = 1_000_000;

/// By default at most twenty million distinct request ids (about 1 GB) are remembered.
pub const MAX_REQUEST_IDS: usize = 20_000_000;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            strict: false,
            keep_going: false,
            max_accounts: MAX_ACCOUNTS,
        }
    }
}

/// Why reading stopped.
#[derive(Debug)]
pub enum PipelineError {
    /// A bad line (without `keep_going`), or a bad file (missing column, unreadable).
    Input(Reject),
    /// A limit that keeps memory bounded was reached.
    Limit {
        /// Where.
        origin: Origin,
        /// Which limit, and how to raise it.
        what: String,
    },
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::Input(r) => r.fmt(f),
            PipelineError::Limit { origin, what } => write!(f, "{origin}: {what}"),
        }
    }
}

impl std::error::Error for PipelineError {}

/// The request ids seen so far, to bill a repeated request once.
///
/// A call log may list one request twice (a retried export, two overlapping files): the
/// second occurrence is not billed again; it is rejected as a duplicate naming the first.
/// Memory grows with the number of distinct request ids (about 50 bytes each), up to a
/// limit ([`MAX_REQUEST_IDS`] by default) past which reading stops with an error.
#[derive(Debug)]
pub struct Dedup {
    seen: HashMap<Box<str>, Origin>,
    limit: usize,
}

impl Default for Dedup {
    fn default() -> Dedup {
        Dedup::with_limit(MAX_REQUEST_IDS)
    }
}

impl Dedup {
    /// Remembers at most `limit` distinct request ids.
    pub fn with_limit(limit: usize) -> Dedup {
        Dedup {
            seen: HashMap::new(),
            limit,
        }
    }

    /// The origin of the first line with `id`, when `id` was seen before; records it else.
    fn check(&mut self, id: &str, origin: &Origin) -> Result<Option<Origin>, PipelineError> {
        if let Some(first) = self.seen.get(id) {
            return Ok(Some(first.clone()));
        }
        if self.seen.len() >= self.limit {
            return Err(PipelineError::Limit {
                origin: origin.clone(),
                what: format!(
                    "more than {} distinct request ids to check for duplicates; raise --max-request-ids, or bill the log in parts through `usage` files",
                    self.limit
                ),
            });
        }
        self.seen.insert(id.into(), origin.clone());
        Ok(None)
    }
}

/// Reads a call log: rates every call against the table of its account's edition and adds
/// it to the usage. Bad lines stop the run, or, with `keep_going`, go to `rejects`.
pub fn aggregate_calls<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    dedup: &mut Dedup,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    aggregate_calls_onto(
        Aggregate::new(),
        file,
        reader,
        editions,
        opts,
        dedup,
        rejects,
    )
}

/// [`aggregate_calls`] counting onto `out`, what was read of the log before `reader`
/// starts: its accounts count toward [`ReadOptions::max_accounts`], so the limit is
/// reported at the line that passes it.
pub(crate) fn aggregate_calls_onto<R: Read>(
    mut out: Aggregate,
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    dedup: &mut Dedup,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    let file_name: Arc<str> = file.into();
    let mut calls = CallReader::new(Arc::clone(&file_name), reader)
        .map_err(|e| PipelineError::Input(e.into()))?;
    while let Some(next) = calls.next_ref() {
        let outcome = match next {
            Err(e) if !e.is_record() => return Err(PipelineError::Input(e.into())),
            Err(e) => Err(Reject::from(e)),
            Ok(call) => {
                let origin = Origin {
                    file: Arc::clone(&file_name),
                    line: call.line,
                };
                let duplicate = match call.request_id {
                    Some(id) => dedup.check(id, &origin)?.map(|first| (id, first)),
                    None => None,
                };
                if out.accounts() >= opts.max_accounts && !out.has_account(call.account) {
                    return Err(PipelineError::Limit {
                        origin,
                        what: format!(
                            "more than {} distinct accounts; raise --max-accounts, or split the log by account",
                            opts.max_accounts
                        ),
                    });
                }
                if let Some((id, first)) = duplicate {
                    out.duplicates += 1;
                    Err(Reject {
                        origin,
                        field: Some("request_id"),
                        message: format!("request id {id:?} was already billed at {first}"),
                        raw: call.raw.to_vec(),
                    })
                } else {
                    let rated = match editions.edition(call.account) {
                        Err(message) => Err((Some("account"), message)),
                        Ok(edition) => with_table!(edition, T => {
                            add_call(out.usage_mut::<T>(), &call, opts.strict)
                        }),
                    };
                    rated.map_err(|(field, message)| Reject {
                        origin,
                        field,
                        message,
                        raw: call.raw.to_vec(),
                    })
                }
            }
        };
        if let Err(reject) = outcome {
            if !opts.keep_going && reject.field != Some("request_id") {
                return Err(PipelineError::Input(reject));
            }
            out.rejected += 1;
            rejects(reject);
        }
    }
    Ok(out)
}

/// Rates one call against `T` and counts it; an error names the field at fault.
fn add_call<T: BillingTable>(
    usage: &mut Usage<T>,
    call: &CallRef<'_>,
    strict: bool,
) -> Result<(), (Option<&'static str>, String)> {
    usage
        .add_call(
            call.account,
            call.day,
            call.channel,
            call.source,
            call.code,
            strict,
        )
        .map(drop)
        .map_err(|e: AddError| (e.field(), e.to_string()))
}

/// Reads a daily-usage file (`account,day,channel,source,code,calls`), each row rated
/// against the table of its account's edition. Bad rows stop the run, or go to `rejects`.
pub fn aggregate_usage<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    let mut out = Aggregate::new();
    let rows = UsageReader::new(file, reader).map_err(|e| PipelineError::Input(e.into()))?;
    for row in rows {
        let result = row.and_then(|record| match editions.edition(&record.account) {
            Err(message) => Err(InputError {
                origin: record.origin.clone(),
                field: Some("account"),
                message,
                raw: Vec::new(),
                raw_truncated: false,
                kind: ErrorKind::Record,
            }),
            Ok(edition) => with_table!(edition, T => {
                add_usage_record(out.usage_mut::<T>(), &record, opts.strict)
            }),
        });
        match result {
            Ok(()) => {}
            Err(e) if !e.is_record() || !opts.keep_going => {
                return Err(PipelineError::Input(e.into()))
            }
            Err(e) => {
                out.rejected += 1;
                rejects(e.into());
            }
        }
    }
    Ok(out)
}

/// Rates a row of a usage file against `T` and counts it; errors name the row's line and
/// field.
pub fn add_usage_record<T: BillingTable>(
    usage: &mut Usage<T>,
    record: &UsageRecord,
    strict: bool,
) -> Result<(), InputError> {
    let rated = rate_with::<T>(
        &record.channel,
        record.source.as_deref(),
        &record.code,
        record.day,
        strict,
    )
    .map_err(|e| InputError {
        origin: record.origin.clone(),
        field: Some(e.field()),
        message: e.to_string(),
        raw: Vec::new(),
        raw_truncated: false,
        kind: ErrorKind::Record,
    })?;
    usage
        .add(
            &record.account,
            record.day,
            &rated,
            &record.code,
            record.calls,
        )
        .map_err(|e| InputError {
            origin: record.origin.clone(),
            field: Some("calls"),
            message: format!(
                "{} more calls: {e}",
                crate::money::group_thousands(record.calls)
            ),
            raw: Vec::new(),
            raw_truncated: false,
            kind: ErrorKind::Record,
        })
}

/// Reads a usage file named `file` (for messages) and rates every row against `T`
/// (`strict`: unknown result codes are errors). Stops at the first error, which names the
/// line and the field.
pub fn read_usage<T: BillingTable, R: Read>(
    file: &str,
    reader: R,
    strict: bool,
) -> Result<Usage<T>, InputError> {
    let mut usage = Usage::new();
    for record in UsageReader::new(file, reader)? {
        add_usage_record(&mut usage, &record?, strict)?;
    }
    Ok(usage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn an_account_missing_from_the_accounts_file_is_named() {
        let accounts = [AccountRecord {
            account: "a".into(),
            opened: day("2020-01-01"),
            origin: Origin {
                file: "accounts.csv".into(),
                line: 2,
            },
        }];
        let editions = Editions::from_accounts(&accounts, None);
        assert_eq!(editions.edition("a"), Ok(Edition::Legacy));
        assert!(editions.edition("b").unwrap_err().contains("\"b\""));
        let fallback = Editions::from_accounts(&accounts, Some(Edition::Current));
        assert_eq!(fallback.edition("b"), Ok(Edition::Current));
    }

    const LOG: &str = "time,account,channel,source,code,request_id\n\
        2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0,r1\n\
        2026-10-01T09:00:00+08:00,b,微信小程序,权威库,2007,r2\n\
        2026-10-02T09:00:00+08:00,a,微信小成序,权威库,0,r3\n\
        2026-10-02T09:00:00+08:00,b,微信小程序,权威库,0,r1\n\
        2026-10-03T09:00:00+08:00,a,银行卡三要素,,424242,r4\n";

    fn read(text: &str, keep_going: bool) -> (Result<Aggregate, PipelineError>, Vec<Reject>) {
        let mut rejects = Vec::new();
        let opts = ReadOptions {
            keep_going,
            ..ReadOptions::default()
        };
        let result = aggregate_calls(
            "calls.csv",
            text.as_bytes(),
            &Editions::all(Edition::Legacy),
            opts,
            &mut Dedup::default(),
            &mut |r| rejects.push(r),
        );
        (result, rejects)
    }

    #[test]
    fn every_line_is_billed_not_billed_or_rejected() {
        let (result, rejects) = read(LOG, true);
        let counts = result.unwrap().counts().unwrap();
        assert_eq!(
            counts,
            Counts {
                read: 5,
                billed: 1,
                not_billed: 2,
                unknown_code: 1,
                rejected: 2,
                duplicates: 1,
            }
        );
        let at: Vec<(u64, Option<&str>)> =
            rejects.iter().map(|r| (r.origin.line, r.field)).collect();
        assert_eq!(at, [(4, Some("channel")), (5, Some("request_id"))]);
        assert!(rejects[1].message.contains("calls.csv:2"), "{}", rejects[1]);
    }

    #[test]
    fn without_keep_going_the_first_bad_line_stops() {
        let (result, rejects) = read(LOG, false);
        let e = result.unwrap_err().to_string();
        assert!(
            e.starts_with("calls.csv:4: field `channel`: unknown channel \"微信小成序\""),
            "{e}"
        );
        assert!(rejects.is_empty());
    }

    #[test]
    fn parts_merge_into_the_whole() {
        let lines: Vec<&str> = LOG.lines().collect();
        let header = lines[0];
        let part = |range: std::ops::Range<usize>| {
            let mut text = format!("{header}\n");
            for l in &lines[range] {
                text += l;
                text += "\n";
            }
            read(&text, true).0.unwrap()
        };
        let mut merged = part(3..6);
        merged.merge(part(1..3)).unwrap();
        let whole = read(LOG, true).0.unwrap();
        // The duplicate of r1 spans the parts, so only the whole log finds it.
        let (m, w) = (merged.counts().unwrap(), whole.counts().unwrap());
        assert_eq!(m.read, w.read);
        assert_eq!(m.billed, w.billed + 1);
        assert_eq!(m.rejected, w.rejected - 1);
        assert_eq!(merged.accounts(), whole.accounts());
    }

    mod usage_files {
        use super::super::read_usage;
        use crate::engine::testing::{Channel, Mock};
        use crate::engine::{write_usage, Usage};

        #[test]
        fn writes_and_reads_back() {
            let d = crate::engine::testing::day(2026, 10, 31);
            let mut u = Usage::<Mock>::new();
            u.add_call(
                "1250000000",
                d,
                "微信小程序",
                Some("上传照片"),
                "2016",
                false,
            )
            .unwrap();
            u.add_call("1250000001", d, "银行卡三要素", None, "-2", false)
                .unwrap();
            let mut out = Vec::new();
            write_usage(&u, &mut out).unwrap();
            let back = read_usage::<Mock, _>("usage.csv", &out[..], true).unwrap();
            assert!(back == u);
        }

        #[test]
        fn reader_takes_columns_in_any_order_and_ignores_others() {
            let text =
                "calls,note,code,channel,day,account\n5,x,0,BankCardVerification,2026-10-01,a\n";
            let u = read_usage::<Mock, _>("u.csv", text.as_bytes(), false).unwrap();
            let rows: Vec<_> = u.account("a").unwrap().rows().collect();
            assert_eq!(rows.len(), 1);
            assert_eq!(rows[0].channel, Channel::BankCard3E);
            assert_eq!(rows[0].calls, 5);
        }

        #[test]
        fn reader_errors_name_line_and_field() {
            let err = |text: &str| {
                read_usage::<Mock, _>("u.csv", text.as_bytes(), true)
                    .unwrap_err()
                    .to_string()
            };
            let head = "account,day,channel,source,code,calls\n";
            let e = err("account,day,channel\n");
            assert!(
                e.starts_with("u.csv:1: missing required columns `code`, `calls`"),
                "{e}"
            );
            let e = err(&format!(
                "{head}a,2026-10-01,银行卡三要素,,0,1\na,2026-10-32,银行卡三要素,,0,1\n"
            ));
            assert!(
                e.starts_with("u.csv:3: field `day`: \"2026-10-32\" is not a date"),
                "{e}"
            );
            let e = err(&format!("{head}a,2026-10-01,微信小程序,,0,1\n"));
            assert!(
                e.starts_with("u.csv:2: field `source`: channel \"微信小程序\" compares"),
                "{e}"
            );
            let e = err(&format!("{head}a,2026-10-01,微信小成序,权威库,0,1\n"));
            assert!(
                e.starts_with("u.csv:2: field `channel`: unknown channel"),
                "{e}"
            );
            let e = err(&format!("{head}a,2026-10-01,银行卡三要素,,7,1\n"));
            assert!(e.starts_with("u.csv:2: field `code`: "), "{e}");
            let e = err(&format!("{head}a,2026-10-01,银行卡三要素,,0,-1\n"));
            assert!(
                e.starts_with("u.csv:2: field `calls`: \"-1\" is not a count"),
                "{e}"
            );
            let e = err(&format!("{head}a,2026-10-01,银行卡三要素,,0\n"));
            assert!(e.starts_with("u.csv:2: field `calls`: missing"), "{e}");
            let e = err(&format!("{head}a,2026-10-01,银行卡三要素,,,1\n"));
            assert_eq!(e, "u.csv:2: field `code`: empty");
        }
    }
}
