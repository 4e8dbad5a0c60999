//! From input files to daily usage, for every edition at once: each account's calls are
//! rated against the table of its edition (by the day it opened the service), aggregated
//! into [`Usage`], and every call read is accounted for — billed, not billed, a duplicate,
//! or rejected.
//!
//! This is the exact, sequential reader, one of the strategies of
//! [`CallLog`](crate::call_log::CallLog) (which is how call logs are read); the result
//! merges by addition ([`Aggregate::merge`]), so parts of a log, or logs aggregated
//! elsewhere (`usage` files), combine into the same thing.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::calendar::Month;
use crate::edition::{ByEdition, Edition, EditionTable, PerTable};
use crate::engine::{rate_with, AccountUsage, CountOverflow, Usage};
use crate::input::{CallReader, ErrorKind, InputError, UsageReader, UsageRecord};
use crate::records::{AccountRecord, Origin};
use crate::request_ids::RequestIds;
use crate::table::{BillingTable, Verdict};
use crate::with_table;

mod wechat;

pub(crate) use wechat::aggregate_bill_details;
pub use wechat::ChargeDisagreement;

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
            (None, None) if self.opened.is_empty() => Err(format!(
                "the edition of account {account:?} is not known: give an accounts file (--accounts FILE), the day the accounts opened Face ID (--opened DATE) or their edition (--edition NAME)"
            )),
            (None, None) => Err(format!(
                "account {account:?} is not in the accounts file ({} accounts); add it with the day it opened Face ID, or give --opened DATE",
                self.opened.len()
            )),
        }
    }
}

/// How every call read was accounted for:
/// `read = billed + not_billed + duplicates + rejected`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Counts {
    /// Calls read: the lines of call logs, and the calls of the rows of usage files (a
    /// rejected line counts as one).
    pub read: u64,
    /// Calls billed (covered by packs or postpaid).
    pub billed: u64,
    /// Calls whose result code is not billed, unknown codes included.
    pub not_billed: u64,
    /// Of the calls not billed: those whose code the channel's family does not list.
    pub unknown_code: u64,
    /// Lines rejected: bad data (duplicates are not among them).
    pub rejected: u64,
    /// Calls not billed because their request id was seen before in the run.
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

    /// Whether every call read is billed, not billed, a duplicate or rejected.
    pub fn balanced(&self) -> bool {
        self.billed
            .checked_add(self.not_billed)
            .and_then(|n| n.checked_add(self.duplicates))
            .and_then(|n| n.checked_add(self.rejected))
            == Some(self.read)
    }
}

/// How the calls of one input file were accounted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCounts {
    /// The file as named.
    pub file: Arc<str>,
    /// Its calls: `read = billed + not_billed + duplicates + rejected`.
    pub counts: Counts,
    /// The file does not end with a line end: its last line was read as it is, which is
    /// what a file cut short (a copy stopped midway) looks like.
    pub ends_mid_line: bool,
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

/// Daily usage of every edition's accounts, and how the calls read were accounted for.
#[derive(Debug, Default)]
pub struct Aggregate {
    /// The usage of each edition's accounts: `usage.get::<legacy::Table>()`.
    pub usage: ByEdition<Usages>,
    /// Calls read, counted as they are read (see [`Counts::read`]).
    pub read: u64,
    /// Lines rejected while reading (bad data).
    pub rejected: u64,
    /// Calls whose request id was seen before.
    pub duplicates: u64,
    /// Each input file's counts, in the order read.
    pub files: Vec<FileCounts>,
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
        // Lines and calls of the inputs: their sums fit as the lines do.
        self.read = self.read.saturating_add(other.read);
        self.rejected = self.rejected.saturating_add(other.rejected);
        self.duplicates = self.duplicates.saturating_add(other.duplicates);
        self.files.append(&mut other.files);
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
        // Counted as read, not summed from the usage: the two agree exactly when every call
        // read is accounted for ([`Counts::balanced`]).
        counts.read = self.read;
        Ok(counts)
    }

    /// How the calls of `account`'s usage were accounted for: billed, not billed and unknown
    /// codes, `read` their sum, nothing rejected. Summed over every account with usage,
    /// with [`Aggregate::rejected`] and [`Aggregate::duplicates`] added, this is
    /// [`Aggregate::counts`] (whose `read` is [`Aggregate::read`]); so accounts can be
    /// counted on several threads. An error when they add up past the largest count.
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

