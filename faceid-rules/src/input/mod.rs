//! Reading the input files — call logs, packs files, accounts files — into
//! [records](crate::records), with errors that name the file, the line and the field.
//!
//! All three are CSV files in UTF-8 with a header line (the formats are in the README). They
//! share one reader, [`Records`], with these rules:
//!
//! - **Header.** The first line names the columns, in any order; names are matched ignoring
//!   ASCII case and surrounding blanks; unknown columns are ignored. A required column that is
//!   missing is one error, at line 1, naming the columns found. A known column named twice is
//!   an error too. An empty file (no header) is an error.
//! - **Encoding.** A UTF-8 byte order mark at the start is skipped. A field that is not valid
//!   UTF-8 rejects its line (an error naming the column), not the run.
//! - **Lines.** `\n`, `\r\n` and a lone `\r` all end a line. Fields may be quoted (`"a, b"`,
//!   `"say ""hi"""`) and a quoted field may hold line breaks: such a record is reported at the
//!   line it starts on, and the lines after it keep their numbers as in the file (the header is
//!   line 1; inside a quoted field a line break is counted by its `\n`, as the `csv` crate
//!   counts). Values are trimmed of surrounding white space.
//! - **Blank lines** are skipped: they are not records, are not counted as read, and do not
//!   shift line numbers. A line of blanks or commas only is a record (and usually a bad one).
//! - **Field count.** Every record must have as many fields as the header; a line with fewer
//!   or more is rejected (more fields usually means a value with an unquoted comma).
//! - **A file that ends mid-line**: the last line is read as it is (and rejected if that
//!   leaves it incomplete).
//! - **A quote never closed**: a quoted field that opens on a line and runs over line ends
//!   to the end of the file, or past the limit for one record, is a bad line — that line
//!   alone is rejected, and the lines it swallowed are read again on their own, with their
//!   own numbers (the reader keeps them, up to the limit of one record, to read them
//!   again). A quoted field that closes may hold line breaks.
//! - **Limits** ([`Limits`]): a record longer than 64 KiB, or with more than 1,024 fields, is
//!   rejected without being held in memory: the reader keeps at most one record (and its
//!   first 64 KiB of raw text) at a time, so a 1 GiB line costs 64 KiB, not 1 GiB. A call
//!   line is a few hundred bytes; raise the limits with [`Limits`] if a file really needs it.
//!
//! Errors are [`InputError`]s: `calls.csv:17: field `time`: "2026-13-01" is not a timestamp:
//! month 13 (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00)`. A [`ErrorKind::Record`]
//! error rejects one record and reading goes on; it carries the record's raw text for a
//! rejects file. [`ErrorKind::Header`] and [`ErrorKind::Io`] errors end the file.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read};
use std::sync::Arc;

use crate::records::Origin;

pub mod accounts;
pub mod calls;
pub mod json;
pub mod packs;
pub mod tencent_bill;
pub mod usage;
pub mod wechat;

pub use accounts::read_accounts;
pub use calls::{CallColumns, CallReader, CallRef};
pub use packs::read_packs;
pub use usage::{UsageReader, UsageRecord, MAX_ROW_CALLS};

/// Bounds on what one record may hold, so that hostile input cannot exhaust memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest record, in bytes as written in the file (without its line end); also
    /// the most raw text kept for a rejected record. Default 64 KiB.
    pub max_record_bytes: usize,
    /// The most fields a record may have. Default 1,024.
    pub max_fields: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_record_bytes: 64 * 1024,
            max_fields: 1024,
        }
    }
}

/// What an [`InputError`] means for the rest of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// One record is bad: reject it (e.g. into a rejects file) and read on.
    Record,
    /// The header is bad or missing: nothing in the file can be read.
    Header,
    /// The file could not be read; reading stops.
    Io,
}

