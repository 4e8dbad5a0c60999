//! The generated SQL against the engine, piece by piece, on SQLite: literals, folding,
//! days in China Standard Time, request keys, the dated rating and the code verdicts. The
//! whole script against `bill` is `tests/sql_sqlite.rs` (and, on DuckDB, ClickHouse and
//! Spark, the tests in `jobs/`).

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;

use super::dialect::{literal, Sql};
use super::fold::fold_table;
use super::read::log_ctes;
use super::relations::{code_verdict_rows, label_rows, spellings, subtract};
use super::*;
use crate::calendar::parse_timestamp_and_day;
use crate::edition::EditionTable;
use crate::engine::rate;
use crate::legacy;
use crate::names::{fold_char, normalise};
use crate::request_ids::KeyHasher;
use crate::table::{Code, CodePattern, Named, Verdict};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A call as a log writes it: time, account, channel, source, code, request id.
#[derive(Clone, Debug)]
struct Call {
    time: String,
    account: String,
    channel: String,
    source: String,
    code: String,
    request_id: String,
}

fn call(time: &str, account: &str, channel: &str, source: &str, code: &str) -> Call {
    Call {
        time: time.to_owned(),
        account: account.to_owned(),
        channel: channel.to_owned(),
        source: source.to_owned(),
        code: code.to_owned(),
        request_id: String::new(),
    }
}

/// An in-memory database with the relations of `T` and the table `calls`.
fn database<T: EditionTable>(calls: &[Call]) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    let script = script::<T>(Dialect::Sqlite);
    for statement in &script.setup {
        conn.execute_batch(&statement.sql)
            .unwrap_or_else(|e| panic!("{e}\n{}", statement.sql));
    }
    load_calls(&conn, calls);
    conn.execute_batch(&script.view.sql).unwrap();
    conn
}

fn load_calls(conn: &Connection, calls: &[Call]) {
    conn.execute_batch(
        "DROP TABLE IF EXISTS calls;
         CREATE TABLE calls (file TEXT, line INTEGER, time TEXT, account TEXT, channel TEXT,
                             source TEXT, code TEXT, request_id TEXT)",
    )
    .unwrap();
    let mut insert = conn
        .prepare("INSERT INTO calls VALUES ('calls.csv', ?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .unwrap();
    for (i, c) in calls.iter().enumerate() {
        insert
            .execute((
                i as i64 + 2,
                &c.time,
                &c.account,
                &c.channel,
                &c.source,
                &c.code,
                &c.request_id,
            ))
            .unwrap();
    }
}

/// The rows of a query, every column as text (NULL as `None`).
fn rows(conn: &Connection, sql: &str) -> Vec<Vec<Option<String>>> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |row| {
            (0..n)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => None,
                        rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                        rusqlite::types::ValueRef::Text(t) => {
                            Some(String::from_utf8(t.to_vec()).unwrap())
                        }
                        other => panic!("unexpected value {other:?}"),
                    })
                })
                .collect::<Result<Vec<_>, rusqlite::Error>>()
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

/// `log_calls` of the calls loaded: line, day, request key.
fn read_calls(conn: &Connection) -> Vec<Vec<Option<String>>> {
    let sql = format!(
        "WITH {} SELECT line_no, day, rkey FROM log_calls ORDER BY line_no",
        log_ctes(&Sql(Dialect::Sqlite))
    );
    rows(conn, &sql)
}

/// Every spelling a log may use for a channel, including shared API actions.
fn channel_spellings<T: EditionTable>(c: T::Channel) -> Vec<String> {
    let mut names: Vec<String> = [c.doc_name(), c.ident()]
        .into_iter()
        .chain(c.aliases().iter().copied())
        .chain(T::channel_actions(c).iter().copied())
        .map(str::to_owned)
        .collect();
    names.push(format!(" {} ", c.doc_name().to_ascii_uppercase()));
    names.push("微信小成序".to_owned());
    names
}

fn source_spellings<T: EditionTable>() -> Vec<String> {
    let mut out = vec![String::new(), " ".to_owned(), "公安库".to_owned()];
    for &s in T::Source::ALL {
        out.push(s.doc_name().to_owned());
        out.extend(s.aliases().iter().map(|a| format!("{a} ")));
    }
    out
}

