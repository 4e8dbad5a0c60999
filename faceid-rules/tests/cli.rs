//! End-to-end: the built `faceid-rules` command on small files — every command and format,
//! the documents' worked examples, bad input, rejects, duplicates, usage files.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faceid-rules"))
}

mod common;

/// A scratch directory for one test, removed when it ends.
fn dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("cli-{name}"))
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

/// Reconciliation in every JSON statement: read = billed + not billed + duplicates +
/// rejected.
fn reconciles(v: &serde_json::Value) {
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("read"),
        n("billed") + n("not_billed") + n("duplicates") + n("rejected"),
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

/// How the sample's log names a channel: (name, postpaid label, unit price in fen at the
/// first tier, prepaid label whose packs cover it, billed result codes). Prices from 价格说明
/// @0f66dc54 (legacy; 手机号信息核验 from @e50aa444), 价格说明（new） @0fee6183 and @a1d496ba
/// (monthly) and 价格说明（日结） @0e629ca4 (daily); labels and codes from 计费概述 and the APIs'
/// error-code pages. Written from the documents, not from the engine.
type Channel = (
    &'static str,
    &'static str,
    u64,
    &'static str,
    &'static [&'static str],
);

#[rustfmt::skip]
const SAMPLE_LEGACY: &[Channel] = &[
    ("微信小程序", "活体人脸核身", 100, "增强版(权威库)-微信", &["0", "2016"]),
    ("微信原生H5", "活体人脸比对", 15, "增强版(自传照片)-微信", &["0"]),
    ("微信普通 H5", "活体人脸核身", 100, "基础版(权威库)", &["0"]),
    ("PC H5", "活体人脸比对", 15, "基础版(自传照片)", &["0"]),
    ("活体人脸核身 API", "活体人脸核身", 100, "基础版(权威库)", &["Success"]),
    ("ImageRecognition", "照片人脸核身", 100, "基础版(权威库)", &["Success", "FailedOperation.IdNameMisMatch"]),
    ("LivenessCompare", "活体人脸比对", 15, "基础版(自传照片)", &["Success"]),
    ("身份信息认证", "身份证信息核验", 30, "身份证信息核验", &["0", "-1"]),
    ("银行卡三要素", "银行卡信息核验", 40, "银行卡信息核验", &["0", "-5"]),
    // Split from 手机号信息核验 on 2022-01-01 (手机号要素核验服务变更说明): 1.10 a call.
    ("手机号三要素核验", "手机号信息核验（三要素）", 110, "手机号信息核验（三要素）", &["0"]),
    ("手机号在网时长核验", "手机号在网时长/状态查询", 40, "手机号在网时长/状态查询", &["0", "-2"]),
    ("银行卡基础信息查询", "银行卡基础信息查询", 30, "银行卡基础信息查询", &["0"]),
    ("E证通", "E证通（权威库）", 150, "E证通（权威库）", &["0"]),
];

#[rustfmt::skip]
const SAMPLE_MONTHLY: &[Channel] = &[
    ("微信小程序", "增强版人脸核身（权威库）-微信", 120, "增强版（权威库）-微信", &["0", "1002"]),
    ("增强版 App SDK", "增强版人脸核身（自传照片）-App", 30, "增强版（自传照片）-App", &["0", "2006"]),
    // Listed from 计费概述（new） @0e629ca4, at the price of -微信.
    ("微信浮层 H5", "增强版人脸核身（权威库）-浮层 H5", 120, "增强版（权威库）-浮层 H5", &["0"]),
    ("照片人脸核身 API", "基础版人脸核身（权威库）", 100, "基础版（权威库）", &["Success"]),
    ("身份证识别及信息核验", "身份证信息核验", 30, "身份证信息核验", &["0"]),
    ("BankCard4EVerification", "银行卡信息核验", 40, "银行卡信息核验", &["0", "-6"]),
    // Its own label from 2022-01-01, first tier 0.38 (价格说明（new） @a1d496ba).
    ("手机号二要素核验", "手机号信息核验（二要素）", 38, "手机号信息核验（二要素）", &["0", "1"]),
    ("手机号状态查询", "手机号在网时长/状态查询", 40, "手机号在网时长/状态查询", &["0"]),
    // Named so from the label table of 2022 (增值服务 before).
    ("银行卡基础信息查询", "银行卡基础信息查询", 30, "银行卡基础信息查询", &["0"]),
    ("E证通", "E证通（权威库）", 150, "E证通（权威库）", &["0"]),
];

