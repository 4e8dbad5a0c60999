//! One scanning thread: splits the lines of a chunk by hand, turns fields into small integer
//! ids through caches keyed by the fields' bytes, and counts calls per (day, account,
//! channel/source/code) in integer-keyed tables.
//!
//! Every line it counts is one the sequential reader ([`crate::pipeline`])
//! reads with the same field values and bills without error; anything else stops the chunk
//! with a [`Decline`] before the line is counted.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::maps::{BytesMap, IdMap};
use super::time::{fast_form, DateCache};
use super::Decline;
use crate::calendar::parse_timestamp_and_day;
use crate::dated::Period;
use crate::edition::{ByEdition, Edition, EditionTable, PerTable};
use crate::engine::{rate_with, Rated};
use crate::pipeline::Editions;
use crate::request_ids::{KeyHasher, RequestKey};
use crate::table::{BillingTable, Code, Named, Verdict};
use crate::with_table;

/// Where the columns are, and the rules of the run.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    /// Fields per line (the header's).
    pub(crate) fields: usize,
    pub(crate) time: usize,
    pub(crate) channel: usize,
    pub(crate) code: usize,
    pub(crate) source: Option<usize>,
    pub(crate) account: Option<usize>,
    pub(crate) request_id: Option<usize>,
    /// Columns the format ignores (still checked to be UTF-8).
    pub(crate) others: Vec<usize>,
    /// The first and last column of channel, source and code when they are next to each
    /// other (in any order): their raw text, commas included, is then the combination's key.
    pub(crate) combo_span: Option<(usize, usize)>,
    /// The common layout, read without splitting the channel/source/code: `time` first,
    /// then `account` (if the log has it), then channel, source and code in any order, and
    /// nothing else.
    pub(crate) plain: bool,
    /// The common layout with a `request_id` column last: the id follows the code.
    pub(crate) plain_id: bool,
    /// Unknown result codes are errors.
    pub(crate) strict: bool,
    /// The longest line the sequential reader accepts.
    pub(crate) max_line: usize,
}

/// The ratings of each edition's canonical keys, by [`CanonInfo::rating`].
pub(crate) struct Ratings;

impl PerTable for Ratings {
    type Of<T: EditionTable> = Vec<Rated<T>>;
}

/// Bits of a packed account (`id << EDITION_BITS | edition`) that hold its edition.
const EDITION_BITS: u32 = 2;
const EDITION_MASK: u32 = (1 << EDITION_BITS) - 1;
const _: () = assert!(Edition::ALL.len() <= 1 << EDITION_BITS);

/// A result code as usage keys it: numeric codes by value, named codes by trimmed text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum CodeKey {
    Int(i64),
    Name(Box<str>),
}

/// A call's key in usage, without account and day: edition, channel, source, code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Canon {
    edition: Edition,
    channel: usize,
    source: Option<usize>,
    code: CodeKey,
}

/// What a canonical key rates to, and its code as written (trimmed) the first time.
pub(crate) struct CanonInfo {
    /// The edition whose table rated it.
    pub(crate) edition: Edition,
    /// Its rating, in the edition's list of [`Registry::ratings`].
    pub(crate) rating: u32,
    /// The indices of its channel and source, the order of usage keys.
    pub(crate) order: (usize, Option<usize>),
    pub(crate) code: Box<str>,
    /// Whether what the key rates to depends on the day: its channel is listed only on some
    /// days, or its mapping changes. Such a key is checked on every day it is counted
    /// ([`Worker::check_day`]), and its usage takes each day's labels.
    pub(crate) dated: bool,
}

/// A channel/source/code as the log writes it (trimmed; source `None` when empty).
struct ComboText {
    channel: Box<str>,
    source: Option<Box<str>>,
    code: Box<str>,
}

/// What every thread shares: ids of accounts, of spellings of channel/source/code, of the
/// keys of usage they rate to, and of (account, key) pairs — the index of the counts.
/// Locked only when a thread meets a value its own caches do not know.
pub(crate) struct Registry {
    account_ids: HashMap<Box<str>, u32>,
    /// By id: the account (trimmed, as the sequential reader keys usage) and its edition.
    pub(crate) accounts: Vec<(Box<str>, Edition)>,
    combo_ids: HashMap<Box<[u8]>, u32>,
    combos: Vec<ComboText>,
    canon_ids: HashMap<Canon, u32>,
    /// By canonical id.
    pub(crate) canons: Vec<CanonInfo>,
    /// The ratings the canonical keys point at.
    pub(crate) ratings: ByEdition<Ratings>,
    pair_ids: HashMap<u64, u32>,
    /// By pair id: account id and canonical id.
    pub(crate) pairs: Vec<(u32, u32)>,
    max_accounts: usize,
}

