//! End-to-end: Tencent's own numbers. `bill`, `usage` and `reconcile` read saved
//! `GetWeChatBillDetails` responses; `reconcile` compares the bill with Tencent's detail
//! bill (DescribeBillDetail JSON, or the console's CSV).
//!
//! The fixtures in `tests/data/tencent/` are written from the SDK field docs: no real
//! customer data exists (see the README there).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

use faceid_rules::call_log::{CallLog, Discard, ReadOptions, Source};
use faceid_rules::input::read_packs;
use faceid_rules::input::tencent_bill::{read_tencent_bill, write_csv, write_json};
use faceid_rules::pipeline::Editions;
use faceid_rules::reconcile::{expected_bill, reconcile, ReconcileOptions, Verdict};
use faceid_rules::{bill, BillOptions, Edition};

mod common;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tencent")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `reconcile` of the fixture pages given against `bill`, with the fixture rules.
fn reconcile_cli(pages: &[&str], bill: &str, extra: &[&str]) -> Output {
    let pages: Vec<String> = pages.iter().map(|p| data(p)).collect();
    let (rules, bill) = (data("rules.csv"), data(bill));
    let mut args: Vec<&str> = vec!["reconcile"];
    args.extend(pages.iter().map(String::as_str));
    args.extend([
        "--rules",
        &rules,
        "--edition",
        "monthly",
        "--tencent-bill",
        &bill,
    ]);
    args.extend(extra);
    run(&args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", out(o), err(o)))
}

#[test]
fn a_month_that_matches_exits_0() {
    let o = reconcile_cli(&["details-page-1.json"], "bill-match.csv", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let text = out(&o);
    assert!(
        text.contains("Summary: 2 lines: 2 match, 0 calls differ"),
        "{text}"
    );
    assert!(
        text.contains("5 calls read = 3 billed + 2 not billed + 0 duplicates + 0 rejected"),
        "{text}"
    );
    // The CVM row of the same bill is left out, and said so.
    assert!(
        err(&o).contains("1 rows of other products than 人脸核身"),
        "{}",
        err(&o)
    );
    let doc = json(&reconcile_cli(
        &["details-page-1.json"],
        "bill-match.csv",
        &["--format", "json"],
    ));
    assert_eq!(doc["all_match"], true);
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["label"], "增强版人脸核身（权威库）-微信");
    assert_eq!(lines[0]["tencent"]["calls"], 2);
    assert_eq!(lines[0]["ours"]["amount"], "2.40");
    assert_eq!(lines[0]["verdict"], "match");
    assert_eq!(lines[0]["period"], "2026-10");
    let csv = out(&reconcile_cli(
        &["details-page-1.json"],
        "bill-match.csv",
        &["--format", "csv"],
    ));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[1].starts_with("1250000001,2026-10,postpaid,增强版人脸核身（权威库）-微信,2,2.40,2,2.40,0,0.00,1.20,1.20,match,"), "{csv}");
}

#[test]
fn tencent_charging_a_retry_the_table_does_not_bill_is_found_twice() {
    let o = reconcile_cli(
        &["details-page-1.json", "details-page-2.jsonl"],
        "bill-retry.csv",
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let doc = json(&o);
    assert_eq!(doc["all_match"], false);
    // The bill: one call more than the table bills, at ¥1.20.
    let line = &doc["lines"][0];
    assert_eq!(line["verdict"], "calls_differ");
    assert_eq!(line["calls_difference"], 1);
    assert_eq!(line["amount_difference"], "1.20");
    // The call: Tencent charged Seq 0007 (code 2010), which the table does not bill.
    let d = &doc["disagreements"].as_array().unwrap()[..];
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["seq"], "5fe1b0c2-0007");
    assert_eq!(d[0]["code"], "2010");
    assert_eq!(d[0]["at"], "2026-10-02T09:01:00+08:00");
    assert_eq!(
        (
            d[0]["table_billed"].as_bool(),
            d[0]["tencent_charged"].as_bool()
        ),
        (Some(false), Some(true))
    );
    assert_eq!(
        d[0]["entry"],
        "DetectAuth（Plus 版）: code 2010 not billed since 2021-07-19"
    );
    assert!(
        d[0]["source"]
            .as_str()
            .unwrap()
            .starts_with("计费概述（new） (doc 56803)"),
        "{}",
        d[0]["source"]
    );
    assert_eq!(
        d[0]["place"],
        format!(
            "{}:1 WeChatBillDetails[0].ChargeDetails[1]",
            data("details-page-2.jsonl")
        )
    );
    // Every call read is accounted for: page 1's first flow, saved again, is a duplicate.
    let calls = &doc["calls"];
    assert_eq!(
        (
            calls["read"].as_u64(),
            calls["billed"].as_u64(),
            calls["not_billed"].as_u64(),
            calls["duplicates"].as_u64(),
            calls["rejected"].as_u64()
        ),
        (Some(8), Some(4), Some(3), Some(1), Some(0))
    );
    let table = reconcile_cli(
        &["details-page-1.json", "details-page-2.jsonl"],
        "bill-retry.csv",
        &[],
    );
    let text = out(&table);
    assert!(
        text.contains("Calls where Tencent's IsNeedCharge disagrees with the table: 1"),
        "{text}"
    );
    assert!(
        err(&table).contains("Tencent's bill differs: 1 of 2 lines"),
        "{}",
        err(&table)
    );
}

