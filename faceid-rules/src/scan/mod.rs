//! The fast path for call logs: the same [`Aggregate`] as
//! [`pipeline::aggregate_calls`](crate::pipeline::aggregate_calls), several times faster, in
//! memory independent of the log's size.
//!
//! The log is read in large blocks, cut at line ends into chunks, and the chunks are
//! counted on several threads ([`std::thread::scope`]). A thread splits each line by hand
//! (eight bytes at a time), finds the call's day through a fast path for the common
//! timestamp forms (validated: see [`time`](self::time)), and turns the account and the
//! channel/source/code into small integer ids through caches keyed by the fields' bytes —
//! names repeat, so each distinct spelling is checked, trimmed and rated once, and the
//! tables' generated lookups run once per spelling rather than once per call. Calls are
//! counted per day in integer-keyed tables, merged across threads at the end and turned into
//! the engine's [`Usage`](crate::engine::Usage). Nothing is allocated per line.
//!
//! # Exact, or declined
//!
//! The fast path counts a line only when the sequential reader would read it with the same
//! field values and bill it without error. Otherwise it *declines* ([`Decline`]): a `"`
//! anywhere (a quoted field may hide a comma or a line break), a carriage return that does
//! not end a line, a non-empty `request_id` (duplicates need a view of the whole run), a line
//! that the sequential reader rejects (bad field count, time, channel, source, code, account,
//! UTF-8, length), more accounts than allowed, an unreadable input. What was read before the
//! declining chunk is returned as a partial aggregate, and the rest of the input — starting
//! with that chunk — as a reader ([`Replay`]) for the sequential path, which then reports
//! errors and rejects with their exact line numbers: the replay repeats the header and
//! stands in for the lines already counted with as many empty lines, which the sequential
//! reader skips but numbers. Nothing needs to be read twice, so standard input and pipes work
//! as files do. [`aggregate_calls`] does all of it.
//!
//! Why the result is exactly the sequential one: usage is a sum over lines of a function of
//! (account, day, channel text, source text, code text); the fast path computes the same
//! texts (trimmed as `Record::get` trims them), the same day (the reference parser, or a
//! fast path proven to agree with it), rates each distinct spelling with the same
//! [`rate_with`](crate::engine::rate_with) — whose success, outside strict mode, depends on
//! the channel and source only, and whose channel, source, labels and family do not depend
//! on the code or day — and adds counts, which commute. A chunk that declines, and any
//! chunk after it that a thread had already counted, is subtracted again line by line.
//!
//! # Memory
//!
//! A fixed number of blocks (two per thread, and two more; [`ScanOptions::block_size`]
//! each), the caches (one entry per distinct spelling), and one count per (day, account,
//! channel, source, code) — the size of the usage itself. Not the log's size.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::io::{self, Read};
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::input::CallReader;
use crate::pipeline::{self, Aggregate, Dedup, Editions, PipelineError, ReadOptions, Reject};
use crate::records::Origin;

mod maps;
mod time;
mod worker;

#[cfg(test)]
mod tests;

use worker::{Layout, Registry, Worker};

/// How to scan.
#[derive(Clone, Copy, Debug)]
pub struct ScanOptions {
    /// Counting threads (at least one); the calling thread reads. Default: the number of
    /// cores.
    pub threads: usize,
    /// Bytes read at a time (at least 64; default 1 MiB). A line longer than a block
    /// declines.
    pub block_size: usize,
    /// As for the sequential path: strict codes and the accounts limit (`keep_going` does
    /// not matter here: a bad line declines).
    pub read: ReadOptions,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block_size: DEFAULT_BLOCK,
            read: ReadOptions::default(),
        }
    }
}

/// The default block size.
pub const DEFAULT_BLOCK: usize = 1 << 20;

/// Why the fast path handed (part of) a log back to the sequential reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decline {
    /// The header is missing or bad, quoted, or not ended by `\n`.
    Header,
    /// A `"`: quoted fields may hold commas and line breaks.
    Quote,
    /// A carriage return that is not part of a line end `\r\n`.
    CarriageReturn,
    /// A non-empty request id: duplicates are found by the sequential path.
    RequestId,
    /// A line that the sequential reader rejects, or reports on.
    BadLine,
    /// A field that is not UTF-8.
    NotUtf8,
    /// A line longer than a block.
    LongLine,
    /// More distinct accounts (or spellings) than the limits allow.
    TooManyAccounts,
    /// The input could not be read.
    Io,
}

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Decline::Header => "the header is not a plain line",
            Decline::Quote => "a quoted field",
            Decline::CarriageReturn => "a carriage return inside a line",
            Decline::RequestId => "request ids (checked for duplicates)",
            Decline::BadLine => "a line to reject or report",
            Decline::NotUtf8 => "a field that is not UTF-8",
            Decline::LongLine => "a line longer than a block",
            Decline::TooManyAccounts => "more accounts than the limit",
            Decline::Io => "a read error",
        })
    }
}