/// Days around every dated change of `T`.
fn change_days<T: EditionTable>() -> Vec<NaiveDate> {
    let mut days = vec![day(2019, 1, 1), day(2030, 1, 1)];
    for change in T::CHANGES {
        let d = change.at.date();
        days.extend([d, d - Days::new(1)]);
    }
    for &c in T::Channel::ALL {
        let p = T::channel_period(c);
        for d in p.from.into_iter().chain(p.until) {
            days.extend([d, d - Days::new(1)]);
        }
    }
    days.sort();
    days.dedup();
    days
}

/// Every channel spelling with every source spelling on every day around a dated change:
/// the rating in SQL names the field `rate` names, or rates to the same channel, source and
/// labels.
fn rating_agrees_with_rate<T: EditionTable>() {
    let mut calls = Vec::new();
    let mut expected = Vec::new();
    for on in change_days::<T>() {
        for &c in T::Channel::ALL {
            for channel in channel_spellings::<T>(c) {
                for source in source_spellings::<T>() {
                    let rated = rate::<T>(&channel, Some(&source), "0", on);
                    expected.push(match rated {
                        Ok(r) => Ok((
                            r.channel.doc_name().to_owned(),
                            r.source.map(|s| s.doc_name().to_owned()),
                            r.labels.postpaid.doc_name().to_owned(),
                            r.labels.prepaid.doc_name().to_owned(),
                        )),
                        Err(e) => Err(e.field()),
                    });
                    calls.push(call(&format!("{on}T12:00:00"), "a", &channel, &source, "0"));
                }
            }
        }
    }
    let conn = database::<T>(&calls);
    let s = Sql(Dialect::Sqlite);
    let sql = format!(
        "WITH {}, {} SELECT c.line_no, g.channel, g.source, g.postpaid, g.prepaid, g.field, g.reason
         FROM log_calls c JOIN rating g ON g.day = c.day AND g.channel_raw = c.channel_raw
           AND g.source_raw = c.source_raw AND g.code_raw = c.code_raw
         ORDER BY c.line_no",
        log_ctes(&s),
        super::rating::rating_ctes(&s)
    );
    let got = rows(&conn, &sql);
    assert_eq!(got.len(), calls.len());
    let (mut ok, mut bad) = (0, 0);
    for row in got {
        let i = row[0].as_deref().unwrap().parse::<usize>().unwrap() - 2;
        match &expected[i] {
            Ok((channel, source, postpaid, prepaid)) => {
                ok += 1;
                assert_eq!(row[5], None, "{:?}: {:?}", calls[i], row[6]);
                assert_eq!(row[1].as_deref(), Some(channel.as_str()), "{:?}", calls[i]);
                assert_eq!(row[2], *source, "{:?}", calls[i]);
                assert_eq!(row[3].as_deref(), Some(postpaid.as_str()), "{:?}", calls[i]);
                assert_eq!(row[4].as_deref(), Some(prepaid.as_str()), "{:?}", calls[i]);
            }
            Err(field) => {
                bad += 1;
                assert_eq!(row[5].as_deref(), Some(*field), "{:?}", calls[i]);
                assert!(row[6].is_some());
            }
        }
    }
    assert!(ok > 100 && bad > 100, "{ok} rated, {bad} not");
}

fn each_edition(f: impl Fn(crate::Edition)) {
    for &e in crate::Edition::ALL {
        f(e);
    }
}

#[test]
fn rating_agrees_with_rate_on_every_day_around_a_change() {
    each_edition(|e| crate::with_table!(e, T => rating_agrees_with_rate::<T>()));
}