/// The daily account's channels: one price per call (价格说明（日结） @0e629ca4).
#[rustfmt::skip]
const SAMPLE_DAILY: &[Channel] = &[
    ("微信小程序", "增强版人脸核身（权威库）-微信", 120, "增强版（权威库）-微信", &["0", "1002"]),
    ("增强版 App SDK", "增强版人脸核身（自传照片）-App", 30, "增强版（自传照片）-App", &["0", "2006"]),
    ("移动浮层 H5", "增强版人脸核身（自传照片）-浮层 H5", 30, "增强版（自传照片）-浮层 H5", &["0"]),
    ("身份证识别及信息核验", "身份证信息核验", 30, "身份证信息核验", &["0"]),
    ("手机号二要素核验", "手机号信息核验（二要素）", 40, "手机号信息核验（二要素）", &["0", "1"]),
    // The 移动 variant of 三要素: 1.3 a call.
    ("PhoneVerificationCMCC", "手机号信息核验(三要素)-移动", 130, "手机号信息核验(三要素)-移动", &["0", "-4"]),
    ("银行卡基础信息查询", "银行卡基础信息查询", 30, "银行卡基础信息查询", &["0"]),
];

/// A pack of the sample: (account, prepaid label, size, first and last day covered as
/// YYYYMMDD — packs cover whole days for a year from the purchase day —, price paid in the
/// month in fen, gift).
type SamplePack = (&'static str, &'static str, u64, u32, u32, u64, bool);

#[rustfmt::skip]
const SAMPLE_PACKS: &[SamplePack] = &[
    // gift-01: a gift on 2026-09-20.
    ("1250000001", "增强版(权威库)-微信", 1_000, 20260920, 20270919, 0, true),
    // pk-basic-01: bought 2026-10-05 14:30 at the list price of 1000次, 930 元; covers from 00:00.
    ("1250000001", "基础版(权威库)", 1_000, 20261005, 20271004, 93_000, false),
    // pk-id-2025: bought 2025-10-15 (paid then), so its last day is 2026-10-14.
    ("1250000001", "身份证信息核验", 10_000, 20251015, 20261014, 0, false),
    // pk-app-01: bought 2026-10-08 at the list price of 1000次, 280 元.
    ("1250000002", "增强版（自传照片）-App", 1_000, 20261008, 20271007, 28_000, false),
    // gift-02: a gift of 100 calls on 2026-10-01.
    ("1250000002", "增强版（权威库）-微信", 100, 20261001, 20270930, 0, true),
    // gift-03: a gift of 17 calls on 2025-11-03, so its last day is 2026-11-02.
    ("1250000003", "增强版（自传照片）-App", 17, 20251103, 20261102, 0, true),
];

/// Per account: (billed calls, calls not billed, spend in fen); and its postpaid labels.
type ByHand = (
    BTreeMap<String, (u64, u64, u64)>,
    BTreeMap<String, BTreeSet<&'static str>>,
);