/// What [`aggregate_reader`] made of a log.
#[derive(Debug)]
pub enum Scan<R> {
    /// Every line was counted: the aggregate the sequential path gives for the whole log.
    Done(Aggregate),
    /// The fast path stopped; the sequential path reads the rest.
    Declined(Declined<R>),
}

/// A log the fast path read only part of.
#[derive(Debug)]
pub struct Declined<R> {
    /// Why.
    pub reason: Decline,
    /// The first line of the input that was not counted.
    pub line: u64,
    /// What the lines before that give (nothing rejected among them).
    pub partial: Aggregate,
    /// The log as the sequential reader must read it: header, blank lines in place of the
    /// lines counted, and the rest of the input.
    pub rest: Replay<R>,
}

/// The rest of a log after the fast path declined, as a reader: the header line as read,
/// `\r\n` for each line already counted (blank lines, skipped but numbered by the sequential
/// reader), the bytes read but not counted, then the rest of the input (or the read error
/// that stopped the fast path, once).
pub struct Replay<R> {
    head: Vec<u8>,
    head_pos: usize,
    blank_lines: u64,
    /// Half of a `\r\n` pending.
    newline: bool,
    blocks: VecDeque<(Vec<u8>, usize)>,
    block_pos: usize,
    error: Option<io::Error>,
    reader: R,
}

impl<R> fmt::Debug for Replay<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay")
            .field("head", &self.head.len())
            .field("blank_lines", &self.blank_lines)
            .field("blocks", &self.blocks.len())
            .finish_non_exhaustive()
    }
}

impl<R: Read> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.head_pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.head_pos);
            buf[..n].copy_from_slice(&self.head[self.head_pos..self.head_pos + n]);
            self.head_pos += n;
            return Ok(n);
        }
        if self.blank_lines > 0 || self.newline {
            let mut n = 0;
            while n < buf.len() && (self.blank_lines > 0 || self.newline) {
                if self.newline {
                    buf[n] = b'\n';
                    self.newline = false;
                } else {
                    buf[n] = b'\r';
                    self.newline = true;
                    self.blank_lines -= 1;
                }
                n += 1;
            }
            return Ok(n);
        }
        while let Some((block, len)) = self.blocks.front() {
            if self.block_pos < *len {
                let n = buf.len().min(len - self.block_pos);
                buf[..n].copy_from_slice(&block[self.block_pos..self.block_pos + n]);
                self.block_pos += n;
                return Ok(n);
            }
            self.blocks.pop_front();
            self.block_pos = 0;
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.reader.read(buf)
    }
}

/// Reads the call log `file` from `reader` on the fast path. See the [module
/// documentation](self).
pub fn aggregate_reader<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: &ScanOptions,
) -> Scan<R> {
    Scanner::run(file, reader, editions, opts)
}

/// Reads a call log as [`pipeline::aggregate_calls`] does — same result, same errors, same
/// rejects, same duplicates — through the fast path as far as it goes ([`aggregate_reader`]),
/// the sequential path for the rest.
///
/// One difference: when the fast path declines after counting part of the log, the limit on
/// accounts ([`ReadOptions::max_accounts`]) is checked on the whole once the sequential path
/// is done, and reported at the line where the sequential path took over.
pub fn aggregate_calls<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: &ScanOptions,
    dedup: &mut Dedup,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    match aggregate_reader(file, reader, editions, opts) {
        Scan::Done(aggregate) => Ok(aggregate),
        Scan::Declined(declined) => {
            let partial_accounts = declined.partial.accounts();
            let mut aggregate =
                pipeline::aggregate_calls(file, declined.rest, editions, opts.read, dedup, rejects)?;
            aggregate.merge(declined.partial);
            if partial_accounts > 0 && aggregate.accounts() > opts.read.max_accounts {
                return Err(PipelineError::Limit {
                    origin: Origin {
                        file: file.into(),
                        line: declined.line,
                    },
                    what: format!(
                        "more than {} distinct accounts; raise --max-accounts, or split the log by account",
                        opts.read.max_accounts
                    ),
                });
            }
            Ok(aggregate)
        }
    }
}