/// Every listed code (range ends and middles, one past them), named codes and unknown
/// ones, on days around each dated change: the billed query's verdict is
/// [`BillingTable::code_status`]'s.
fn verdicts_agree_with_code_status<T: EditionTable>() {
    let mut calls = Vec::new();
    let mut expected = Vec::new();
    for &family in T::CodeFamily::ALL {
        // A channel of the family and a source it is rated with on some day.
        let found = change_days::<T>().into_iter().find_map(|on| {
            T::Channel::ALL
                .iter()
                .filter(|&&c| T::code_family(c) == family)
                .find_map(|&c| {
                    let sources: Vec<Option<T::Source>> = match T::channel_sources(c) {
                        [] => vec![None],
                        s => s.iter().copied().map(Some).collect(),
                    };
                    sources
                        .into_iter()
                        .find(|&s| T::labels_on(c, s, on).is_some() && T::channel_exists_on(c, on))
                        .map(|s| (c, s, on))
                })
        });
        let Some((channel, source, listed)) = found else {
            continue;
        };
        let mut days = vec![listed];
        let mut codes = vec!["Unlisted".to_owned(), "123456789".to_owned()];
        for rule in T::code_rules(family) {
            for change in rule.changes {
                days.extend([change.from, change.from.pred_opt().unwrap()]);
            }
            for &p in rule.codes {
                match p {
                    CodePattern::Range(lo, hi) => {
                        for n in [lo - 1, lo, lo + (hi - lo) / 2, hi, hi + 1] {
                            codes.push(n.to_string());
                        }
                    }
                    CodePattern::Name(n) => codes.push(n.to_owned()),
                }
            }
        }
        for &on in &days {
            if T::labels_on(channel, source, on).is_none() || !T::channel_exists_on(channel, on) {
                continue;
            }
            for code in &codes {
                let status = T::code_status(family, Code::parse(code), on);
                expected.push(match status.verdict {
                    Verdict::Billed => "billed",
                    Verdict::NotBilled => "not_billed",
                    Verdict::Unknown => "unknown",
                });
                calls.push(call(
                    &format!("{on}T12:00:00"),
                    &format!("{:06}", calls.len()),
                    channel.doc_name(),
                    source.map_or("", |s| s.doc_name()),
                    code,
                ));
            }
        }
    }
    let conn = database::<T>(&calls);
    let billed = rows(&conn, &script::<T>(Dialect::Sqlite).billed_query.sql);
    assert_eq!(billed.len(), calls.len());
    for (row, want) in billed.iter().zip(&expected) {
        let i: usize = row[0].as_deref().unwrap().parse().unwrap();
        assert_eq!(row[4].as_deref(), Some(*want), "{:?}", calls[i]);
    }
    for verdict in ["billed", "not_billed", "unknown"] {
        assert!(expected.contains(&verdict), "{verdict}");
    }
}

#[test]
fn code_verdicts_agree_with_code_status() {
    each_edition(|e| crate::with_table!(e, T => verdicts_agree_with_code_status::<T>()));
}

/// The rows of `channel_labels` are the table's mapping: on every day around a change,
/// each channel and source has the labels of [`BillingTable::cells_on`], and nothing else.
fn label_rows_are_the_mapping<T: EditionTable>() {
    let rows = label_rows::<T>();
    for on in change_days::<T>() {
        for &c in T::Channel::ALL {
            let cells = in_force_cells::<T>(c, on);
            let day_rows: Vec<_> = rows
                .iter()
                .filter(|r| {
                    r.channel == c.doc_name()
                        && r.valid_from.is_none_or(|f| f <= on)
                        && r.valid_until.is_none_or(|u| on < u)
                })
                .map(|r| (r.source, r.postpaid, r.prepaid))
                .collect();
            assert_eq!(day_rows, cells, "{c:?} on {on}");
        }
    }
}

fn in_force_cells<T: EditionTable>(
    c: T::Channel,
    on: NaiveDate,
) -> Vec<(Option<&'static str>, &'static str, &'static str)> {
    let entry = crate::dated::in_force(T::mappings(c), crate::dated::start_of(on));
    entry
        .map(|e| e.value)
        .unwrap_or(&[])
        .iter()
        .filter_map(|cell| {
            let labels = cell.labels?;
            Some((
                cell.source.map(Named::doc_name),
                labels.postpaid.doc_name(),
                labels.prepaid.doc_name(),
            ))
        })
        .collect()
}

