//! The fast path of [`CallLog`](crate::call_log::CallLog): the same [`Aggregate`] as the
//! sequential reader ([`crate::pipeline`]), several times faster, in memory that does not
//! grow with the number of lines (request ids aside: about 20 bytes each).
//!
//! # How
//!
//! The calling thread reads the log in blocks ([`ScanOptions::block_size`], 256 KiB) — no
//! memory map, so files, standard input and pipes are read alike — cuts each block after its
//! last line end, and queues it; [`ScanOptions::threads`] threads ([`std::thread::scope`])
//! count the queued chunks. Per line, nothing is allocated:
//!
//! - the line is split by hand, eight bytes at a time (the bytes that end a field, `,` `"`
//!   `\r` `\n`, are found with word arithmetic); a field that opens with `"` is read to its
//!   closing quote (RFC 4180: commas inside, `""` for a quote), its value unquoted when it is
//!   first seen;
//! - the time's day comes from a fast path for `YYYY-MM-DDTHH:MM:SS[+08:00]` (quoted or not)
//!   that checks the time of day and takes the date from a small cache of dates the reference
//!   parser ([`parse_timestamp_and_day`](crate::calendar::parse_timestamp_and_day))
//!   accepted; any other form goes to the reference parser;
//! - the account, and the channel, source and code together, are looked up by their bytes as
//!   written in per-thread caches: names repeat, so each distinct spelling is decoded,
//!   unquoted, trimmed and rated once per run — through the tables' generated lookups and
//!   [`rate_with`](crate::engine::rate_with) — and then is a small integer. In the common
//!   layout (`time,account,channel,source,code[,request_id]`, the three in any order) the
//!   channel, source and code are not even split: their text, commas included, is the key;
//! - spellings that rate alike (an alias and its doc name, `0` and `00`) share one key of
//!   usage, and each (account, key) pair has an id, shared by the threads, that indexes a
//!   plain array of counts per day;
//! - a line with a request id is checked and rated like any other, but counted only when its
//!   chunk's turn comes: the ids of a run ([`RequestIds`]) are claimed chunk after chunk in
//!   input order, in two lanes that hold disjoint keys (so two threads claim at once), and a
//!   line whose id was claimed before is a duplicate, reported at its line — across chunks,
//!   threads and the files of the run.
//!
//! At the end the threads' arrays are added up and turned into the engine's
//! [`Usage`](crate::engine::Usage), day by day and account by account (on the same number of
//! threads), each day's counts dropped once turned.
//!
//! # Exact, or declined
//!
//! The fast path counts a line only when the sequential reader would read it with the same
//! field values and bill it without error. Otherwise it *declines* ([`Decline`]), and each
//! decline that remains exists because only the sequential reader knows the answer exactly:
//!
//! - a line the sequential reader rejects or reports (bad field count, time, channel, source,
//!   code, account, UTF-8, length; an unknown code in strict mode): its message needs the
//!   line's exact number and the exact field, which the sequential reader gives;
//! - a quoted field holding a line break, a `"` inside an unquoted field or text after a
//!   closing quote, a request id holding a quote: rare forms whose values or line numbers
//!   (a line break in quotes is a line end that ends no record) only the CSV parser gives;
//! - a carriage return that ends no line (`\r` alone): a line end for the sequential
//!   reader, which numbers it;
//! - more accounts or request ids than the limits allow: the error names the line that
//!   passes the limit;
//! - a line longer than a block, an unreadable input, a header that is not one line.
//!
//! What the chunks before the declining one hold is returned as a partial aggregate (with
//! their request ids claimed), and the rest of the input — starting with that chunk — as a
//! reader ([`Replay`]) for the sequential path, which then reports errors and rejects with
//! their exact line numbers: the replay repeats the header and stands in for the lines
//! already counted with as many empty lines, which the sequential reader skips but numbers.
//! Nothing is read twice, so standard input and pipes work as files do.
//! [`aggregate_calls`] does all of it.
//!
//! Why the result is exactly the sequential one: usage is a sum over lines of a function of
//! (account, day, channel text, source text, code text), over the lines whose request id is
//! new. The fast path computes the same texts (unquoted and trimmed as the reader's
//! `Record::get` gives them: a cached spelling is one whose bytes were split, checked,
//! unquoted and trimmed when first seen, and equal bytes split alike), the same day (the
//! reference parser, or the fast path, tested to agree with it), the same rating —
//! [`rate_with`](crate::engine::rate_with) per spelling, whose success outside strict mode
//! depends on the channel and source only, and whose channel, source, labels and family do
//! not depend on the code or the day (in strict mode each code is checked once per day) —
//! the same duplicates (ids claimed in input order: of two lines with one id the earlier
//! claims it, whichever thread read it), and adds counts, which commute. The lines of a
//! chunk that declines, and of any chunk after it that a thread had counted already, are
//! subtracted again, and their ids were never claimed. Property tests compare the two paths
//! on random logs with quotes, CRLF, a BOM, request ids (repeated within and across chunks
//! and files) and bad lines of every kind, cut in tiny blocks, on one to three threads.
//!
//! # Memory
//!
//! Three blocks per thread and two more, the caches (one entry per distinct spelling and
//! account), one count (four bytes) per day and (account, key) pair, whether or not the
//! pair was used that day — of the order of the usage itself — and about 20 bytes per
//! distinct request id. Not the number of lines: a log twice as long over the same accounts,
//! days and codes (and ids) takes the same memory.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::io::{self, Read};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::edition::{ByEdition, Edition, EditionTable, PerTable};
use crate::engine::usage::UsageBuilder;
use crate::input::CallReader;
use crate::pipeline::{self, Aggregate, Editions, PipelineError, ReadOptions, Reject};
use crate::pipeline::{duplicate_message, RejectKind};
use crate::records::Origin;
use crate::request_ids::{KeyHasher, Lane, RequestIds};
use crate::table::Code;
use crate::with_table;

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
    /// Bytes read at a time (at least 64; default 256 KiB). A line longer than a block
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
pub const DEFAULT_BLOCK: usize = 256 << 10;