impl Registry {
    /// The canonical id of spelling `combo` under table `T` (rated on `day`), registered
    /// if new.
    fn canon_of<T: EditionTable>(&mut self, combo: u32, day: NaiveDate) -> Result<u32, Decline> {
        let c = &self.combos[combo as usize];
        let (canon, rated, dated) =
            canon::<T>(&c.channel, c.source.as_deref(), &c.code, day).ok_or(Decline::BadLine)?;
        if let Some(&id) = self.canon_ids.get(&canon) {
            return Ok(id);
        }
        let code = c.code.clone();
        let id = u32::try_from(self.canons.len())
            .ok()
            .filter(|&id| id < NONE)
            .ok_or(Decline::TooManyAccounts)?;
        let ratings = self.ratings.get_mut::<T>();
        let rating = u32::try_from(ratings.len()).map_err(|_| Decline::TooManyAccounts)?;
        ratings.push(rated);
        self.canon_ids.insert(canon, id);
        self.canons.push(CanonInfo {
            edition: T::EDITION,
            rating,
            order: (rated.channel.index(), rated.source.map(Named::index)),
            code,
            dated,
        });
        Ok(id)
    }

    pub(crate) fn new(max_accounts: usize) -> Registry {
        Registry {
            account_ids: HashMap::new(),
            accounts: Vec::new(),
            combo_ids: HashMap::new(),
            combos: Vec::new(),
            canon_ids: HashMap::new(),
            canons: Vec::new(),
            ratings: ByEdition::default(),
            pair_ids: HashMap::new(),
            pairs: Vec::new(),
            max_accounts,
        }
    }
}

/// One day's counts, by pair id (a count past `u32::MAX` carries into the worker's
/// `carries`).
#[derive(Clone)]
pub(crate) struct DayCounts {
    pub(crate) day: NaiveDate,
    pub(crate) counts: Vec<u32>,
}

/// One day's counts of a run, by pair id.
pub(crate) struct DayTotals {
    pub(crate) day: NaiveDate,
    counts: Vec<u32>,
    /// Multiples of 2^32 to add to some counts.
    carries: HashMap<u32, u64>,
}

impl DayTotals {
    /// The calls of `pair`.
    #[inline]
    pub(crate) fn count(&self, pair: u32) -> u64 {
        let low = u64::from(self.counts.get(pair as usize).copied().unwrap_or(0));
        if self.carries.is_empty() {
            return low;
        }
        self.carries.get(&pair).copied().unwrap_or(0) << 32 | low
    }
}

/// How a chunk went: the bytes and lines counted, and why it stopped, if it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ChunkResult {
    /// Bytes from the chunk's start to the start of the line that declined (all of it when
    /// none did): exactly the lines counted.
    pub(crate) processed: usize,
    /// Line ends in the processed bytes, counted as the sequential reader numbers lines.
    pub(crate) lines: u64,
    pub(crate) decline: Option<Decline>,
}

const NONE: u32 = u32::MAX;

/// Per-thread state.
pub(crate) struct Worker<'a> {
    layout: &'a Layout,
    editions: &'a Editions,
    registry: &'a Mutex<Registry>,
    /// Raw account field → `id << EDITION_BITS | edition index`.
    accounts: BytesMap,
    /// The account of a log without an `account` column.
    no_account: Option<u32>,
    /// Raw channel/source/code → spelling id.
    combos: BytesMap,
    /// By spelling id: its canonical id under each edition's table.
    canon_of: Vec<[u32; Edition::ALL.len()]>,
    /// Whether a key this worker counts rates differently by day (then the first call of
    /// each pair on each day is checked).
    dated_pairs: bool,
    /// By account id: canonical id → pair id.
    pairs: Vec<IdMap>,
    pub(crate) days: Vec<DayCounts>,
    /// Multiples of 2^32 of counts that overflowed: (day slot, pair) → carries.
    pub(crate) carries: HashMap<(u32, u32), u64>,
    date: DateCache,
    /// Field ranges of the current line.
    fields: Vec<(usize, usize)>,
    /// The day slot found while splitting, when the time took the fast path.
    fast_day: Option<u32>,
    key: Vec<u8>,
    /// Lines of the common layout read but not yet counted. Counting them in batches
    /// lets their table look-ups overlap.
    batch: Vec<Pending>,
    /// Hashes request ids that are not 128-bit values, as the run's set does.
    hasher: &'a KeyHasher,
    /// The lines with a request id of the chunk being processed, in line order: checked and
    /// rated, counted only when the chunk is committed (in input order), unless the id was
    /// seen before.
    pub(crate) deferred: Vec<Deferred>,
    /// Calls counted (lines billed or not billed).
    pub(crate) calls: u64,
    /// Calls not counted because their request id was seen before.
    pub(crate) duplicates: u64,
    /// In strict mode, (day slot, pair) whose code was checked for a deferred line.
    checked: std::collections::HashSet<(u32, u32)>,
}

/// A line of the common layout read but not yet counted.
#[derive(Clone, Copy)]
struct Pending {
    slot: u32,
    account: u32,
    combo: u32,
    start: usize,
    /// The request id, when the line has one: its key and where it is in the chunk.
    id: Option<(RequestKey, u32, u32)>,
}