#[test]
fn channel_labels_hold_every_dated_mapping() {
    each_edition(|e| crate::with_table!(e, T => label_rows_are_the_mapping::<T>()));
    // The legacy phone labels split on 2022-01-01: both sides of the change are rows.
    let rows = label_rows::<legacy::Table>();
    assert!(rows.iter().any(|r| r.valid_until == Some(day(2022, 1, 1))));
    assert!(rows.iter().any(|r| r.valid_from == Some(day(2022, 1, 1))));
}

#[test]
fn shared_actions_name_each_of_their_channels() {
    let text = sql::<legacy::Table>(Dialect::Sqlite);
    let (one, several) = spellings::<<legacy::Table as BillingTable>::Channel>(
        <legacy::Table as BillingTable>::channel_actions,
    );
    let shared = several
        .get("detectauth")
        .expect("DetectAuth is an action of several");
    for c in shared.iter() {
        assert!(
            text.contains(&format!("('detectauth', '{}', 1)", c.doc_name())),
            "{c:?}"
        );
    }
    assert!(!one.contains_key("detectauth"));
    for (key, channel) in &one {
        assert_eq!(
            <legacy::Table as BillingTable>::Channel::lookup(key).as_ref(),
            Ok(channel),
            "{key}"
        );
    }
    assert_eq!(
        one.get("livenesscompare").map(|c| c.doc_name()),
        Some("活体人脸比对 API")
    );
}

