//! The generated SQL against `bill`, on SQLite, for every edition: a log of every channel,
//! spelling, source, code family, dated change, day boundary and repeated request id (the
//! log of the engine tests in `jobs/`, from `examples/sql_log/log.rs`), cut into files,
//! billed by the call log reader and by the SQL's usage. The statements are equal to the
//! fen and the call, and the SQL rejects exactly the lines the reader rejects, with the same
//! field.

use std::collections::BTreeSet;

use faceid_rules::call_log::{CallLog, ReadOptions, Source};
use faceid_rules::edition::EditionTable;
use faceid_rules::pipeline::{Editions, Reject};
use faceid_rules::sql::{script, Dialect};
use faceid_rules::{bill, with_table, BillOptions, Edition, Statements};
use rusqlite::Connection;

#[path = "../examples/sql_log/log.rs"]
#[allow(dead_code)]
mod log;

/// Where a call was read, and the field at fault.
type Rejected = BTreeSet<(String, u64, String)>;

fn direct(edition: Edition, files: &[(String, String)]) -> (Statements, Rejected) {
    let editions = Editions::all(edition);
    let options = ReadOptions {
        keep_going: true,
        threads: 2,
        ..ReadOptions::default()
    };
    let mut rejects: Vec<Reject> = Vec::new();
    let sources = files
        .iter()
        .map(|(name, text)| Source::calls(name.as_str(), text.as_bytes()));
    let aggregate = CallLog::new(&editions, options)
        .read(sources, &mut |r: Reject| rejects.push(r))
        .unwrap();
    let statements = bill(&aggregate, &editions, &[], &BillOptions::default()).unwrap();
    let rejected = rejects
        .into_iter()
        .map(|r| {
            (
                r.origin.file.to_string(),
                r.origin.line,
                r.field.unwrap_or("").to_owned(),
            )
        })
        .collect();
    (statements, rejected)
}

/// The files loaded into `calls` with their names and line numbers, as a job reads them.
fn load(conn: &Connection, files: &[(String, String)]) {
    conn.execute_batch(
        "CREATE TABLE calls (file TEXT, line INTEGER, time TEXT, account TEXT, channel TEXT,
                             source TEXT, code TEXT, request_id TEXT)",
    )
    .unwrap();
    let mut insert = conn
        .prepare("INSERT INTO calls VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .unwrap();
    for (name, text) in files {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::None)
            .from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |n: &str| header.iter().position(|h| h == n).unwrap();
        let at: Vec<usize> = log::COLUMNS.iter().map(|c| column(c)).collect();
        for record in reader.records() {
            let record = record.unwrap();
            let line = record.position().unwrap().line() as i64;
            let f = |i: usize| record.get(at[i]).unwrap().to_owned();
            insert
                .execute((name, line, f(0), f(1), f(2), f(3), f(4), f(5)))
                .unwrap();
        }
    }
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
    let n = stmt.column_count();
    stmt.query_map([], |row| {
        (0..n)
            .map(|i| {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
                    other => panic!("unexpected value {other:?}"),
                })
            })
            .collect::<Result<Vec<_>, rusqlite::Error>>()
    })
    .unwrap()
    .collect::<Result<Vec<_>, _>>()
    .unwrap()
}

fn through_sql<T: EditionTable>(files: &[(String, String)]) -> (Statements, Rejected, usize) {
    let conn = Connection::open_in_memory().unwrap();
    let script = script::<T>(Dialect::Sqlite);
    for statement in &script.setup {
        conn.execute_batch(&statement.sql).unwrap();
    }
    load(&conn, files);
    conn.execute_batch(&script.view.sql).unwrap();
    let mut usage = csv::Writer::from_writer(Vec::new());
    usage
        .write_record(["account", "day", "channel", "source", "code", "calls"])
        .unwrap();
    let usage_rows = rows(&conn, &script.usage_query.sql);
    for row in &usage_rows {
        usage.write_record(row).unwrap();
    }
    let usage = usage.into_inner().unwrap();
    let editions = Editions::all(T::EDITION);
    let aggregate = CallLog::new(&editions, ReadOptions::default())
        .read(
            [Source::usage("usage.csv", usage.as_slice())],
            &mut |r: Reject| panic!("the usage of the SQL has a bad row: {r}"),
        )
        .unwrap();
    let statements = bill(&aggregate, &editions, &[], &BillOptions::default()).unwrap();
    let rejected = rows(&conn, &script.rejects_query.sql)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap(), r[2].clone()))
        .collect();
    (statements, rejected, usage_rows.len())
}

fn agrees<T: EditionTable>(seed: u64) {
    let lines = log::lines::<T>(seed, 2500);
    let files: Vec<(String, String)> = log::files(&lines, 3)
        .into_iter()
        .enumerate()
        .map(|(i, text)| (format!("calls-{:02}.csv", i + 1), text))
        .collect();
    let (want, want_rejected) = direct(T::EDITION, &files);
    let (got, got_rejected, usage_rows) = through_sql::<T>(&files);
    let edition = T::EDITION;
    let spend = |s: &Statements| -> Vec<(String, i64)> {
        s.accounts
            .iter()
            .map(|a| {
                let fen = a.months.iter().map(|m| m.spend.fen()).sum();
                (a.account.clone(), fen)
            })
            .collect()
    };
    assert_eq!(spend(&got), spend(&want), "{edition}: spend per account");
    assert_eq!(got.accounts, want.accounts, "{edition}");
    assert_eq!(got.spend, want.spend, "{edition}");
    let (w, g) = (want.counts, got.counts);
    assert_eq!(
        (g.billed, g.not_billed),
        (w.billed, w.not_billed),
        "{edition}"
    );
    assert_eq!(got_rejected, want_rejected, "{edition}");
    // The log exercises what it should: repeats, rejects of every field, several accounts
    // and days, and the usage merges calls.
    let fields: BTreeSet<&str> = want_rejected.iter().map(|r| r.2.as_str()).collect();
    for field in ["time", "channel", "code", "source", "request_id"] {
        assert!(fields.contains(field), "{edition}: no {field} reject");
    }
    assert!(
        w.duplicates as usize >= lines.len() / 40,
        "{edition}: {w:?}"
    );
    assert!(w.rejected < w.billed + w.not_billed, "{edition}: {w:?}");
    assert!(want.accounts.len() >= 4, "{edition}");
    assert!(usage_rows < lines.len(), "{edition}");
    assert!(want.spend.fen() > 0, "{edition}");
}

#[test]
fn sqlite_usage_bills_as_bill_does_for_every_edition() {
    for &edition in Edition::ALL {
        with_table!(edition, T => agrees::<T>(7));
    }
}