/// The sample month billed by hand, day by day: gifts before purchased packs, the rest
/// postpaid at first-tier prices (checked to apply), the large account at its contract price.
fn sample_by_hand() -> ByHand {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample/");
    let calls = std::fs::read_to_string(format!("{data}calls.csv")).unwrap();
    let accounts = std::fs::read_to_string(format!("{data}accounts.csv")).unwrap();
    // Each account's channels, by the day it opened: before 2021-06-22 legacy, before
    // 2023-01-04 monthly, then daily.
    let tables: BTreeMap<&str, &[Channel]> = accounts
        .lines()
        .skip(1)
        .map(|l| {
            let (account, opened) = l.split_once(',').unwrap();
            let table = match opened {
                o if o < "2021-06-22" => SAMPLE_LEGACY,
                o if o < "2023-01-04" => SAMPLE_MONTHLY,
                _ => SAMPLE_DAILY,
            };
            (account, table)
        })
        .collect();
    // (account, prepaid label) → day → billed calls, and its price per call.
    let mut daily: BTreeMap<(String, &str), BTreeMap<u32, u64>> = BTreeMap::new();
    let mut price: BTreeMap<(String, &str), u64> = BTreeMap::new();
    let mut out: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    let mut labels: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    // time,account,channel,source,code,request_id
    for line in calls.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (account, channel, code) = (f[1], f[2], f[4]);
        let day: u32 = f[0][..10].replace('-', "").parse().unwrap();
        let table = tables[account];
        let &(_, postpaid, fen, prepaid, billed) = table.iter().find(|c| c.0 == channel).unwrap();
        labels
            .entry(account.to_owned())
            .or_default()
            .insert(postpaid);
        let counts = out.entry(account.to_owned()).or_default();
        if !billed.contains(&code) {
            counts.1 += 1;
            continue;
        }
        counts.0 += 1;
        let key = (account.to_owned(), prepaid);
        *daily
            .entry(key.clone())
            .or_default()
            .entry(day)
            .or_default() += 1;
        let known = *price.entry(key).or_insert(fen);
        assert_eq!(known, fen, "one price per pack group in this sample");
    }
    for ((account, prepaid), days) in &daily {
        let mut packs: Vec<(&SamplePack, u64)> = SAMPLE_PACKS
            .iter()
            .filter(|p| p.0 == account && p.1 == *prepaid)
            .map(|p| (p, p.2))
            .collect();
        // Gifts first, then purchased packs (价格说明: 赠送 > 购买 > 后付费).
        packs.sort_by_key(|(p, _)| !p.6);
        let mut postpaid = 0;
        for (&day, &n) in days {
            let mut left = n;
            for (p, remaining) in packs.iter_mut() {
                if (p.3..=p.4).contains(&day) {
                    let take = left.min(*remaining);
                    *remaining -= take;
                    left -= take;
                }
            }
            postpaid += left;
        }
        // First-tier prices hold while every postpaid label stays under 1,000 calls.
        assert!(postpaid < 1_000, "{account} {prepaid}: {postpaid}");
        out.get_mut(account).unwrap().2 += postpaid * price[&(account.clone(), *prepaid)];
    }
    for p in SAMPLE_PACKS {
        out.get_mut(p.0).unwrap().2 += p.5;
    }
    // The large account's usage: 银行卡三要素, code 0 billed, -3 not billed, all postpaid
    // under 银行卡信息核验 past 20万 (联系商务) at the sample's contract price, 0.32 元.
    let usage = std::fs::read_to_string(format!("{data}usage.csv")).unwrap();
    for line in usage.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let n: u64 = f[5].parse().unwrap();
        let counts = out.entry(f[0].to_owned()).or_default();
        match f[4] {
            "0" => {
                counts.0 += n;
                counts.2 += n * 32;
            }
            _ => counts.1 += n,
        }
        labels
            .entry(f[0].to_owned())
            .or_default()
            .insert("银行卡信息核验");
    }
    (out, labels)
}

/// A money string ("1420.35") in fen.
fn fen(text: &serde_json::Value) -> u64 {
    let (yuan, cents) = text.as_str().unwrap().split_once('.').unwrap();
    yuan.parse::<u64>().unwrap() * 100 + cents.parse::<u64>().unwrap()
}