/// Why a line was not billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RejectKind {
    /// Bad data: the line is rejected (and stops the run unless rejects are kept).
    Bad,
    /// Its request id was seen before in the run: counted once, never an error.
    Duplicate,
}

/// A line that could not be billed, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    /// Bad data, or a repeated request id.
    pub kind: RejectKind,
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
            kind: RejectKind::Bad,
            origin: e.origin,
            field: e.field,
            message: e.message,
            raw: e.raw,
        }
    }
}

/// How to read (the options of [`CallLog`](crate::call_log::CallLog) that the
/// strategies share).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadOptions {
    /// A code the channel's family does not list is an error (else: not billed, reported).
    pub strict: bool,
    /// Bad lines go to the rejects sink and reading goes on (else the first one stops it).
    pub keep_going: bool,
    /// The most distinct accounts one run keeps usage for (memory grows with each).
    pub max_accounts: usize,
}

/// By default at most a million distinct accounts (a few hundred MB of usage at most).
pub const MAX_ACCOUNTS: usize = 1_000_000;

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
    /// Calls of one key add up past the largest count.
    Overflow(CountOverflow),
    /// The calls of the run add up past the largest count.
    TooManyCalls(TooManyCalls),
    /// With this file the run passes the accounts limit.
    Accounts {
        /// The file.
        file: Arc<str>,
        /// The distinct accounts of the run with it.
        accounts: usize,
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::Input(r) => r.fmt(f),
            PipelineError::Limit { origin, what } => write!(f, "{origin}: {what}"),
            PipelineError::Overflow(e) => e.fmt(f),
            PipelineError::TooManyCalls(e) => e.fmt(f),
            PipelineError::Accounts {
                file,
                accounts,
                limit,
            } => write!(
                f,
                "{file}: with this file the run has {} distinct accounts, more than {}; raise --max-accounts, or split the logs by account",
                crate::money::group_thousands(*accounts as u64),
                crate::money::group_thousands(*limit as u64)
            ),
        }
    }
}

impl std::error::Error for PipelineError {}

/// Reads a call log: rates every call against the table of its account's edition and adds
/// it to the usage; a call whose request id is in `ids` is a duplicate. Bad lines stop the
/// run, or, with `keep_going`, go to `rejects`, as duplicates always do.
#[cfg(test)]
pub(crate) fn aggregate_calls<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    ids: &mut RequestIds,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    aggregate_calls_onto(Aggregate::new(), file, reader, editions, opts, ids, rejects)
}

