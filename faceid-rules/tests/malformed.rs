//! The reader never loses a call: a corpus of malformed call logs (`tests/data/malformed/`,
//! each named for what it breaks), packs and accounts files, each with its documented
//! behaviour — an error naming line and field, or accepted — and, under `--rejects`, the
//! reconciliation `read = billed + not billed + duplicates + rejected`. Then a property: valid logs with
//! bad lines inserted bill exactly as the valid lines alone, and the rejects hold exactly the
//! bad lines.

use std::path::PathBuf;
use std::process::{Command, Output};

mod common;
use common::Scratch;

use faceid_rules::call_log::{CallLog, ReadOptions, Source};
use faceid_rules::engine::write_usage;
use faceid_rules::pipeline::{Aggregate, Editions, Reject};
use faceid_rules::Edition;
use proptest::prelude::*;

fn corpus(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "data",
        "malformed",
        name,
    ]
    .iter()
    .collect();
    path.to_str().unwrap().to_owned()
}

fn bill(file: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
        .args(["bill", file, "--edition", "legacy", "--format", "json"])
        .args(extra)
        .output()
        .unwrap()
}

/// `[read, billed, not_billed, rejected, unknown_code]` under `--rejects`, checking the
/// reconciliation.
fn counts_with_rejects(name: &str) -> [u64; 5] {
    let scratch = Scratch::new(&format!("rejects-{name}"));
    let rejects = scratch.join("rejects.csv");
    let o = bill(&corpus(name), &["--rejects", rejects.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("read"),
        n("billed") + n("not_billed") + n("duplicates") + n("rejected"),
        "{name}"
    );
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        written.lines().count() as u64 - 1,
        n("rejected") + n("duplicates"),
        "{name}: one rejects row per line not billed for its data or its request id"
    );
    [
        n("read"),
        n("billed"),
        n("not_billed"),
        n("rejected"),
        n("unknown_code"),
    ]
}