/// A bad record, header or file: where, which field, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file and the line the record starts on.
    pub origin: Origin,
    /// The column at fault, when it is one of the format's columns.
    pub field: Option<&'static str>,
    /// What is wrong, what was expected, what was found.
    pub message: String,
    /// The record's text as it is in the file, without its line end (bytes, since it may not
    /// be UTF-8); empty for header and I/O errors.
    pub raw: Vec<u8>,
    /// Whether `raw` holds only the start of a record longer than [`Limits::max_record_bytes`].
    pub raw_truncated: bool,
    /// Whether reading can go on.
    pub kind: ErrorKind,
}

impl InputError {
    /// Whether this error rejects one record and reading goes on.
    pub fn is_record(&self) -> bool {
        self.kind == ErrorKind::Record
    }

    /// The raw text of the record, with invalid UTF-8 replaced by U+FFFD.
    pub fn raw_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.raw)
    }
}

/// `calls.csv:17: field `time`: "2026-13-01" is not a timestamp: …`.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.origin)?;
        if let Some(field) = self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// All the errors of a file read whole (packs, accounts): the first [`InputErrors::KEPT`] of
/// them, and how many there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputErrors {
    /// The first errors, in file order; never empty.
    pub errors: Vec<InputError>,
    /// How many errors the file had in all.
    pub total: u64,
}

impl InputErrors {
    /// How many errors are kept; the rest are only counted.
    pub const KEPT: usize = 100;

    pub(crate) fn new() -> InputErrors {
        InputErrors {
            errors: Vec::new(),
            total: 0,
        }
    }

    pub(crate) fn push(&mut self, error: InputError) {
        self.total += 1;
        if self.errors.len() < InputErrors::KEPT {
            self.errors.push(error);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }
}

impl From<InputError> for InputErrors {
    fn from(error: InputError) -> InputErrors {
        InputErrors {
            errors: vec![error],
            total: 1,
        }
    }
}

/// One error per line, then `… and N more errors` when some were only counted.
impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        let more = self.total.saturating_sub(self.errors.len() as u64);
        if more > 0 {
            write!(f, "\n… and {more} more errors")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

/// A column of a format, as [`Records::read_header`] looks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The column's name in the header.
    pub name: &'static str,
    /// Whether a file without it is rejected.
    pub required: bool,
}

/// Where a file's header put the columns asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The column names as written, trimmed.
    pub names: Vec<String>,
    /// For each column asked for, in the same order, its index in the record.
    pub positions: Vec<Option<usize>>,
}

impl Header {
    /// For each field of a record, the name of the column of `columns` it holds, if any:
    /// what [`Records::next_record`] takes to name fields in messages.
    pub fn field_names(&self, columns: &[Column]) -> Vec<Option<&'static str>> {
        let mut names = vec![None; self.names.len()];
        for (column, position) in columns.iter().zip(&self.positions) {
            if let Some(i) = *position {
                names[i] = Some(column.name);
            }
        }
        names
    }
}

