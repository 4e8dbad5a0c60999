//! Reading the daily-usage file format (`account,day,channel,source,code,calls`; see
//! [`crate::engine::usage`]) into rows, before rating: names stay text, so that rows can be
//! grouped per account (and each account's edition chosen) before a table is involved.

use std::io;

use chrono::NaiveDate;

use super::{check_field_count, Column, Header, InputError, Limits, Record, Records};
use crate::calendar::parse_day;
use crate::escape::unguard_spreadsheet_cell;
use crate::records::Origin;

/// A row of a usage file as read, before rating: names stay text, so that rows can be
/// grouped per account (and each account's edition chosen) before a table is involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRecord {
    /// Where the row was read.
    pub origin: Origin,
    /// The account.
    pub account: String,
    /// The calendar day, China Standard Time.
    pub day: NaiveDate,
    /// The channel as written.
    pub channel: String,
    /// The compare source as written; `None` when empty.
    pub source: Option<String>,
    /// The result code as written.
    pub code: String,
    /// The number of calls.
    pub calls: u64,
}

const COLUMNS: [Column; 6] = [
    Column {
        name: "account",
        required: false,
    },
    Column {
        name: "day",
        required: true,
    },
    Column {
        name: "channel",
        required: true,
    },
    Column {
        name: "source",
        required: false,
    },
    Column {
        name: "code",
        required: true,
    },
    Column {
        name: "calls",
        required: true,
    },
];

/// The largest count one row may carry. A larger figure is not a count of calls (it would
/// be more than a million calls a second for thirty years).
pub const MAX_ROW_CALLS: u64 = 1_000_000_000_000_000;

/// Reads the rows of a usage file one at a time, without a table, with the rules of every
/// input file of this crate ([`crate::input`]: header, encoding, line numbers, limits).
/// Without an `account` column every row is the account `""`.
pub struct UsageReader<R: io::Read> {
    records: Records<R>,
    header: Header,
    names: Vec<Option<&'static str>>,
}

impl<R: io::Read> UsageReader<R> {
    /// Reads the header of `reader`, called `file` in messages.
    pub fn new(file: &str, reader: R) -> Result<Self, InputError> {
        let mut records = Records::new(file, reader, Limits::default());
        let header = records.read_header(&COLUMNS)?;
        let names = header.field_names(&COLUMNS);
        Ok(UsageReader {
            records,
            header,
            names,
        })
    }
}

fn parse_row(record: &Record<'_>, header: &Header) -> Result<UsageRecord, InputError> {
    check_field_count(record, header, &COLUMNS)?;
    let get = |c: usize| header.positions[c].map_or("", |i| record.get(i));
    let required = |c: usize| match get(c) {
        "" => Err(record.error(Some(COLUMNS[c].name), "empty")),
        text => Ok(text),
    };
    let day = parse_day(required(1)?).map_err(|e| record.error(Some("day"), e.to_string()))?;
    // Text cells guarded against formula injection by the writer lose their `'` here.
    let channel = unguard_spreadsheet_cell(required(2)?).to_owned();
    let source = Some(unguard_spreadsheet_cell(get(3)))
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let code = unguard_spreadsheet_cell(required(4)?).to_owned();
    let calls_text = required(5)?;
    let calls: u64 = calls_text.parse().map_err(|_| {
        record.error(
            Some("calls"),
            format!("{calls_text:?} is not a count of calls (expected a whole number ≥ 0)"),
        )
    })?;
    if calls > MAX_ROW_CALLS {
        return Err(record.error(
            Some("calls"),
            format!("{calls} is more calls than one row may carry ({MAX_ROW_CALLS})"),
        ));
    }
    Ok(UsageRecord {
        origin: record.origin(),
        account: unguard_spreadsheet_cell(get(0)).to_owned(),
        day,
        channel,
        source,
        code,
        calls,
    })
}

impl<R: io::Read> Iterator for UsageReader<R> {
    type Item = Result<UsageRecord, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next_record(&self.names)?;
        Some(record.and_then(|record| parse_row(&record, &self.header)))
    }
}
