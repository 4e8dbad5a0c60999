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

/// A reader that remembers the last byte it gave.
struct LastByte<R> {
    inner: R,
    last: Option<u8>,
}

impl<R: Read> Read for LastByte<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

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
    /// character: JSON starts with `{` (or `[`, an array of responses), a call log with its
    /// header. An error
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
            matches!(
                buf.iter().find(|b| !b.is_ascii_whitespace()),
                Some(b'{' | b'[')
            )
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

    /// A file was read whole (see [`FileCounts::ends_mid_line`] for one that may be cut).
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
        let mut last = LastByte {
            inner: source.reader,
            last: None,
        };
        let reader = &mut last;
        let mut part = match source.kind {
            SourceKind::Calls => {
                let scan = ScanOptions {
                    threads: self.options.threads,
                    block_size: self.options.block_size,
                    read,
                };
                let mut rejects = |r: Reject| sink.reject(r);
                scan::aggregate_calls(name, reader, self.editions, &scan, ids, &mut rejects)?
            }
            SourceKind::Usage => {
                let mut rejects = |r: Reject| sink.reject(r);
                pipeline::aggregate_usage(name, reader, self.editions, read, &mut rejects)?
            }
            SourceKind::BillDetails => {
                let rules = source.rules.unwrap_or_default();
                // Both kinds of finding go to the one sink, in input order.
                let sink = std::cell::RefCell::new(&mut *sink);
                pipeline::aggregate_bill_details(
                    name,
                    reader,
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
            // JSON has no lines to cut.
            ends_mid_line: source.kind != SourceKind::BillDetails
                && last.last.is_some_and(|b| b != b'\n' && b != b'\r'),
        };
        sink.file_read(&file);
        part.files.push(file);
        Ok(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Editions;
    use crate::{bill, BillOptions, Edition, Statements};
    use proptest::prelude::*;
    use std::io;

    /// A log of `n` calls of two accounts over a few days, with request ids (one repeated),
    /// every `quote`-th field quoted.
    fn log(n: usize, quote: usize) -> Vec<u8> {
        let mut out = String::from("time,account,channel,source,code,request_id\n");
        for i in 0..n {
            let fields = [
                format!(
                    "2026-10-{:02}T{:02}:{:02}:00+08:00",
                    1 + i % 5,
                    i % 24,
                    i % 60
                ),
                format!("12500000{:02}", i % 2),
                ["微信小程序", "银行卡三要素"][i % 2].to_owned(),
                ["权威库", ""][i % 2].to_owned(),
                ["0", "2016", "-1"][i % 3].to_owned(),
                format!("{:032x}", (i as u128 % 97) * 0x1_0000_0001 + 5),
            ];
            let fields: Vec<String> = fields
                .iter()
                .enumerate()
                .map(|(j, f)| {
                    if quote > 0 && (i + j) % quote == 0 {
                        format!("\"{f}\"")
                    } else {
                        f.clone()
                    }
                })
                .collect();
            out += &fields.join(",");
            out.push('\n');
        }
        out.into_bytes()
    }

    /// What a run makes of `reader`: the statements, and whether the file was said to be
    /// cut; or the error that stopped it.
    fn statements(reader: impl Read, threads: usize) -> Result<(Statements, bool), String> {
        let editions = Editions::all(Edition::Legacy);
        let options = ReadOptions {
            threads,
            block_size: 256,
            ..ReadOptions::default()
        };
        let usage = CallLog::new(&editions, options)
            .read([Source::calls("calls.csv", reader)], &mut Discard)
            .map_err(|e| e.to_string())?;
        let cut = usage.files[0].ends_mid_line;
        let statements =
            bill(&usage, &editions, &[], &BillOptions::default()).map_err(|e| e.to_string())?;
        Ok((statements, cut))
    }

    /// Gives `data` in reads of the sizes given (cycling), then fails or ends.
    struct Faulty<'a> {
        data: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
        fail: bool,
    }

    impl Read for Faulty<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.data.is_empty() {
                return if self.fail {
                    Err(io::Error::other("the disk went away"))
                } else {
                    Ok(0)
                };
            }
            let size = self.sizes[self.turn % self.sizes.len()].max(1);
            self.turn += 1;
            let n = size.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// A reader that fails, gives little at a time or is cut at any point never yields
        /// statements other than those of the file's whole lines without saying so: short
        /// reads change nothing, an I/O error stops the run, and a file cut mid-line gives
        /// the statements of its whole lines, or says that it ends mid-line, or fails.
        #[test]
        fn faults_never_change_the_statements_silently(
            n in 1..400usize,
            quote in 0..4usize,
            cut in 0.0..1.0f64,
            sizes in prop::collection::vec(1..300usize, 1..4),
            threads in 1..3usize,
        ) {
            let data = log(n, quote);
            let (whole, cut_flag) = statements(&data[..], threads).unwrap();
            prop_assert!(!cut_flag);
            // Short reads.
            let trickle = Faulty { data: &data, sizes: sizes.clone(), turn: 0, fail: false };
            prop_assert_eq!(&statements(trickle, threads).unwrap().0, &whole);
            let at = ((data.len() as f64) * cut) as usize;
            // An I/O error after `at` bytes: the run fails and says why.
            let failing = Faulty { data: &data[..at], sizes: sizes.clone(), turn: 0, fail: true };
            let failed = statements(failing, threads);
            prop_assert!(failed.as_ref().is_err_and(|e| e.contains("the disk went away")), "{:?}", failed.map(|s| s.1));
            // Cut at `at`: what the whole lines before it say, or a word that it is cut.
            let prefix_end = data[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let prefix = statements(&data[..prefix_end], threads);
            match statements(&data[..at], threads) {
                Err(_) => {}
                Ok((_, true)) => {}
                Ok((got, false)) => prop_assert_eq!(Ok(got), prefix.map(|p| p.0)),
            }
        }
    }
}