/// A chunk of whole lines in a block.
struct Chunk {
    seq: u64,
    block: Vec<u8>,
    len: usize,
}

/// A chunk counted (or not): by which worker, how far.
struct Done {
    chunk: Chunk,
    worker: Option<usize>,
    processed: usize,
    lines: u64,
    ok: bool,
}

/// What the reader and the workers share.
struct State {
    queue: VecDeque<Chunk>,
    free: Vec<Vec<u8>>,
    /// Chunks counted, waiting for the chunks before them.
    pending: BTreeMap<u64, Done>,
    /// Chunks before this one are counted and their blocks reused.
    released: u64,
    /// Line ends in the released chunks.
    lines: u64,
    /// The first chunk (in input order) that declined, and why.
    decline: Option<(u64, Decline)>,
    /// No more chunks will come.
    closed: bool,
}

impl State {
    fn decline(&mut self, seq: u64, why: Decline) {
        if self.decline.is_none_or(|(first, _)| seq < first) {
            self.decline = Some((seq, why));
        }
    }

    /// Frees the blocks of chunks counted in order, up to the first one missing or declined.
    fn release(&mut self) {
        while let Some(entry) = self.pending.first_entry() {
            if *entry.key() != self.released || !entry.get().ok {
                break;
            }
            let done = entry.remove();
            self.lines += done.lines;
            self.free.push(done.chunk.block);
            self.released += 1;
        }
    }
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a chunk is queued or the queue closes.
    work: Condvar,
    /// Signalled when a block is freed or the run declines.
    freed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Scanner;

/// Where the header ends, if the head holds all of it.
enum HeaderEnd {
    /// After the header's line end.
    At(usize),
    /// More input is needed.
    More,
    /// Not a header the fast path takes.
    Decline,
}

/// Finds the end of the header line in `head` (after a byte order mark and blank lines).
fn header_end(head: &[u8], eof: bool) -> HeaderEnd {
    let mut i = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else if head.len() < 3 && !eof && b"\xEF\xBB\xBF".starts_with(head) {
        return HeaderEnd::More;
    } else {
        0
    };
    while i < head.len() && matches!(head[i], b'\r' | b'\n') {
        // A lone `\r` before the header is a blank line as well; `\r\n` is one.
        i += 1;
    }
    let Some(at) = head[i..].iter().position(|&b| matches!(b, b'\r' | b'\n' | b'"')) else {
        return if eof {
            HeaderEnd::At(head.len())
        } else {
            HeaderEnd::More
        };
    };
    let at = i + at;
    match head[at] {
        b'\n' => HeaderEnd::At(at + 1),
        b'\r' => match head.get(at + 1) {
            Some(b'\n') => HeaderEnd::At(at + 2),
            None if eof => HeaderEnd::At(at + 1),
            None => HeaderEnd::More,
            Some(_) => HeaderEnd::Decline,
        },
        _ => HeaderEnd::Decline,
    }
}

/// Reads `reader` to fill `buf[len..]`; returns the new length, whether the input ended,
/// and the error that stopped reading, if one did.
fn fill(reader: &mut impl Read, buf: &mut [u8], mut len: usize) -> (usize, bool, Option<io::Error>) {
    while len < buf.len() {
        match reader.read(&mut buf[len..]) {
            Ok(0) => return (len, true, None),
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (len, false, Some(e)),
        }
    }
    (len, false, None)
}

impl Scanner {
    fn run<R: Read>(file: &str, mut reader: R, editions: &Editions, opts: &ScanOptions) -> Scan<R> {
        let threads = opts.threads.max(1);
        let block_size = opts.block_size.max(64);
        let blocks = 2 * threads + 2;

        // The header: read until its line end is in the first block.
        let mut first = vec![0u8; block_size];
        let mut len = 0;
        let (header, eof, error) = loop {
            let (n, eof, error) = fill(&mut reader, &mut first[..(len + (64 << 10)).min(block_size)], len);
            len = n;
            let full = len == block_size;
            match header_end(&first[..len], eof || error.is_some()) {
                HeaderEnd::At(end) if error.is_none() => break (Some(end), eof, None),
                HeaderEnd::More if !full && !eof && error.is_none() => continue,
                _ => break (None, eof, error),
            }
        };
        let layout = header.and_then(|end| {
            let columns = CallReader::new(file, &first[..end]).ok()?;
            let c = columns.columns();
            let fields = c.header.names.len();
            let named = [
                Some(c.time),
                Some(c.channel),
                Some(c.code),
                c.source,
                c.account,
                c.request_id,
            ];
            let mut combo: Vec<usize> = [Some(c.channel), Some(c.code), c.source].into_iter().flatten().collect();
            combo.sort_unstable();
            let combo_span = (combo[combo.len() - 1] - combo[0] + 1 == combo.len())
                .then(|| (combo[0], combo[combo.len() - 1]));
            Some(Layout {
                fields,
                combo_span,
                time: c.time,
                channel: c.channel,
                code: c.code,
                source: c.source,
                account: c.account,
                request_id: c.request_id,
                others: (0..fields).filter(|i| !named.contains(&Some(*i))).collect(),
                strict: opts.read.strict,
                max_line: crate::input::Limits::default().max_record_bytes,
            })
        });
        let (Some(header), Some(layout)) = (header, layout) else {
            return Scan::Declined(Declined {
                reason: if error.is_some() {
                    Decline::Io
                } else {
                    Decline::Header
                },
                line: 1,
                partial: Aggregate::new(),
                rest: Replay {
                    head: Vec::new(),
                    head_pos: 0,
                    blank_lines: 0,
                    newline: false,
                    blocks: VecDeque::from([(first, len)]),
                    block_pos: 0,
                    error,
                    reader,
                },
            });
        };
        let head = first[..header].to_vec();
        let mut carry = first[header..len].to_vec();
        let mut at_end = eof;
        drop(first);

        let registry = Mutex::new(Registry::new(opts.read.max_accounts));
        let shared = Shared {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                free: (0..blocks).map(|_| vec![0u8; block_size]).collect(),
                pending: BTreeMap::new(),
                released: 0,
                lines: 0,
                decline: None,
                closed: false,
            }),
            work: Condvar::new(),
            freed: Condvar::new(),
        };
        let mut read_error = None;
        let workers: Vec<Worker<'_>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|index| {
                    let (shared, layout, registry) = (&shared, &layout, &registry);
                    scope.spawn(move || work(index, shared, Worker::new(layout, editions, registry)))
                })
                .collect();
            let mut seq = 0u64;
            loop {
                if at_end && carry.is_empty() {
                    break;
                }
                let block = {
                    let mut state = shared.lock();
                    loop {
                        if state.decline.is_some() {
                            break None;
                        }
                        if let Some(block) = state.free.pop() {
                            break Some(block);
                        }
                        state = shared.freed.wait(state).unwrap_or_else(|e| e.into_inner());
                    }
                };
                let Some(mut block) = block else { break };
                block[..carry.len()].copy_from_slice(&carry);
                let (len, eof, error) = if at_end {
                    (carry.len(), true, None)
                } else {
                    fill(&mut reader, &mut block, carry.len())
                };
                at_end = eof;
                carry.clear();
                let cut = if eof || error.is_some() {
                    Some(len)
                } else {
                    block[..len].iter().rposition(|&b| b == b'\n').map(|i| i + 1)
                };
                let mut state = shared.lock();
                match (cut, error) {
                    (Some(cut), None) => {
                        carry.extend_from_slice(&block[cut..len]);
                        state.queue.push_back(Chunk {
                            seq,
                            block,
                            len: cut,
                        });
                        shared.work.notify_one();
                    }
                    (cut, error) => {
                        // A line longer than a block, or a read error: the sequential
                        // reader takes it from here.
                        let why = if error.is_some() {
                            Decline::Io
                        } else {
                            Decline::LongLine
                        };
                        read_error = error;
                        state.decline(seq, why);
                        state.pending.insert(
                            seq,
                            Done {
                                chunk: Chunk {
                                    seq,
                                    block,
                                    len: cut.unwrap_or(len),
                                },
                                worker: None,
                                processed: 0,
                                lines: 0,
                                ok: false,
                            },
                        );
                        break;
                    }
                }
                seq += 1;
            }
            shared.lock().closed = true;
            shared.work.notify_all();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        let mut workers = workers;
        let state = shared.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let lock = || registry.lock().unwrap_or_else(|e| e.into_inner());
        let Some((_, reason)) = state.decline else {
            let t = std::time::Instant::now();
            let aggregate = merge(workers, &lock());
            if std::env::var_os("SCAN_DEBUG").is_some() { eprintln!("merge {:?} pairs {} canons {}", t.elapsed(), lock().pairs.len(), lock().canons.len()); }
            return Scan::Done(aggregate);
        };
        // Give back what was counted of the declining chunk and of the chunks after it.
        let mut blocks = VecDeque::new();
        for (_, done) in state.pending {
            if let Some(w) = done.worker {
                let undone = workers[w].process::<true>(&done.chunk.block[..done.processed]);
                debug_assert_eq!(undone.decline, None);
            }
            blocks.push_back((done.chunk.block, done.chunk.len));
        }
        let tail = carry.len();
        blocks.push_back((carry, tail));
        let head_lines = count_lines(&head);
        let partial = merge(workers, &lock());
        Scan::Declined(Declined {
            reason,
            line: head_lines + state.lines + 1,
            partial,
            rest: Replay {
                head,
                head_pos: 0,
                blank_lines: state.lines,
                newline: false,
                blocks,
                block_pos: 0,
                error: read_error,
                reader,
            },
        })
    }
}