/// A line with a request id, waiting for its chunk's turn to claim the id.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deferred {
    pub(crate) key: RequestKey,
    pub(crate) day: NaiveDate,
    pub(crate) pair: u32,
    /// Where the line starts in its chunk, and the id (trimmed) in it.
    pub(crate) start: u32,
    pub(crate) id: (u32, u32),
}

/// Lines counted at once.
const BATCH: usize = 32;

/// Bytes the splitter stops at: `,`, `"`, `\r`, `\n`. All are below `-` (0x2D); so are the
/// space and `!`…`+`, which are checked and skipped.
#[inline]
fn special(b: u8) -> bool {
    matches!(b, b',' | b'\n' | b'\r' | b'"')
}

/// The index of the first special byte at or after `from`, or `data.len()`.
#[inline]
pub(crate) fn find_special(data: &[u8], mut from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    'restart: loop {
        let Some(rest) = data.get(from..) else {
            return data.len();
        };
        let mut words = rest.chunks_exact(8);
        let mut base = from;
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            let w = u64::from_le_bytes(w);
            // The lowest flagged byte is the first one below 0x2D (flags above it may be
            // false).
            let below = w.wrapping_sub(0x2D * ONES) & !w & HIGH;
            if below != 0 {
                let i = (below.trailing_zeros() / 8) as usize;
                if special(word[i]) {
                    return base + i;
                }
                from = base + i + 1;
                continue 'restart;
            }
            base += 8;
        }
        let tail = words.remainder();
        return base + tail.iter().position(|&b| special(b)).unwrap_or(tail.len());
    }
}

/// Where the line that goes on at `from` ends, and where the next one starts, if it ends
/// in `data` with `\n`, `\r\n` or the end of the data, without a `"` or another control
/// character before. Eight bytes at a time: a control character (below 0x20) or `"` stops
/// the scan; spaces do not.
#[inline]
pub(crate) fn line_end(data: &[u8], from: usize) -> Option<(usize, usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = data.len();
    let rest = data.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut at = from;
    let mut found = false;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        // The lowest flagged byte is the first control character or quote (flags above it
        // may be false).
        let quote = w ^ (u64::from(b'"') * ONES);
        let stop = (w.wrapping_sub(0x20 * ONES) | quote.wrapping_sub(ONES)) & !w & HIGH;
        if stop != 0 {
            at += (stop.trailing_zeros() / 8) as usize;
            found = true;
            break;
        }
        at += 8;
    }
    if !found {
        let tail = words.remainder();
        at += tail
            .iter()
            .position(|&b| b < b' ' || b == b'"')
            .unwrap_or(tail.len());
    }
    match data.get(at) {
        None => Some((n, n)),
        Some(b'\n') => Some((at, at + 1)),
        Some(b'\r') if data.get(at + 1) == Some(&b'\n') => Some((at, at + 2)),
        Some(b'\r') if at + 1 == n => Some((at, n)),
        _ => None,
    }
}

/// A field as the sequential reader's `Record::get` gives it: UTF-8, trimmed.
fn text(bytes: &[u8]) -> Result<&str, Decline> {
    std::str::from_utf8(bytes)
        .map(str::trim)
        .map_err(|_| Decline::NotUtf8)
}

/// A field's value as the sequential reader's `Record::get` gives it, from its bytes as
/// written: a quoted field (`split` found its closing quote) unquoted, `""` read as `"`,
/// then UTF-8 and trimmed.
fn value(raw: &[u8]) -> Result<std::borrow::Cow<'_, str>, Decline> {
    match raw {
        [b'"', inner @ .., b'"'] => {
            let inner = std::str::from_utf8(inner).map_err(|_| Decline::NotUtf8)?;
            Ok(if inner.contains('"') {
                std::borrow::Cow::Owned(inner.replace("\"\"", "\"").trim().to_owned())
            } else {
                std::borrow::Cow::Borrowed(inner.trim())
            })
        }
        _ => text(raw).map(std::borrow::Cow::Borrowed),
    }
}

/// The end of the quoted field that opens at `from` (just after its closing quote), if it
/// ends there: followed by a field or line end, or the end of the data, with no line break
/// inside (such a field makes a line end that ends no record: the sequential reader
/// numbers those lines).
#[inline]
fn quoted_end(data: &[u8], from: usize) -> Result<usize, Decline> {
    let mut i = from + 1;
    loop {
        let at = data[i..]
            .iter()
            .position(|&b| matches!(b, b'"' | b'\n' | b'\r'))
            .map(|p| i + p)
            .ok_or(Decline::Quote)?;
        if data[at] != b'"' {
            return Err(Decline::Quote);
        }
        match data.get(at + 1) {
            // `""` inside: a quote.
            Some(b'"') => i = at + 2,
            None | Some(b',' | b'\n' | b'\r') => return Ok(at + 1),
            // Text after the closing quote joins the field: left to the sequential reader.
            Some(_) => return Err(Decline::Quote),
        }
    }
}

