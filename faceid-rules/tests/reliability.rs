//! What the command promises, end to end: no total is ever wrong silently (sums that pass
//! the range of amounts or counts are errors naming the account and label), amounts mean
//! what they say (thousands separators only where they belong), and a full or closed
//! standard output is handled by every command (a closed pipe ends it quietly, a full disk
//! is an error).
//!
//! `FACEID_RULES_BIN` runs these tests against another build of the command (e.g. an
//! older release, to see them fail there).

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::Scratch;

fn bin() -> Command {
    match std::env::var_os("FACEID_RULES_BIN") {
        Some(path) => Command::new(path),
        None => Command::new(env!("CARGO_BIN_EXE_faceid-rules")),
    }
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A small valid call log of the legacy edition.
const CALLS: &str = "time,channel,code\n\
    2026-10-01T09:00:00+08:00,活体人脸核身 API,Success\n\
    2026-10-02T09:00:00+08:00,活体人脸核身 API,Success\n";

// ---------------------------------------------------------------------------------------
// No total is ever wrong silently.

#[test]
fn a_total_spend_past_the_range_of_amounts_is_an_error_naming_the_account() {
    let d = Scratch::new("rel-spend-overflow");
    // Each account's spend fits (10^10 calls at ¥5,000,000 is 5 × 10^18 fen, under the
    // 9.2 × 10^18 of i64), the two together do not: the total wrapped to
    // -¥84,467,440,737,095,516.16.
    let usage = write(
        &d,
        "usage.csv",
        "account,day,channel,source,code,calls\n\
         a,2026-10-01,活体人脸核身 API,,Success,10000000000\n\
         b,2026-10-01,活体人脸核身 API,,Success,10000000000\n",
    );
    let o = run(&[
        "bill",
        "--usage",
        &usage,
        "--edition",
        "legacy",
        "--contract-price",
        "活体人脸核身=5000000",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(!stdout(&o).contains("total spend"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(r#"account "b", 2026-10"#) && err.contains("beyond the range of amounts"),
        "{err}"
    );
}

#[test]
fn an_amount_past_the_range_names_the_account_and_label() {
    let d = Scratch::new("rel-amount-overflow");
    let usage = write(
        &d,
        "usage.csv",
        "account,day,channel,source,code,calls\n\
         a,2026-10-01,活体人脸核身 API,,Success,10000000000\n",
    );
    let o = run(&[
        "bill",
        "--usage",
        &usage,
        "--edition",
        "legacy",
        "--contract-price",
        "活体人脸核身=500000000",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(r#"account "a", 2026-10: the amount of 活体人脸核身"#),
        "{err}"
    );
}

#[test]
fn calls_past_the_largest_count_are_an_error_not_a_wrapped_count() {
    let d = Scratch::new("rel-count-overflow");
    // 20,020 rows of 10^15 calls on distinct keys: 2 × 10^19 calls, past u64::MAX. The
    // summary said 1,573,255,926,290,448,384 calls read.
    let mut text = String::from("account,day,channel,source,code,calls\n");
    for day in 1..=28 {
        for code in 0..715 {
            text += &format!(
                "a,2026-10-{day:02},活体人脸核身 API,,{},1000000000000000\n",
                10_000 + code
            );
        }
    }
    let usage = write(&d, "usage.csv", &text);
    let o = run(&["bill", "--usage", &usage, "--edition", "legacy"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    // The calls read are counted as they are read: the row that passes the largest count
    // is named.
    assert!(
        err.contains(&format!("{usage}:18448: field `calls`: 1,000,000,000,000,000 more calls: with this row the calls read add up past")),
        "{err}"
    );
    // One key counted past the largest count: the row that passes it is named.
    let mut text = String::from("account,day,channel,source,code,calls\n");
    for _ in 0..18_447 {
        text += "a,2026-10-01,活体人脸核身 API,,Success,1000000000000000\n";
    }
    let usage = write(&d, "same-key.csv", &text);
    let o = run(&["bill", "--usage", &usage, "--edition", "legacy"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(&format!("{usage}:18448: field `calls`: ")),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------------------
// Amounts: thousands separators only between groups of three digits before the point.

#[test]
fn a_misplaced_comma_in_a_contract_price_is_refused() {
    let d = Scratch::new("rel-contract-comma");
    let calls = write(&d, "calls.csv", CALLS);
    for price in ["1,0", "1,,,0", "10,00", "1,000,0"] {
        let o = run(&[
            "bill",
            &calls,
            "--edition",
            "legacy",
            "--contract-price",
            &format!("活体人脸核身={price}"),
        ]);
        assert_eq!(o.status.code(), Some(2), "{price}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("thousands separator out of place"),
            "{price}: {}",
            stderr(&o)
        );
    }
    // Well-placed separators are accepted: 1,000 yuan a call.
    let o = run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--contract-price",
        "活体人脸核身=1,000",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["spend"], "2000.00");
    // plan reads its --contract-price through the same parser.
    let o = run(&[
        "plan",
        "--label",
        "银行卡信息核验",
        "--calls",
        "3000000",
        "--contract-price",
        "0,30",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("thousands separator out of place"));
}

#[test]
fn a_misplaced_comma_in_a_pack_price_is_refused() {
    let d = Scratch::new("rel-pack-comma");
    let calls = write(&d, "calls.csv", CALLS);
    let packs = write(
        &d,
        "packs.csv",
        "id,label,size,purchased,kind,price\n\
         p-1,基础版人脸核身(权威库),1000,2026-10-01,purchased,\"1,0\"\n\
         p-2,基础版人脸核身(权威库),1000,2026-10-01,purchased,\"1,000\"\n",
    );
    let o = run(&["bill", &calls, "--edition", "legacy", "--packs", &packs]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{packs}:2: field `price`: \"1,0\" is not an amount of yuan: a thousands separator out of place"
        )),
        "{err}"
    );
    assert!(!err.contains(":3:"), "1,000 is a price: {err}");
}

// ---------------------------------------------------------------------------------------
// A closed or full standard output, for every command.

/// Every command that writes to standard output, with arguments that make it write.
fn commands(d: &Path) -> Vec<Vec<String>> {
    let calls = write(d, "calls.csv", CALLS);
    let list: &[&[&str]] = &[
        &["bill", &calls, "--edition", "legacy"],
        &["bill", &calls, "--edition", "legacy", "--format", "json"],
        &["bill", &calls, "--edition", "legacy", "--format", "csv"],
        &["usage", &calls, "--edition", "legacy"],
        &["table", "--edition", "legacy"],
        &["table", "--format", "html"],
        &["sql", "--dialect", "sqlite"],
        &["plan", "--label", "银行卡信息核验", "--calls", "100"],
        &[
            "classify",
            "--channel",
            "微信小程序",
            "--source",
            "权威库",
            "--code",
            "0",
        ],
        &["--help"],
        &["bill", "--help"],
        &["--version"],
    ];
    list.iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let d = Scratch::new("rel-closed-pipe");
    for args in commands(&d) {
        // A pipe whose reader is gone before the command writes: every write fails with
        // EPIPE, as under `| head -0`.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = bin()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_for_every_command() {
    let d = Scratch::new("rel-full-disk");
    for args in commands(&d) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let o = bin()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("faceid-rules: ") && err.contains("No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