/// Reads a call log sequentially, counting onto `out`, what was read of the log before `reader`
/// starts: its accounts count toward [`ReadOptions::max_accounts`], so the limit is
/// reported at the line that passes it.
pub(crate) fn aggregate_calls_onto<R: Read>(
    mut out: Aggregate,
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    ids: &mut RequestIds,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    let file_name: Arc<str> = file.into();
    let mut calls = CallReader::new(Arc::clone(&file_name), reader)
        .map_err(|e| PipelineError::Input(e.into()))?;
    while let Some(next) = calls.next_ref() {
        out.read += 1;
        let outcome = match next {
            Err(e) if !e.is_record() => {
                // Not a call: an unreadable file ends here.
                out.read -= 1;
                return Err(PipelineError::Input(e.into()));
            }
            Err(e) => Err(Reject::from(e)),
            Ok(call) => {
                let origin = Origin {
                    file: Arc::clone(&file_name),
                    line: call.line,
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
                let reject = |kind, field, message| Reject {
                    kind,
                    origin: origin.clone(),
                    field,
                    message,
                    raw: call.raw.to_vec(),
                };
                match editions.edition(call.account) {
                    Err(message) => Err(reject(RejectKind::Bad, Some("account"), message)),
                    Ok(edition) => with_table!(edition, T => {
                        match rate_with::<T>(call.channel, call.source, call.code, call.day, opts.strict) {
                            Err(e) => Err(reject(RejectKind::Bad, Some(e.field()), e.to_string())),
                            // Only a line that is billed or not billed claims its id.
                            Ok(rated) => match claim(ids, call.request_id, &origin)? {
                                Some(id) => Err(reject(
                                    RejectKind::Duplicate,
                                    Some("request_id"),
                                    duplicate_message(id),
                                )),
                                None => out
                                    .usage_mut::<T>()
                                    .add(call.account, call.day, &rated, call.code, 1)
                                    .map_err(|e| reject(RejectKind::Bad, None, e.to_string())),
                            },
                        }
                    }),
                }
            }
        };
        if let Err(reject) = outcome {
            match reject.kind {
                RejectKind::Duplicate => out.duplicates += 1,
                RejectKind::Bad if !opts.keep_going => {
                    return Err(PipelineError::Input(reject));
                }
                RejectKind::Bad => out.rejected += 1,
            }
            rejects(reject);
        }
    }
    Ok(out)
}

/// Claims `id` for the line at `origin`: `Some(id)` when it was claimed before (the line
/// is a duplicate), `None` when it is new or there is none; an error past the limit.
fn claim<'a>(
    ids: &mut RequestIds,
    id: Option<&'a str>,
    origin: &Origin,
) -> Result<Option<&'a str>, PipelineError> {
    let Some(id) = id else { return Ok(None) };
    let key = ids.hasher().key(id.as_bytes());
    match ids.insert(key) {
        Ok(true) => Ok(None),
        Ok(false) => Ok(Some(id)),
        Err(full) => Err(too_many_ids(origin.clone(), full.limit)),
    }
}

/// The error past the request-id limit.
pub(crate) fn too_many_ids(origin: Origin, limit: usize) -> PipelineError {
    PipelineError::Limit {
        origin,
        what: format!(
            "more than {limit} distinct request ids to check for duplicates; raise --max-request-ids, or bill the log in parts through `usage` files"
        ),
    }
}

/// What a duplicate is rejected with.
pub(crate) fn duplicate_message(id: &str) -> String {
    format!("request id {id:?} was seen before in this run (not billed again)")
}

/// Reads a daily-usage file (`account,day,channel,source,code,calls`), each row rated
/// against the table of its account's edition. Bad rows stop the run, or go to `rejects`.
pub(crate) fn aggregate_usage<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: ReadOptions,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    let mut out = Aggregate::new();
    let rows = UsageReader::new(file, reader).map_err(|e| PipelineError::Input(e.into()))?;
    for row in rows {
        let result = row.and_then(|record| {
            let calls = record.calls;
            if out.read.checked_add(calls).is_none() {
                return Err(InputError {
                    origin: record.origin.clone(),
                    field: Some("calls"),
                    message: format!(
                        "{} more calls: with this row the calls read add up past {}, the most a count can hold",
                        crate::money::group_thousands(calls),
                        crate::money::group_thousands(u64::MAX)
                    ),
                    raw: Vec::new(),
                    raw_truncated: false,
                    kind: ErrorKind::Record,
                });
            }
            match editions.edition(&record.account) {
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
            }
            .map(|()| calls)
        });
        match result {
            Ok(calls) => out.read += calls,
            Err(e) if !e.is_record() || !opts.keep_going => {
                return Err(PipelineError::Input(e.into()))
            }
            Err(e) => {
                // A bad row counts as one call read: what it says is not known.
                out.read += 1;
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
        let fallback = Editions::from_accounts(&accounts, Some(Edition::Monthly));
        assert_eq!(fallback.edition("b"), Ok(Edition::Monthly));
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
            &mut RequestIds::default(),
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
                rejected: 1,
                duplicates: 1,
            }
        );
        assert!(counts.balanced());
        let at: Vec<(u64, Option<&str>)> =
            rejects.iter().map(|r| (r.origin.line, r.field)).collect();
        assert_eq!(at, [(4, Some("channel")), (5, Some("request_id"))]);
        assert_eq!(rejects[1].kind, RejectKind::Duplicate);
        assert!(
            rejects[1].message.contains("\"r1\" was seen before"),
            "{}",
            rejects[1]
        );
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
        assert_eq!(m.duplicates, w.duplicates - 1);
        assert_eq!(m.rejected, w.rejected);
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
