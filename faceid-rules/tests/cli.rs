//! End-to-end: the built `faceid-rules` command on small files — every command and format,
//! the documents' worked examples, bad input, rejects, duplicates, usage files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
}

/// A scratch directory for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("faceid-rules-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// `n` calls of one channel on 2026-10 days, code as given.
fn log(n: usize, channel: &str, source: &str, code: &str) -> String {
    let mut text = String::from("time,channel,source,code\n");
    for i in 0..n {
        text += &format!(
            "2026-10-{:02}T09:{:02}:00+08:00,{channel},{source},{code}\n",
            1 + i % 28,
            i % 60
        );
    }
    text
}

fn month0(v: &serde_json::Value) -> &serde_json::Value {
    &v["accounts"][0]["months"][0]
}

/// Reconciliation in every JSON statement: read = billed + not billed + rejected.
fn reconciles(v: &serde_json::Value) {
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("read"),
        n("billed") + n("not_billed") + n("rejected"),
        "{s}"
    );
}

#[test]
fn worked_example_photo_verification_3000_calls() {
    let d = dir("photo");
    let calls = write(
        &d,
        "calls.csv",
        &log(3_000, "照片人脸核身 API", "", "Success"),
    );
    let v = json(&run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--format",
        "json",
    ]));
    assert_eq!(month0(&v)["postpaid_total"], "2550.00");
    assert_eq!(month0(&v)["lines"][0]["unit_price"], "0.85");
    reconciles(&v);
}

#[test]
fn worked_example_liveness_compare_20000_calls() {
    let d = dir("compare");
    let calls = write(
        &d,
        "calls.csv",
        &log(20_000, "活体人脸比对 API", "", "Success"),
    );
    let v = json(&run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--format",
        "json",
    ]));
    assert_eq!(month0(&v)["postpaid_total"], "2200.00");
}

#[test]
fn worked_example_pack_then_postpaid() {
    let d = dir("pack");
    let calls = write(
        &d,
        "calls.csv",
        &log(15_000, "活体人脸核身 API", "", "Success"),
    );
    let packs = write(
        &d,
        "packs.csv",
        "id,account,label,size,purchased,kind\np1,,基础版人脸核身（权威库）,10000,2026-10-01,purchased\n",
    );
    let v = json(&run(&[
        "bill",
        &calls,
        "--packs",
        &packs,
        "--edition",
        "legacy",
        "--format",
        "json",
    ]));
    let m = month0(&v);
    assert_eq!(m["lines"][0]["from_packs"], 10_000);
    assert_eq!(m["lines"][0]["postpaid"], 5_000);
    assert_eq!(m["postpaid_total"], "4250.00");
    assert_eq!(m["packs_bought"][0]["price"], "8000.00");
    assert_eq!(m["spend"], "12250.00");
}

#[test]
fn the_bundled_sample_bills_and_reconciles() {
    let o = run(&["bill", "--format", "json"]);
    assert!(
        stderr(&o).contains("billing the bundled sample"),
        "{}",
        stderr(&o)
    );
    let v = json(&o);
    reconciles(&v);
    // Independently of the engine: calls read = call lines + usage calls.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample/");
    let calls = std::fs::read_to_string(format!("{data}calls.csv")).unwrap();
    let usage = std::fs::read_to_string(format!("{data}usage.csv")).unwrap();
    let usage_calls: u64 = usage
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(
        v["summary"]["read"].as_u64().unwrap(),
        (calls.lines().count() - 1) as u64 + usage_calls
    );
    // The large account: its billed calls (code 0) all postpaid at the contract price 0.32,
    // past 20万 where the list says 联系商务.
    let billed: u64 = usage
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(4) == Some("0"))
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    let big = v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "1250000009")
        .unwrap();
    let line = &big["months"][0]["lines"][0];
    assert_eq!(line["postpaid"].as_u64().unwrap(), billed);
    assert_eq!(line["tier"]["range"], "20万及以上");
    assert_eq!(
        line["amount"],
        format!("{}.{:02}", billed * 32 / 100, billed * 32 % 100)
    );
    // Every line type: packs used, bought, expired, used up; not billed and unknown codes.
    let text = stdout(&run(&["bill"]));
    for needle in [
        "gift-01",
        "pk-basic-01",
        "used up",
        "expired",
        "not billed:",
        "unknown code:",
        "Summary:",
    ] {
        assert!(
            text.contains(needle),
            "{needle} missing from the sample statement"
        );
    }
}

