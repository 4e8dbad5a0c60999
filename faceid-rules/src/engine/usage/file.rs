//! Writing the usage file format (see the [module documentation](super)); reading it is
//! [`crate::input::usage`]'s.

use std::io;

use super::Usage;
use crate::table::{BillingTable, Code, Named};

/// The columns of a usage file, in the order the writer writes them.
pub const COLUMNS: [&str; 6] = ["account", "day", "channel", "source", "code", "calls"];

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
    /// Text cells as they are, without the guard against formula injection.
    raw: bool,
    /// Reused for each row's code, day and count.
    code: String,
    day: String,
    calls: String,
}

impl<W: io::Write> UsageWriter<W> {
    /// Starts the file: writes the header.
    pub fn new(out: W) -> io::Result<UsageWriter<W>> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(COLUMNS).map_err(io_error)?;
        Ok(UsageWriter {
            csv,
            raw: false,
            code: String::new(),
            day: String::new(),
            calls: String::new(),
        })
    }

    /// Text cells — accounts, named result codes — written as they are (`true`), or, by
    /// default, guarded against formula injection: a cell that a spreadsheet would run as
    /// a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`
    /// ([`spreadsheet_cell`](crate::escape::spreadsheet_cell)), which the usage reader takes
    /// off again. Numeric result codes (`-2`) are numbers, written as they are.
    pub fn raw(mut self, raw: bool) -> Self {
        self.raw = raw;
        self
    }

    /// Writes the rows of `usage`, in key order: account, day, channel (table order),
    /// source, code.
    pub fn write<T: BillingTable>(&mut self, usage: &Usage<T>) -> io::Result<()> {
        use std::fmt::Write as _;
        for (account, usage) in usage.accounts() {
            let account = match self.raw {
                true => std::borrow::Cow::Borrowed(account),
                false => crate::escape::spreadsheet_cell(account),
            };
            for row in usage.rows() {
                self.code.clear();
                self.day.clear();
                self.calls.clear();
                match row.code {
                    Code::Name(name) if !self.raw => {
                        self.code.push_str(&crate::escape::spreadsheet_cell(name));
                    }
                    code => {
                        let _ = write!(self.code, "{code}");
                    }
                }
                let _ = write!(self.day, "{}", row.day);
                let _ = write!(self.calls, "{}", row.calls);
                self.csv
                    .write_record([
                        &*account,
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
    use crate::engine::testing::{day, Mock};

    #[test]
    fn writes_rows_in_key_order_and_several_usages_in_one_file() {
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
}