#[test]
fn overlapping_rules_give_disjoint_rows() {
    assert_eq!(subtract(1, 10, &[]), vec![(1, 10)]);
    assert_eq!(subtract(1, 10, &[(3, 4), (8, 20)]), vec![(1, 2), (5, 7)]);
    assert_eq!(subtract(1, 10, &[(0, 10)]), vec![]);
    assert_eq!(subtract(5, 5, &[(6, 9), (1, 4)]), vec![(5, 5)]);
    // Within one family no code and day is in two rows.
    for &e in crate::Edition::ALL {
        let rows = crate::with_table!(e, T => code_verdict_rows::<T>());
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                let codes = match (a.codes, b.codes) {
                    (CodePattern::Range(a0, a1), CodePattern::Range(b0, b1)) => {
                        a0 <= b1 && b0 <= a1
                    }
                    (x, y) => x == y,
                };
                let days = a
                    .valid_from
                    .is_none_or(|f| b.valid_until.is_none_or(|u| f < u))
                    && b.valid_from
                        .is_none_or(|f| a.valid_until.is_none_or(|u| f < u));
                assert!(a.family != b.family || !codes || !days, "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn fold_table_is_fold_char() {
    let table = fold_table();
    for &(c, folded) in table {
        assert_eq!(fold_char(c), folded);
        if let Some(f) = folded {
            assert_eq!(fold_char(f), Some(f), "{c:?} folds to a fixed point");
        }
    }
    assert!(table.contains(&('（', Some('('))));
    assert!(table.contains(&('Ａ', Some('a'))));
    assert!(table.contains(&('A', Some('a'))));
    assert!(table.contains(&('\u{3000}', None)));
    assert!(table.contains(&('\t', None)));
    // 26 ASCII capitals, 94 full-width forms, the white space.
    let ws = table.iter().filter(|(_, f)| f.is_none()).count();
    assert_eq!(table.len(), 26 + 94 + ws);
}

fn sqlite_value(conn: &Connection, expr: &str, arg: &str) -> Option<String> {
    conn.query_row(&format!("SELECT {expr}"), [arg], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}\n{expr}"))
}

#[test]
fn literals_keep_every_character() {
    let conn = Connection::open_in_memory().unwrap();
    for s in [
        "",
        "it's",
        "tab\there",
        "\u{3000}全角\u{85}\r\n",
        "\\ back ' slash",
        "😀 E证通",
    ] {
        let got: String = conn
            .query_row(
                &format!("SELECT {}", literal(Dialect::Sqlite, s)),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(got, s);
    }
    assert_eq!(literal(Dialect::Spark, "a'\\\t"), "'a\\'\\\\\\u0009'");
    assert_eq!(
        literal(Dialect::Clickhouse, "a'\\\t\u{3000}"),
        "'a\\'\\\\\\x09\\xE3\\x80\\x80'"
    );
    assert_eq!(literal(Dialect::Ansi, "a\tb"), "('a' || U&'\\0009' || 'b')");
    assert_eq!(literal(Dialect::Duckdb, "a\t"), "('a' || chr(9))");
    assert_eq!(literal(Dialect::Sqlite, "x"), "'x'");
    assert_eq!(
        literal(Dialect::Sqlite, "\t\n x\u{3000}"),
        "(char(9, 10) || ' x' || char(12288))"
    );
}

fn name_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(fold_table().iter().map(|(c, _)| *c).collect::<Vec<_>>()),
        prop::sample::select(vec![
            '微', '信', '证', '（', '）', '-', '_', 'a', 'z', '0', '9', 'é', 'É', 'K'
        ]),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn normalise_sql_is_normalise(names in prop::collection::vec(
        prop::collection::vec(name_char(), 0..12).prop_map(|v| v.into_iter().collect::<String>()),
        1..16,
    )) {
        let conn = Connection::open_in_memory().unwrap();
        let expr = normalise_sql(Dialect::Sqlite, "?1");
        for name in &names {
            let got = sqlite_value(&conn, &expr, name);
            prop_assert_eq!(got.as_deref(), Some(&*normalise(name)), "{:?}", name);
        }
    }

    #[test]
    fn days_are_china_standard_time(stamps in prop::collection::vec(
        (
            1970i32..2100, 1u32..=12, 1u32..=31, 0u32..24, 0u32..60, 0u32..60,
            prop::sample::select(vec!["T", "t", " "]),
            prop::sample::select(vec!["", ".0", ".250", ".1234567891234"]),
            prop_oneof![
                Just(String::new()),
                Just("Z".to_owned()),
                Just("z".to_owned()),
                (prop::sample::select(vec!['+', '-']), 0u32..24, 0u32..60)
                    .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
            ],
        ),
        1..40,
    )) {
        let texts: Vec<String> = stamps
            .iter()
            .map(|(y, mo, d, h, mi, s, sep, frac, zone)| {
                let d = (*d).min(crate::calendar::days_in_month(*y, *mo));
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}")
            })
            .collect();
        let calls: Vec<Call> = texts
            .iter()
            .map(|t| call(&format!(" {t} "), "a", "x", "", "0"))
            .collect();
        let conn = Connection::open_in_memory().unwrap();
        load_calls(&conn, &calls);
        for (row, text) in read_calls(&conn).iter().zip(&texts) {
            let want = parse_timestamp_and_day(text).unwrap().1.to_string();
            prop_assert_eq!(row[1].as_deref(), Some(want.as_str()), "{}", text);
        }
    }
}

#[test]
fn times_the_reader_rejects_are_not_read() {
    let bad = [
        "2026-02-29T10:00:00",
        "2026-04-31T10:00:00",
        "2026-13-01T10:00:00",
        "2026-10-01T24:00:00",
        "2026-10-01T23:60:00",
        "2026-10-01T23:59:60",
        "2026-10-01T10:00:00+24:00",
        "2026-10-01T10:00:00+08:60",
        "2026-10-01T10:00:00+0800",
        "2026-10-01T10:00:00.",
        "2026-10-01T10:00:00.5x",
        "2026-10-01T10:00:00 +08:00",
        "2026-10-01X10:00:00",
        "2026-10-01T10:00",
        "2026-10-01",
        "2026/10/01 10:00:00",
        "1969-12-31T23:59:59",
        "0000-01-01T00:00:00",
        "",
        "yesterday",
    ];
    let calls: Vec<Call> = bad.iter().map(|t| call(t, "a", "x", "", "0")).collect();
    let conn = Connection::open_in_memory().unwrap();
    load_calls(&conn, &calls);
    for (row, text) in read_calls(&conn).iter().zip(bad) {
        assert!(parse_timestamp_and_day(text).is_err(), "{text}");
        assert_eq!(row[1], None, "{text}");
    }
    // Leap days, the turn of a day, a month and a year in China Standard Time are read.
    let good = [
        ("2024-02-29T23:59:59", "2024-02-29"),
        ("2024-02-29T16:00:00Z", "2024-03-01"),
        ("2026-01-01T00:00:00+14:00", "2025-12-31"),
        ("2025-12-31T23:30:00-11:30", "2026-01-01"),
        ("2026-01-01T07:59:59.999+00:00", "2026-01-01"),
        ("2000-02-29 12:00:00", "2000-02-29"),
        ("2023-02-28T20:00:00-10:00", "2023-03-01"),
        ("2024-03-01T00:30:00+09:00", "2024-02-29"),
        ("1970-01-01T00:00:00+09:00", "1969-12-31"),
        ("2026-10-31T23:59:59-23:59", "2026-11-02"),
    ];
    let calls: Vec<Call> = good
        .iter()
        .map(|(t, _)| call(t, "a", "x", "", "0"))
        .collect();
    load_calls(&conn, &calls);
    for (row, (text, want)) in read_calls(&conn).iter().zip(good) {
        assert_eq!(row[1].as_deref(), Some(want), "{text}");
        assert_eq!(
            parse_timestamp_and_day(text).unwrap().1.to_string(),
            want,
            "{text}"
        );
    }
}

/// Two ids have one key in SQL exactly when the reader's set takes them for one request.
#[test]
fn request_keys_are_the_readers() {
    let ids = [
        "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "3f2504e04f8911d39a0c0305e82c3301",
        " 3F2504E04F8911D39A0C0305E82C3301 ",
        "3f2504e0-4f89-11d3-9a0c-0305e82c330",
        "3f2504e0_4f89_11d3_9a0c_0305e82c3301",
        "req-1",
        "REQ-1",
        "req-1 ",
        "g2504e04f8911d39a0c0305e82c3301",
        "",
    ];
    let calls: Vec<Call> = ids
        .iter()
        .map(|id| Call {
            request_id: (*id).to_owned(),
            ..call("2026-10-01T00:00:00", "a", "x", "", "0")
        })
        .collect();
    let conn = Connection::open_in_memory().unwrap();
    load_calls(&conn, &calls);
    let keys: Vec<String> = read_calls(&conn)
        .into_iter()
        .map(|r| r[2].clone().unwrap())
        .collect();
    let hasher = KeyHasher::default();
    for (i, a) in ids.iter().enumerate() {
        for (j, b) in ids.iter().enumerate() {
            let (a, b) = (a.trim(), b.trim());
            if a.is_empty() || b.is_empty() {
                assert_eq!(keys[i].is_empty(), a.is_empty());
                continue;
            }
            let same = hasher.key(a.as_bytes()) == hasher.key(b.as_bytes());
            assert_eq!(keys[i] == keys[j], same, "{a:?} {b:?}");
        }
    }
}

#[test]
fn dialects_parse_and_display() {
    for d in Dialect::ALL {
        assert_eq!(d.to_string().parse::<Dialect>(), Ok(d));
    }
    assert_eq!(" DuckDB ".parse::<Dialect>(), Ok(Dialect::Duckdb));
    assert_eq!("ClickHouse".parse::<Dialect>(), Ok(Dialect::Clickhouse));
    let e = "postgres".parse::<Dialect>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown SQL dialect \"postgres\"; expected one of ansi, clickhouse, duckdb, spark, sqlite"
    );
}