/// Why the fast path handed (part of) a log back to the sequential reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decline {
    /// The header is missing or bad, quoted, or not ended by `\n`.
    Header,
    /// A `"`: quoted fields may hold commas and line breaks.
    Quote,
    /// A carriage return that is not part of a line end `\r\n`.
    CarriageReturn,
    /// More distinct request ids than the limit allows (the sequential reader reports the
    /// line that passes it).
    TooManyIds,
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
            Decline::TooManyIds => "more request ids than the limit",
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
    #[cfg_attr(not(test), allow(dead_code))]
    pub reason: Decline,
    /// The first line of the input that was not counted.
    #[cfg_attr(not(test), allow(dead_code))]
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
    ids: &mut RequestIds,
    rejects: &mut dyn FnMut(Reject),
) -> Scan<R> {
    Scanner::run(file, reader, editions, opts, ids, rejects)
}

/// Reads a call log as [`pipeline::aggregate_calls`] does — same result, same errors, same
/// rejects, same duplicates — through the fast path as far as it goes ([`aggregate_reader`]),
/// the sequential path for the rest, counting onto what the fast path counted.
pub fn aggregate_calls<R: Read>(
    file: &str,
    reader: R,
    editions: &Editions,
    opts: &ScanOptions,
    ids: &mut RequestIds,
    rejects: &mut dyn FnMut(Reject),
) -> Result<Aggregate, PipelineError> {
    match aggregate_reader(file, reader, editions, opts, ids, rejects) {
        Scan::Done(aggregate) => Ok(aggregate),
        Scan::Declined(declined) => pipeline::aggregate_calls_onto(
            declined.partial,
            file,
            declined.rest,
            editions,
            opts.read,
            ids,
            rejects,
        ),
    }
}

/// A chunk of whole lines in a block.
struct Chunk {
    seq: u64,
    block: Vec<u8>,
    len: usize,
}

/// A chunk read (and counted, or not): by which worker, how far.
struct Done {
    /// Shared with the threads that commit its request ids.
    chunk: Arc<Chunk>,
    /// `None` for a chunk that declined as read.
    worker: Option<usize>,
    processed: usize,
    lines: u64,
    ok: bool,
    /// The chunk's lines with a request id, to be committed in input order.
    deferred: Arc<Vec<worker::Deferred>>,
    /// Its ids may be claimed: every chunk before it was admitted, and the limit on ids
    /// leaves room for all of its ids.
    admitted: bool,
    /// Lanes that claimed its ids.
    lanes_done: usize,
    /// Its duplicates, with their line within the chunk (counted from 0).
    duplicates: Vec<(u64, Reject)>,
}