impl<'a> Worker<'a> {
    pub(crate) fn new(
        layout: &'a Layout,
        editions: &'a Editions,
        registry: &'a Mutex<Registry>,
        hasher: &'a KeyHasher,
    ) -> Worker<'a> {
        Worker {
            layout,
            editions,
            registry,
            accounts: BytesMap::default(),
            no_account: None,
            combos: BytesMap::default(),
            canon_of: Vec::new(),
            dated_pairs: false,
            pairs: Vec::new(),
            days: Vec::new(),
            carries: HashMap::new(),
            date: DateCache::default(),
            fields: vec![(0, 0); layout.fields],
            fast_day: None,
            key: Vec::with_capacity(256),
            batch: Vec::with_capacity(BATCH),
            hasher,
            deferred: Vec::new(),
            calls: 0,
            duplicates: 0,
            checked: std::collections::HashSet::new(),
        }
    }

    /// Counts the lines of `data` (whole lines, from a line start): `UNDO` subtracts them
    /// instead, which a worker does to lines it counted before, to give them back.
    pub(crate) fn process<const UNDO: bool>(&mut self, data: &[u8]) -> ChunkResult {
        let n = data.len();
        let mut pos = 0;
        let mut lines = 0u64;
        while pos < n {
            // Blank lines: `\n`, `\r\n` and a lone `\r` each end one.
            match data[pos] {
                b'\n' => {
                    lines += 1;
                    pos += 1;
                    continue;
                }
                b'\r' => {
                    lines += 1;
                    pos += 1;
                    if pos < n && data[pos] == b'\n' {
                        pos += 1;
                    }
                    continue;
                }
                _ => {}
            }
            let stop = |processed, decline| ChunkResult {
                processed,
                lines,
                decline: Some(decline),
            };
            let fast = if self.layout.plain {
                self.plain_line(data, pos)
            } else {
                Ok(None)
            };
            let next = match fast {
                Ok(Some(next)) => {
                    if self.batch.len() == BATCH {
                        if let Err((at, decline)) = self.flush::<UNDO>() {
                            return stop(at, decline);
                        }
                    }
                    next
                }
                Ok(None) => {
                    if let Err((at, decline)) = self.flush::<UNDO>() {
                        return stop(at, decline);
                    }
                    let next = match self.split(data, pos) {
                        Ok(next) => next,
                        Err(decline) => return stop(pos, decline),
                    };
                    if let Err(decline) = self.line::<UNDO>(data, pos) {
                        return stop(pos, decline);
                    }
                    next
                }
                Err(decline) => {
                    if let Err((at, decline)) = self.flush::<UNDO>() {
                        return stop(at, decline);
                    }
                    return stop(pos, decline);
                }
            };
            lines += 1;
            pos = next;
        }
        if let Err((at, decline)) = self.flush::<UNDO>() {
            return ChunkResult {
                processed: at,
                lines,
                decline: Some(decline),
            };
        }
        ChunkResult {
            processed: n,
            lines,
            decline: None,
        }
    }

    /// Counts the batched lines; on a line that declines, the lines before it are counted,
    /// it and those after it not, and its start is returned.
    #[inline]
    fn flush<const UNDO: bool>(&mut self) -> Result<(), (usize, Decline)> {
        let mut batch = std::mem::take(&mut self.batch);
        let mut result = Ok(());
        for p in &batch {
            let counted = match p.id {
                None => self.tally::<UNDO>(p.slot, p.account, p.combo),
                Some((key, at, len)) => {
                    self.defer::<UNDO>(p.slot, p.account, p.combo, key, p.start, (at, len))
                }
            };
            if let Err(decline) = counted {
                result = Err((p.start, decline));
                break;
            }
        }
        batch.clear();
        self.batch = batch;
        result
    }

    /// The common layout's line at `start`, when its time is in a remembered fast form:
    /// counted without splitting the channel, source and code (their text, commas
    /// included, is the key of the spelling cache; a spelling seen before was split and
    /// checked when it was first seen, and equal bytes split equally). `None`: the general
    /// path takes the line.
    #[inline]
    fn plain_line(&mut self, data: &[u8], start: usize) -> Result<Option<usize>, Decline> {
        let layout = self.layout;
        let Some((len, slot)) = self.date.fast(&data[start..]) else {
            return Ok(None);
        };
        let mut from = start + len;
        if data.get(from) != Some(&b',') {
            return Ok(None);
        }
        from += 1;
        let account = if layout.account.is_some() {
            let at = find_special(data, from);
            if data.get(at) != Some(&b',') {
                return Ok(None);
            }
            let raw = &data[from..at];
            from = at + 1;
            match self.accounts.get(raw) {
                Some(packed) => packed,
                None => return Ok(None),
            }
        } else {
            match self.no_account {
                Some(packed) => packed,
                None => return Ok(None),
            }
        };
        let (end, next) = match line_end(data, from) {
            Some(ends) => ends,
            None => return Ok(None),
        };
        if end - start > layout.max_line {
            return Ok(None);
        }
        let (combo_end, id) = if layout.plain_id {
            let Some(comma) = data[from..end].iter().rposition(|&b| b == b',') else {
                return Ok(None);
            };
            let at = from + comma + 1;
            (from + comma, self.request_key(data, at, end)?)
        } else {
            (end, None)
        };
        let Some(combo) = self.combos.get(&data[from..combo_end]) else {
            return Ok(None);
        };
        self.batch.push(Pending {
            slot,
            account,
            combo,
            start,
            id,
        });
        Ok(Some(next))
    }

    /// Finds the fields of the line at `start`; returns where the next line starts.
    #[inline]
    fn split(&mut self, data: &[u8], start: usize) -> Result<usize, Decline> {
        let layout = self.layout;
        let n = data.len();
        let mut field = 0;
        let mut from = start;
        self.fast_day = None;
        let (end, next) = loop {
            let at = if data.get(from) == Some(&b'"') {
                let close = quoted_end(data, from)?;
                if field == layout.time {
                    if let Some((len, slot)) = self.date.fast(&data[from + 1..]) {
                        if from + 1 + len + 1 == close {
                            self.fast_day = Some(slot);
                        }
                    }
                }
                close
            } else {
                match (field == layout.time).then(|| self.date.fast(&data[from..])) {
                    Some(Some((len, slot))) => {
                        self.fast_day = Some(slot);
                        from + len
                    }
                    _ => find_special(data, from),
                }
            };
            if at == n {
                self.fields[field] = (from, at);
                break (at, at);
            }
            match data[at] {
                b',' => {
                    self.fields[field] = (from, at);
                    field += 1;
                    if field == layout.fields {
                        return Err(Decline::BadLine);
                    }
                    from = at + 1;
                }
                b'\n' => {
                    self.fields[field] = (from, at);
                    break (at, at + 1);
                }
                b'\r' => {
                    self.fields[field] = (from, at);
                    if at + 1 == n {
                        break (at, n);
                    }
                    if data[at + 1] == b'\n' {
                        break (at, at + 2);
                    }
                    return Err(Decline::CarriageReturn);
                }
                _ => return Err(Decline::Quote),
            }
        };
        if field + 1 != layout.fields || end - start > layout.max_line {
            return Err(Decline::BadLine);
        }
        Ok(next)
    }

    #[inline]
    fn field<'d>(&self, data: &'d [u8], i: usize) -> &'d [u8] {
        let (s, e) = self.fields[i];
        &data[s..e]
    }

    /// Rates and counts the line whose fields `split` found.
    #[inline]
    fn line<const UNDO: bool>(&mut self, data: &[u8], start: usize) -> Result<(), Decline> {
        let layout = self.layout;
        let slot = match self.fast_day {
            Some(slot) => slot,
            None => self.slow_day(self.field(data, layout.time))?,
        };
        let account = match layout.account {
            Some(i) => {
                let raw = self.field(data, i);
                match self.accounts.get(raw) {
                    Some(packed) => packed,
                    None => self.new_account(raw)?,
                }
            }
            None => match self.no_account {
                Some(packed) => packed,
                None => {
                    let packed = self.register_account("")?;
                    self.no_account = Some(packed);
                    packed
                }
            },
        };
        let id = match layout.request_id {
            Some(i) => {
                let (from, to) = self.fields[i];
                self.request_key(data, from, to)?
            }
            None => None,
        };
        for &i in &layout.others {
            if std::str::from_utf8(self.field(data, i)).is_err() {
                return Err(Decline::NotUtf8);
            }
        }
        let combo = match layout.combo_span {
            Some((first, last)) => {
                let key = &data[self.fields[first].0..self.fields[last].1];
                match self.combos.get(key) {
                    Some(id) => id,
                    None => self.new_combo(data, key)?,
                }
            }
            None => {
                // Channel 0xFF source 0xFF code (0xFF is never in UTF-8).
                let mut key = std::mem::take(&mut self.key);
                key.clear();
                key.extend_from_slice(self.field(data, layout.channel));
                key.push(0xFF);
                if let Some(i) = layout.source {
                    key.extend_from_slice(self.field(data, i));
                }
                key.push(0xFF);
                key.extend_from_slice(self.field(data, layout.code));
                let id = match self.combos.get(&key) {
                    Some(id) => Ok(id),
                    None => self.new_combo(data, &key),
                };
                self.key = key;
                id?
            }
        };
        match id {
            None => self.tally::<UNDO>(slot, account, combo),
            Some((key, at, len)) => self.defer::<UNDO>(slot, account, combo, key, start, (at, len)),
        }
    }

    /// The key of the request id at `data[from..to]` and where it is once trimmed, `None`
    /// when the field is empty or blank (no id).
    #[inline]
    fn request_key(
        &self,
        data: &[u8],
        from: usize,
        to: usize,
    ) -> Result<Option<(RequestKey, u32, u32)>, Decline> {
        let (from, to) = match &data[from..to] {
            [b'"', inner @ .., b'"'] if !inner.contains(&b'"') => (from + 1, to - 1),
            // An id with a quote in it: left to the sequential reader.
            [b'"', ..] => return Err(Decline::Quote),
            _ => (from, to),
        };
        let raw = &data[from..to];
        // The common case: a 128-bit id as written, nothing to trim or check.
        if let Some(value) = crate::request_ids::hex_value(raw) {
            return Ok(Some((
                RequestKey::from_value(value),
                from as u32,
                raw.len() as u32,
            )));
        }
        if raw.is_empty() {
            return Ok(None);
        }
        let id = text(raw)?;
        if id.is_empty() {
            return Ok(None);
        }
        // Where the trimmed id starts within the field.
        let lead = raw.len() - std::str::from_utf8(raw).map_or(0, |t| t.trim_start().len());
        let key = self.hasher.key(id.as_bytes());
        Ok(Some((key, (from + lead) as u32, id.len() as u32)))
    }

    /// A line with a request id: rated and checked now (so that it declines where the
    /// sequential reader would reject it), counted when its chunk is committed.
    #[inline]
    fn defer<const UNDO: bool>(
        &mut self,
        slot: u32,
        account: u32,
        combo: u32,
        key: RequestKey,
        start: usize,
        id: (u32, u32),
    ) -> Result<(), Decline> {
        if UNDO {
            // Never counted by this worker: nothing to give back.
            return Ok(());
        }
        let pair = self.resolve(slot, account, combo)?;
        if (self.layout.strict || self.dated_pairs) && self.checked.insert((slot, pair)) {
            let date = self.days[slot as usize].day;
            let canon = self.pair_canon(pair);
            let checked = if self.layout.strict {
                self.check_code(canon, date)
            } else {
                Ok(())
            };
            if let Err(decline) = checked.and_then(|()| self.check_day(canon, date)) {
                self.checked.remove(&(slot, pair));
                return Err(decline);
            }
        }
        self.deferred.push(Deferred {
            key,
            day: self.days[slot as usize].day,
            pair,
            start: start as u32,
            id,
        });
        Ok(())
    }

    /// Counts a committed line whose id was new.
    pub(crate) fn count_committed(&mut self, day: NaiveDate, pair: u32) {
        let slot = self.slot_of(day);
        // The line's code was checked when it was read.
        let _ = self.add::<false>(slot, pair);
    }

    /// Adds the counts of `other` (a worker of the same run) to this one's, and drops it.
    pub(crate) fn absorb(&mut self, other: Worker<'_>) {
        self.calls += other.calls;
        self.duplicates += other.duplicates;
        let mut slots = Vec::with_capacity(other.days.len());
        for day in other.days {
            let slot = match self.days.iter().position(|d| d.day == day.day) {
                Some(slot) => slot,
                None => {
                    self.days.push(DayCounts {
                        day: day.day,
                        counts: Vec::new(),
                    });
                    self.days.len() - 1
                }
            };
            slots.push(slot as u32);
            let into = &mut self.days[slot].counts;
            if into.len() < day.counts.len() {
                into.resize(day.counts.len(), 0);
            }
            for (pair, (sum, n)) in into.iter_mut().zip(day.counts).enumerate() {
                let (added, carried) = sum.overflowing_add(n);
                *sum = added;
                if carried {
                    *self.carries.entry((slot as u32, pair as u32)).or_insert(0) += 1;
                }
            }
        }
        for ((slot, pair), carried) in other.carries {
            if carried > 0 {
                *self
                    .carries
                    .entry((slots[slot as usize], pair))
                    .or_insert(0) += carried;
            }
        }
    }

    /// The worker's counts, day by day, with the carries of each day; its caches are
    /// dropped.
    pub(crate) fn into_days(self) -> Vec<DayTotals> {
        let mut days: Vec<DayTotals> = self
            .days
            .into_iter()
            .map(|d| DayTotals {
                day: d.day,
                counts: d.counts,
                carries: HashMap::new(),
            })
            .collect();
        for ((slot, pair), carried) in self.carries {
            if carried > 0 {
                days[slot as usize].carries.insert(pair, carried);
            }
        }
        days
    }

    /// Counts (or with `UNDO` gives back) one call of `account` (packed) with spelling
    /// `combo` on the day of `slot`.
    #[inline]
    fn tally<const UNDO: bool>(
        &mut self,
        slot: u32,
        account: u32,
        combo: u32,
    ) -> Result<(), Decline> {
        let pair = self.resolve(slot, account, combo)?;
        self.add::<UNDO>(slot, pair)
    }

    /// The pair of `account` (packed) and the key spelling `combo` rates to, rated (on the
    /// day of `slot`) and registered if new.
    #[inline]
    fn resolve(&mut self, slot: u32, account: u32, combo: u32) -> Result<u32, Decline> {
        let edition = (account & EDITION_MASK) as usize;
        let mut canon = self.canon_of[combo as usize][edition];
        if canon == NONE {
            canon = self.rate_combo(combo, Edition::ALL[edition], slot)?;
        }
        let id = account >> EDITION_BITS;
        match self.pairs.get(id as usize).and_then(|m| m.get(canon)) {
            Some(pair) => Ok(pair),
            None => self.new_pair(id, canon),
        }
    }

    /// Counts (or gives back) one call of `pair` on the day of `slot`; the first call of a
    /// pair on a day has its code checked in strict mode, and its day checked when its
    /// rating depends on the day.
    #[inline(always)]
    fn add<const UNDO: bool>(&mut self, slot: u32, pair: u32) -> Result<(), Decline> {
        let day = &mut self.days[slot as usize];
        if day.counts.len() <= pair as usize {
            day.counts
                .resize(pair as usize + 1 + day.counts.len() / 4, 0);
        }
        let count = &mut day.counts[pair as usize];
        if UNDO {
            self.calls -= 1;
            if *count == 0 {
                *count = u32::MAX;
                borrow(&mut self.carries, slot, pair);
            } else {
                *count -= 1;
            }
            return Ok(());
        }
        if *count == 0 && (self.layout.strict || self.dated_pairs) {
            let date = day.day;
            let canon = self.pair_canon(pair);
            if self.layout.strict {
                self.check_code(canon, date)?;
            }
            self.check_day(canon, date)?;
        }
        self.calls += 1;
        let count = &mut self.days[slot as usize].counts[pair as usize];
        if *count == u32::MAX {
            *count = 0;
            *self.carries.entry((slot, pair)).or_insert(0) += 1;
        } else {
            *count += 1;
        }
        Ok(())
    }

    /// The canonical id of a pair.
    #[cold]
    fn pair_canon(&self, pair: u32) -> u32 {
        self.registry
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pairs[pair as usize]
            .1
    }

    /// The slot of `day`'s counts, added if new.
    fn slot_of(&mut self, day: NaiveDate) -> u32 {
        match self.days.iter().rposition(|d| d.day == day) {
            Some(slot) => slot as u32,
            None => {
                self.days.push(DayCounts {
                    day,
                    counts: Vec::new(),
                });
                (self.days.len() - 1) as u32
            }
        }
    }

    /// The day of a time field that did not take the fast path (or that is the first of
    /// its date): parsed by the reference parser, remembered for the fast path.
    #[cold]
    fn slow_day(&mut self, raw: &[u8]) -> Result<u32, Decline> {
        let (_, day) = parse_timestamp_and_day(&value(raw)?).map_err(|_| Decline::BadLine)?;
        let slot = self.slot_of(day);
        // A quoted time is remembered by its date too (`split` looks inside the quotes).
        let bare = match raw {
            [b'"', inner @ .., b'"'] => inner,
            _ => raw,
        };
        if fast_form(bare) {
            self.date.remember(bare, slot);
        }
        Ok(slot)
    }

    #[cold]
    fn new_account(&mut self, raw: &[u8]) -> Result<u32, Decline> {
        let packed = self.register_account(&value(raw)?)?;
        self.accounts
            .insert(raw, packed)
            .ok_or(Decline::TooManyAccounts)?;
        Ok(packed)
    }

    /// The id and edition of `account` (trimmed), packed as `id << EDITION_BITS | edition`.
    fn register_account(&mut self, account: &str) -> Result<u32, Decline> {
        let edition = self
            .editions
            .edition(account)
            .map_err(|_| Decline::BadLine)?;
        let mut registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let id = match registry.account_ids.get(account) {
            Some(&id) => id,
            None => {
                if registry.accounts.len() >= registry.max_accounts
                    || registry.accounts.len() >= (u32::MAX >> EDITION_BITS) as usize
                {
                    return Err(Decline::TooManyAccounts);
                }
                let id = registry.accounts.len() as u32;
                registry.account_ids.insert(account.into(), id);
                registry.accounts.push((account.into(), edition));
                id
            }
        };
        let index = Edition::ALL.iter().position(|&e| e == edition).unwrap_or(0);
        Ok(id << EDITION_BITS | index as u32)
    }

    #[cold]
    fn new_combo(&mut self, data: &[u8], key: &[u8]) -> Result<u32, Decline> {
        let layout = self.layout;
        let channel = value(self.field(data, layout.channel))?;
        let code = value(self.field(data, layout.code))?;
        let source = match layout.source {
            Some(i) => Some(value(self.field(data, i))?).filter(|s| !s.is_empty()),
            None => None,
        };
        if channel.is_empty() || code.is_empty() {
            return Err(Decline::BadLine);
        }
        let id = {
            let mut registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
            match registry.combo_ids.get(key) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(registry.combos.len())
                        .ok()
                        .filter(|&id| id < NONE)
                        .ok_or(Decline::TooManyAccounts)?;
                    registry.combo_ids.insert(key.into(), id);
                    registry.combos.push(ComboText {
                        channel: channel.into(),
                        source: source.map(Into::into),
                        code: code.into(),
                    });
                    id
                }
            }
        };
        self.combos
            .insert(key, id)
            .ok_or(Decline::TooManyAccounts)?;
        if self.canon_of.len() <= id as usize {
            self.canon_of
                .resize(id as usize + 1, [NONE; Edition::ALL.len()]);
        }
        Ok(id)
    }

    /// Rates a spelling against an edition's table, once per run: outside strict mode
    /// whether a call rates depends on its channel and source only, not on its code, and
    /// on its day only for a channel listed on some days or whose mapping changes (checked
    /// for each day, [`Worker::check_day`]); the labels of each day are the table's. A
    /// spelling that names one of several channels by the day (an API action two channels
    /// share, one listed at a time) is left to the sequential reader. Returns the
    /// canonical id of its usage key.
    #[cold]
    fn rate_combo(&mut self, combo: u32, edition: Edition, slot: u32) -> Result<u32, Decline> {
        let day = self.days[slot as usize].day;
        let mut registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let id = with_table!(edition, T => registry.canon_of::<T>(combo, day))?;
        self.dated_pairs |= registry.canons[id as usize].dated;
        let index = Edition::ALL.iter().position(|&e| e == edition).unwrap_or(0);
        self.canon_of[combo as usize][index] = id;
        Ok(id)
    }

    #[cold]
    fn new_pair(&mut self, account: u32, canon: u32) -> Result<u32, Decline> {
        let key = u64::from(account) << 32 | u64::from(canon);
        let mut registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let id = match registry.pair_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(registry.pairs.len())
                    .ok()
                    .filter(|&id| id < NONE)
                    .ok_or(Decline::TooManyAccounts)?;
                registry.pair_ids.insert(key, id);
                registry.pairs.push(((key >> 32) as u32, key as u32));
                id
            }
        };
        if self.pairs.len() <= account as usize {
            self.pairs.resize_with(account as usize + 1, IdMap::default);
        }
        self.pairs[account as usize].insert(canon, id);
        Ok(id)
    }

    /// Whether a key whose rating depends on the day rates on `day` (checked once per pair
    /// and day): its channel listed, its source offered.
    #[cold]
    fn check_day(&mut self, canon: u32, day: NaiveDate) -> Result<(), Decline> {
        let registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let c = &registry.canons[canon as usize];
        let rates = !c.dated
            || with_table!(c.edition, T => {
                rates_on(registry.ratings.get::<T>()[c.rating as usize], day)
            });
        if rates {
            Ok(())
        } else {
            Err(Decline::BadLine)
        }
    }

    /// In strict mode: whether the code is listed on `day` (checked once per key and day).
    #[cold]
    fn check_code(&mut self, canon: u32, day: NaiveDate) -> Result<(), Decline> {
        let registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
        let c = &registry.canons[canon as usize];
        let known = with_table!(c.edition, T => {
            listed(registry.ratings.get::<T>()[c.rating as usize], &c.code, day)
        });
        if known {
            Ok(())
        } else {
            Err(Decline::BadLine)
        }
    }
}

