//! The usage file format (see the [module documentation](super)).

use std::io;

use chrono::NaiveDate;

use super::Usage;
use crate::input::time::parse_day;
use crate::input::{check_field_count, Column, Header, InputError, Limits, Record, Records};
use crate::records::Origin;
use crate::table::{BillingTable, Named};

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
    let channel = required(2)?.to_owned();
    let source = Some(get(3)).filter(|s| !s.is_empty()).map(str::to_owned);
    let code = required(4)?.to_owned();
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
        account: get(0).to_owned(),
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

/// Reads a usage file named `file` (for messages) and rates every row against `T`
/// (`strict`: unknown result codes are errors). Stops at the first error, which names the
/// line and the field.
pub fn read_usage<T: BillingTable, R: io::Read>(
    file: &str,
    reader: R,
    strict: bool,
) -> Result<Usage<T>, InputError> {
    let mut usage = Usage::new();
    for record in UsageReader::new(file, reader)? {
        usage.add_record(&record?, strict)?;
    }
    Ok(usage)
}

/// Writes usage in the file format, rows in key order: account, day, channel (table
/// order), source, code.
pub fn write_usage<T: BillingTable, W: io::Write>(usage: &Usage<T>, out: W) -> io::Result<()> {
    let mut writer = UsageWriter::new(out)?;
    writer.write(usage)?;
    writer.finish().map(drop)
}

/// The output's own error (a closed pipe stays a closed pipe), or the CSV writer's.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes one usage file from the usage of several tables (say, both editions): the header
/// once, then each usage's rows, as they are given, straight to the output.
pub struct UsageWriter<W: io::Write> {
    csv: csv::Writer<W>,
    /// Reused for each row's code, day and count.
    code: String,
    day: String,
    calls: String,
}

impl<W: io::Write> UsageWriter<W> {
    /// Starts the file: writes the header.
    pub fn new(out: W) -> io::Result<UsageWriter<W>> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(COLUMNS.iter().map(|c| c.name))
            .map_err(io_error)?;
        Ok(UsageWriter {
            csv,
            code: String::new(),
            day: String::new(),
            calls: String::new(),
        })
    }

    /// Writes the rows of `usage`, in key order: account, day, channel (table order),
    /// source, code.
    pub fn write<T: BillingTable>(&mut self, usage: &Usage<T>) -> io::Result<()> {
        use std::fmt::Write as _;
        for (account, usage) in usage.accounts() {
            for row in usage.rows() {
                self.code.clear();
                self.day.clear();
                self.calls.clear();
                let _ = write!(self.code, "{}", row.code);
                let _ = write!(self.day, "{}", row.day);
                let _ = write!(self.calls, "{}", row.calls);
                self.csv
                    .write_record([
                        account,
                        &self.day,
                        row.channel.doc_name(),
                        row.source.map_or("", Named::doc_name),
                        &self.code,
                        &self.calls,
                    ])
                    .map_err(io_error)?;
            }
        }
        Ok(())
    }

    /// Flushes what is buffered and gives the output back.
    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{day, Channel, Mock};

    #[test]
    fn writes_and_reads_back() {
        let mut u = Usage::<Mock>::new();
        let d = day(2026, 10, 31);
        u.add_call(
            "1250000000",
            d,
            "微信小程序",
            Some("上传照片"),
            "2016",
            false,
        )
        .unwrap();
        u.add_call("1250000000", d, "银行卡三要素", None, "-2", false)
            .unwrap();
        u.add_call(
            "1250000001",
            d,
            "照片人脸核身 API",
            None,
            "FailedOperation.ImageDecodeFailed",
            false,
        )
        .unwrap();
        let mut out = Vec::new();
        write_usage(&u, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "account,day,channel,source,code,calls\n\
             1250000000,2026-10-31,微信小程序,跟上传照片比对,2016,1\n\
             1250000000,2026-10-31,银行卡三要素,,-2,1\n\
             1250000001,2026-10-31,照片人脸核身 API,跟权威库比对,FailedOperation.ImageDecodeFailed,1\n"
        );
        let back = read_usage::<Mock, _>("usage.csv", text.as_bytes(), true).unwrap();
        assert_eq!(back, u);
        // Several usages, one file: the header once, each usage's rows in turn.
        let mut other = Usage::<Mock>::new();
        other
            .add_call("1250000002", d, "银行卡三要素", None, "0", false)
            .unwrap();
        let mut writer = UsageWriter::new(Vec::new()).unwrap();
        writer.write(&u).unwrap();
        writer.write(&other).unwrap();
        let both = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert_eq!(both, text + "1250000002,2026-10-31,银行卡三要素,,0,1\n");
    }

    #[test]
    fn reader_takes_columns_in_any_order_and_ignores_others() {
        let text = "calls,note,code,channel,day,account\n5,x,0,BankCardVerification,2026-10-01,a\n";
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
