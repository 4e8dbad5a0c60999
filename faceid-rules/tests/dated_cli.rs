//! End-to-end: the command on dated tables — `table --on`, `changes`, `diff`, the one rule
//! that picks an edition, and bills priced with what was in force on each call's day.

use std::path::Path;
use std::process::{Command, Output};

mod common;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).expect("JSON on stdout")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn table_on_a_day_shows_what_was_in_force_in_every_format() {
    // Legacy, the day before and the day of the WeChat labels.
    let before = stdout(&run(&[
        "table",
        "--edition",
        "legacy",
        "--on",
        "2021-01-31",
    ]));
    let after = stdout(&run(&[
        "table",
        "--edition",
        "legacy",
        "--on",
        "2021-02-01",
    ]));
    assert!(!before.contains("微信活体人脸核身"), "{before}");
    assert!(before.contains("As in force on 2021-01-31."), "{before}");
    assert!(
        after.contains("| 跟权威库比对 | 微信活体人脸核身 | 微信活体人脸核身 |"),
        "{after}"
    );
    let html = stdout(&run(&[
        "table",
        "--edition",
        "legacy",
        "--on",
        "2021-02-01",
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("微信活体人脸核身"));
    // An account opened in 2022 is monthly; the 三要素 packs go on sale at 10:00.
    let at = |time: &str| {
        json(&run(&[
            "table",
            "--opened",
            "2022-03-01",
            "--on",
            time,
            "--format",
            "json",
        ]))
    };
    let packs = |v: &serde_json::Value| {
        v["prepaid"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["label"] == "手机号信息核验（三要素）")
            .unwrap()["packs"]
            .as_array()
            .unwrap()
            .len()
    };
    let early = at("2022-01-04 09:59:59");
    assert_eq!(early["edition"], "monthly");
    assert_eq!(packs(&early), 0);
    let ten = at("2022-01-04 10:00:00");
    assert_eq!(ten["on"], "2022-01-04 10:00");
    assert_eq!(packs(&ten), 4);
    // A day before the edition's first account opened is refused.
    let o = run(&["table", "--edition", "daily", "--on", "2022-05-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "2022-05-01: the daily edition bills accounts opened on or after 2023-01-04, and none had opened yet"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn changes_lists_every_dated_change_with_its_source() {
    let all = stdout(&run(&["changes"]));
    for heading in [
        "legacy · 计费概述（旧）",
        "monthly · 计费概述（new）",
        "daily · 价格说明（日结）",
    ] {
        assert!(all.contains(heading), "{heading} in {all}");
    }
    assert!(all.contains("no dated changes"), "{all}");
    let monthly = stdout(&run(&["changes", "--edition", "monthly"]));
    assert!(!monthly.contains("legacy ·"), "{monthly}");
    let split = monthly
        .lines()
        .find(|l| l.contains("手机号信息核验（三要素）") && l.contains("flat ¥1.10"))
        .unwrap_or_else(|| panic!("{monthly}"));
    assert!(split.trim_start().starts_with("2022-01-01"), "{split}");
    assert!(
        split.ends_with("手机号要素核验服务变更说明 @1b16bbcb"),
        "{split}"
    );
    assert!(monthly.contains("2022-01-04 10:00"), "{monthly}");
    // --opened picks the edition by the rule; JSON gives each change's document.
    let v = json(&run(&[
        "changes",
        "--opened",
        "2020-03-15",
        "--format",
        "json",
    ]));
    let editions = v.as_array().unwrap();
    assert_eq!(editions.len(), 1);
    assert_eq!(editions[0]["edition"], "legacy");
    let changes = editions[0]["changes"].as_array().unwrap();
    let wechat = changes
        .iter()
        .find(|c| c["subject"] == "微信活体人脸核身" && c["kind"] == "postpaid label")
        .unwrap();
    assert_eq!(wechat["at"], "2021-02-01");
    assert_eq!(wechat["per"]["commit"], "e50aa444");
    assert_eq!(
        wechat["per"]["url"],
        "https://cloud.tencent.com/document/product/1007/51350"
    );
    let days: Vec<&str> = changes.iter().map(|c| c["at"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
}

#[test]
fn diff_compares_two_days_or_two_editions_label_by_label() {
    let split = stdout(&run(&["diff", "monthly@2021-12-31", "monthly@2022-01-01"]));
    assert!(
        split.starts_with(
            "--- monthly on 2021-12-31 (计费概述（new）)\n+++ monthly on 2022-01-01 (计费概述（new）)\n"
        ),
        "{split}"
    );
    assert!(
        split.contains("  postpaid label 手机号信息核验（三要素）\n    + ¥1.10 a call\n"),
        "{split}"
    );
    assert!(
        split.contains(
            "  channel 手机号三要素核验\n    - 手机号信息核验 / 手机号信息核验\n    + 手机号信息核验（三要素） / 手机号信息核验（三要素）\n"
        ),
        "{split}"
    );
    // Two editions on one day: the tiers of 月结 against the flat prices of 日结.
    let v = json(&run(&[
        "diff",
        "monthly",
        "daily",
        "--on",
        "2023-05-10",
        "--format",
        "json",
    ]));
    assert_eq!(v["from"]["edition"], "monthly");
    assert_eq!(v["to"]["on"], "2023-05-10");
    let differences = v["differences"].as_array().unwrap();
    let bank = differences
        .iter()
        .find(|d| d["subject"] == "银行卡信息核验" && d["kind"] == "postpaid label")
        .unwrap();
    assert_eq!(bank["to"], "¥0.40 a call");
    assert!(bank["from"]
        .as_str()
        .unwrap()
        .contains("1000≤调用量<1万 ¥0.38"));
    // A table does not differ from itself; a side on a day before its edition is refused.
    let same = stdout(&run(&["diff", "legacy", "legacy", "--on", "2021-03-01"]));
    assert!(same.ends_with("\nno differences\n"), "{same}");
    let o = run(&["diff", "monthly", "daily", "--on", "2022-05-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the daily edition bills accounts opened on or after 2023-01-04"));
    let o = run(&["diff", "current", "daily"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`current` is no longer an edition"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_rule_picks_the_edition_of_every_command() {
    // Without an account: the newest edition, daily.
    for args in [
        vec!["table", "--format", "json"],
        vec![
            "classify",
            "--channel",
            "银行卡三要素",
            "--code",
            "0",
            "--format",
            "json",
        ],
    ] {
        assert_eq!(json(&run(&args))["edition"], "daily", "{args:?}");
    }
    let plan = json(&run(&[
        "plan",
        "--label",
        "银行卡信息核验",
        "--calls",
        "5000",
        "--format",
        "json",
    ]));
    // Daily: 0.40 a call, so 5,000 postpaid calls would cost 2,000.
    assert_eq!(plan["all_postpaid_total"], "2000.00");
    // By the day an account opened, from the editions' ranges.
    for (opened, edition) in [
        ("2021-06-21", "legacy"),
        ("2021-06-22", "monthly"),
        ("2023-01-03", "monthly"),
        ("2023-01-04", "daily"),
    ] {
        let v = json(&run(&["table", "--opened", opened, "--format", "json"]));
        assert_eq!(v["edition"], edition, "{opened}");
    }
    // Each command's --help states the rule.
    for sub in ["table", "sql", "plan", "classify"] {
        let help = stdout(&run(&[sub, "--help"]));
        assert!(
            help.contains(
                "without it the newest, daily (that of an account opening Face ID today)"
            ),
            "{sub}: {help}"
        );
        assert!(
            help.contains("Accounts opened from 2021-06-22 before 2023-01-04, settled monthly"),
            "{sub}: {help}"
        );
    }
    for sub in ["bill", "usage", "reconcile"] {
        let help = stdout(&run(&[sub, "--help"]));
        assert!(
            help.contains("selects its edition (see --edition's values)"),
            "{sub}: {help}"
        );
        assert!(help.contains("no edition is guessed"), "{sub}: {help}");
    }
}

#[test]
fn a_bill_prices_each_call_with_what_was_in_force_on_its_day() {
    // The documents' case: an account opened in 2022 makes 30,000 calls of 手机号三要素核验
    // in May 2022 — 1.10 a call since 2022-01-01, 33,000; an account opened in 2023 makes
    // 5,000 bank-card calls — 日结, 0.40 a call, 2,000.
    let d = common::Scratch::new("dated-bill");
    let mut log = String::from("time,account,channel,source,code\n");
    for i in 0..30_000 {
        log += &format!(
            "2022-05-{:02}T10:{:02}:00+08:00,a2022,手机号三要素核验,,0\n",
            1 + i % 31,
            i % 60
        );
    }
    for i in 0..5_000 {
        log += &format!(
            "2023-05-{:02}T10:00:00+08:00,a2023,银行卡三要素,,0\n",
            1 + i % 31
        );
    }
    let calls = write(&d, "calls.csv", &log);
    let accounts = write(
        &d,
        "accounts.csv",
        "account,opened\na2022,2022-03-01\na2023,2023-02-01\n",
    );
    let v = json(&run(&[
        "bill",
        &calls,
        "--accounts",
        &accounts,
        "--format",
        "json",
    ]));
    let account = |id: &str| {
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == id)
            .unwrap()
            .clone()
    };
    let a = account("a2022");
    assert_eq!(a["edition"], "monthly");
    let m = &a["months"][0];
    assert_eq!(m["lines"][0]["postpaid_label"], "手机号信息核验（三要素）");
    assert_eq!(m["spend"], "33000.00");
    let b = account("a2023");
    assert_eq!(b["edition"], "daily");
    assert_eq!(b["months"][0]["spend"], "2000.00");
    assert_eq!(b["months"][0]["bill_window"]["from"], "2023-05-02");
    let text = stdout(&run(&["bill", &calls, "--accounts", &accounts]));
    assert!(
        text.contains("a2023 · daily edition (价格说明（日结）) · 2023-05 · daily bills issued 2023-05-02 to 2023-06-01"),
        "{text}"
    );
    // A channel the documents dropped is an error naming the day.
    let dropped = write(
        &d,
        "dropped.csv",
        "time,account,channel,source,code\n2023-02-01T10:00:00+08:00,a2022,独立 H5,权威库,0\n",
    );
    let o = run(&["bill", &dropped, "--accounts", &accounts]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "field `channel`: channel \"独立 H5\" is not in the monthly table on 2023-02-01: it is no longer listed from 2023-01-04"
        ),
        "{}",
        stderr(&o)
    );
}
