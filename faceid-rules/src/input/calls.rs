//! The call log reader.
//!
//! A call log is CSV with a header: `time`, `channel` and `code` are required, `source`,
//! `account` and `request_id` optional, in any order, other columns ignored (see the
//! [module documentation](super) for the rules every input file follows).
//!
//! - `time`: an RFC 3339 timestamp; without an offset it is China Standard Time
//!   ([`parse_timestamp`](crate::calendar::parse_timestamp)).
//! - `channel`, `code`: must not be empty; their names are checked against the table by the
//!   engine, not here.
//! - `source`: empty means none.
//! - `account`: without the column every call is of one account, `""`; an empty value is
//!   that account too.
//! - `request_id`: empty means none.
//!
//! [`CallReader`] streams: it holds one record at a time, and [`CallReader::next_ref`]
//! hands out a call borrowing the reader's buffers, with no allocation per call. The
//! `Iterator` implementation gives owned [`CallRecord`]s.

use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{check_field_count, Column, Header, InputError, Limits, Record, Records};
use crate::calendar::parse_timestamp_and_day;
use crate::records::{CallRecord, Origin};

/// The columns of a call log, in the order [`CallColumns::positions`] is built from.
const COLUMNS: [Column; 6] = [
    Column {
        name: "time",
        required: true,
    },
    Column {
        name: "channel",
        required: true,
    },
    Column {
        name: "code",
        required: true,
    },
    Column {
        name: "source",
        required: false,
    },
    Column {
        name: "account",
        required: false,
    },
    Column {
        name: "request_id",
        required: false,
    },
];

/// Where a call log's header put its columns (0-based field indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallColumns {
    /// The `time` column.
    pub time: usize,
    /// The `channel` column.
    pub channel: usize,
    /// The `code` column.
    pub code: usize,
    /// The `source` column, if the log has one.
    pub source: Option<usize>,
    /// The `account` column, if the log has one.
    pub account: Option<usize>,
    /// The `request_id` column, if the log has one.
    pub request_id: Option<usize>,
    /// The header as read: every record has this many fields.
    pub header: Header,
    /// For each field, its column name when it is one of the format's columns.
    names: Vec<Option<&'static str>>,
}

impl CallColumns {
    fn from_header(header: Header) -> CallColumns {
        let p = &header.positions;
        let names = header.field_names(&COLUMNS);
        CallColumns {
            time: p[0].unwrap_or_default(),
            channel: p[1].unwrap_or_default(),
            code: p[2].unwrap_or_default(),
            source: p[3],
            account: p[4],
            request_id: p[5],
            names,
            header,
        }
    }
}

/// One call, borrowing its text from the [`CallReader`] that read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallRef<'a> {
    /// The call's time as written (China Standard Time when no offset was given).
    pub at: DateTime<FixedOffset>,
    /// The calendar day of the call in China Standard Time.
    pub day: NaiveDate,
    /// The account; `""` when the log has no `account` column.
    pub account: &'a str,
    /// The channel or API as written.
    pub channel: &'a str,
    /// The compare source as written, if any.
    pub source: Option<&'a str>,
    /// The result code as written.
    pub code: &'a str,
    /// The request id, if any.
    pub request_id: Option<&'a str>,
    /// The line the record starts on (the header is line 1).
    pub line: u64,
    /// The record as read, for a rejects file.
    pub raw: &'a [u8],
}

impl CallRef<'_> {
    /// The call as an owned record.
    pub fn to_record(&self) -> CallRecord {
        CallRecord {
            at: self.at,
            day: self.day,
            account: self.account.to_owned(),
            channel: self.channel.to_owned(),
            source: self.source.map(str::to_owned),
            code: self.code.to_owned(),
            request_id: self.request_id.map(str::to_owned),
        }
    }
}