/// Each dialect's script has every relation and the three queries, in its own syntax.
#[test]
fn dialects_write_their_own_syntax() {
    let scripts: BTreeMap<Dialect, (SqlScript, String)> = Dialect::ALL
        .into_iter()
        .map(|d| {
            let s = script::<legacy::Table>(d);
            let text = s.to_string();
            (d, (s, text))
        })
        .collect();
    for (d, (script, text)) in &scripts {
        for relation in [
            "channel_names",
            "source_names",
            "channels",
            "channel_labels",
            "code_verdicts",
        ] {
            let created = script.setup.iter().any(|s| {
                s.sql.contains(&format!("TABLE {relation} ("))
                    || s.sql.contains(&format!("VIEW {relation} AS"))
            });
            assert!(created, "{d}: {relation}");
        }
        assert!(text.contains(&format!("dialect: {d}.")));
        assert!(script.view.sql.contains("VIEW rated_calls AS"), "{d}");
        assert!(script.view.sql.contains("FROM calls"), "{d}");
        assert!(script
            .view
            .sql
            .contains("ROW_NUMBER() OVER (\n      PARTITION BY CASE WHEN"));
        for query in script.queries() {
            assert!(query.sql.contains("FROM rated_calls"), "{d}");
        }
        assert!(script
            .rejects_query
            .sql
            .contains("ELSE 'request_id' END AS out_field"));
        let ends = text
            .lines()
            .filter(|l| !l.starts_with("--") && l.ends_with(';'))
            .count();
        assert_eq!(ends, script.setup.len() + 4, "{d}");
        assert!(text.contains("微信原生h5"), "{d}: normalised keys");
        assert!(text.contains("'2022-01-01'"), "{d}: dated rows");
    }
    let text = |d: Dialect| scripts[&d].1.as_str();
    let has = |d: Dialect, what: &str| text(d).contains(what);
    assert!(has(
        Dialect::Spark,
        "CREATE OR REPLACE TEMPORARY VIEW channel_names AS SELECT * FROM VALUES"
    ));
    assert!(has(
        Dialect::Duckdb,
        "CREATE OR REPLACE TABLE channel_names ("
    ));
    assert!(has(Dialect::Clickhouse, ") ENGINE = Memory"));
    assert!(has(Dialect::Clickhouse, "valid_from Nullable(String)"));
    assert!(has(Dialect::Clickhouse, "SETTINGS join_use_nulls = 1"));
    assert!(has(Dialect::Sqlite, "DROP TABLE IF EXISTS channel_names"));
    assert!(has(
        Dialect::Ansi,
        "CREATE TABLE channel_names (\n  name_key VARCHAR(255) NOT NULL"
    ));
    assert!(!has(Dialect::Ansi, "OR REPLACE") && !has(Dialect::Ansi, "IF EXISTS"));
    assert!(has(Dialect::Spark, "CAST(NULL AS STRING)") && has(Dialect::Spark, "0L"));
    for d in [Dialect::Duckdb, Dialect::Spark] {
        assert!(has(d, "translate(raw, ") && !has(d, "replace(raw"), "{d}");
    }
    assert!(has(Dialect::Clickhouse, "translateUTF8(raw, "));
    assert!(has(Dialect::Sqlite, "WITH RECURSIVE") && has(Dialect::Sqlite, "JOIN fold_chars fc"));
    assert!(!has(Dialect::Sqlite, "translate(") && !has(Dialect::Duckdb, "fold_chars"));
    assert!(has(Dialect::Ansi, "REPLACE(REPLACE(") && !has(Dialect::Ansi, "translate("));
    assert!(has(Dialect::Spark, "\\u3000") && has(Dialect::Duckdb, "chr(12288)"));
    assert!(has(Dialect::Clickhouse, "\\xE3\\x80\\x80"));
    assert!(has(Dialect::Ansi, "U&'\\3000'") && has(Dialect::Sqlite, "char(9, 10, 11, 12, 13)"));
    assert!(has(Dialect::Duckdb, "regexp_full_match(t, "));
    assert!(has(Dialect::Spark, "t RLIKE '^[0-9]{4}"));
    assert!(has(Dialect::Clickhouse, "match(t, '^[0-9]{4}"));
    assert!(has(Dialect::Ansi, "t SIMILAR TO '[0-9]{4}"));
    assert!(has(Dialect::Sqlite, "t GLOB '[0-9][0-9][0-9][0-9]-"));
    assert!(has(Dialect::Spark, "TRY_CAST(") && has(Dialect::Clickhouse, "toInt64OrNull("));
    assert!(has(Dialect::Ansi, "SUBSTRING(t FROM 1 FOR 10)") && has(Dialect::Ansi, "MOD(yy, 4)"));
    assert!(has(Dialect::Spark, "`day`") && has(Dialect::Duckdb, "\"day\""));
    assert!(has(Dialect::Clickhouse, "replaceRegexpAll("));
    assert!(has(Dialect::Spark, "TRIM(BOTH ") && has(Dialect::Duckdb, "trim(COALESCE("));
    for d in Dialect::ALL {
        for o in Dialect::ALL.into_iter().filter(|&o| o != d) {
            assert_ne!(scripts[&d].0.view, scripts[&o].0.view, "{d} {o}");
        }
    }
}