/// Gives back one count that was carried into `carries`.
#[cold]
fn borrow(carries: &mut HashMap<(u32, u32), u64>, slot: u32, pair: u32) {
    if let Some(carried) = carries.get_mut(&(slot, pair)) {
        *carried -= 1;
    }
}

/// The canonical usage key of a spelling under table `T`, its rating, and whether the
/// rating depends on the day; `None` when the table rejects it, or when the spelling names
/// a channel by the day (an API action two channels share, one listed at a time: left to
/// the sequential reader).
fn canon<T: EditionTable>(
    channel: &str,
    source: Option<&str>,
    code: &str,
    day: NaiveDate,
) -> Option<(Canon, Rated<T>, bool)> {
    let rated = rate_with::<T>(channel, source, code, day, false).ok()?;
    T::Channel::find(channel)?;
    let dated =
        T::channel_period(rated.channel) != Period::ALWAYS || T::mappings(rated.channel).len() > 1;
    let code = match Code::parse(code) {
        Code::Int(n) => CodeKey::Int(n),
        Code::Name(name) => CodeKey::Name(name.into()),
    };
    let canon = Canon {
        edition: T::EDITION,
        channel: rated.channel.index(),
        source: rated.source.map(Named::index),
        code,
    };
    Some((canon, rated, dated))
}

/// Whether a call of a rated key made on `day` rates that day.
fn rates_on<T: BillingTable>(rated: Rated<T>, day: NaiveDate) -> bool {
    T::labels_on(rated.channel, rated.source, day).is_some()
}

fn listed<T: BillingTable>(rated: Rated<T>, code: &str, day: NaiveDate) -> bool {
    T::code_status(rated.family, Code::parse(code), day).verdict != Verdict::Unknown
}
