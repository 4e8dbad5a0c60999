//! `faceid-rules sql` prints the generated script of the edition and dialect asked for.

use std::process::Command;

fn sql(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
        .arg("sql")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn prints_each_dialect_and_refuses_unknown_ones() {
    let sqlite =
        String::from_utf8(sql(&["--dialect", "sqlite", "--edition", "legacy"]).stdout).unwrap();
    assert!(
        sqlite.contains("计费概述（旧）") && sqlite.contains("CREATE TABLE channel_names"),
        "{sqlite}"
    );
    let duckdb =
        String::from_utf8(sql(&["--dialect", "duckdb", "--opened", "2022-03-01"]).stdout).unwrap();
    assert!(duckdb.contains("计费概述（new）") && duckdb.contains("CREATE OR REPLACE TABLE"));
    // Without an edition: the newest, that of an account opening today.
    let ansi = String::from_utf8(sql(&[]).stdout).unwrap();
    assert!(ansi.contains("价格说明（日结）"), "{ansi}");
    let o = sql(&["--dialect", "oracle"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("expected one of ansi, clickhouse, duckdb, spark, sqlite"));
}