#[test]
fn an_unknown_channel_stops_with_line_field_and_suggestion() {
    let d = dir("unknown");
    let calls = write(
        &d,
        "calls.csv",
        "time,channel,source,code\n2026-10-01T09:00:00+08:00,微信小程序,权威库,0\n2026-10-01T09:00:00+08:00,微信小成序,权威库,0\n",
    );
    let o = run(&["bill", &calls, "--edition", "legacy"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "{calls}:3: field `channel`: unknown channel \"微信小成序\"; did you mean \"微信小程序\"?"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["bill", "--no-such-option"]).status.code(), Some(2));
    assert_eq!(run(&["plan", "--label", "x"]).status.code(), Some(2));
    let o = run(&["bill", "x.csv", "--contract-price", "not-a-price"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_column_is_reported_once_from_the_header() {
    let d = dir("column");
    let calls = write(
        &d,
        "calls.csv",
        "time,chanel,code\n2026-10-01T09:00:00+08:00,微信小程序,0\n",
    );
    let o = run(&["bill", &calls, "--edition", "legacy"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("channel") && e.contains("chanel"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
}

#[test]
fn bom_crlf_quotes_and_any_column_order_are_accepted() {
    let d = dir("bom");
    let text = "\u{feff}code,extra,source,channel,time\r\n0,\"a, b\",跟权威库比对,\"微信小程序\",2026-10-01T09:00:00+08:00\r\n";
    let calls = write(&d, "calls.csv", text);
    let v = json(&run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--format",
        "json",
    ]));
    assert_eq!(v["summary"]["billed"], 1);
}

#[test]
fn rejects_keep_every_line_accounted_for() {
    let d = dir("rejects");
    let calls = write(
        &d,
        "calls.csv",
        "time,channel,source,code\n\
         2026-10-01T09:00:00+08:00,微信小程序,权威库,0\n\
         2026-13-01T09:00:00+08:00,微信小程序,权威库,0\n\
         2026-10-02T09:00:00+08:00,没有这个渠道,,0\n\
         2026-10-03T09:00:00+08:00,微信小程序,,0\n\
         2026-10-03T09:00:00+08:00,微信小程序,上传照片,2007\n\
         2026-10-03T09:00:00+08:00,微信小程序,上传照片,424242\n",
    );
    let rejects = d.join("rejects.csv");
    let o = run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--format",
        "json",
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    let v = json(&o);
    reconciles(&v);
    assert_eq!(v["summary"]["read"], 6);
    assert_eq!(v["summary"]["rejected"], 3);
    assert_eq!(v["summary"]["unknown_code"], 1);
    let written = std::fs::read_to_string(rejects).unwrap();
    assert_eq!(written.lines().count(), 4, "{written}");
    assert!(written.contains(",3,time,"), "{written}");
    assert!(written.contains(",5,source,"), "{written}");
}

#[test]
fn a_repeated_request_id_is_billed_once() {
    let d = dir("dup");
    let calls = write(
        &d,
        "calls.csv",
        "time,channel,source,code,request_id\n\
         2026-10-01T09:00:00+08:00,微信小程序,权威库,0,r1\n\
         2026-10-01T09:00:00+08:00,微信小程序,权威库,0,r1\n\
         2026-10-01T09:00:01+08:00,微信小程序,权威库,0,r2\n",
    );
    let o = run(&["bill", &calls, "--edition", "legacy", "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["summary"]["billed"], 2);
    assert_eq!(v["summary"]["duplicates"], 1);
    assert!(stderr(&o).contains("already billed at"), "{}", stderr(&o));
    reconciles(&v);
}

#[test]
fn month_filter_and_stdin() {
    let mut text = log(3, "微信小程序", "权威库", "0");
    text += "2026-11-02T09:00:00+08:00,微信小程序,权威库,0\n";
    let mut child = bin()
        .args([
            "bill",
            "-",
            "--edition",
            "legacy",
            "--month",
            "2026-11",
            "--format",
            "csv",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let out = stdout(&o);
    assert!(o.status.success());
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .contains(",2026-11,活体人脸核身,"),
        "{out}"
    );
}

#[test]
fn billing_usage_made_in_parts_equals_billing_the_log() {
    let d = dir("parts");
    let a = log(1_500, "微信小程序", "权威库", "0");
    let b = log(700, "银行卡三要素", "", "-5");
    let whole = write(
        &d,
        "whole.csv",
        &(a.clone()
            + b.lines()
                .skip(1)
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .as_str()),
    );
    let pa = write(&d, "a.csv", &a);
    let pb = write(&d, "b.csv", &b);
    let ua = d.join("ua.csv");
    let ub = d.join("ub.csv");
    for (part, out) in [(&pa, &ua), (&pb, &ub)] {
        let o = run(&[
            "usage",
            part,
            "--edition",
            "legacy",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let direct = run(&["bill", &whole, "--edition", "legacy", "--format", "json"]);
    let merged = run(&[
        "bill",
        "--usage",
        ub.to_str().unwrap(),
        "--usage",
        ua.to_str().unwrap(),
        "--edition",
        "legacy",
        "--format",
        "json",
    ]);
    assert_eq!(json(&direct)["accounts"], json(&merged)["accounts"]);
}

#[test]
fn classify_explains_the_dated_rule() {
    let o = run(&[
        "classify",
        "--channel",
        "微信小程序",
        "--source",
        "权威库",
        "--code",
        "2010",
        "--at",
        "2021-07-19T10:00:00",
        "--opened",
        "2020-01-01",
        "--format",
        "json",
    ]);
    let v = json(&o);
    assert_eq!(v["edition"], "legacy");
    assert_eq!(v["postpaid_label"], "活体人脸核身");
    assert_eq!(v["prepaid_label"], "增强版人脸核身(权威库)-微信");
    assert_eq!(v["billed"], false);
    assert!(
        v["reason"].as_str().unwrap().contains("since 2021-07-19"),
        "{v}"
    );
    let text = stdout(&run(&[
        "classify",
        "--channel",
        "LivenessCompare",
        "--code",
        "Success",
        "--edition",
        "legacy",
    ]));
    assert!(
        text.contains("活体人脸比对") && text.contains("true"),
        "{text}"
    );
}

#[test]
fn plan_beats_largest_pack_first() {
    let v = json(&run(&[
        "plan",
        "--label",
        "基础版人脸核身（权威库）",
        "--calls",
        "9500",
        "--months",
        "1",
        "--edition",
        "legacy",
        "--postpaid",
        "活体人脸核身",
        "--format",
        "json",
    ]));
    assert_eq!(v["packs"][0]["size"], 10_000);
    assert_eq!(v["total"], "8000.00");
    assert_eq!(v["label"], "基础版人脸核身(权威库)");
    // 活体人脸核身 and 照片人脸核身 share the pack and are priced alike: either serves.
    let text = stdout(&run(&[
        "plan",
        "--label",
        "基础版人脸核身（权威库）",
        "--calls",
        "9500",
        "--edition",
        "legacy",
    ]));
    assert!(
        text.contains("1万次") || text.contains("10,000次"),
        "{text}"
    );
}

#[test]
fn table_renders_every_format() {
    let md = stdout(&run(&["table"]));
    assert!(
        md.contains("## 增强版人脸核身") && md.contains("| 20万及以上 | 联系商务 |"),
        "{md}"
    );
    let html = stdout(&run(&["table", "--edition", "current", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("rowspan"));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["table", "--format", "json"]))).unwrap();
    assert_eq!(v["edition"], "legacy");
}

#[test]
fn help_explains_every_subcommand_with_an_example() {
    for sub in ["bill", "usage", "classify", "plan", "table"] {
        let text = stdout(&run(&[sub, "--help"]));
        assert!(text.contains("Example"), "{sub} --help has no example");
    }
}