#[test]
fn a_price_that_differs() {
    let o = reconcile_cli(
        &["details-page-1.json"],
        "bill-price.json",
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let doc = json(&o);
    let line = &doc["lines"][0];
    assert_eq!(line["verdict"], "price_differs");
    assert_eq!(line["calls_difference"], 0);
    assert_eq!(
        (
            line["tencent"]["amount"].as_str(),
            line["ours"]["amount"].as_str()
        ),
        (Some("3.00"), Some("2.40"))
    );
    assert_eq!(
        (
            line["tencent_unit_price"].as_str(),
            line["our_unit_price"].as_str()
        ),
        (Some("1.50"), Some("1.20"))
    );
    assert_eq!(doc["lines"][1]["verdict"], "match");
}

#[test]
fn a_label_the_table_does_not_know() {
    let o = reconcile_cli(&["details-page-1.json"], "bill-unknown-label.csv", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("刷脸支付核身"), "{text}");
    assert!(
        text.contains("label unknown to the table: \"刷脸支付核身\""),
        "{text}"
    );
    assert!(
        text.contains("the monthly table has no postpaid label of that name or alias"),
        "{text}"
    );
    assert!(text.contains("1 label unknown to the table"), "{text}");
}

#[test]
fn pack_deductions_and_purchases_are_matched_against_the_ledger() {
    let packs = data("packs.csv");
    let o = reconcile_cli(
        &["details-page-1.json"],
        "bill-packs.json",
        &["--packs", &packs, "--from", "2026-09", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let doc = json(&o);
    let kinds: Vec<(String, String, u64)> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["period"].as_str().unwrap().to_owned(),
                l["kind"].as_str().unwrap().to_owned(),
                l["ours"]["calls"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("2026-09".to_owned(), "packs_bought".to_owned(), 1),
            ("2026-10".to_owned(), "postpaid".to_owned(), 1),
            ("2026-10".to_owned(), "from_packs".to_owned(), 2),
        ]
    );
    // Without the packs, the ledger covers nothing: Tencent's deductions are calls we bill
    // postpaid.
    let o = reconcile_cli(
        &["details-page-1.json"],
        "bill-packs.json",
        &["--from", "2026-09", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    let verdicts: Vec<&str> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        ["calls_differ", "calls_differ", "match", "calls_differ"]
    );
}

#[test]
fn bad_input_exits_2_and_says_what_was_expected() {
    let o = reconcile_cli(&["details-page-1.json"], "bill-bad-layout.csv", &[]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(
        e.contains("bill-bad-layout.csv:1: not a Tencent detail bill"),
        "{e}"
    );
    assert!(
        e.contains("expected the columns 产品名称 (BusinessCodeName), 使用者UIN (OwnerUin)"),
        "{e}"
    );
    assert!(e.contains("columns found: 日期, 金额"), "{e}");
    assert!(out(&o).is_empty());
    // A response cut short, and a RuleId no rule describes.
    let dir = common::Scratch::new("reconcile-bad");
    let cut = dir.join("cut.json");
    let page = std::fs::read_to_string(data("details-page-1.json")).unwrap();
    std::fs::write(&cut, &page[..page.len() / 2]).unwrap();
    let bill = data("bill-match.csv");
    let o = run(&[
        "reconcile",
        cut.to_str().unwrap(),
        "--rules",
        &data("rules.csv"),
        "--edition",
        "monthly",
        "--tencent-bill",
        &bill,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("the file ends inside a JSON document"),
        "{}",
        err(&o)
    );
    let o = run(&[
        "reconcile",
        &data("details-page-1.json"),
        "--rule",
        "1=微信小程序,权威库",
        "--edition",
        "monthly",
        "--tencent-bill",
        &bill,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("RuleId \"2\" has no rule (rules are given for 1): say what it is configured as with --rule 2=CHANNEL,SOURCE"), "{}", err(&o));
    let o = run(&[
        "reconcile",
        &data("details-page-1.json"),
        "--rule",
        "1=微信小成序,权威库",
        "--edition",
        "monthly",
        "--tencent-bill",
        &bill,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("did you mean \"微信小程序\""),
        "{}",
        err(&o)
    );
}

#[test]
fn bill_and_usage_read_tencents_billing_detail_in_any_page_order() {
    let rules = data("rules.csv");
    let (one, two) = (data("details-page-1.json"), data("details-page-2.jsonl"));
    let forward = run(&[
        "bill",
        &one,
        &two,
        "--rules",
        &rules,
        "--edition",
        "monthly",
        "--format",
        "json",
    ]);
    let backward = run(&[
        "bill",
        &two,
        &one,
        "--rules",
        &rules,
        "--edition",
        "monthly",
        "--format",
        "json",
    ]);
    assert!(forward.status.success(), "{}", err(&forward));
    assert_eq!(json(&forward)["accounts"], json(&backward)["accounts"]);
    let doc = json(&forward);
    assert_eq!(doc["summary"]["read"], 8);
    assert_eq!(doc["summary"]["duplicates"], 1);
    assert_eq!(doc["accounts"][0]["account"], "1250000001");
    assert_eq!(doc["summary"]["spend"], "3.90");
    // The disagreement is told on stderr.
    assert!(
        err(&forward).contains("Tencent charged Seq \"5fe1b0c2-0007\" (code 2010"),
        "{}",
        err(&forward)
    );
    assert!(
        err(&forward).contains("1 call where Tencent's IsNeedCharge disagrees with the table"),
        "{}",
        err(&forward)
    );
    let usage = run(&[
        "usage",
        &one,
        &two,
        "--rules",
        &rules,
        "--edition",
        "monthly",
    ]);
    assert!(usage.status.success(), "{}", err(&usage));
    let text = out(&usage);
    assert!(
        text.contains("1250000001,2026-10-01,微信小程序,跟权威库比对,0,2"),
        "{text}"
    );
    assert!(
        text.contains("1250000001,2026-10-02,微信小程序,跟权威库比对,2010,1"),
        "{text}"
    );
    assert!(
        err(&usage).contains("8 calls read = 4 billed + 3 not billed + 1 duplicates + 0 rejected"),
        "{}",
        err(&usage)
    );
}

/// The masked ID numbers and names of the fixtures.
const PERSONAL: [&str; 10] = [
    "1101**********1234",
    "4401**********5678",
    "3201**********9012",
    "5101**********3456",
    "6101**********7890",
    "*小明",
    "*小红",
    "*大伟",
    "*建国",
    "*秀英",
];

#[test]
fn id_numbers_and_names_never_reach_any_output() {
    let dir = common::Scratch::new("reconcile-personal");
    // A page with bad details too, so that the rejects file has lines.
    let page = std::fs::read_to_string(data("details-page-1.json")).unwrap();
    let bad = page
        .replacen("\"1790816400000\"", "\"17908164\"", 1)
        .replacen(
            "\"ErrorCode\": \"1001\"",
            "\"ErrorCode\": {\"IdCard\": \"5101**********3456\"}",
            1,
        );
    let bad_page: PathBuf = dir.join("bad.json");
    std::fs::write(&bad_page, bad).unwrap();
    let bad_page = bad_page.to_str().unwrap().to_owned();
    let rejects = dir.join("rejects.csv").to_str().unwrap().to_owned();
    let (one, two, rules, bill) = (
        data("details-page-1.json"),
        data("details-page-2.jsonl"),
        data("rules.csv"),
        data("bill-retry.csv"),
    );
    let common = ["--rules", rules.as_str(), "--edition", "monthly"];
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "json", "csv"] {
        runs.push([&["bill", &one, &two, "--format", format][..], &common].concat());
        runs.push(
            [
                &[
                    "reconcile",
                    &one,
                    &two,
                    "--tencent-bill",
                    &bill,
                    "--format",
                    format,
                ][..],
                &common,
            ]
            .concat(),
        );
    }
    runs.push([&["usage", &one, &two][..], &common].concat());
    // Bad details stop the run, or go to the rejects file.
    runs.push([&["bill", &bad_page][..], &common].concat());
    runs.push(
        [
            &["bill", &bad_page, "--rejects", &rejects, "-o", "/dev/null"][..],
            &common,
        ]
        .concat(),
    );
    runs.push(
        [
            &[
                "reconcile",
                &bad_page,
                "--tencent-bill",
                &bill,
                "--rejects",
                "-",
                "-o",
                "/dev/null",
            ][..],
            &common,
        ]
        .concat(),
    );
    // No rule at all, and a call log reader's view of the JSON (no --rules needed to fail).
    runs.push(vec!["bill", &one, "--edition", "monthly"]);
    runs.push(vec![
        "reconcile",
        &one,
        "--edition",
        "monthly",
        "--tencent-bill",
        &bill,
    ]);
    let mut rejected = String::new();
    for args in &runs {
        let o = run(args);
        let all = format!("{}{}", out(&o), err(&o));
        for p in PERSONAL {
            assert!(!all.contains(p), "{args:?} shows {p}:\n{all}");
        }
        if let Ok(text) = std::fs::read_to_string(&rejects) {
            rejected += &text;
        }
    }
    // The rejects file has the bad details, without their personal fields.
    assert!(
        rejected.contains(r#"""ReqTime"":""17908164"""#),
        "{rejected}"
    );
    assert!(
        rejected
            .contains("WeChatBillDetails[3].ChargeDetails[0]: expected a string, found an object"),
        "{rejected}"
    );
    assert!(rejected.contains("(an object, not shown)"), "{rejected}");
    for p in PERSONAL {
        assert!(
            !rejected.contains(p),
            "the rejects file shows {p}:\n{rejected}"
        );
    }
}

/// A call log line of the property test: day, channel and source, code.
fn call_line(day: u32, pick: usize, code: usize, account: usize) -> String {
    // Test data: a few channels of the monthly table, with billed and not-billed codes.
    const CALLS: [(&str, &str); 4] = [
        ("微信小程序", "权威库"),
        ("微信原生 H5", "上传照片"),
        ("银行卡三要素", ""),
        ("活体人脸核身 API", ""),
    ];
    const CODES: [[&str; 3]; 4] = [
        ["0", "2010", "1001"],
        ["0", "2016", "2003"],
        ["0", "-1", "-2"],
        [
            "Success",
            "FailedOperation.CompareLowSimilarity",
            "FailedOperation.LifePhotoDetectFake",
        ],
    ];
    let (channel, source) = CALLS[pick % 4];
    format!(
        "2026-{:02}-{:02}T10:00:00+08:00,{},{channel},{source},{}\n",
        9 + day / 28,
        1 + day % 28,
        1250000001 + account,
        CODES[pick % 4][code % 3]
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A statement written out as Tencent's bill — as DescribeBillDetail JSON and as the
    /// console's CSV — and read back always reconciles with itself: every line matches.
    #[test]
    fn a_statement_reconciles_with_itself_written_as_tencents_bill(
        calls in proptest::collection::vec((0u32..56, 0usize..4, 0usize..3, 0usize..3), 0..60),
        with_pack in any::<bool>(),
    ) {
        let mut log = String::from("time,account,channel,source,code\n");
        for (day, pick, code, account) in &calls {
            log += &call_line(*day, *pick, *code, *account);
        }
        let editions = Editions::all(Edition::Monthly);
        let usage = CallLog::new(&editions, ReadOptions::default())
            .read([Source::calls("calls.csv", log.as_bytes())], &mut Discard)
            .unwrap();
        let packs_csv = "id,account,label,size,purchased,kind,price\n\
            pk-1,1250000001,增强版人脸核身（权威库）-微信,1000,2026-09-05T10:00:00,purchased,1150\n\
            gift-1,1250000002,银行卡信息核验,5,2026-09-01,gift,0\n";
        let packs = if with_pack { read_packs("packs.csv", packs_csv.as_bytes()).unwrap() } else { Vec::new() };
        let statements = bill(&usage, &editions, &packs, &BillOptions::default()).unwrap();
        let expected = expected_bill(&statements);
        for (name, text) in [("bill.json", write_json(&expected)), ("bill.csv", write_csv(&expected))] {
            let tencent = read_tencent_bill(name, text.as_bytes()).unwrap();
            let options = ReconcileOptions { editions: &editions, unnamed_account: None, months: None };
            let r = reconcile(&statements, &tencent, Vec::new(), &options).unwrap();
            let differ: Vec<_> = r.lines.iter().filter(|l| l.verdict != Verdict::Match).collect();
            prop_assert!(differ.is_empty(), "{name}: {differ:?}");
            prop_assert!(r.all_match());
            let lines_ours = statements.accounts.iter().flat_map(|s| &s.months).flat_map(|m| &m.lines).filter(|l| l.postpaid > 0).count();
            let postpaid = r.lines.iter().filter(|l| l.kind == faceid_rules::reconcile::LineKind::Postpaid).count();
            prop_assert_eq!(postpaid, lines_ours);
        }
    }
}
