//! Reading call logs into daily usage: [`CallLog`], the one entry point.
//!
//! A run reads its sources — call logs and daily-usage files; files, standard input, pipes;
//! several of them, in order — into one [`Aggregate`]: the usage of every edition's
//! accounts and how every call read was accounted for, per file and in total. Rejected
//! lines and repeated request ids go to a [`Sink`] as they are found, the way a searcher
//! hands matches to a sink: the caller decides what to do with them (a rejects file, a
//! count, nothing), the reader how to read.
//!
//! ```
//! use faceid_rules::call_log::{CallLog, ReadOptions, Source};
//! use faceid_rules::pipeline::{Editions, Reject};
//! use faceid_rules::Edition;
//!
//! let day_one = "time,channel,code,request_id\n\
//!     2026-10-01T09:00:00+08:00,银行卡三要素,0,3f2504e0-4f89-11d3-9a0c-0305e82c3301\n";
//! // The second file repeats the first one's call: it is not billed twice.
//! let export = "time,channel,code,request_id\n\
//!     2026-10-01T09:00:00+08:00,银行卡三要素,0,3f2504e0-4f89-11d3-9a0c-0305e82c3301\n\
//!     2026-10-02T10:00:00+08:00,银行卡三要素,0,9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\n";
//! let editions = Editions::all(Edition::Legacy);
//! let log = CallLog::new(&editions, ReadOptions::default());
//! let mut rejects: Vec<Reject> = Vec::new();
//! let sources = [
//!     Source::calls("day-one.csv", day_one.as_bytes()),
//!     Source::calls("export.csv", export.as_bytes()),
//! ];
//! let usage = log.read(sources, &mut |r: Reject| rejects.push(r))?;
//! let counts = usage.counts()?;
//! assert_eq!((counts.read, counts.billed, counts.duplicates), (3, 2, 1));
//! assert_eq!(rejects[0].origin.to_string(), "export.csv:2");
//! assert_eq!(usage.files[1].counts.duplicates, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How
//!
//! Inside, two strategies that give the same result: a fast path that reads a call log in
//! blocks and counts them on several threads (`scan`), and the exact sequential reader
//! ([`crate::pipeline`]) for what the fast path leaves to it — from the first line it
//! would have to reject, with that line's exact number (see the fast path's documentation
//! for why each such case exists). Usage files are read by the sequential reader. The
//! caller never chooses: the result, the rejects and the errors are the sequential
//! reader's.
//!
//! Request ids are checked across every call log of the run, with memory of about 20 bytes
//! per distinct id ([`crate::request_ids`]).

use std::fmt;
use std::io::Read;
use std::sync::Arc;

use crate::input::wechat::Rules;
use crate::pipeline::{
    self, Aggregate, ChargeDisagreement, Editions, FileCounts, PipelineError, Reject, MAX_ACCOUNTS,
};
use crate::request_ids::{RequestIds, MAX_REQUEST_IDS};
use crate::scan::{self, ScanOptions};

/// What a source holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A call log: `time,channel,code[,source][,account][,request_id]`, one call a line.
    Calls,
    /// Daily usage: `account,day,channel,source,code,calls`, as `faceid-rules usage`
    /// writes it.
    Usage,
    /// Saved responses of Tencent's `GetWeChatBillDetails`: each `ChargeDetail` a call, its
    /// channel and compare source from the rule of its `RuleId`
    /// ([`crate::input::wechat`]).
    BillDetails,
}

/// One input of a run: a name for messages and a reader.
pub struct Source<'a> {
    name: Arc<str>,
    kind: SourceKind,
    reader: Box<dyn Read + 'a>,
    /// What each `RuleId` of a [`SourceKind::BillDetails`] source is configured as.
    rules: Option<Arc<Rules>>,
}

impl fmt::Debug for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl<'a> Source<'a> {
    /// A call log named `name` in messages.
    pub fn calls(name: impl Into<Arc<str>>, reader: impl Read + 'a) -> Source<'a> {
        Source {
            name: name.into(),
            kind: SourceKind::Calls,
            reader: Box::new(reader),
            rules: None,
        }
    }

    /// A daily-usage file named `name` in messages.
    pub fn usage(name: impl Into<Arc<str>>, reader: impl Read + 'a) -> Source<'a> {
        Source {
            name: name.into(),
            kind: SourceKind::Usage,
            reader: Box::new(reader),
            rules: None,
        }
    }

    /// Saved `GetWeChatBillDetails` responses named `name` in messages, whose `RuleId`s
    /// `rules` says the channel, compare source and account of.
    pub fn bill_details(
        name: impl Into<Arc<str>>,
        reader: impl Read + 'a,
        rules: Arc<Rules>,
    ) -> Source<'a> {
        Source {
            name: name.into(),
            kind: SourceKind::BillDetails,
            reader: Box::new(reader),
            rules: Some(rules),
        }
    }

    /// A call log or saved `GetWeChatBillDetails` responses, told apart by the first
    /// character: a JSON document starts with `{`, a call log with its header. An error
    /// when the reader cannot be read.
    pub fn detect(
        name: impl Into<Arc<str>>,
        reader: impl Read + 'a,
        rules: Arc<Rules>,
    ) -> std::io::Result<Source<'a>> {
        use std::io::BufRead;
        let mut reader = std::io::BufReader::with_capacity(64 * 1024, reader);
        let json = {
            let buf = reader.fill_buf()?;
            let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
            buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        };
        Ok(if json {
            Source::bill_details(name, reader, rules)
        } else {
            Source::calls(name, reader)
        })
    }