/// Lanes of the request-id set: each claims the ids of its keys, chunk after chunk in
/// input order, independently of the other lanes (a key is in one lane only), so that two
/// threads claim ids at once.
const LANES: usize = 2;

/// The input, read by the calling thread.
struct Source<R> {
    reader: R,
    /// The start of a line read with the previous block.
    carry: Vec<u8>,
    /// The number of the next chunk.
    seq: u64,
    /// The input ended.
    eof: bool,
    /// The read error that stopped reading (replayed to the sequential reader).
    error: Option<io::Error>,
}

/// What the reader and the workers share about chunks.
struct State {
    /// Chunks read, to be counted.
    queue: VecDeque<Chunk>,
    /// No more chunks will be queued.
    closed: bool,
    /// Blocks that may be reused.
    free: Vec<Vec<u8>>,
    /// Chunks read, waiting for the chunks before them to be counted.
    pending: BTreeMap<u64, Done>,
    /// Chunks before this one are counted and their blocks reused.
    released: u64,
    /// Line ends in the released chunks.
    lines: u64,
    /// The first chunk (in input order) that declined, and why.
    decline: Option<(u64, Decline)>,
    /// The next chunk to admit (see [`Done::admitted`]).
    admitted: u64,
    /// Ids claimed or reserved by admitted chunks: never less than the set holds.
    reserved: usize,
    /// The most ids the set may hold.
    limit: usize,
    /// For each lane, the next chunk whose ids it claims, and whether a thread is at it.
    lane_next: [u64; LANES],
    lane_busy: [bool; LANES],
    /// Duplicates found, in input order, for the calling thread to hand to the sink.
    rejects: Vec<Reject>,
}

/// A lane's share of claiming a chunk's ids.
struct LaneTask {
    lane: usize,
    seq: u64,
    chunk: Arc<Chunk>,
    deferred: Arc<Vec<worker::Deferred>>,
}

impl State {
    fn decline(&mut self, seq: u64, why: Decline) {
        if self.decline.is_none_or(|(first, _)| seq < first) {
            self.decline = Some((seq, why));
        }
    }

    /// Admits the chunks that are next in input order and counted, while the limit on ids
    /// leaves room for all their ids; a chunk that could pass it declines instead (the
    /// sequential reader then reports the line that passes it).
    fn admit(&mut self) {
        while let Some(done) = self.pending.get_mut(&self.admitted) {
            if !done.ok {
                return;
            }
            let wanted = self.reserved.saturating_add(done.deferred.len());
            if wanted > self.limit {
                done.ok = false;
                let seq = self.admitted;
                self.decline(seq, Decline::TooManyIds);
                return;
            }
            self.reserved = wanted;
            done.admitted = true;
            self.admitted += 1;
        }
    }

    /// A lane that is free and whose next chunk is admitted, with that chunk.
    fn lane_task(&mut self) -> Option<LaneTask> {
        for lane in 0..LANES {
            if self.lane_busy[lane] {
                continue;
            }
            let seq = self.lane_next[lane];
            match self.pending.get(&seq) {
                Some(done) if done.admitted => {
                    self.lane_busy[lane] = true;
                    return Some(LaneTask {
                        lane,
                        seq,
                        chunk: Arc::clone(&done.chunk),
                        deferred: Arc::clone(&done.deferred),
                    });
                }
                _ => {}
            }
        }
        None
    }

    /// A lane claimed its ids of chunk `seq`.
    fn lane_done(&mut self, lane: usize, seq: u64, duplicates: Vec<(u64, Reject)>) {
        self.lane_busy[lane] = false;
        self.lane_next[lane] = seq + 1;
        if let Some(done) = self.pending.get_mut(&seq) {
            done.lanes_done += 1;
            done.duplicates.extend(duplicates);
        }
    }

    /// Frees the chunks whose ids every lane claimed, in input order: their blocks are
    /// reused, their lines numbered, their duplicates reported.
    fn release(&mut self, head_lines: u64) {
        while let Some(entry) = self.pending.first_entry() {
            if *entry.key() != self.released || entry.get().lanes_done < LANES {
                break;
            }
            let mut done = entry.remove();
            done.duplicates.sort_by_key(|(line, _)| *line);
            let base = head_lines + self.lines + 1;
            // The ids of the duplicates were reserved but are not in the set.
            self.reserved -= done.duplicates.len();
            for (line, mut reject) in done.duplicates {
                reject.origin.line = base + line;
                self.rejects.push(reject);
            }
            self.lines += done.lines;
            if let Ok(chunk) = Arc::try_unwrap(done.chunk) {
                self.free.push(chunk.block);
            }
            self.released += 1;
        }
    }
}