/// Reads a whole small file (packs, accounts): the header, then every record through
/// `parse`, which gets the record, the column positions and whether the errors kept are
/// full (an error of this record would only be counted). All errors are counted and the
/// first [`InputErrors::KEPT`] kept; any error fails the file.
///
/// Memory stays bounded whatever the file holds: once a record is bad, the records read
/// are dropped and no more are kept (the file fails anyway), so a file of millions of bad
/// lines costs the errors kept and what `parse` remembers — which should be nothing of a
/// record whose error is only counted.
pub(crate) fn read_all<T>(
    file: &str,
    reader: impl Read,
    columns: &[Column],
    mut parse: impl FnMut(&Record<'_>, &[Option<usize>], bool) -> Result<T, InputError>,
) -> Result<Vec<T>, InputErrors> {
    let mut records = Records::new(file, reader, Limits::default());
    let header = records.read_header(columns)?;
    let names = header.field_names(columns);
    let mut items = Vec::new();
    let mut errors = InputErrors::new();
    while let Some(record) = records.next_record(&names) {
        let full = errors.errors.len() >= InputErrors::KEPT;
        let parsed = record.and_then(|record| {
            check_field_count(&record, &header, columns)?;
            parse(&record, &header.positions, full)
        });
        match parsed {
            Ok(item) if errors.is_empty() => items.push(item),
            Ok(_) => {}
            Err(e) => {
                let fatal = !e.is_record();
                errors.push(e);
                // The file fails: what was read of it is of no more use.
                items = Vec::new();
                if fatal {
                    break;
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Why a record is rejected before its fields are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overflow {
    TooLong,
    TooManyFields,
}

/// A streaming CSV record reader with line numbers, raw text and bounded memory: the layer
/// under [`CallReader`], [`read_packs`] and [`read_accounts`], for any CSV of this crate.
///
/// Built on `csv-core`'s parser (RFC 4180 quoting; `\n`, `\r\n` or `\r` line ends), fed
/// through one fixed input buffer and one record buffer that grows only up to
/// [`Limits::max_record_bytes`].
pub struct Records<R> {
    file: Arc<str>,
    reader: R,
    limits: Limits,
    core: csv_core::Reader,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    started: bool,
    done: bool,
    /// The line of the byte at `buf[pos]`.
    next_line: u64,
    prev_cr: bool,
    bytes: u64,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    raw: Vec<u8>,
    raw_truncated: bool,
    record_line: u64,
    records: u64,
    /// Input to read again before the rest, after a quote that was never closed: the lines
    /// it swallowed (see [`Records::next_record`]).
    again: Vec<u8>,
    again_pos: usize,
    /// The record that opened a quote swallowed the lines after its first: rejected alone.
    swallowed: bool,
}

/// One record: its fields, line and raw text, borrowed from the reader.
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    file: &'a Arc<str>,
    line: u64,
    text: &'a str,
    ends: &'a [usize],
    raw: &'a [u8],
}

impl<'a> Record<'a> {
    /// The line the record starts on (the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Where the record starts.
    pub fn origin(&self) -> Origin {
        Origin {
            file: Arc::clone(self.file),
            line: self.line,
        }
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no field (never true for a record read from a file).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, unquoted and trimmed of surrounding white space; `""` past the last field.
    pub fn get(&self, i: usize) -> &'a str {
        let field = self.get_untrimmed(i);
        // Most fields start and end with a printable ASCII character: nothing to trim.
        let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
        if plain(field.as_bytes().first()) && plain(field.as_bytes().last()) {
            field
        } else {
            field.trim()
        }
    }

    /// Field `i`, unquoted, as written; `""` past the last field.
    pub fn get_untrimmed(&self, i: usize) -> &'a str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..end]
    }

    /// The record's text as in the file, without its line end.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// A [`ErrorKind::Record`] error about this record.
    pub fn error(&self, field: Option<&'static str>, message: impl Into<String>) -> InputError {
        InputError {
            origin: self.origin(),
            field,
            message: message.into(),
            raw: self.raw.to_vec(),
            raw_truncated: false,
            kind: ErrorKind::Record,
        }
    }
}

const INPUT_BUFFER: usize = 64 * 1024;

impl<R: Read> Records<R> {
    /// A reader of the file named `file` (`-` for standard input), from its start: a UTF-8
    /// byte order mark is skipped and the first line is line 1.
    pub fn new(file: impl Into<Arc<str>>, reader: R, limits: Limits) -> Records<R> {
        Records::starting_at(file, reader, limits, 1, true)
    }

    /// A reader of part of a file that starts at line `first_line` on a record boundary
    /// (e.g. a chunk after the header): no byte order mark is looked for.
    pub fn resume(
        file: impl Into<Arc<str>>,
        reader: R,
        limits: Limits,
        first_line: u64,
    ) -> Records<R> {
        Records::starting_at(file, reader, limits, first_line, false)
    }

    fn starting_at(
        file: impl Into<Arc<str>>,
        reader: R,
        limits: Limits,
        first_line: u64,
        at_file_start: bool,
    ) -> Records<R> {
        let limits = Limits {
            max_record_bytes: limits.max_record_bytes.max(1),
            max_fields: limits.max_fields.max(1),
        };
        Records {
            file: file.into(),
            reader,
            limits,
            core: csv_core::Reader::new(),
            buf: vec![0; INPUT_BUFFER].into_boxed_slice(),
            pos: 0,
            end: 0,
            eof: false,
            started: !at_file_start,
            done: false,
            next_line: first_line,
            prev_cr: false,
            bytes: 0,
            out: vec![0; 1024.min(limits.max_record_bytes.max(1))],
            out_len: 0,
            ends: vec![0; 64.min(limits.max_fields.max(1))],
            ends_len: 0,
            raw: Vec::new(),
            raw_truncated: false,
            record_line: first_line,
            records: 0,
            again: Vec::new(),
            again_pos: 0,
            swallowed: false,
        }
    }

    /// The file name as given.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// The line the last record read started on.
    pub fn line(&self) -> u64 {
        self.record_line
    }

    /// Records read so far (blank lines are not records; the header is one).
    pub fn records_read(&self) -> u64 {
        self.records
    }

    /// Bytes of the file consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn io_error(&self, error: &io::Error) -> InputError {
        InputError {
            origin: Origin {
                file: Arc::clone(&self.file),
                line: self.next_line,
            },
            field: None,
            message: format!("cannot read the file: {error}"),
            raw: Vec::new(),
            raw_truncated: false,
            kind: ErrorKind::Io,
        }
    }

    /// Refills the input buffer once it is used up; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        while self.pos == self.end {
            if self.again_pos < self.again.len() {
                let n = (self.again.len() - self.again_pos).min(self.buf.len());
                self.buf[..n].copy_from_slice(&self.again[self.again_pos..self.again_pos + n]);
                self.again_pos += n;
                if self.again_pos == self.again.len() {
                    self.again.clear();
                    self.again_pos = 0;
                }
                self.pos = 0;
                self.end = n;
                continue;
            }
            if self.eof {
                return Ok(false);
            }
            self.pos = 0;
            self.end = 0;
            loop {
                match self.reader.read(&mut self.buf[self.end..]) {
                    Ok(0) => {
                        self.eof = true;
                        break;
                    }
                    Ok(n) => {
                        self.end += n;
                        // The byte order mark is looked for in the first three bytes of
                        // the file, however the reader splits them.
                        if self.started || self.end >= 3 {
                            break;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if !self.started {
                self.started = true;
                if self.buf[..self.end].starts_with(b"\xEF\xBB\xBF") {
                    self.pos = 3;
                    self.bytes += 3;
                }
            }
        }
        Ok(true)
    }

    /// Reads the next record into the buffers; `Ok(None)` at the end of the input, else
    /// whether the record ended at the end of the input, and an overflow if one occurred.
    fn read_raw(&mut self) -> io::Result<Option<(bool, Option<Overflow>)>> {
        self.out_len = 0;
        self.ends_len = 0;
        self.raw.clear();
        self.raw_truncated = false;
        // Blank lines between records are skipped here, so that a record starts at its
        // first byte and its line is known.
        loop {
            if !self.fill()? {
                return Ok(None);
            }
            let blank = self.buf[self.pos..self.end]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            count_lines(
                &mut self.next_line,
                &mut self.prev_cr,
                &self.buf[self.pos..self.pos + blank],
            );
            self.pos += blank;
            self.bytes += blank as u64;
            if self.pos < self.end {
                break;
            }
        }
        self.record_line = self.next_line;
        self.records += 1;
        let mut overflow = None;
        // csv-core counts the `\n`s of the record; a `\r` that ends it is counted below.
        let core_lines = self.core.line();
        let mut last_byte = 0u8;
        let ended_at_eof = loop {
            let more = self.fill()?;
            let input = if more {
                &self.buf[self.pos..self.end]
            } else {
                &[][..]
            };
            let (result, nin, nout, nend) = self.core.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            let consumed = self.pos..self.pos + nin;
            self.pos += nin;
            self.out_len += nout;
            self.ends_len += nend;
            // Raw text, up to the limit (and the line end that closes the record).
            let room = (self.limits.max_record_bytes + 2).saturating_sub(self.raw.len());
            let take = nin.min(room);
            if !self.raw_truncated {
                self.raw
                    .extend_from_slice(&self.buf[consumed.start..consumed.start + take]);
            }
            if take < nin && !self.raw_truncated {
                if let Some(cut) = swallowed_from(&self.raw) {
                    // An open quote ran over lines past the limit: the lines after the
                    // first are read again (what was consumed of the block too).
                    let unread = consumed.start + take..self.end;
                    self.bytes += take as u64;
                    return Ok(Some(self.swallowed(cut, unread)));
                }
                self.raw_truncated = true;
                self.raw.truncate(self.limits.max_record_bytes);
                overflow.get_or_insert(Overflow::TooLong);
            }
            if nin > 0 {
                last_byte = self.buf[consumed.end - 1];
            }
            self.bytes += nin as u64;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    if !more {
                        // Cannot happen with csv-core (empty input ends the record), but
                        // never loop on it.
                        break true;
                    }
                }
                csv_core::ReadRecordResult::OutputFull => {
                    if self.out.len() < self.limits.max_record_bytes {
                        let grown = (self.out.len() * 2).min(self.limits.max_record_bytes);
                        self.out.resize(grown, 0);
                    } else {
                        // Keep parsing to find the record's end, writing over the buffer.
                        overflow.get_or_insert(Overflow::TooLong);
                        self.out_len = 0;
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() < self.limits.max_fields {
                        let grown = (self.ends.len() * 2).min(self.limits.max_fields);
                        self.ends.resize(grown, 0);
                    } else {
                        overflow.get_or_insert(Overflow::TooManyFields);
                        self.ends_len = 0;
                    }
                }
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => {
                    if !more && !self.raw_truncated {
                        if let Some(cut) = swallowed_from(&self.raw) {
                            // The file ends inside a quote that opened on the first line.
                            return Ok(Some(self.swallowed(cut, self.pos..self.pos)));
                        }
                    }
                    break !more;
                }
            }
        };
        self.next_line += self.core.line() - core_lines;
        self.prev_cr = last_byte == b'\r';
        if self.prev_cr {
            self.next_line += 1;
        }
        Ok(Some((ended_at_eof, overflow)))
    }

    /// Ends the record at the end of its first line (`cut` in the raw text), and sets up the
    /// lines after it, then `buf[unread]`, to be read again from a fresh parser state.
    fn swallowed(
        &mut self,
        cut: (usize, usize),
        unread: std::ops::Range<usize>,
    ) -> (bool, Option<Overflow>) {
        let mut again = self.raw[cut.1..].to_vec();
        again.extend_from_slice(&self.buf[unread]);
        again.extend_from_slice(&self.again[self.again_pos..]);
        self.bytes -= (self.raw.len() - cut.1) as u64;
        self.again = again;
        self.again_pos = 0;
        self.pos = self.end;
        self.raw.truncate(cut.0);
        self.core = csv_core::Reader::new();
        self.next_line = self.record_line + 1;
        self.prev_cr = false;
        self.swallowed = true;
        (false, None)
    }

    /// Reads the next record: `None` at the end of the file (and after an I/O error), a
    /// [`ErrorKind::Record`] error for a record too long, with too many fields, with invalid
    /// UTF-8 or cut by the end of the file inside a quoted field.
    ///
    /// `names` labels the fields in messages (the header's column names; field `i` is
    /// reported as `field` when `names[i]` is one of them).
    pub fn next_record(
        &mut self,
        names: &[Option<&'static str>],
    ) -> Option<Result<Record<'_>, InputError>> {
        if self.done {
            return None;
        }
        let (at_eof, overflow) = match self.read_raw() {
            Ok(Some(read)) => read,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(self.io_error(&e)));
            }
        };
        if !self.raw_truncated && !at_eof {
            // Drop the line end that closed the record.
            if self.raw.last() == Some(&b'\n') {
                self.raw.pop();
            }
            if self.raw.last() == Some(&b'\r') {
                self.raw.pop();
            }
        }
        if std::mem::take(&mut self.swallowed) {
            return Some(Err(InputError {
                origin: Origin {
                    file: Arc::clone(&self.file),
                    line: self.record_line,
                },
                field: None,
                message: "a quoted field opens on this line and is not closed before the end of the file or the limit for one line (a closing `\"` is missing); the lines after it are read on their own".to_owned(),
                raw: self.raw.clone(),
                raw_truncated: false,
                kind: ErrorKind::Record,
            }));
        }
        let record_error = |this: &Self, field, message: String| InputError {
            origin: Origin {
                file: Arc::clone(&this.file),
                line: this.record_line,
            },
            field,
            message,
            raw: this.raw.clone(),
            raw_truncated: this.raw_truncated,
            kind: ErrorKind::Record,
        };
        match overflow {
            Some(Overflow::TooLong) => {
                return Some(Err(record_error(
                    self,
                    None,
                    format!(
                        "the record is longer than {} bytes, the limit for one line (is this the right file?)",
                        self.limits.max_record_bytes
                    ),
                )))
            }
            Some(Overflow::TooManyFields) => {
                return Some(Err(record_error(
                    self,
                    None,
                    format!(
                        "the record has more than {} fields, the limit for one line",
                        self.limits.max_fields
                    ),
                )))
            }
            None => {}
        }
        if at_eof && !self.raw_truncated && open_quote(&self.raw) {
            return Some(Err(record_error(
                self,
                None,
                "the file ends inside a quoted field that starts on this line (a closing `\"` is missing)"
                    .to_owned(),
            )));
        }
        let ends = &self.ends[..self.ends_len];
        let bytes = &self.out[..self.out_len];
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                let column = ends.iter().position(|&end| at < end).unwrap_or(0);
                return Some(Err(not_utf8(self, record_error, names, column)));
            }
        };
        // A character split across two fields is invalid in each of them.
        if let Some(column) = ends.iter().position(|&end| !text.is_char_boundary(end)) {
            return Some(Err(not_utf8(self, record_error, names, column)));
        }
        Some(Ok(Record {
            file: &self.file,
            line: self.record_line,
            text,
            ends,
            raw: &self.raw,
        }))
    }

    /// Reads the header and finds `columns` in it. An empty file, a missing required column
    /// or a column named twice is a [`ErrorKind::Header`] error.
    pub fn read_header(&mut self, columns: &[Column]) -> Result<Header, InputError> {
        let header_error = |this: &Self, message: String| InputError {
            origin: Origin {
                file: Arc::clone(&this.file),
                line: this.record_line,
            },
            field: None,
            message,
            raw: Vec::new(),
            raw_truncated: false,
            kind: ErrorKind::Header,
        };
        let expected = || {
            columns
                .iter()
                .map(|c| {
                    if c.required {
                        c.name.to_owned()
                    } else {
                        format!("{} (optional)", c.name)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let names: Vec<String> = match self.next_record(&[]) {
            None => {
                return Err(header_error(
                    self,
                    format!(
                        "the file is empty; expected a header line naming the columns: {}",
                        expected()
                    ),
                ))
            }
            Some(Err(mut e)) => {
                e.kind = if e.kind == ErrorKind::Io {
                    ErrorKind::Io
                } else {
                    ErrorKind::Header
                };
                e.message = format!("bad header line: {}", e.message);
                return Err(e);
            }
            Some(Ok(record)) => (0..record.len())
                .map(|i| record.get(i).to_owned())
                .collect(),
        };
        let mut positions = vec![None; columns.len()];
        for (i, name) in names.iter().enumerate() {
            let Some(c) = columns
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            if let Some(first) = positions[c] {
                return Err(header_error(
                    self,
                    format!(
                        "column `{}` is named twice, as columns {} and {}",
                        columns[c].name,
                        first + 1,
                        i + 1
                    ),
                ));
            }
            positions[c] = Some(i);
        }
        let missing: Vec<&Column> = columns
            .iter()
            .zip(&positions)
            .filter(|(c, p)| c.required && p.is_none())
            .map(|(c, _)| c)
            .collect();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|c| format!("`{}`", c.name))
                .collect::<Vec<_>>()
                .join(", ");
            let found = if names.iter().all(String::is_empty) {
                "none".to_owned()
            } else {
                names
                    .iter()
                    .map(|n| {
                        if n.is_empty() {
                            "\"\"".to_owned()
                        } else {
                            n.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut message = format!(
                "missing required column{} {list} (columns found: {found}; expected: {})",
                if missing.len() > 1 { "s" } else { "" },
                expected()
            );
            for c in &missing {
                let close = names.iter().filter(|n| !n.is_empty()).find(|n| {
                    strsim::levenshtein(&n.to_lowercase(), c.name) <= 2
                        && !columns.iter().any(|k| k.name.eq_ignore_ascii_case(n))
                });
                if let Some(close) = close {
                    message.push_str(&format!("; is {close:?} meant to be `{}`?", c.name));
                }
            }
            // One column whose name holds the expected ones: another separator.
            if let [only] = names.as_slice() {
                let separator = [(';', "`;`"), ('\t', "tabs"), ('|', "`|`")]
                    .into_iter()
                    .find(|(sep, _)| only.contains(*sep));
                if let Some((_, name)) = separator {
                    message.push_str(&format!(
                        "; the header has no `,`: the file seems to be separated by {name}, and must be separated by commas"
                    ));
                }
            }
            return Err(header_error(self, message));
        }
        Ok(Header { names, positions })
    }
}

/// Counts the line ends in `consumed`, blank lines between records: `\r\n`, `\n` and a
/// lone `\r` each end a line. `prev_cr` carries a `\r` at the end of one slice (or record)
/// over to the next.
fn count_lines(line: &mut u64, prev_cr: &mut bool, consumed: &[u8]) {
    for &b in consumed {
        match b {
            b'\r' => *line += 1,
            b'\n' if !*prev_cr => *line += 1,
            _ => {}
        }
        *prev_cr = b == b'\r';
    }
}

/// The error for a field that is not UTF-8.
fn not_utf8<R>(
    records: &Records<R>,
    record_error: impl Fn(&Records<R>, Option<&'static str>, String) -> InputError,
    names: &[Option<&'static str>],
    column: usize,
) -> InputError {
    let field = names.get(column).copied().flatten();
    let which = match field {
        Some(_) => String::new(),
        None => format!("column {}: ", column + 1),
    };
    record_error(
        records,
        field,
        format!("{which}not valid UTF-8 (the file must be saved as UTF-8)"),
    )
}

/// Where the first line of `raw` ends (its text, and after its line end), when `raw` leaves
/// a quoted field open that runs over lines: a record whose quote was never closed.
fn swallowed_from(raw: &[u8]) -> Option<(usize, usize)> {
    let end = raw.iter().position(|&b| b == b'\n' || b == b'\r')?;
    if !open_quote(raw) {
        return None;
    }
    let after = if raw[end] == b'\r' && raw.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    };
    Some((end, after))
}

/// Whether `raw` leaves a quoted field open, as RFC 4180 quoting (and `csv-core`) reads it:
/// a quote opens a field only at its start, and `""` inside a quoted field is a quote.
fn open_quote(raw: &[u8]) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &b in raw {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart, b'"') => State::Quoted,
            (_, b',') => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    state == State::Quoted
}

/// The field-count check shared by the readers: a record must have the header's fields.
pub(crate) fn check_field_count(
    record: &Record<'_>,
    header: &Header,
    columns: &[Column],
) -> Result<(), InputError> {
    let expected = header.names.len();
    let found = record.len();
    if found == expected {
        return Ok(());
    }
    if found < expected {
        let missing = columns
            .iter()
            .zip(&header.positions)
            .filter_map(|(c, p)| p.filter(|&p| p >= found).map(|p| (p, c.name)))
            .min()
            .map(|(_, name)| name);
        Err(record.error(
            missing,
            format!(
                "{}this line has {found} field{} but the header has {expected}",
                if missing.is_some() { "missing: " } else { "" },
                plural(found)
            ),
        ))
    } else {
        Err(record.error(
            None,
            format!(
                "this line has {found} fields but the header has {expected} (a value that contains a comma must be quoted)"
            ),
        ))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