#[test]
fn the_bundled_sample_bills_as_the_documents_say() {
    let o = run(&["bill", "--format", "json"]);
    assert!(
        stderr(&o).contains("billing the bundled sample"),
        "{}",
        stderr(&o)
    );
    let v = json(&o);
    reconciles(&v);
    let (expected, labels) = sample_by_hand();
    let accounts = v["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), expected.len());
    let mut total = 0;
    for a in accounts {
        let account = a["account"].as_str().unwrap();
        let (billed, not_billed, spend) = expected[account];
        assert_eq!(a["months"].as_array().unwrap().len(), 1);
        let m = &a["months"][0];
        let lines = m["lines"].as_array().unwrap();
        let sum = |k: &str| -> u64 { lines.iter().map(|l| l[k].as_u64().unwrap()).sum() };
        assert_eq!(sum("billed"), billed, "{account}");
        assert_eq!(sum("calls") - sum("billed"), not_billed, "{account}");
        assert_eq!(fen(&m["spend"]), spend, "{account}");
        let named: BTreeSet<&str> = lines
            .iter()
            .map(|l| l["postpaid_label"].as_str().unwrap())
            .collect();
        assert_eq!(named, labels[account], "{account}");
        total += spend;
    }
    assert_eq!(fen(&v["summary"]["spend"]), total);
    let all = |i: usize| expected.values().map(|c| [c.0, c.1][i]).sum::<u64>();
    assert_eq!(v["summary"]["billed"].as_u64().unwrap(), all(0));
    assert_eq!(v["summary"]["not_billed"].as_u64().unwrap(), all(1));
    assert_eq!(v["summary"]["rejected"], 0);
    // The large account is priced at the contract price past 20万, where the list says 联系商务.
    let big = accounts
        .iter()
        .find(|a| a["account"] == "1250000009")
        .unwrap();
    let line = &big["months"][0]["lines"][0];
    assert_eq!(line["tier"]["range"], "20万及以上");
    assert_eq!(line["unit_price"], "0.32");
    // Every line type: packs used, bought, expired, used up; every reminder; not billed and
    // unknown codes.
    let text = stdout(&run(&["bill"]));
    for needle in [
        "gift-01",
        "pk-basic-01",
        "used up",
        "expired, 9,925 lapsed",
        "not billed:",
        "unknown code:",
        "¥930.00",
        "gift-03 (增强版人脸核身（自传照片）-App) expires within 7 days: 2 of 17 left",
        "gift-03 (增强版人脸核身（自传照片）-App) under 20% left",
        "pk-basic-01 (基础版人脸核身(权威库)) used up",
    ] {
        assert!(
            text.contains(needle),
            "{needle} missing from the sample statement:\n{text}"
        );
    }
    let read = all(0) + all(1);
    let grouped = format!("{},{:03}", read / 1000, read % 1000);
    assert!(
        text.contains(&format!("Summary: {grouped} calls read")),
        "{text}"
    );
    // CSV: one row per statement line.
    let csv = stdout(&run(&["bill", "--format", "csv"]));
    let rows: usize = accounts
        .iter()
        .map(|a| a["months"][0]["lines"].as_array().unwrap().len())
        .sum();
    assert_eq!(csv.lines().count(), 1 + rows, "{csv}");
}

#[test]
fn any_number_of_threads_prints_the_same_statements() {
    // Accounts are billed on several threads; the statements stay in account order and the
    // summary counts every account once.
    let one = run(&["bill", "--format", "json", "--threads", "1"]);
    assert!(one.status.success(), "{}", stderr(&one));
    let accounts = json(&one)["accounts"].as_array().unwrap().len();
    assert!(accounts > 2, "the sample has several accounts");
    for threads in ["2", "3", "16"] {
        let many = run(&["bill", "--format", "json", "--threads", threads]);
        assert_eq!(stdout(&many), stdout(&one), "--threads {threads}");
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
    for threads in ["0", "257"] {
        let o = run(&["bill", "--threads", threads]);
        assert_eq!(o.status.code(), Some(2), "--threads {threads}");
        assert!(stderr(&o).contains("is not in 1..=256"), "{}", stderr(&o));
    }
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
    assert!(
        stderr(&o)
            .contains(":3: field `request_id`: request id \"r1\" was seen before in this run"),
        "{}",
        stderr(&o)
    );
    reconciles(&v);
}

/// `bill` with `stdin` as given and no file named.
fn bill_with_stdin(stdin: Stdio, args: &[&str], input: Option<&str>) -> Output {
    let mut child = bin()
        .arg("bill")
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let (Some(text), Some(mut pipe)) = (input, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_log_piped_in_with_no_file_named_is_read_not_the_demo() {
    let text = log(3, "微信小程序", "权威库", "0");
    let o = bill_with_stdin(
        Stdio::piped(),
        &["--edition", "legacy", "--format", "json"],
        Some(&text),
    );
    let v = json(&o);
    assert_eq!(v["summary"]["read"], 3, "{}", stderr(&o));
    assert!(!stderr(&o).contains("bundled sample"), "{}", stderr(&o));
    // A file on standard input too.
    let d = dir("stdin-file");
    let path = write(&d, "calls.csv", &text);
    let file = std::fs::File::open(&path).unwrap();
    let v = json(&bill_with_stdin(
        Stdio::from(file),
        &["--edition", "legacy", "--format", "json"],
        None,
    ));
    assert_eq!(v["summary"]["read"], 3);
    // Nothing on standard input (not a pipe, not a file): the demo, as on a terminal; and
    // --demo whatever standard input is.
    let o = bill_with_stdin(Stdio::null(), &[], None);
    assert!(
        stderr(&o).contains("no call log given: billing the bundled sample"),
        "{}",
        stderr(&o)
    );
    let o = bill_with_stdin(Stdio::piped(), &["--demo"], Some("not read"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--demo: billing the bundled sample"),
        "{}",
        stderr(&o)
    );
    let o = run(&["bill", "--demo", "calls.csv"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn calls_without_any_edition_are_a_usage_error_naming_the_three_options() {
    let d = dir("no-edition");
    let calls = write(&d, "calls.csv", &log(2, "微信小程序", "权威库", "0"));
    for args in [vec!["bill", calls.as_str()], vec!["usage", calls.as_str()]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        for option in [
            "--accounts FILE",
            "--opened DATE",
            "--edition legacy|monthly|daily",
        ] {
            assert!(e.contains(option), "{args:?}: {e}");
        }
    }
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
fn without_month_the_calls_months_are_billed_and_empty_months_left_out() {
    let d = dir("period");
    let calls = write(
        &d,
        "calls.csv",
        "time,account,channel,source,code\n\
         2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0\n\
         2026-10-02T09:00:00+08:00,b,微信小程序,权威库,0\n\
         2026-12-02T09:00:00+08:00,b,微信小程序,权威库,0\n",
    );
    let packs = write(
        &d,
        "packs.csv",
        "id,account,label,size,purchased,kind\n\
         p1,a,增强版人脸核身（权威库）-微信,1000,2026-07-15,purchased\n",
    );
    let months = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["bill", &calls, "--packs", &packs, "--opened", "2022-01-01"];
        args.extend(["--format", "json"]);
        args.extend(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let v = json(&o);
        reconciles(&v);
        let mut out = Vec::new();
        for a in v["accounts"].as_array().unwrap() {
            for m in a["months"].as_array().unwrap() {
                out.push(format!(
                    "{} {}",
                    a["account"].as_str().unwrap(),
                    m["month"].as_str().unwrap()
                ));
            }
        }
        out
    };
    // October to December, as the calls run: `a` holds its pack through all three; `b` has
    // nothing in November. The pack bought in July is ledger history, not billed again.
    assert_eq!(
        months(&[]),
        [
            "a 2026-10",
            "a 2026-11",
            "a 2026-12",
            "b 2026-10",
            "b 2026-12"
        ]
    );
    // Asked for, the month the pack was bought shows it; `b` has nothing then.
    assert_eq!(months(&["--month", "2026-07"]), ["a 2026-07"]);
    // From July: the purchase and the log's months; to November: the calls' first month on.
    assert_eq!(
        months(&["--from", "2026-07"]),
        [
            "a 2026-07",
            "a 2026-08",
            "a 2026-09",
            "a 2026-10",
            "a 2026-11",
            "a 2026-12",
            "b 2026-10",
            "b 2026-12"
        ]
    );
    assert_eq!(
        months(&["--from", "2026-08", "--to", "2026-11"]),
        [
            "a 2026-08",
            "a 2026-09",
            "a 2026-10",
            "a 2026-11",
            "b 2026-10"
        ]
    );
    assert_eq!(
        months(&["--to", "2026-11"]),
        ["a 2026-10", "a 2026-11", "b 2026-10"]
    );
    // The summary names the months its total covers.
    let o = run(&["bill", &calls, "--packs", &packs, "--opened", "2022-01-01"]);
    assert!(
        stdout(&o).contains("total spend 2026-10 to 2026-12: ¥2.40"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "bill",
        &calls,
        "--packs",
        &packs,
        "--opened",
        "2022-01-01",
        "--month",
        "2026-07",
    ]);
    assert!(
        stdout(&o).contains("total spend in 2026-07: ¥1,150.00"),
        "{}",
        stdout(&o)
    );
    // Ends out of order, or --month with a range, are usage errors.
    let o = run(&[
        "bill",
        &calls,
        "--opened",
        "2022-01-01",
        "--from",
        "2026-12",
        "--to",
        "2026-10",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--from 2026-12 comes after --to 2026-10"),
        "{}",
        stderr(&o)
    );
    let o = run(&["bill", &calls, "--opened", "2022-01-01", "--to", "2026-09"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the first month with calls; give --from as well"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "bill",
        &calls,
        "--opened",
        "2022-01-01",
        "--month",
        "2026-10",
        "--from",
        "2026-07",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `… | head`: the output outgrows the pipe and the reader goes away.
    use std::io::{BufRead, BufReader};
    let d = dir("head");
    let mut text = String::from("time,account,channel,source,code\n");
    for i in 0..30_000 {
        text += &format!("2026-10-01T09:00:00+08:00,a{i},微信小程序,权威库,0\n");
    }
    let calls = write(&d, "calls.csv", &text);
    for args in [
        vec!["usage", &calls, "--edition", "monthly"],
        vec!["bill", &calls, "--edition", "monthly", "--format", "csv"],
    ] {
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with("account,"), "{first}");
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
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
    // Fields in the documented order.
    assert!(
        stdout(&o).starts_with("{\n  \"edition\": \"legacy\""),
        "{}",
        stdout(&o)
    );
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
    assert_eq!(v["priced_alike"], serde_json::json!([]));
    // 活体人脸核身 and 照片人脸核身 share the pack and are priced alike: either serves, and
    // the plan says so.
    let v = json(&run(&[
        "plan",
        "--label",
        "基础版人脸核身（权威库）",
        "--calls",
        "9500",
        "--edition",
        "legacy",
        "--format",
        "json",
    ]));
    assert_eq!(v["postpaid_label"], "活体人脸核身");
    assert_eq!(v["priced_alike"], serde_json::json!(["照片人脸核身"]));
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
    let md = stdout(&run(&["table", "--edition", "legacy"]));
    assert!(
        md.contains("## 增强版人脸核身") && md.contains("| 20万及以上 | 联系商务 |"),
        "{md}"
    );
    let html = stdout(&run(&["table", "--edition", "monthly", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("rowspan"));
    // Without --edition or --opened: the newest edition, that of an account opening today.
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["table", "--format", "json"]))).unwrap();
    assert_eq!(v["edition"], "daily");
}

#[test]
fn help_explains_every_subcommand_with_an_example() {
    for sub in [
        "bill", "usage", "classify", "plan", "table", "changes", "diff", "sql",
    ] {
        let text = stdout(&run(&[sub, "--help"]));
        assert!(text.contains("Example"), "{sub} --help has no example");
    }
}

#[test]
fn repeated_request_ids_are_counted_with_the_first_examples() {
    let d = dir("dups");
    let mut text = String::from("time,channel,source,code,request_id\n");
    for i in 0..10 {
        // r0 … r9 once, then r0 … r7 again: eight duplicates.
        text += &format!("2026-10-01T09:00:{i:02}+08:00,微信小程序,权威库,0,r{i}\n");
    }
    for i in 0..8 {
        text += &format!("2026-10-02T09:00:{i:02}+08:00,微信小程序,权威库,0,r{i}\n");
    }
    let calls = write(&d, "calls.csv", &text);
    let o = run(&["bill", &calls, "--edition", "legacy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert_eq!(e.matches("was seen before in this run").count(), 5, "{e}");
    assert!(
        e.contains(&format!("{calls}:12: field `request_id`")),
        "{e}"
    );
    assert!(
        e.contains("… and 3 more lines repeating a request id (8 in all"),
        "{e}"
    );
    let out = stdout(&o);
    assert!(
        out.contains("18 calls read = 10 billed + 0 not billed + 8 duplicates + 0 rejected"),
        "{out}"
    );
}

#[test]
fn statement_columns_stay_aligned_with_chinese_labels() {
    use unicode_width::UnicodeWidthStr;
    let text = stdout(&run(&["bill"]));
    let mut blocks = 0;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with("postpaid label") {
            continue;
        }
        // The header and its rows end at the same column: amounts are right-aligned.
        let width = line.width();
        let mut rows = 0;
        while let Some(row) = lines.next_if(|l| !l.trim_start().starts_with("postpaid total")) {
            assert_eq!(row.width(), width, "misaligned:\n{line}\n{row}");
            assert!(row.contains('¥'), "{row}");
            rows += 1;
        }
        assert!(rows > 0);
        blocks += 1;
    }
    assert_eq!(blocks, 4, "one block per account and month:\n{text}");
}