struct Shared<'i> {
    state: Mutex<State>,
    /// The run's request ids, in lanes.
    lanes: Vec<Mutex<Lane<'i>>>,
    /// The file, for the duplicates' messages.
    file: std::sync::Arc<str>,
    /// Line ends in the header (and the blank lines before it).
    head_lines: u64,
    /// Signalled when a chunk is queued or the queue closes.
    work: Condvar,
    /// Signalled when blocks are freed or the run declines.
    freed: Condvar,
}

impl Shared<'_> {
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
/// Quoted names are fine; a line break inside quotes is not a header the fast path takes.
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
    let mut quoted = false;
    let Some(at) = head[i..].iter().position(|&b| {
        if b == b'"' {
            quoted = !quoted;
        }
        matches!(b, b'\r' | b'\n')
    }) else {
        return if eof && !quoted {
            HeaderEnd::At(head.len())
        } else if eof {
            HeaderEnd::Decline
        } else {
            HeaderEnd::More
        };
    };
    if quoted {
        return HeaderEnd::Decline;
    }
    let at = i + at;
    match head[at] {
        b'\n' => HeaderEnd::At(at + 1),
        _ => match head.get(at + 1) {
            Some(b'\n') => HeaderEnd::At(at + 2),
            None if eof => HeaderEnd::At(at + 1),
            None => HeaderEnd::More,
            Some(_) => HeaderEnd::Decline,
        },
    }
}

/// Reads `reader` to fill `buf[len..]`; returns the new length, whether the input ended,
/// and the error that stopped reading, if one did.
fn fill(
    reader: &mut impl Read,
    buf: &mut [u8],
    mut len: usize,
) -> (usize, bool, Option<io::Error>) {
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
    fn run<R: Read>(
        file: &str,
        mut reader: R,
        editions: &Editions,
        opts: &ScanOptions,
        ids: &mut RequestIds,
        rejects: &mut dyn FnMut(Reject),
    ) -> Scan<R> {
        let threads = opts.threads.max(1);
        let block_size = opts.block_size.max(64);

        // The header: read until its line end is in the first block.
        let mut first = vec![0u8; block_size];
        let mut len = 0;
        let (header, eof, error) = loop {
            let (n, eof, error) = fill(
                &mut reader,
                &mut first[..(len + (64 << 10)).min(block_size)],
                len,
            );
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
            let mut combo: Vec<usize> = [Some(c.channel), Some(c.code), c.source]
                .into_iter()
                .flatten()
                .collect();
            combo.sort_unstable();
            let combo_span = (combo[combo.len() - 1] - combo[0] + 1 == combo.len())
                .then(|| (combo[0], combo[combo.len() - 1]));
            let others: Vec<usize> = (0..fields).filter(|i| !named.contains(&Some(*i))).collect();
            let id_last = fields >= 2 && c.request_id == Some(fields - 1);
            let combo_last = fields - 1 - usize::from(id_last);
            let plain = c.time == 0
                && (c.request_id.is_none() || id_last)
                && others.is_empty()
                && combo_span.is_some_and(|(first, last)| {
                    last == combo_last && first == 1 + usize::from(c.account.is_some())
                })
                && c.account.is_none_or(|a| a == 1);
            Some(Layout {
                fields,
                combo_span,
                plain,
                plain_id: plain && id_last,
                time: c.time,
                channel: c.channel,
                code: c.code,
                source: c.source,
                account: c.account,
                request_id: c.request_id,
                others,
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
        let carry = first[header..len].to_vec();
        let at_end = eof;
        drop(first);

        let registry = Mutex::new(Registry::new(opts.read.max_accounts));
        // How the workers key ids: the set's own hasher.
        let hasher: KeyHasher = ids.hasher().clone();
        let (held, limit) = (ids.len(), ids.limit());
        let (lanes, ids_len) = ids.lanes(LANES);
        let mut source = Source {
            reader,
            carry,
            seq: 0,
            eof: at_end,
            error: None,
        };
        let shared = Shared {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                closed: false,
                free: (0..BLOCKS_PER_THREAD * threads + 2)
                    .map(|_| vec![0u8; block_size])
                    .collect(),
                pending: BTreeMap::new(),
                released: 0,
                lines: 0,
                decline: None,
                admitted: 0,
                reserved: held,
                limit,
                lane_next: [0; LANES],
                lane_busy: [false; LANES],
                rejects: Vec::new(),
            }),
            lanes: lanes.into_iter().map(Mutex::new).collect(),
            file: file.into(),
            head_lines: count_lines(&head),
            work: Condvar::new(),
            freed: Condvar::new(),
        };
        let workers: Vec<Worker<'_>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|index| {
                    let (shared, layout, registry, hasher) = (&shared, &layout, &registry, &hasher);
                    scope.spawn(move || {
                        let worker = Worker::new(layout, editions, registry, hasher);
                        work(index, shared, worker)
                    })
                })
                .collect();
            read_all(&mut source, &shared, rejects);
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut workers = workers;
        let head_lines = shared.head_lines;
        let mut state = shared.state.into_inner().unwrap_or_else(|e| e.into_inner());
        *ids_len += shared
            .lanes
            .into_iter()
            .map(|lane| lane.into_inner().unwrap_or_else(|e| e.into_inner()).added)
            .sum::<usize>();
        state.free.clear();
        for reject in std::mem::take(&mut state.rejects) {
            rejects(reject);
        }
        let lock = || registry.lock().unwrap_or_else(|e| e.into_inner());
        let Some((_, reason)) = state.decline else {
            let aggregate = merge(workers, &lock(), threads);
            return Scan::Done(aggregate);
        };
        // Give back what was counted of the declining chunk and of the chunks after it.
        let mut blocks = VecDeque::new();
        for (_, done) in std::mem::take(&mut state.pending) {
            // Not admitted (it is the declining chunk or after it): none of its ids claimed.
            debug_assert!(!done.admitted || done.lanes_done < LANES);
            let chunk = Arc::try_unwrap(done.chunk).unwrap_or_else(|shared| Chunk {
                seq: shared.seq,
                block: shared.block.clone(),
                len: shared.len,
            });
            if let Some(w) = done.worker {
                let undone = workers[w].process::<true>(&chunk.block[..done.processed]);
                debug_assert_eq!(undone.decline, None);
            }
            blocks.push_back((chunk.block, chunk.len));
        }
        let tail = source.carry.len();
        blocks.push_back((source.carry, tail));
        let partial = merge(workers, &lock(), threads);
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
                error: source.error,
                reader: source.reader,
            },
        })
    }
}