/// Without `--rejects`: exit 1 and `FILE:LINE: field `FIELD`` (or `FILE:LINE:` when no field).
fn stops_at(name: &str, line: u64, field: Option<&str>) {
    let file = corpus(name);
    let o = bill(&file, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    let at = match field {
        Some(f) => format!("{file}:{line}: field `{f}`: "),
        None => format!("{file}:{line}: "),
    };
    assert!(err.contains(&at), "{name}: expected {at:?} in {err}");
}

#[test]
fn bad_lines_stop_with_line_and_field_or_go_to_rejects() {
    let cases: &[(&str, u64, Option<&str>, [u64; 5])] = &[
        ("missing_field.csv", 3, Some("code"), [2, 1, 0, 1, 0]),
        ("extra_field.csv", 2, None, [1, 0, 0, 1, 0]),
        ("unknown_channel.csv", 2, Some("channel"), [1, 0, 0, 1, 0]),
        ("unknown_source.csv", 2, Some("source"), [1, 0, 0, 1, 0]),
        (
            "source_for_channel_without_one.csv",
            2,
            Some("source"),
            [1, 0, 0, 1, 0],
        ),
        ("source_missing.csv", 2, Some("source"), [1, 0, 0, 1, 0]),
        ("time_24_00.csv", 2, Some("time"), [1, 0, 0, 1, 0]),
        ("time_february_30.csv", 2, Some("time"), [1, 0, 0, 1, 0]),
        ("time_leap_second.csv", 2, Some("time"), [1, 0, 0, 1, 0]),
        ("invalid_utf8.csv", 2, Some("channel"), [2, 1, 0, 1, 0]),
        // The quoted record spans lines 2–3: the bad record after it is line 4.
        (
            "quoted_comma_and_newline.csv",
            4,
            Some("channel"),
            [2, 1, 0, 1, 0],
        ),
        ("ends_inside_quotes.csv", 3, None, [2, 1, 0, 1, 0]),
    ];
    for &(name, line, field, counts) in cases {
        stops_at(name, line, field);
        assert_eq!(counts_with_rejects(name), counts, "{name}");
    }
}

#[test]
fn odd_but_valid_files_are_accepted() {
    let cases: &[(&str, [u64; 5])] = &[
        ("utf8_bom.csv", [1, 1, 0, 0, 0]),
        ("crlf.csv", [2, 2, 0, 0, 0]),
        // Blank lines are not calls and not counted.
        ("empty_lines.csv", [2, 2, 0, 0, 0]),
        ("header_only.csv", [0, 0, 0, 0, 0]),
        ("times_out_of_order.csv", [3, 3, 0, 0, 0]),
        ("ends_without_newline.csv", [1, 1, 0, 0, 0]),
        ("time_without_offset.csv", [1, 1, 0, 0, 0]),
        ("time_utc.csv", [1, 1, 0, 0, 0]),
        ("time_other_offset.csv", [1, 1, 0, 0, 0]),
        // A code the family does not list: not billed, reported as unknown.
        ("unknown_code.csv", [1, 0, 1, 0, 1]),
        // Accounts that a spreadsheet would run as formulas, and accounts with escape codes
        // and a line break: billed as any account (the output escapes or guards them).
        ("account_formula.csv", [4, 4, 0, 0, 0]),
        ("account_escape_codes.csv", [2, 2, 0, 0, 0]),
    ];
    for &(name, counts) in cases {
        let o = bill(&corpus(name), &[]);
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(counts_with_rejects(name), counts, "{name}");
    }
}

#[test]
fn timestamps_fall_in_china_standard_time_months() {
    let month = |name: &str| {
        let v: serde_json::Value =
            serde_json::from_slice(&bill(&corpus(name), &[]).stdout).unwrap();
        v["accounts"][0]["months"][0]["month"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        month("time_without_offset.csv"),
        "2026-10",
        "no offset: China Standard Time"
    );
    assert_eq!(
        month("time_utc.csv"),
        "2026-11",
        "16:00Z on the 31st is 00:00 on November 1 in CST"
    );
    assert_eq!(
        month("time_other_offset.csv"),
        "2026-10",
        "23:30+09:00 is 22:30 CST"
    );
}

#[test]
fn an_empty_file_and_a_duplicate_request_id() {
    let o = bill(&corpus("empty.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected a header line"));
    // A repeated request id is not billed twice, with or without --rejects.
    let o = bill(&corpus("duplicate_request_ids.csv"), &[]);
    assert!(o.status.success());
    assert_eq!(
        counts_with_rejects("duplicate_request_ids.csv"),
        [2, 1, 0, 0, 0]
    );
}

#[test]
fn a_bad_request_id_field_is_a_bad_line_not_a_duplicate() {
    // Lines without the trailing empty `request_id` field: rejected for their field count,
    // so the run stops (exit 1) without --rejects, and nothing is called a duplicate.
    let o = bill(&corpus("request_id_field_missing.csv"), &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("request_id_field_missing.csv:2: field `request_id`: missing"),
        "{e}"
    );
    assert!(!e.contains("repeating a request id"), "{e}");
    assert_eq!(
        counts_with_rejects("request_id_field_missing.csv"),
        [3, 1, 0, 2, 0]
    );
}

#[test]
fn an_unclosed_quote_rejects_its_line_and_the_rest_is_billed() {
    let dir = Scratch::new("unclosed-quote");
    let file = dir.join("unclosed.csv");
    let mut text = String::from("time,account,channel,source,code\n");
    text += "2026-10-01T09:00:00+08:00,1,\"微信小程序,权威库,0\n";
    for _ in 0..5_000 {
        text += "2026-10-01T09:00:00+08:00,1,微信小程序,权威库,0\n";
    }
    std::fs::write(&file, text).unwrap();
    let rejects = dir.join("rejects.csv");
    let o = bill(
        file.to_str().unwrap(),
        &["--rejects", rejects.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(
        (
            s["read"].as_u64(),
            s["billed"].as_u64(),
            s["rejected"].as_u64()
        ),
        (Some(5_001), Some(5_000), Some(1))
    );
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(
        written.contains(",2,,\"a quoted field opens on this line"),
        "{written}"
    );
}

#[test]
fn a_rejected_line_does_not_claim_its_request_id() {
    // The first line's channel is misspelt: it is rejected, and the valid copy after it is
    // billed, not called a duplicate of a line that was never billed.
    assert_eq!(
        counts_with_rejects("rejected_line_keeps_no_id.csv"),
        [2, 1, 0, 1, 0]
    );
}

#[test]
fn years_before_1970_are_not_call_times() {
    let o = bill(&corpus("year_0000.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("year_0000.csv:2: field `time`: \"0000-01-01T09:00:00+08:00\" is not a timestamp: year 0000"), "{e}");
    assert_eq!(counts_with_rejects("year_0000.csv"), [2, 1, 0, 1, 0]);
}

#[test]
fn a_huge_field_is_rejected_and_memory_stays_bounded() {
    let dir = Scratch::new("huge");
    let file = dir.join("huge_field.csv");
    let mut text = String::from("time,channel,source,code\n");
    text += &format!(
        "2026-10-01T09:00:00+08:00,{},权威库,0\n",
        "微".repeat(1 << 19)
    );
    text += "2026-10-02T09:00:00+08:00,微信小程序,权威库,0\n";
    std::fs::write(&file, text).unwrap();
    let o = bill(file.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(":2: "),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rejects = dir.join("rejects.csv");
    let o = bill(
        file.to_str().unwrap(),
        &["--rejects", rejects.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["billed"], 1);
    assert_eq!(v["summary"]["rejected"], 1);
}

#[test]
fn limits_keep_memory_bounded_and_say_how_to_raise_them() {
    let dir = Scratch::new("limits");
    let file = dir.join("calls.csv");
    let mut text = String::from("time,account,channel,source,code,request_id\n");
    for (i, account) in ["a", "b", "c"].iter().enumerate() {
        text += &format!("2026-10-01T09:00:00+08:00,{account},微信小程序,权威库,0,r{i}\n");
    }
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let o = bill(file, &["--max-accounts", "2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(":4: more than 2 distinct accounts; raise --max-accounts"),
        "{err}"
    );
    let o = bill(file, &["--max-request-ids", "2"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("raise --max-request-ids"));
    assert!(bill(file, &["--max-accounts", "3"]).status.success());
    // The limit holds for the run, not for each log: a second log bringing a fourth
    // account is named.
    let second = dir.join("more.csv");
    std::fs::write(
        &second,
        "time,account,channel,source,code\n2026-10-02T09:00:00+08:00,d,微信小程序,权威库,0\n",
    )
    .unwrap();
    let second = second.to_str().unwrap();
    let o = bill(file, &[second, "--max-accounts", "3"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("more.csv: with this file the run has 4 distinct accounts, more than 3"),
        "{err}"
    );
    assert!(bill(file, &[second, "--max-accounts", "4"])
        .status
        .success());
}

fn packs_case(packs: &str, accounts: Option<&str>) -> Output {
    let dir = Scratch::new(&format!("packs-{}", packs.len()));
    let calls = dir.join("calls.csv");
    std::fs::write(
        &calls,
        "time,account,channel,source,code\n2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0\n",
    )
    .unwrap();
    let packs_path = dir.join("packs.csv");
    std::fs::write(&packs_path, packs).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faceid-rules"));
    cmd.args([
        "bill",
        calls.to_str().unwrap(),
        "--packs",
        packs_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    match accounts {
        Some(text) => {
            let path = dir.join("accounts.csv");
            std::fs::write(&path, text).unwrap();
            cmd.args(["--accounts", path.to_str().unwrap()]);
        }
        None => {
            cmd.args(["--edition", "legacy"]);
        }
    }
    cmd.output().unwrap()
}

#[test]
fn bad_packs_and_accounts_files_are_errors_with_line_and_field() {
    let header = "id,account,label,size,purchased,kind\n";
    let cases = [
        (format!("{header}p1,a,没有这个标签,1000,2026-10-01,purchased\n"), ":2: field `label`"),
        (format!("{header}p1,a,基础版人脸核身(权威库),0,2026-10-01,purchased\n"), ":2: field `size`"),
        (
            format!("{header}p1,a,基础版人脸核身(权威库),1000,2026-10-01,gift\np1,a,基础版人脸核身(权威库),1000,2026-10-02,gift\n"),
            ":3: field `id`",
        ),
        (format!("{header}p1,a,基础版人脸核身(权威库),1000,2026-10-01,bought\n"), ":2: field `kind`"),
        // A thousands separator out of place is not ten yuan.
        (
            "id,account,label,size,purchased,kind,price\np1,a,基础版人脸核身(权威库),1000,2026-10-01,purchased,\"1,0\"\n".to_owned(),
            ":2: field `price`: \"1,0\" is not an amount of yuan: a thousands separator out of place",
        ),
    ];
    for (packs, expected) in cases {
        let o = packs_case(&packs, None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{packs}: {err}");
        assert!(err.contains(expected), "{expected} in {err}");
    }
    // A pack bought after the month billed does not cover it and is not spent in it.
    let later = format!("{header}p1,a,增强版人脸核身(权威库)-微信,1000,2026-12-01,purchased\n");
    let o = packs_case(&later, None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["accounts"][0]["months"][0]["lines"][0]["from_packs"], 0);
    // An account the accounts file does not list has no edition: an error naming it.
    let o = packs_case(header, Some("account,opened\nb,2020-01-01\n"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("field `account`: account \"a\" is not in the accounts file"));
}

/// The usage of a log, as the usage file format (for comparing aggregates).
fn usage_text(a: &Aggregate) -> String {
    let mut out = Vec::new();
    write_usage(a.usage::<faceid_rules::legacy::Table>(), &mut out).unwrap();
    write_usage(a.usage::<faceid_rules::monthly::Table>(), &mut out).unwrap();
    write_usage(a.usage::<faceid_rules::daily::Table>(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn read(log: &str) -> (Aggregate, Vec<u64>) {
    let mut lines = Vec::new();
    let editions = Editions::all(Edition::Legacy);
    let options = ReadOptions {
        keep_going: true,
        ..ReadOptions::default()
    };
    let aggregate = CallLog::new(&editions, options)
        .read(
            [Source::calls("calls.csv", log.as_bytes())],
            &mut |r: Reject| lines.push(r.origin.line),
        )
        .unwrap();
    (aggregate, lines)
}

const VALID: &[&str] = &[
    "2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0",
    "2026-10-02T10:00:00+08:00,a,微信原生 H5,上传照片,2010",
    "2026-10-03T11:00:00,b,活体人脸核身 API,,Success",
    "2026-10-31T16:30:00Z,b,LivenessCompare,,FailedOperation.CompareFail",
    "2026-10-05T09:00:00+08:00,a,银行卡三要素,,-5",
    "2026-10-06T09:00:00+08:00,c,E证通,权威库,424242",
];

const BAD: &[&str] = &[
    "2026-10-01T09:00:00+08:00,a,微信小成序,权威库,0",
    "2026-13-01T09:00:00+08:00,a,微信小程序,权威库,0",
    "2026-10-01T09:00:00+08:00,a,微信小程序,,0",
    "2026-10-01T09:00:00+08:00,a,银行卡三要素,权威库,0",
    "2026-10-01T09:00:00+08:00,a,微信小程序",
    "2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0,extra",
    ",a,微信小程序,权威库,0",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn bad_lines_change_nothing_but_the_rejects(
        valid in prop::collection::vec(0..VALID.len(), 0..40),
        bad in prop::collection::vec((0..BAD.len(), any::<prop::sample::Index>()), 0..10),
    ) {
        let header = "time,account,channel,source,code";
        let clean: Vec<&str> = valid.iter().map(|&i| VALID[i]).collect();
        let mut mixed: Vec<(&str, bool)> = clean.iter().map(|&l| (l, false)).collect();
        for &(b, at) in &bad {
            let pos = at.index(mixed.len() + 1);
            mixed.insert(pos, (BAD[b], true));
        }
        let text = |lines: &[&str]| format!("{header}\n{}\n", lines.join("\n"));
        let (expected, none) = read(&text(&clean));
        prop_assert!(none.is_empty());
        let (got, rejected) = read(&text(&mixed.iter().map(|l| l.0).collect::<Vec<_>>()));
        prop_assert_eq!(usage_text(&got), usage_text(&expected));
        let bad_lines: Vec<u64> = mixed
            .iter()
            .enumerate()
            .filter(|(_, l)| l.1)
            .map(|(i, _)| i as u64 + 2)
            .collect();
        prop_assert_eq!(rejected, bad_lines);
        let counts = got.counts().unwrap();
        prop_assert_eq!(counts.read, (clean.len() + bad.len()) as u64);
        prop_assert!(counts.balanced(), "{:?}", counts);
    }
}