/// Line ends in `bytes` as the sequential reader counts them.
fn count_lines(bytes: &[u8]) -> u64 {
    let mut lines = 0;
    let mut prev_cr = false;
    for &b in bytes {
        match b {
            b'\r' => lines += 1,
            b'\n' if !prev_cr => lines += 1,
            _ => {}
        }
        prev_cr = b == b'\r';
    }
    lines
}

/// A counting thread: takes chunks until the queue closes.
fn work<'a>(index: usize, shared: &Shared, mut worker: Worker<'a>) -> Worker<'a> {
    loop {
        let (chunk, skip) = {
            let mut state = shared.lock();
            loop {
                if let Some(chunk) = state.queue.pop_front() {
                    let skip = state.decline.is_some_and(|(first, _)| chunk.seq > first);
                    break (chunk, skip);
                }
                if state.closed {
                    return worker;
                }
                state = shared.work.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        let result = if skip {
            worker::ChunkResult {
                processed: 0,
                lines: 0,
                decline: Some(Decline::BadLine),
            }
        } else {
            worker.process::<false>(&chunk.block[..chunk.len])
        };
        let mut state = shared.lock();
        if let Some(why) = result.decline {
            state.decline(chunk.seq, why);
            shared.freed.notify_all();
        }
        state.pending.insert(
            chunk.seq,
            Done {
                chunk,
                worker: Some(index),
                processed: result.processed,
                lines: result.lines,
                ok: result.decline.is_none(),
            },
        );
        state.release();
        drop(state);
        shared.freed.notify_one();
    }
}

/// The counts of all workers as the engine's usage.
fn merge(workers: Vec<Worker<'_>>, registry: &Registry) -> Aggregate {
    let mut dates: Vec<chrono::NaiveDate> = workers
        .iter()
        .flat_map(|w| w.days.iter().map(|d| d.day))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let mut out = Aggregate::new();
    let mut totals: Vec<u64> = Vec::new();
    // Day by day, so that only one day's totals are held at a time.
    for day in dates {
        totals.clear();
        totals.resize(registry.pairs.len(), 0);
        for worker in &workers {
            for (slot, counts) in worker.days.iter().enumerate().filter(|(_, d)| d.day == day) {
                for (total, &n) in totals.iter_mut().zip(&counts.counts) {
                    *total += u64::from(n);
                }
                for (&(s, pair), &carried) in &worker.carries {
                    if s as usize == slot {
                        totals[pair as usize] += carried << 32;
                    }
                }
            }
        }
        for (pair, &calls) in totals.iter().enumerate() {
            if calls == 0 {
                continue;
            }
            let (account, canon) = registry.pairs[pair];
            let account = &registry.accounts[account as usize].0;
            let canon = &registry.canons[canon as usize];
            match canon.rating {
                worker::Rating::Legacy(rated) => out.legacy.add(account, day, &rated, &canon.code, calls),
                worker::Rating::Current(rated) => out.current.add(account, day, &rated, &canon.code, calls),
            }
        }
    }
    out
}