/// Blocks per worker: one being counted, one waiting for the chunks before it to be
/// counted, one read ahead (and two more for the reader).
const BLOCKS_PER_THREAD: usize = 3;

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

/// What a worker read: a chunk to count, or a chunk that declines as it is (a line longer
/// than a block, a read error).
enum Next {
    Count(Chunk),
    Decline(Chunk, Decline),
}

/// Reads the next chunk into `block`: the carried start of a line, then as much input as
/// fits, cut after its last line end (the rest is carried to the next chunk). `None` when
/// the input is done.
fn read_chunk<R: Read>(source: &mut Source<R>, mut block: Vec<u8>) -> Option<Next> {
    if source.eof && source.carry.is_empty() {
        return None;
    }
    let carried = source.carry.len();
    block[..carried].copy_from_slice(&source.carry);
    source.carry.clear();
    let (len, eof, error) = if source.eof {
        (carried, true, None)
    } else {
        fill(&mut source.reader, &mut block, carried)
    };
    source.eof = eof;
    let seq = source.seq;
    source.seq += 1;
    if let Some(error) = error {
        source.error = Some(error);
        source.eof = true;
        return Some(Next::Decline(Chunk { seq, block, len }, Decline::Io));
    }
    let cut = if eof {
        len
    } else {
        match block[..len].iter().rposition(|&b| b == b'\n') {
            Some(i) => i + 1,
            None => {
                source.eof = true;
                return Some(Next::Decline(Chunk { seq, block, len }, Decline::LongLine));
            }
        }
    };
    source.carry.extend_from_slice(&block[cut..len]);
    Some(Next::Count(Chunk {
        seq,
        block,
        len: cut,
    }))
}