/// Reads a call log, one call at a time.
///
/// Each item is a call or a [`ErrorKind::Record`](super::ErrorKind::Record) error for one
/// line (reading goes on after it), or, last, an I/O error. Blank lines are skipped.
///
/// ```
/// use faceid_rules::input::CallReader;
///
/// let log = "time,channel,code\n2026-10-31T09:15:00+08:00,微信小程序,0\n";
/// let mut calls = CallReader::new("calls.csv", log.as_bytes())?;
/// let call = calls.next().unwrap()?;
/// assert_eq!(call.channel, "微信小程序");
/// assert_eq!(calls.origin().to_string(), "calls.csv:2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct CallReader<R: Read> {
    records: Records<R>,
    columns: CallColumns,
    /// 1 when `records` read the header, 0 for a resumed part.
    header_records: u64,
}

impl<R: Read> CallReader<R> {
    /// Reads the header of the call log `file` (`-` for standard input) from `reader`. A
    /// missing required column, a column named twice or an empty file is an error.
    pub fn new(file: impl Into<Arc<str>>, reader: R) -> Result<CallReader<R>, InputError> {
        CallReader::with_limits(file, reader, Limits::default())
    }

    /// As [`CallReader::new`], with other [`Limits`].
    pub fn with_limits(
        file: impl Into<Arc<str>>,
        reader: R,
        limits: Limits,
    ) -> Result<CallReader<R>, InputError> {
        let mut records = Records::new(file, reader, limits);
        let header = records.read_header(&COLUMNS)?;
        Ok(CallReader {
            records,
            columns: CallColumns::from_header(header),
            header_records: 1,
        })
    }

    /// Reads part of a call log that starts at line `first_line`, on a record boundary, with
    /// no header of its own: the columns are those of the file's header, read before.
    pub fn resume(
        file: impl Into<Arc<str>>,
        reader: R,
        columns: CallColumns,
        first_line: u64,
        limits: Limits,
    ) -> CallReader<R> {
        CallReader {
            records: Records::resume(file, reader, limits, first_line),
            columns,
            header_records: 0,
        }
    }

    /// The columns the header named.
    pub fn columns(&self) -> &CallColumns {
        &self.columns
    }

    /// Where the last record read starts (the header, before any call is read).
    pub fn origin(&self) -> Origin {
        Origin {
            file: Arc::clone(self.records.file()),
            line: self.records.line(),
        }
    }

    /// The line the last record read starts on.
    pub fn line(&self) -> u64 {
        self.records.line()
    }

    /// Calls read so far, good and rejected (the header and blank lines are not calls).
    pub fn calls_read(&self) -> u64 {
        self.records.records_read() - self.header_records
    }

    /// Bytes of the file consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.records.bytes_read()
    }

    /// The next call, borrowing the reader's buffers; `None` at the end of the log.
    pub fn next_ref(&mut self) -> Option<Result<CallRef<'_>, InputError>> {
        let columns = &self.columns;
        let record = match self.records.next_record(&columns.names)? {
            Ok(record) => record,
            Err(e) => return Some(Err(e)),
        };
        Some(parse_call(&record, columns))
    }
}

fn parse_call<'a>(record: &Record<'a>, columns: &CallColumns) -> Result<CallRef<'a>, InputError> {
    check_field_count(record, &columns.header, &COLUMNS)?;
    let (at, day) = parse_timestamp_and_day(record.get(columns.time))
        .map_err(|e| record.error(Some("time"), e.to_string()))?;
    let channel = record.get(columns.channel);
    if channel.is_empty() {
        return Err(record.error(
            Some("channel"),
            "empty (expected the channel or API as the table names it, e.g. 微信小程序 or LivenessCompare)",
        ));
    }
    let code = record.get(columns.code);
    if code.is_empty() {
        return Err(record.error(
            Some("code"),
            "empty (expected the result code Tencent Cloud returned, e.g. 0 or FailedOperation.CompareLowSimilarity)",
        ));
    }
    let optional = |column: Option<usize>| column.map(|i| record.get(i)).filter(|v| !v.is_empty());
    Ok(CallRef {
        at,
        day,
        account: columns.account.map_or("", |i| record.get(i)),
        channel,
        source: optional(columns.source),
        code,
        request_id: optional(columns.request_id),
        line: record.line(),
        raw: record.raw(),
    })
}

