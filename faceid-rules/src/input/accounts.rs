//! The accounts file: when each account opened the Face ID service, which selects the
//! edition of the documents it is billed by: the one whose opening range holds the day
//! (before 2021-06-22 legacy, before 2023-01-04 monthly, from then on daily).
//!
//! CSV with a header, columns in any order, others ignored (see the
//! [module documentation](super)):
//!
//! | column | required | value |
//! |---|---|---|
//! | `account` | yes | the Tencent account (AppId), not empty, once in the file |
//! | `opened` | yes | `YYYY-MM-DD` (China Standard Time), or a timestamp, which stands for its day in China Standard Time |
//!
//! The whole file is read, every bad line counted and the first [`InputErrors::KEPT`]
//! reported; any error fails the file. An account is taken by its first line even if that
//! line is bad, while errors are reported; past that a bad line's account is not
//! remembered, so that millions of bad lines cost no more memory than the errors reported.

use std::collections::HashMap;
use std::io::Read;

use super::{read_all, Column, InputErrors};
use crate::calendar::parse_day;
use crate::records::AccountRecord;

const COLUMNS: [Column; 2] = [
    Column {
        name: "account",
        required: true,
    },
    Column {
        name: "opened",
        required: true,
    },
];

/// Reads an accounts file named `file` (for messages) from `reader`, in file order.
pub fn read_accounts(file: &str, reader: impl Read) -> Result<Vec<AccountRecord>, InputErrors> {
    let mut first_line: HashMap<String, u64> = HashMap::new();
    read_all(file, reader, &COLUMNS, |record, at, errors_full| {
        let get = |c: usize| at[c].map_or("", |i| record.get(i));
        let account = get(0);
        if account.is_empty() {
            return Err(record.error(
                Some("account"),
                "empty (expected the Tencent account, its AppId)",
            ));
        }
        if let Some(&line) = first_line.get(account) {
            return Err(record.error(
                Some("account"),
                format!("account {account:?} is listed twice: on line {line} and on this line"),
            ));
        }
        let opened = parse_day(get(1)).map_err(|e| record.error(Some("opened"), e.to_string()));
        if opened.is_ok() || !errors_full {
            first_line.insert(account.to_owned(), record.line());
        }
        Ok(AccountRecord {
            account: account.to_owned(),
            opened: opened?,
            origin: record.origin(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ErrorKind;
    use chrono::NaiveDate;

    #[test]
    fn reads_accounts() {
        let text = "opened,account,comment\n2021-06-21,100001,old\n\n2021-06-22T00:00:00+08:00,100002,new\n\"2021-06-21T16:00:00Z\",\"100003\",\"utc, new\"\n";
        let accounts = read_accounts("accounts.csv", text.as_bytes()).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2021, 6, d).unwrap();
        assert_eq!(accounts.len(), 3);
        assert_eq!(accounts[0].account, "100001");
        assert_eq!(accounts[0].opened, day(21));
        assert_eq!(accounts[1].opened, day(22));
        // A blank line does not shift the line numbers.
        assert_eq!(accounts[1].origin.to_string(), "accounts.csv:4");
        assert_eq!(accounts[2].opened, day(22));
    }

    #[test]
    fn duplicates_and_bad_dates_are_errors() {
        let text = "account,opened\n1,2021-06-21\n2,2021-13-01\n1,2022-01-01\n,2022-01-01\n3,\n";
        let e = read_accounts("accounts.csv", text.as_bytes()).unwrap_err();
        let shown: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "accounts.csv:3: field `opened`: \"2021-13-01\" is not a date: month 13 (expected YYYY-MM-DD, e.g. 2021-06-22)",
                "accounts.csv:4: field `account`: account \"1\" is listed twice: on line 2 and on this line",
                "accounts.csv:5: field `account`: empty (expected the Tencent account, its AppId)",
                "accounts.csv:6: field `opened`: \"\" is not a date: empty (expected YYYY-MM-DD, e.g. 2021-06-22)",
            ]
        );
        assert!(e.errors.iter().all(|e| e.kind == ErrorKind::Record));
        assert_eq!(e.errors[1].raw, b"1,2022-01-01");
    }

    #[test]
    fn missing_column() {
        let e =
            read_accounts("accounts.csv", "account,opend\n1,2021-01-01\n".as_bytes()).unwrap_err();
        assert_eq!(e.total, 1);
        assert_eq!(
            e.errors[0].to_string(),
            "accounts.csv:1: missing required column `opened` (columns found: account, opend; expected: account, opened); is \"opend\" meant to be `opened`?"
        );
    }
}
