//! From input files to daily usage, for both editions at once: each account's calls are
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
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::engine::{AccountUsage, RateError, Usage, UsageReader};
use crate::input::{CallReader, CallRef, InputError, Month};
use crate::records::{AccountRecord, Origin};
use crate::table::{BillingTable, Verdict};
use crate::{current, legacy};

/// A document edition: which table bills an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// Accounts that opened Face ID before 2021-06-22 ([`legacy`]).
    Legacy,
    /// Accounts that opened it on or after 2021-06-22 ([`current`]).
    Current,
}

impl Edition {
    /// The edition of an account that opened the service on `day`.
    pub fn for_opened(day: NaiveDate) -> Edition {
        if legacy::Table::INFO.opened.covers(day) {
            Edition::Legacy
        } else {
            Edition::Current
        }
    }

    /// `legacy` or `current`.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Legacy => legacy::Table::INFO.name,
            Edition::Current => current::Table::INFO.name,
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Edition {
    type Err = String;
    fn from_str(s: &str) -> Result<Edition, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "legacy" => Ok(Edition::Legacy),
            "current" => Ok(Edition::Current),
            other => Err(format!(
                "unknown edition {other:?}; expected `legacy` (opened before 2021-06-22) or `current`"
            )),
        }
    }
}

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
    /// Adds another count.
    pub fn add(&mut self, other: Counts) {
        self.read += other.read;
        self.billed += other.billed;
        self.not_billed += other.not_billed;
        self.unknown_code += other.unknown_code;
        self.rejected += other.rejected;
        self.duplicates += other.duplicates;
    }
}

/// Daily usage of both editions, and the rejected lines.
#[derive(Debug, Default)]
pub struct Aggregate {
    /// Usage of legacy accounts.
    pub legacy: Usage<legacy::Table>,
    /// Usage of current accounts.
    pub current: Usage<current::Table>,
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

    /// Adds what `other` read: usage merges by addition, in any order.
    pub fn merge(&mut self, other: Aggregate) {
        self.legacy.merge(other.legacy);
        self.current.merge(other.current);
        self.rejected += other.rejected;
        self.duplicates += other.duplicates;
    }

    /// The number of distinct accounts with usage.
    pub fn accounts(&self) -> usize {
        self.legacy.account_count() + self.current.account_count()
    }

    /// The months the usage falls in, first to last (China Standard Time), or `None` when
    /// there is none.
    pub fn months(&self) -> Option<RangeInclusive<Month>> {
        let days = self.legacy.accounts().filter_map(|(_, u)| u.days());
        let days = days.chain(self.current.accounts().filter_map(|(_, u)| u.days()));
        let (first, last) = days.fold(None, |span: Option<(NaiveDate, NaiveDate)>, (a, b)| {
            Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
        })?;
        Some(Month::of(first)..=Month::of(last))
    }

    /// Whether `account` has usage.
    pub fn has_account(&self, account: &str) -> bool {
        self.legacy.account(account).is_some() || self.current.account(account).is_some()
    }

    /// How the calls were accounted for (from the usage: billed or not on each call's day).
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            rejected: self.rejected,
            duplicates: self.duplicates,
            ..Counts::default()
        };
        for (_, usage) in self.legacy.accounts() {
            count_account(usage, &mut counts);
        }
        for (_, usage) in self.current.accounts() {
            count_account(usage, &mut counts);
        }
        counts.read = counts.billed + counts.not_billed + counts.rejected;
        counts
    }

    /// How the calls of `account`'s usage were accounted for: billed, not billed and unknown
    /// codes, `read` their sum, nothing rejected. Summed over every account with usage,
    /// with [`Aggregate::rejected`] and [`Aggregate::duplicates`] added, this is
    /// [`Aggregate::counts`]; so accounts can be counted on several threads.
    pub fn account_counts(&self, account: &str) -> Counts {
        let mut counts = Counts::default();
        if let Some(usage) = self.legacy.account(account) {
            count_account(usage, &mut counts);
        }
        if let Some(usage) = self.current.account(account) {
            count_account(usage, &mut counts);
        }
        counts.read = counts.billed + counts.not_billed;
        counts
    }
}

fn count_account<T: BillingTable>(account: &AccountUsage<T>, counts: &mut Counts) {
    for row in account.rows() {
        match T::code_status(row.family, row.code, row.day).verdict {
            Verdict::Billed => counts.billed += row.calls,
            Verdict::NotBilled => counts.not_billed += row.calls,
            Verdict::Unknown => {
                counts.not_billed += row.calls;
                counts.unknown_code += row.calls;
            }
        }
    }
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
                        Ok(Edition::Legacy) => add_call(&mut out.legacy, &call, opts.strict),
                        Ok(Edition::Current) => add_call(&mut out.current, &call, opts.strict),
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
        .map_err(|e: RateError| (Some(e.field()), e.to_string()))
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
                kind: crate::input::ErrorKind::Record,
            }),
            Ok(Edition::Legacy) => out.legacy.add_record(&record, opts.strict),
            Ok(Edition::Current) => out.current.add_record(&record, opts.strict),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_edition_changes_on_2021_06_22() {
        assert_eq!(Edition::for_opened(day("2021-06-21")), Edition::Legacy);
        assert_eq!(Edition::for_opened(day("2021-06-22")), Edition::Current);
        assert_eq!(" Legacy ".parse::<Edition>(), Ok(Edition::Legacy));
        assert_eq!(Edition::Current.to_string(), "current");
        assert!("new".parse::<Edition>().is_err());
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
        let counts = result.unwrap().counts();
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
        merged.merge(part(1..3));
        let whole = read(LOG, true).0.unwrap();
        // The duplicate of r1 spans the parts, so only the whole log finds it.
        let (m, w) = (merged.counts(), whole.counts());
        assert_eq!(m.read, w.read);
        assert_eq!(m.billed, w.billed + 1);
        assert_eq!(m.rejected, w.rejected - 1);
        assert_eq!(merged.accounts(), whole.accounts());
    }
}
