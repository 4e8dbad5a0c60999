//! The packs file: the resource packs (资源包) an account was given or bought.
//!
//! CSV with a header, columns in any order, others ignored (see the
//! [module documentation](super)):
//!
//! | column | required | value |
//! |---|---|---|
//! | `id` | yes | the pack's id, unique in the file |
//! | `account` | no | the owning account; without the column, the one account `""` of a log without accounts |
//! | `label` | yes | the prepaid label as the table names it (checked by the engine) |
//! | `size` | yes | calls in the pack, a whole number ≥ 1 |
//! | `purchased` | yes | `YYYY-MM-DD` or a timestamp; China Standard Time when it has no offset |
//! | `kind` | yes | `gift` (`赠送`) or `purchased` (`购买`), ASCII case ignored |
//! | `price` | no | what was paid in yuan (`8000`, `0.85`); empty: the table's list price |
//!
//! The whole file is read: every bad line is counted and the first [`InputErrors::KEPT`]
//! reported, and any error fails the file, since a pack left out would change what every
//! later call costs. A pack id is taken by its first line even if that line is bad for
//! another reason — while the errors are still reported; past that, a bad line's id is not
//! remembered, so that a file of millions of bad lines costs no more memory than the
//! errors reported.

use std::collections::HashMap;
use std::io::Read;

use super::{read_all, Column, InputError, InputErrors, Record};
use crate::calendar::parse_date_or_timestamp;
use crate::money::Money;
use crate::records::{PackKind, PackRecord};

const COLUMNS: [Column; 7] = [
    Column {
        name: "id",
        required: true,
    },
    Column {
        name: "account",
        required: false,
    },
    Column {
        name: "label",
        required: true,
    },
    Column {
        name: "size",
        required: true,
    },
    Column {
        name: "purchased",
        required: true,
    },
    Column {
        name: "kind",
        required: true,
    },
    Column {
        name: "price",
        required: false,
    },
];

/// Reads a packs file named `file` (for messages) from `reader`, in file order.
pub fn read_packs(file: &str, reader: impl Read) -> Result<Vec<PackRecord>, InputErrors> {
    let mut first_line: HashMap<String, u64> = HashMap::new();
    read_all(file, reader, &COLUMNS, |record, at, errors_full| {
        let get = |c: usize| at[c].map_or("", |i| record.get(i));
        let id = get(0);
        if id.is_empty() {
            return Err(record.error(Some("id"), "empty (every pack needs an id)"));
        }
        if let Some(&line) = first_line.get(id) {
            return Err(record.error(
                Some("id"),
                format!("pack id {id:?} is used twice: on line {line} and on this line"),
            ));
        }
        let pack = parse_pack(record, at, id);
        // The id is taken by its first line even if that line is bad for another reason,
        // while errors are reported; an error only counted leaves nothing behind.
        if pack.is_ok() || !errors_full {
            first_line.insert(id.to_owned(), record.line());
        }
        pack
    })
}

/// The pack on `record`, whose id is `id`.
fn parse_pack(
    record: &Record<'_>,
    at: &[Option<usize>],
    id: &str,
) -> Result<PackRecord, InputError> {
    let get = |c: usize| at[c].map_or("", |i| record.get(i));
    let label = get(2);
    if label.is_empty() {
        return Err(record.error(
            Some("label"),
            "empty (expected the prepaid label as the table names it)",
        ));
    }
    let size = parse_size(get(3)).map_err(|m| record.error(Some("size"), m))?;
    let purchased = parse_date_or_timestamp(get(4))
        .map_err(|e| record.error(Some("purchased"), e.to_string()))?;
    let kind = parse_kind(get(5)).map_err(|m| record.error(Some("kind"), m))?;
    let price = match get(6) {
        "" => None,
        text => Some(
            text.parse::<Money>()
                .map_err(|e| record.error(Some("price"), e.to_string()))?,
        ),
    };
    Ok(PackRecord {
        id: id.to_owned(),
        account: get(1).to_owned(),
        label: label.to_owned(),
        size,
        purchased,
        kind,
        price,
        origin: record.origin(),
    })
}