/// The calling thread: reads chunks into free blocks and queues them, until the input ends
/// or the run declines; then closes the queue.
fn read_all<R: Read>(source: &mut Source<R>, shared: &Shared<'_>, rejects: &mut dyn FnMut(Reject)) {
    loop {
        let block = {
            let mut state = shared.lock();
            if !state.rejects.is_empty() {
                let found = std::mem::take(&mut state.rejects);
                drop(state);
                found.into_iter().for_each(&mut *rejects);
                state = shared.lock();
            }
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
        let Some(block) = block else { break };
        let next = read_chunk(source, block);
        let mut state = shared.lock();
        match next {
            None => break,
            Some(Next::Count(chunk)) => {
                state.queue.push_back(chunk);
                shared.work.notify_one();
            }
            Some(Next::Decline(chunk, why)) => {
                state.decline(chunk.seq, why);
                state.pending.insert(
                    chunk.seq,
                    Done {
                        chunk: Arc::new(chunk),
                        worker: None,
                        processed: 0,
                        lines: 0,
                        ok: false,
                        deferred: Arc::new(Vec::new()),
                        admitted: false,
                        lanes_done: 0,
                        duplicates: Vec::new(),
                    },
                );
                break;
            }
        }
    }
    shared.lock().closed = true;
    shared.work.notify_all();
}

/// A counting thread: counts queued chunks until the queue closes (chunks after one that
/// declined are not counted).
fn work<'a>(index: usize, shared: &Shared<'_>, mut worker: Worker<'a>) -> Worker<'a> {
    /// Should a counting thread panic (a bug), the reader must not wait for its blocks.
    struct Unwinding<'s, 'i>(&'s Shared<'i>);
    impl Drop for Unwinding<'_, '_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.lock().decline(0, Decline::Io);
                self.0.freed.notify_all();
            }
        }
    }
    let _unwinding = Unwinding(shared);
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
        worker.deferred.clear();
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
        }
        state.pending.insert(
            chunk.seq,
            Done {
                chunk: Arc::new(chunk),
                worker: Some(index),
                processed: result.processed,
                lines: result.lines,
                ok: result.decline.is_none(),
                deferred: Arc::new(std::mem::take(&mut worker.deferred)),
                admitted: false,
                lanes_done: 0,
                duplicates: Vec::new(),
            },
        );
        // Claim the ids of the chunks that are next in input order, a lane at a time.
        loop {
            state.admit();
            state.release(shared.head_lines);
            let Some(task) = state.lane_task() else { break };
            drop(state);
            let (lane, seq) = (task.lane, task.seq);
            let duplicates = claim(&mut worker, shared, task);
            state = shared.lock();
            state.lane_done(lane, seq, duplicates);
            shared.freed.notify_all();
        }
        state.release(shared.head_lines);
        drop(state);
        shared.freed.notify_one();
    }
}

/// Claims the request ids of one lane in an admitted chunk, in line order, now that the
/// lane claimed those of every chunk before it: a line whose id is new is counted (by the
/// claiming worker), one whose id was claimed before is a duplicate, reported at its line
/// (within the chunk; [`State::release`] adds the lines before it).
fn claim(worker: &mut Worker<'_>, shared: &Shared<'_>, task: LaneTask) -> Vec<(u64, Reject)> {
    let mut found = Vec::new();
    if task.deferred.is_empty() {
        return found;
    }
    let mut lane = shared.lanes[task.lane]
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let block = &task.chunk.block[..task.chunk.len];
    // Line numbers, counted on from the last duplicate.
    let (mut at, mut line) = (0usize, 0u64);
    let mine = task
        .deferred
        .iter()
        .filter(|d| RequestIds::lane_of(d.key, LANES) == task.lane);
    let mut group: Vec<&worker::Deferred> = Vec::with_capacity(16);
    let mut mine = mine.peekable();
    while mine.peek().is_some() {
        group.clear();
        group.extend(mine.by_ref().take(16));
        // Read the table where the group's keys go first, so that the misses overlap.
        let touched = group.iter().fold(0, |t, d| t ^ lane.touch(d.key));
        std::hint::black_box(touched);
        for d in &group {
            if lane.insert(d.key) {
                worker.count_committed(d.day, d.pair);
                continue;
            }
            worker.duplicates += 1;
            let start = d.start as usize;
            line += count_lines(&block[at..start]);
            at = start;
            let end = block[start..]
                .iter()
                .position(|&b| matches!(b, b'\n' | b'\r'))
                .map_or(block.len(), |i| start + i);
            let (from, len) = (d.id.0 as usize, d.id.1 as usize);
            let id = String::from_utf8_lossy(&block[from..from + len]);
            found.push((
                line,
                Reject {
                    kind: RejectKind::Duplicate,
                    origin: Origin {
                        file: Arc::clone(&shared.file),
                        line: 0,
                    },
                    field: Some("request_id"),
                    message: duplicate_message(&id),
                    raw: block[start..end].to_vec(),
                },
            ));
        }
    }
    found
}