    /// The name given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What it holds.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }
}

/// Where a run's findings go: each rejected line and repeated request id as it is found
/// (in input order), and each file's counts when it is read.
pub trait Sink {
    /// A line that is not billed: bad data ([`RejectKind::Bad`], when rejects are kept) or
    /// a repeated request id ([`RejectKind::Duplicate`], always).
    ///
    /// [`RejectKind::Bad`]: crate::pipeline::RejectKind::Bad
    /// [`RejectKind::Duplicate`]: crate::pipeline::RejectKind::Duplicate
    fn reject(&mut self, reject: Reject);

    /// A call of Tencent's billing detail on which the table and Tencent's `IsNeedCharge`
    /// disagree ([`SourceKind::BillDetails`] sources only).
    fn disagreement(&mut self, disagreement: ChargeDisagreement) {
        let _ = disagreement;
    }

    /// A file was read whole.
    fn file_read(&mut self, file: &FileCounts) {
        let _ = file;
    }
}

/// A closure that takes each reject.
impl<F: FnMut(Reject)> Sink for F {
    fn reject(&mut self, reject: Reject) {
        self(reject);
    }
}

/// A sink that drops everything (the counts still say how many lines were rejected).
#[derive(Clone, Copy, Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn reject(&mut self, _: Reject) {}
}

/// How to read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// A code the channel's family does not list is an error (else: not billed, reported).
    pub strict: bool,
    /// Bad lines go to the sink and reading goes on (else the first one stops the run).
    pub keep_going: bool,
    /// The most distinct accounts one run keeps usage for (memory grows with each).
    pub max_accounts: usize,
    /// The most distinct request ids one run remembers (about 20 bytes each).
    pub max_request_ids: usize,
    /// Threads counting calls (at least one; the calling thread reads). Default: the
    /// number of cores.
    pub threads: usize,
    /// Bytes read at a time by the fast path (at least 64; default 256 KiB).
    pub block_size: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            strict: false,
            keep_going: false,
            max_accounts: MAX_ACCOUNTS,
            max_request_ids: MAX_REQUEST_IDS,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block_size: scan::DEFAULT_BLOCK,
        }
    }
}

/// A reader of call logs for a run: which edition bills each account, and how to read.
#[derive(Clone, Debug)]
pub struct CallLog<'e> {
    editions: &'e Editions,
    options: ReadOptions,
}

impl<'e> CallLog<'e> {
    /// Reads with `options`, rating each account's calls under its edition in `editions`.
    pub fn new(editions: &'e Editions, options: ReadOptions) -> CallLog<'e> {
        CallLog { editions, options }
    }

    /// Reads `sources` in order into one aggregate; see the [module documentation](self).
    ///
    /// Stops at the first bad line unless [`ReadOptions::keep_going`], at a file that
    /// cannot be read (a missing column, an I/O error) and at a limit.
    pub fn read<'a>(
        &self,
        sources: impl IntoIterator<Item = Source<'a>>,
        sink: &mut dyn Sink,
    ) -> Result<Aggregate, PipelineError> {
        let mut ids = RequestIds::with_limit(self.options.max_request_ids);
        let mut all = Aggregate::new();
        for source in sources {
            let name = Arc::clone(&source.name);
            let part = self.read_one(&name, source, &mut ids, sink)?;
            all.merge(part).map_err(PipelineError::Overflow)?;
            if all.accounts() > self.options.max_accounts {
                return Err(PipelineError::Accounts {
                    file: Arc::clone(&all.files[all.files.len() - 1].file),
                    accounts: all.accounts(),
                    limit: self.options.max_accounts,
                });
            }
        }
        Ok(all)
    }

    fn read_one(
        &self,
        name: &str,
        source: Source<'_>,
        ids: &mut RequestIds,
        sink: &mut dyn Sink,
    ) -> Result<Aggregate, PipelineError> {
        let read = pipeline::ReadOptions {
            strict: self.options.strict,
            keep_going: self.options.keep_going,
            max_accounts: self.options.max_accounts,
        };
        let mut part = match source.kind {
            SourceKind::Calls => {
                let scan = ScanOptions {
                    threads: self.options.threads,
                    block_size: self.options.block_size,
                    read,
                };
                let mut rejects = |r: Reject| sink.reject(r);
                scan::aggregate_calls(name, source.reader, self.editions, &scan, ids, &mut rejects)?
            }
            SourceKind::Usage => {
                let mut rejects = |r: Reject| sink.reject(r);
                pipeline::aggregate_usage(name, source.reader, self.editions, read, &mut rejects)?
            }
            SourceKind::BillDetails => {
                let rules = source.rules.unwrap_or_default();
                // Both kinds of finding go to the one sink, in input order.
                let sink = std::cell::RefCell::new(&mut *sink);
                pipeline::aggregate_bill_details(
                    name,
                    source.reader,
                    &rules,
                    self.editions,
                    read,
                    ids,
                    &mut |r| sink.borrow_mut().reject(r),
                    &mut |d| sink.borrow_mut().disagreement(d),
                )?
            }
        };
        let file = FileCounts {
            file: name.into(),
            counts: part.counts().map_err(PipelineError::TooManyCalls)?,
        };
        sink.file_read(&file);
        part.files.push(file);
        Ok(part)
    }
}