impl<R: Read> Iterator for CallReader<R> {
    type Item = Result<CallRecord, InputError>;

    fn next(&mut self) -> Option<Result<CallRecord, InputError>> {
        self.next_ref()
            .map(|call| call.map(|call| call.to_record()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ErrorKind;
    use std::io;

    const HEADER: &str = "time,channel,source,code,account,request_id\n";

    fn read_all(text: &[u8]) -> Vec<Result<CallRecord, InputError>> {
        CallReader::new("calls.csv", text).unwrap().collect()
    }

    fn lines_of(results: &[Result<CallRecord, InputError>]) -> Vec<Result<String, String>> {
        results
            .iter()
            .map(|r| match r {
                Ok(call) => Ok(call.request_id.clone().unwrap_or_default()),
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }

    #[test]
    fn reads_a_plain_log() {
        let text = format!(
            "{HEADER}2026-10-31T09:15:00+08:00,微信小程序,跟权威库比对,0,100001,r1\n\
             2026-10-31 16:00:00Z,活体人脸比对 API,,FailedOperation.CompareLowSimilarity,100002,\n"
        );
        let mut reader = CallReader::new("calls.csv", text.as_bytes()).unwrap();
        let first = reader.next().unwrap().unwrap();
        assert_eq!(reader.origin().to_string(), "calls.csv:2");
        assert_eq!(first.channel, "微信小程序");
        assert_eq!(first.source.as_deref(), Some("跟权威库比对"));
        assert_eq!(first.code, "0");
        assert_eq!(first.account, "100001");
        assert_eq!(first.request_id.as_deref(), Some("r1"));
        assert_eq!(first.day, NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
        let second = reader.next().unwrap().unwrap();
        assert_eq!(second.source, None);
        assert_eq!(second.request_id, None);
        assert_eq!(second.day, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert!(reader.next().is_none());
        assert_eq!(reader.calls_read(), 2);
        assert_eq!(reader.bytes_read(), text.len() as u64);
    }

    #[test]
    fn columns_in_any_order_extra_columns_and_no_account() {
        let text = "note, Code ,TIME,Channel,extra\nhello,2016,2026-10-01T00:00:00,微信H5,x\n";
        let calls = read_all(text.as_bytes());
        let call = calls[0].as_ref().unwrap();
        assert_eq!(call.code, "2016");
        assert_eq!(call.channel, "微信H5");
        assert_eq!(call.account, "");
        assert_eq!(call.source, None);
        assert_eq!(call.at.offset().local_minus_utc(), 8 * 3600);
    }

    #[test]
    fn the_error_message_names_file_line_and_field() {
        let mut text = String::from("time,channel,code\n");
        for _ in 2..17 {
            text.push_str("2026-10-01T09:00:00,微信小程序,0\n");
        }
        text.push_str("2026-13-01,微信小程序,0\n");
        let calls = read_all(text.as_bytes());
        assert_eq!(calls.len(), 16);
        let e = calls[15].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "calls.csv:17: field `time`: \"2026-13-01\" is not a timestamp: month 13 (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00)"
        );
        assert_eq!(e.field, Some("time"));
        assert_eq!(e.origin.line, 17);
        assert_eq!(e.raw, "2026-13-01,微信小程序,0".as_bytes());
        assert_eq!(e.kind, ErrorKind::Record);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}time,channel,code\r\n2026-10-01T09:00:00,微信小程序,0\r\n\r\n2026-10-01T09:00:01,微信H5,bad\r\n";
        let mut reader = CallReader::new("calls.csv", text.as_bytes()).unwrap();
        assert_eq!(reader.columns().time, 0);
        let first = reader.next().unwrap().unwrap();
        assert_eq!(first.code, "0");
        assert_eq!(reader.line(), 2);
        let second = reader.next().unwrap().unwrap();
        assert_eq!(second.channel, "微信H5");
        assert_eq!(second.code, "bad");
        // The blank line 3 is skipped and not counted.
        assert_eq!(reader.line(), 4);
        assert!(reader.next().is_none());
        assert_eq!(reader.calls_read(), 2);
    }

    #[test]
    fn lone_carriage_returns_end_lines_too() {
        let text = "time,channel,code\r2026-10-01T09:00:00,A,0\r2026-10-01T09:00:00,B,x\r";
        let mut reader = CallReader::new("c", text.as_bytes()).unwrap();
        assert!(reader.next().unwrap().is_ok());
        assert_eq!(reader.line(), 2);
        assert_eq!(reader.next().unwrap().unwrap().channel, "B");
        assert_eq!(reader.line(), 3);
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_newlines() {
        let text = format!(
            "{HEADER}2026-10-01T09:00:00,\"微信小程序\",\"跟权威库比对\",0,\"1,2\",\"a \"\"b\"\"\"\n\
             2026-10-01T09:00:00,微信H5,,0,1,\"multi\nline\r\nid\"\n\
             2026-10-01T09:00:00,微信H5,,0,1,after\n\
             2026-10-01T09:00:00,,,0,1,bad\n"
        );
        let calls = read_all(text.as_bytes());
        let first = calls[0].as_ref().unwrap();
        assert_eq!(first.account, "1,2");
        assert_eq!(first.request_id.as_deref(), Some("a \"b\""));
        let second = calls[1].as_ref().unwrap();
        assert_eq!(second.request_id.as_deref(), Some("multi\nline\r\nid"));
        assert_eq!(
            calls[2].as_ref().unwrap().request_id.as_deref(),
            Some("after")
        );
        // The quoted field spans lines 3-5, so the lines after it are 6 and 7.
        let e = calls[3].as_ref().unwrap_err();
        assert_eq!(e.origin.line, 7, "{e}");
        assert_eq!(e.field, Some("channel"));
        let mut reader = CallReader::new("c", text.as_bytes()).unwrap();
        reader.next();
        reader.next();
        assert_eq!(reader.line(), 3);
        reader.next();
        assert_eq!(reader.line(), 6);
    }

    #[test]
    fn missing_columns_are_one_error_from_the_header() {
        let e = CallReader::new(
            "calls.csv",
            "time,chanel,source\n2026-10-01T09:00:00,x,y\n".as_bytes(),
        )
        .err()
        .unwrap();
        assert_eq!(e.kind, ErrorKind::Header);
        assert_eq!(
            e.to_string(),
            "calls.csv:1: missing required columns `channel`, `code` (columns found: time, chanel, source; \
             expected: time, channel, code, source (optional), account (optional), request_id (optional)); \
             is \"chanel\" meant to be `channel`?"
        );
        let e = CallReader::new("calls.csv", "time,channel,code,Channel\n".as_bytes())
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "calls.csv:1: column `channel` is named twice, as columns 2 and 4"
        );
        for (header, separator) in [
            ("time;channel;code\n", "`;`"),
            ("time\tchannel\tcode\n", "tabs"),
        ] {
            let e = CallReader::new("calls.csv", header.as_bytes())
                .err()
                .unwrap()
                .to_string();
            assert!(
                e.ends_with(&format!(
                    "the header has no `,`: the file seems to be separated by {separator}, and must be separated by commas"
                )),
                "{e}"
            );
        }
    }

    #[test]
    fn empty_file_and_header_only() {
        for empty in ["", "\n\n", "\u{feff}"] {
            let e = CallReader::new("calls.csv", empty.as_bytes())
                .err()
                .unwrap();
            assert_eq!(e.kind, ErrorKind::Header);
            assert!(
                e.to_string()
                    .contains("the file is empty; expected a header"),
                "{e}"
            );
        }
        let mut reader = CallReader::new("calls.csv", "time,channel,code".as_bytes()).unwrap();
        assert!(reader.next().is_none());
        assert_eq!(reader.calls_read(), 0);
    }

    #[test]
    fn wrong_field_counts_are_rejected_and_reading_goes_on() {
        let text = "time,channel,code,account\n\
                    2026-10-01T09:00:00,A,0\n\
                    2026-10-01T09:00:00,A,0,1,extra\n\
                    2026-10-01T09:00:00,A\n\
                    2026-10-01T09:00:00,A,0,1\n\
                    ,,,\n\
                    \x20\x20\n";
        let shown = lines_of(&read_all(text.as_bytes()));
        assert_eq!(
            shown,
            [
                Err("calls.csv:2: field `account`: missing: this line has 3 fields but the header has 4".to_owned()),
                Err("calls.csv:3: this line has 5 fields but the header has 4 (a value that contains a comma must be quoted)".to_owned()),
                Err("calls.csv:4: field `code`: missing: this line has 2 fields but the header has 4".to_owned()),
                Ok(String::new()),
                Err("calls.csv:6: field `time`: \"\" is not a timestamp: empty (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00)".to_owned()),
                Err("calls.csv:7: field `channel`: missing: this line has 1 field but the header has 4".to_owned()),
            ]
        );
    }

    #[test]
    fn empty_channel_and_code_are_rejected() {
        let text = "time,channel,code\n2026-10-01T09:00:00, ,0\n2026-10-01T09:00:00,A,\"\"\n";
        let calls = read_all(text.as_bytes());
        let fields: Vec<_> = calls
            .iter()
            .map(|c| c.as_ref().unwrap_err().field)
            .collect();
        assert_eq!(fields, [Some("channel"), Some("code")]);
        assert!(calls[0].as_ref().unwrap_err().message.starts_with("empty"));
    }

    #[test]
    fn invalid_utf8_rejects_the_line_only() {
        let mut text = b"time,channel,code,note\n".to_vec();
        text.extend_from_slice(b"2026-10-01T09:00:00,\xE5\xBE\xAE\xFF,0,x\n");
        text.extend_from_slice(b"2026-10-01T09:00:00,A,0,\xC0\n");
        // A character split by a comma is invalid in both halves.
        text.extend_from_slice(b"2026-10-01T09:00:00,A\xE5,\xBE\xAE,n\n");
        text.extend_from_slice(b"2026-10-01T09:00:00,A,0,n\n");
        let calls = read_all(&text);
        assert_eq!(calls.len(), 4);
        let e = calls[0].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "calls.csv:2: field `channel`: not valid UTF-8 (the file must be saved as UTF-8)"
        );
        assert_eq!(e.raw, b"2026-10-01T09:00:00,\xE5\xBE\xAE\xFF,0,x");
        assert!(e.raw_text().contains('\u{FFFD}'));
        let e = calls[1].as_ref().unwrap_err();
        assert_eq!(e.field, None);
        assert_eq!(
            e.to_string(),
            "calls.csv:3: column 4: not valid UTF-8 (the file must be saved as UTF-8)"
        );
        assert_eq!(calls[2].as_ref().unwrap_err().field, Some("channel"));
        assert!(calls[3].is_ok());
    }

    #[test]
    fn a_long_field_is_rejected_in_bounded_memory() {
        let limits = Limits::default();
        let mut text = b"time,channel,code\n2026-10-01T09:00:00,".to_vec();
        text.extend(std::iter::repeat_n(b'x', 1 << 20));
        text.extend_from_slice(b",0\n2026-10-01T09:00:00,A,0\n");
        let mut reader = CallReader::new("calls.csv", &text[..]).unwrap();
        let e = reader.next().unwrap().unwrap_err();
        assert_eq!(e.origin.line, 2);
        assert_eq!(e.field, None);
        assert!(
            e.message
                .starts_with("the record is longer than 65536 bytes"),
            "{e}"
        );
        assert!(e.raw_truncated);
        assert_eq!(e.raw.len(), limits.max_record_bytes);
        assert!(reader.records.out.len() <= limits.max_record_bytes);
        let next = reader.next().unwrap().unwrap();
        assert_eq!(next.channel, "A");
        assert_eq!(reader.line(), 3);
        assert_eq!(reader.calls_read(), 2);
    }

    #[test]
    fn a_huge_line_is_streamed_not_buffered() {
        // 64 MiB without a line end, from a reader that never holds it: the reader keeps
        // to its limits and reports the line.
        let huge = io::repeat(b'x').take(64 << 20);
        let tail = &b"\n2026-10-01T09:00:00,A,0\n"[..];
        let input = b"time,channel,code\n".chain(huge).chain(tail);
        let limits = Limits {
            max_record_bytes: 4096,
            max_fields: 8,
        };
        let mut reader = CallReader::with_limits("big.csv", input, limits).unwrap();
        let e = reader.next().unwrap().unwrap_err();
        assert!(e.message.contains("longer than 4096 bytes"), "{e}");
        assert_eq!(e.raw.len(), 4096);
        assert!(reader.records.out.len() <= 4096);
        assert!(reader.records.raw.capacity() <= 8192);
        assert!(reader.next().unwrap().is_ok());
        assert_eq!(reader.line(), 3);
    }

    #[test]
    fn too_many_fields_is_bounded_too() {
        let limits = Limits {
            max_record_bytes: 1 << 20,
            max_fields: 16,
        };
        let mut text = b"time,channel,code\n".to_vec();
        text.extend(std::iter::repeat_n(b',', 10_000));
        text.extend_from_slice(b"\n2026-10-01T09:00:00,A,0\n");
        let mut reader = CallReader::with_limits("c", &text[..], limits).unwrap();
        let e = reader.next().unwrap().unwrap_err();
        assert!(e.message.contains("more than 16 fields"), "{e}");
        assert!(reader.records.ends.len() <= 16);
        assert!(reader.next().unwrap().is_ok());
    }

    #[test]
    fn a_file_ending_mid_line_or_mid_quote() {
        // No final line end: the last line is read as it is.
        let text = "time,channel,code\n2026-10-01T09:00:00,A,0";
        let calls = read_all(text.as_bytes());
        assert_eq!(calls[0].as_ref().unwrap().code, "0");
        // Cut inside the time: rejected for what is there.
        let calls = read_all("time,channel,code\n2026-10-01T09:0".as_bytes());
        assert_eq!(calls[0].as_ref().unwrap_err().field, Some("channel"));
        let calls = read_all("time,channel,code\n2026-10-01T09:00:00,A".as_bytes());
        assert_eq!(calls[0].as_ref().unwrap_err().field, Some("code"));
        // A quote never closed: the line that opened it is rejected alone, and the lines
        // it swallowed are read on their own, with their own numbers.
        let text = "time,channel,code\n2026-10-01T09:00:00,A,0\n2026-10-01T09:00:00,\"A,0\n2026-10-01T09:00:00,B,0\n";
        let calls = read_all(text.as_bytes());
        assert_eq!(calls.len(), 3);
        let e = calls[1].as_ref().unwrap_err();
        assert_eq!(e.origin.line, 3);
        assert!(
            e.message
                .starts_with("a quoted field opens on this line and is not closed"),
            "{e}"
        );
        assert_eq!(e.raw, b"2026-10-01T09:00:00,\"A,0");
        assert_eq!(calls[2].as_ref().unwrap().channel, "B");
        // On one line only, it is still the file that ends inside it.
        let calls = read_all("time,channel,code\n2026-10-01T09:00:00,\"A,0".as_bytes());
        assert!(calls[0]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("the file ends inside a quoted field"));
    }

    #[test]
    fn an_unclosed_quote_swallows_nothing_past_its_line() {
        // One line opens a quote that never closes, then 5,000 good lines (250 KB, past the
        // limit of one record): the one line is rejected, the 5,000 are read, numbered.
        let mut text =
            String::from("time,account,channel,code\n2026-10-01T09:00:00+08:00,1,\"微信小程序,0\n");
        for i in 0..5_000 {
            text += &format!("2026-10-01T09:00:{:02}+08:00,1,银行卡三要素,0\n", i % 60);
        }
        for sizes in [vec![1 << 16], vec![1, 7, 300]] {
            let trickle = Trickle {
                data: text.as_bytes(),
                sizes,
                turn: 0,
            };
            let mut reader = CallReader::new("calls.csv", trickle).unwrap();
            let e = reader.next().unwrap().unwrap_err();
            assert_eq!(e.origin.line, 2);
            assert_eq!(
                e.raw,
                "2026-10-01T09:00:00+08:00,1,\"微信小程序,0".as_bytes()
            );
            let mut good = 0;
            for call in reader.by_ref() {
                assert!(call.is_ok(), "{:?}", call);
                good += 1;
            }
            assert_eq!(good, 5_000);
            assert_eq!(reader.line(), 5_002);
            assert_eq!(reader.calls_read(), 5_001);
            assert_eq!(reader.bytes_read(), text.len() as u64);
        }
    }

    /// A reader that fails after some bytes.
    struct Failing<'a>(&'a [u8]);

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn io_errors_end_the_file() {
        let text = b"time,channel,code\n2026-10-01T09:00:00,A,0\n2026-10-01T09:00:00,A";
        let mut reader = CallReader::new("calls.csv", Failing(text)).unwrap();
        assert!(reader.next().unwrap().is_ok());
        let e = reader.next().unwrap().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
        assert!(!e.is_record());
        assert_eq!(
            e.to_string(),
            "calls.csv:3: cannot read the file: disk on fire"
        );
        assert!(reader.next().is_none());
    }

    /// A reader that hands out `sizes` bytes at a time, cycling.
    struct Trickle<'a> {
        data: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()].max(1);
            self.turn += 1;
            let n = size.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn summary<R: Read>(mut reader: CallReader<R>) -> Vec<(u64, Result<CallRecord, String>)> {
        let mut out = Vec::new();
        while let Some(item) = reader.next() {
            out.push((
                reader.line(),
                item.map_err(|e| format!("{e} raw={:?}", e.raw)),
            ));
        }
        out
    }

    #[test]
    fn one_byte_at_a_time_reads_the_same() {
        let text = "\u{feff}time,channel,code\r\n2026-10-01T09:00:00,\"A\r\nB\",0\r\n\r\n2026-13-01T09:00:00,A,0\r2026-10-01T09:00:00,C,0";
        let whole = summary(CallReader::new("c", text.as_bytes()).unwrap());
        let trickle = Trickle {
            data: text.as_bytes(),
            sizes: vec![1],
            turn: 0,
        };
        assert_eq!(summary(CallReader::new("c", trickle).unwrap()), whole);
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[0].0, 2);
        assert_eq!(whole[1].0, 5);
        assert_eq!(whole[2].0, 6);
    }

    #[test]
    fn a_part_of_a_file_resumes_with_the_header_of_the_whole() {
        let head = "account,time,channel,code\n1,2026-10-01T09:00:00,A,0\n";
        let rest = "2,2026-10-01T09:00:00,B,0\n3,2026-10-01T09:00:00,C,\n";
        let mut first = CallReader::new("c", head.as_bytes()).unwrap();
        assert!(first.next().unwrap().is_ok());
        let columns = first.columns().clone();
        let mut part = CallReader::resume("c", rest.as_bytes(), columns, 3, Limits::default());
        assert_eq!(part.next().unwrap().unwrap().account, "2");
        assert_eq!(part.line(), 3);
        let e = part.next().unwrap().unwrap_err();
        assert_eq!(e.origin.line, 4);
        assert_eq!(e.field, Some("code"));
        assert_eq!(part.calls_read(), 2);
    }

    #[test]
    fn next_ref_borrows_without_copying() {
        let text = "time,channel,code,source\n2026-10-01T09:00:00, 微信小程序 ,0,上传照片\n";
        let mut reader = CallReader::new("c", text.as_bytes()).unwrap();
        let call = reader.next_ref().unwrap().unwrap();
        assert_eq!(call.channel, "微信小程序");
        assert_eq!(call.source, Some("上传照片"));
        assert_eq!(call.to_record().channel, "微信小程序");
        assert!(reader.next_ref().is_none());
    }

    proptest::proptest! {
        /// Any log written by the csv crate — any text in the fields, quoted as needed — reads
        /// back field for field, with the right line numbers, whatever the read sizes.
        #[test]
        fn reads_back_what_csv_writes(
            rows in proptest::collection::vec(
                ("\\PC{0,12}", "[ -~\n\r,\"]{0,12}", "\\PC{0,8}", proptest::bool::ANY),
                0..20,
            ),
            sizes in proptest::collection::vec(1usize..50, 1..5),
            crlf in proptest::bool::ANY,
        ) {
            let mut writer = csv::WriterBuilder::new()
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(Vec::new());
            writer.write_record(["request_id", "time", "channel", "code"]).unwrap();
            let mut expected = Vec::new();
            for (i, (channel, request_id, code, good)) in rows.iter().enumerate() {
                let channel = if channel.trim().is_empty() { "x" } else { channel.as_str() };
                let code = if code.trim().is_empty() { "0" } else { code.as_str() };
                let time = if *good { "2026-10-31T23:59:59" } else { "2026-02-30T00:00:00" };
                let id = format!("{i}:{request_id}");
                writer.write_record([id.as_str(), time, channel, code]).unwrap();
                expected.push((id.trim().to_owned(), channel.trim().to_owned(), code.trim().to_owned(), *good));
            }
            let data = writer.into_inner().unwrap();
            // Line numbers as the file has them: where the csv crate says each record starts,
            // 1 + the line ends before it (a lone CR occurs only inside quoted fields here,
            // where line breaks are counted by their LF).
            let mut starts = csv::ReaderBuilder::new().has_headers(true).from_reader(&data[..]);
            let lines: Vec<u64> = starts
                .byte_records()
                .map(|r| {
                    // The csv crate's position may point at the `\n` of the CRLF before.
                    let mut start = r.unwrap().position().unwrap().byte() as usize;
                    while data.get(start) == Some(&b'\n') {
                        start += 1;
                    }
                    let before = &data[..start];
                    1 + before.iter().filter(|&&b| b == b'\n').count() as u64
                })
                .collect();
            proptest::prop_assert_eq!(lines.len(), expected.len());
            let trickle = Trickle { data: &data, sizes, turn: 0 };
            let mut reader = CallReader::new("p.csv", trickle).unwrap();
            let mut seen = 0;
            while let Some(item) = reader.next() {
                let (id, channel, code, good) = &expected[seen];
                proptest::prop_assert_eq!(reader.line(), lines[seen]);
                match item {
                    Ok(call) => {
                        proptest::prop_assert!(*good);
                        proptest::prop_assert_eq!(call.request_id.as_deref().unwrap_or(""), id.as_str());
                        proptest::prop_assert_eq!(&call.channel, channel);
                        proptest::prop_assert_eq!(&call.code, code);
                    }
                    Err(e) => {
                        proptest::prop_assert!(!*good, "{}", e);
                        proptest::prop_assert_eq!(e.field, Some("time"));
                    }
                }
                seen += 1;
            }
            proptest::prop_assert_eq!(seen, expected.len());
            proptest::prop_assert_eq!(reader.calls_read(), expected.len() as u64);
            proptest::prop_assert_eq!(reader.bytes_read(), data.len() as u64);
        }
    }
}