/// The accounts of a share of the merge whose usage is being built, per edition.
struct Builders;

impl PerTable for Builders {
    type Of<T: EditionTable> = Vec<(usize, UsageBuilder<T>)>;
}

/// The counts of all workers as the engine's usage. The workers' counts are summed into
/// one worker's, then turned into usage day by day — each day on `threads` threads, each
/// with its share of the accounts — and each day's counts are dropped once turned, so that
/// the counts and the usage are not both held whole. Each account's pairs are visited in
/// the order of the keys they count (channel, source), so that its usage is built in
/// key order, day after day, and its map at once at the end.
fn merge(mut workers: Vec<Worker<'_>>, registry: &Registry, threads: usize) -> Aggregate {
    let mut out = Aggregate::new();
    let Some(mut total) = workers.pop() else {
        return out;
    };
    for worker in workers {
        total.absorb(worker);
    }
    out.read = total.calls + total.duplicates;
    out.duplicates = total.duplicates;
    let mut days = total.into_days();
    days.sort_unstable_by_key(|d| d.day);
    // By account: its pairs, with the code each counts (parsed once), in key order.
    let mut by_account: Vec<Vec<(u32, Code<'_>)>> = vec![Vec::new(); registry.accounts.len()];
    for (pair, &(account, canon)) in registry.pairs.iter().enumerate() {
        let code = Code::parse(&registry.canons[canon as usize].code);
        by_account[account as usize].push((pair as u32, code));
    }
    let key_order = |&(pair, _): &(u32, Code<'_>)| {
        registry.canons[registry.pairs[pair as usize].1 as usize].order
    };
    for pairs in &mut by_account {
        pairs.sort_by_cached_key(key_order);
    }
    let threads = threads.clamp(1, registry.accounts.len().max(1));
    let mut shares: Vec<ByEdition<Builders>> = (0..threads).map(|_| ByEdition::default()).collect();
    for (account, pairs) in by_account.iter().enumerate() {
        if !pairs.is_empty() {
            let share = &mut shares[account % threads];
            with_table!(registry.accounts[account].1, T => {
                share.get_mut::<T>().push((account, UsageBuilder::new()))
            });
        }
    }
    let turn = |day: &worker::DayTotals, share: &mut ByEdition<Builders>| {
        for &edition in Edition::ALL {
            with_table!(edition, T => {
                let ratings = registry.ratings.get::<T>();
                for (account, usage) in share.get_mut::<T>() {
                    for &(pair, code) in &by_account[*account] {
                        let calls = day.count(pair);
                        if calls == 0 {
                            continue;
                        }
                        // A pair's key is rated under its account's edition.
                        let canon = &registry.canons[registry.pairs[pair as usize].1 as usize];
                        // The counts are lines of one input, so their sum is at most the
                        // lines read, itself a count that fits: adding them cannot overflow.
                        let added =
                            usage.add(day.day, &ratings[canon.rating as usize], code, calls);
                        debug_assert!(added.is_some(), "line counts add up past u64");
                    }
                }
            });
        }
    };
    for day in days {
        match shares.as_mut_slice() {
            [one] => turn(&day, one),
            many => std::thread::scope(|scope| {
                for share in many.iter_mut() {
                    let (turn, day) = (&turn, &day);
                    scope.spawn(move || turn(day, share));
                }
            }),
        }
    }
    for mut share in shares {
        for &edition in Edition::ALL {
            with_table!(edition, T => {
                for (account, usage) in std::mem::take(share.get_mut::<T>()) {
                    let usage = usage.finish();
                    // Each account is built once: merging into `out` only inserts it.
                    if !usage.is_empty() {
                        let merged = out
                            .usage_mut::<T>()
                            .merge_account(&registry.accounts[account].0, usage);
                        debug_assert!(merged.is_ok(), "an account built twice");
                    }
                }
            });
        }
    }
    out
}