/// A pack's size: a whole number of calls, at least one.
fn parse_size(text: &str) -> Result<u64, String> {
    if text.is_empty() {
        return Err("empty (expected the number of calls in the pack, e.g. 10000)".to_owned());
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{text:?} is not a whole number of calls (expected digits only, e.g. 10000)"
        ));
    }
    match text.parse::<u64>() {
        Ok(0) => Err("0: a pack holds at least one call".to_owned()),
        Ok(size) => Ok(size),
        Err(_) => Err(format!("{text:?} is too large for a number of calls")),
    }
}

/// `gift` / `赠送` or `purchased` / `购买`.
fn parse_kind(text: &str) -> Result<PackKind, String> {
    if text.eq_ignore_ascii_case("gift") || text == "赠送" {
        Ok(PackKind::Gift)
    } else if text.eq_ignore_ascii_case("purchased") || text == "购买" {
        Ok(PackKind::Purchased)
    } else if text.is_empty() {
        Err("empty (expected gift or purchased, or 赠送 or 购买)".to_owned())
    } else {
        Err(format!(
            "{text:?} is not a kind of pack (expected gift or purchased, or 赠送 or 购买)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ErrorKind;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        read_packs("packs.csv", text.as_bytes())
            .unwrap_err()
            .errors
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_packs_in_any_column_order() {
        let text = "\u{feff}kind,id,size,label,purchased,account,price,note\r\n\
                    gift,G1,1000,活体人脸核身,2026-10-01,100001,,welcome\r\n\
                    购买,P1,\"10,000\",活体人脸核身,2026-10-15 09:30:00,100001,¥8000,\r\n\
                    Purchased,P2,500,活体人脸核身,2026-10-15T01:30:00Z,100002,850.5,\r\n";
        let e = read_packs("packs.csv", text.as_bytes()).unwrap_err();
        // "10,000" quoted is one field but not digits only.
        assert_eq!(e.total, 1);
        assert_eq!(
            e.errors[0].to_string(),
            "packs.csv:3: field `size`: \"10,000\" is not a whole number of calls (expected digits only, e.g. 10000)"
        );
        let text = text.replace("\"10,000\"", "10000");
        let packs = read_packs("packs.csv", text.as_bytes()).unwrap();
        assert_eq!(packs.len(), 3);
        assert_eq!(packs[0].kind, PackKind::Gift);
        assert_eq!(packs[0].id, "G1");
        assert_eq!(packs[0].account, "100001");
        assert_eq!(packs[0].label, "活体人脸核身");
        assert_eq!(packs[0].size, 1000);
        assert_eq!(packs[0].purchased, at(2026, 10, 1, 0, 0));
        assert_eq!(packs[0].price, None);
        assert_eq!(packs[0].origin.to_string(), "packs.csv:2");
        assert_eq!(packs[1].kind, PackKind::Purchased);
        assert_eq!(packs[1].purchased, at(2026, 10, 15, 9, 30));
        assert_eq!(packs[1].price, Some(Money::from_yuan(8000)));
        assert_eq!(packs[2].kind, PackKind::Purchased);
        assert_eq!(packs[2].purchased, at(2026, 10, 15, 9, 30));
        assert_eq!(packs[2].price, Some(Money::from_fen(85_050)));
        assert_eq!(packs[2].origin.line, 4);
    }

    #[test]
    fn account_column_is_optional() {
        let packs = read_packs(
            "p",
            "id,label,size,purchased,kind\nA,活体人脸核身,10,2026-10-01,gift\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(packs[0].account, "");
    }

    #[test]
    fn every_bad_line_is_reported_with_its_field() {
        let text = "id,account,label,size,purchased,kind,price\n\
                    A,1,L,0,2026-10-01,gift,\n\
                    B,1,L,10,2026-02-30,gift,\n\
                    C,1,L,10,2026-10-01,free,\n\
                    D,1,L,10,2026-10-01,gift,-5\n\
                    A,1,L,10,2026-10-01,gift,\n\
                    E,1,L,-3,2026-10-01,gift,\n\
                    ,1,L,10,2026-10-01,gift,\n\
                    F,1,,10,2026-10-01,gift,\n\
                    G,1,L,99999999999999999999,2026-10-01,gift,\n\
                    H,1,L,10,2026-10-01\n";
        let errors = errors(text);
        assert_eq!(
            errors,
            [
                "packs.csv:2: field `size`: 0: a pack holds at least one call",
                "packs.csv:3: field `purchased`: \"2026-02-30\" is not a date or timestamp: day 30: February 2026 has 28 days (expected YYYY-MM-DD or a timestamp in China Standard Time, e.g. 2026-10-01 or 2026-10-01T09:00:00)",
                "packs.csv:4: field `kind`: \"free\" is not a kind of pack (expected gift or purchased, or 赠送 or 购买)",
                "packs.csv:5: field `price`: \"-5\" is not an amount of yuan: negative amounts are not prices (expected e.g. 0.85 or 8000)",
                "packs.csv:6: field `id`: pack id \"A\" is used twice: on line 2 and on this line",
                "packs.csv:7: field `size`: \"-3\" is not a whole number of calls (expected digits only, e.g. 10000)",
                "packs.csv:8: field `id`: empty (every pack needs an id)",
                "packs.csv:9: field `label`: empty (expected the prepaid label as the table names it)",
                "packs.csv:10: field `size`: \"99999999999999999999\" is too large for a number of calls",
                "packs.csv:11: field `kind`: missing: this line has 5 fields but the header has 7",
            ]
        );
    }

    #[test]
    fn a_duplicate_of_a_bad_line_is_reported_too() {
        let text = "id,label,size,purchased,kind\nA,L,0,2026-10-01,gift\nA,L,5,2026-10-01,gift\n";
        let e = read_packs("p", text.as_bytes()).unwrap_err();
        assert_eq!(e.total, 2);
        assert_eq!(e.errors[0].field, Some("size"));
        assert_eq!(
            e.errors[1].to_string(),
            "p:3: field `id`: pack id \"A\" is used twice: on line 2 and on this line"
        );
    }

    #[test]
    fn header_errors() {
        let e = read_packs("packs.csv", "id,account,label,size,kind\n".as_bytes()).unwrap_err();
        assert_eq!(e.errors[0].kind, ErrorKind::Header);
        assert!(
            e.errors[0]
                .to_string()
                .starts_with("packs.csv:1: missing required column `purchased` (columns found: id, account, label, size, kind;"),
            "{}",
            e
        );
        let e = read_packs("packs.csv", "".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
        // A header alone is an empty list of packs.
        assert_eq!(
            read_packs("p", "id,label,size,purchased,kind\n".as_bytes()).unwrap(),
            []
        );
    }

    #[test]
    fn errors_beyond_the_kept_ones_are_counted() {
        let mut text = "id,label,size,purchased,kind\n".to_owned();
        for i in 0..150 {
            text.push_str(&format!("P{i},L,0,2026-10-01,gift\n"));
        }
        let e = read_packs("p", text.as_bytes()).unwrap_err();
        assert_eq!(e.total, 150);
        assert_eq!(e.errors.len(), InputErrors::KEPT);
        assert!(e.to_string().ends_with("… and 50 more errors"));
    }

    #[test]
    fn ids_of_bad_lines_are_remembered_only_while_their_errors_are_reported() {
        // Lines 2..=151 are bad (size 0), each with its own id: the first 100 errors are
        // reported, the other 50 counted, and only the ids of the reported ones kept (a
        // file of millions of bad lines would otherwise keep millions of ids).
        let mut text = "id,label,size,purchased,kind\n".to_owned();
        for i in 0..150 {
            text.push_str(&format!("P{i},L,0,2026-10-01,gift\n"));
        }
        // P10's first line is a reported error: a second P10 is one more error. P140's
        // error was only counted: its id was not kept, and a good P140 is no error.
        text.push_str("P10,L,5,2026-10-01,gift\nP140,L,5,2026-10-01,gift\n");
        let e = read_packs("p", text.as_bytes()).unwrap_err();
        assert_eq!(e.total, 151);
        assert_eq!(e.errors.len(), InputErrors::KEPT);
        assert!(e.to_string().ends_with("… and 51 more errors"), "{e}");
        // The same file without its bad lines' duplicates: every good line's id counts.
        let text = "id,label,size,purchased,kind\nA,L,0,2026-10-01,gift\nB,L,5,2026-10-01,gift\nB,L,5,2026-10-01,gift\n";
        let e = read_packs("p", text.as_bytes()).unwrap_err();
        assert_eq!(e.total, 2);
        assert_eq!(e.errors[1].field, Some("id"));
    }
}
