//! The fast path against the sequential one: the same aggregate, the same rejects, the same
//! errors, on random small logs with bad lines of every kind, cut into tiny blocks and
//! counted on several threads.

use std::io::{self, Read};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::edition::Edition;
use crate::pipeline::MAX_ACCOUNTS;
use crate::records::{AccountRecord, Origin};

fn editions(default: Option<Edition>) -> Editions {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let accounts = [("a1", day(2020, 3, 15)), ("a2", day(2022, 3, 1))].map(|(account, opened)| {
        AccountRecord {
            account: account.to_owned(),
            opened,
            origin: Origin {
                file: "accounts.csv".into(),
                line: 2,
            },
        }
    });
    Editions::from_accounts(&accounts, default)
}

/// What a run gives, in comparable form.
#[derive(Debug, PartialEq)]
struct Outcome {
    result: Result<String, String>,
    rejects: Vec<(String, Option<&'static str>, String, Vec<u8>)>,
}

/// A run that loses a call is wrong whatever else it says.
fn prop_assert_ok(balanced: bool) -> Result<(), PipelineError> {
    assert!(balanced, "calls read are not all accounted for");
    Ok(())
}

fn describe(aggregate: &Aggregate) -> String {
    format!(
        "{:?}\nrejected {} duplicates {}\ncounts {:?}",
        aggregate.usage,
        aggregate.rejected,
        aggregate.duplicates,
        aggregate.counts().unwrap()
    )
}

fn collect(
    run: impl FnOnce(&mut dyn FnMut(Reject)) -> Result<Aggregate, PipelineError>,
) -> (Outcome, Option<Aggregate>) {
    let mut rejects = Vec::new();
    let result =
        run(&mut |r: Reject| rejects.push((r.origin.to_string(), r.field, r.message, r.raw)));
    if let Ok(aggregate) = &result {
        let counts = aggregate.counts().unwrap();
        assert!(counts.balanced(), "calls lost: {counts:?}");
    }
    let outcome = Outcome {
        result: result.as_ref().map(describe).map_err(|e| e.to_string()),
        rejects,
    };
    (outcome, result.ok())
}

fn sequential(log: &[u8], editions: &Editions, read: ReadOptions) -> Outcome {
    collect(|rejects| {
        pipeline::aggregate_calls(
            "calls.csv",
            log,
            editions,
            read,
            &mut RequestIds::default(),
            rejects,
        )
    })
    .0
}

fn fast(log: &[u8], editions: &Editions, opts: &ScanOptions) -> (Outcome, Option<Aggregate>) {
    collect(|rejects| {
        aggregate_calls(
            "calls.csv",
            log,
            editions,
            opts,
            &mut RequestIds::default(),
            rejects,
        )
    })
}

fn options(threads: usize, block_size: usize, strict: bool, keep_going: bool) -> ScanOptions {
    ScanOptions {
        threads,
        block_size,
        read: ReadOptions {
            strict,
            keep_going,
            max_accounts: MAX_ACCOUNTS,
        },
    }
}

const TIMES: &[&str] = &[
    "2026-10-01T09:00:00+08:00",
    "2026-10-01T23:59:59+08:00",
    "2026-10-02T00:00:00+08:00",
    "2026-10-02 08:30:00",
    "2026-10-01t10:00:00",
    "2026-10-01T20:00:00Z",
    "2026-10-03T09:00:00.250+08:00",
    "2021-07-18T12:00:00+08:00",
    "2021-07-19T12:00:00+08:00",
    " 2026-10-03T09:00:00+08:00",
    "2026-10-03T24:00:00+08:00",
    "2026-02-30T09:00:00+08:00",
    "2026-10-03T09:00:00+0800",
    "",
];
const ACCOUNTS: &[&str] = &["a1", "a2", " a1", "a2 ", "a3", "", "\u{3000}a1"];
const CHANNELS: &[&str] = &[
    "微信小程序",
    "WechatMiniProgram",
    "微信原生 H5",
    "活体人脸核身 API",
    "LivenessCompare",
    "DetectAuth",
    "银行卡三要素",
    "BankCard4EVerification",
    "身份信息认证",
    "E证通",
    "增强版 App SDK",
    "照片人脸核身 API",
    "微信小 程序",
    "没有这个渠道",
    "",
];
const SOURCES: &[&str] = &["", "跟权威库比对", "权威库", "上传照片", " 权威库 ", "随便"];
const CODES: &[&str] = &[
    "0",
    "0",
    "00",
    " 0",
    "-1",
    "2016",
    "2007",
    "Success",
    "FailedOperation.CompareFail",
    "9999",
    "-5",
    "",
];

/// One line's fields (by column name) or a malformed line.
#[derive(Clone, Debug)]
enum Line {
    Call {
        time: usize,
        account: usize,
        channel: usize,
        source: usize,
        code: usize,
        request_id: Option<u8>,
        note: bool,
    },
    Raw(&'static [u8]),
    /// A call that bills (if its account has an edition): `GOOD[combo]` at a valid time,
    /// with `IDS[id]` as its request id when the log has the column.
    Good {
        time: usize,
        account: usize,
        combo: usize,
        code: usize,
        id: usize,
    },
}

/// Request ids: none, blank, short ones that repeat, a UUID and the same value as 32 hex
/// digits in capitals (one request), another UUID, and one that is not UTF-8.
const IDS: &[&[u8]] = &[
    b"",
    b" ",
    b"r1",
    b"r2",
    b" r1 ",
    b"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    b"3F2504E04F8911D39A0C0305E82C3301",
    b"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
    b"say \"hi\"",
    b"r\xff",
];

/// Channel/source pairs that rate under both editions.
const GOOD: &[(&str, &str)] = &[
    ("微信小程序", "权威库"),
    ("WechatMiniProgram", "跟权威库比对"),
    (" 微信小程序", "跟权威库比对 "),
    ("身份信息认证", ""),
    ("银行卡三要素", ""),
    ("E证通", "权威库"),
];

/// Mostly billable calls, now and then anything at all.
fn mostly_good_line() -> impl Strategy<Value = Line> {
    prop_oneof![
        150 => (0..10usize, 0..ACCOUNTS.len(), 0..GOOD.len(), 0..CODES.len() - 1, 0..IDS.len() - 1)
            .prop_map(|(time, account, combo, code, id)| Line::Good { time, account, combo, code, id }),
        1 => line(),
    ]
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        12 => (
            0..TIMES.len(),
            0..ACCOUNTS.len(),
            0..CHANNELS.len(),
            0..SOURCES.len(),
            0..CODES.len(),
            prop::option::weighted(0.3, 0..IDS.len() as u8),
            any::<bool>(),
        )
            .prop_map(|(time, account, channel, source, code, request_id, note)| Line::Call {
                time,
                account,
                channel,
                source,
                code,
                request_id,
                note,
            }),
        1 => prop::sample::select(vec![
            &b""[..],
            b"\r",
            b" ",
            b"2026-10-01T09:00:00+08:00,a1",
            b"2026-10-01T09:00:00+08:00,a1,\"\xe5\xbe\xae\xe4\xbf\xa1\xe5\xb0\x8f\xe7\xa8\x8b\xe5\xba\x8f\",,0",
            b"2026-10-01T09:00:00+08:00,a1,\xff,,0",
            b"2026-10-01T09:00:00+08:00,a1,\xe9\x93\xb6\xe8\xa1\x8c\xe5\x8d\xa1\xe4\xb8\x89\xe8\xa6\x81\xe7\xb4\xa0,,0\r0",
            b"2026-10-01T09:00:00+08:00,a1,\xe9\x93\xb6\xe8\xa1\x8c\xe5\x8d\xa1\xe4\xb8\x89\xe8\xa6\x81\xe7\xb4\xa0,,0,extra,fields",
        ])
        .prop_map(Line::Raw),
    ]
}

/// Columns in some order (by name), with optional ones left out; half of the time in the
/// common layout (time, account, then channel/source/code), which has a path of its own.
fn header() -> impl Strategy<Value = (Vec<&'static str>, bool)> {
    let any_order = (
        Just(vec![
            "time",
            "account",
            "channel",
            "source",
            "code",
            "request_id",
            "note",
        ])
        .prop_shuffle(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut columns, account, source, request_id, note)| {
            columns.retain(|&c| match c {
                "account" => account,
                "source" => source,
                "request_id" => request_id,
                "note" => note,
                _ => true,
            });
            columns
        });
    let plain = (
        Just(vec!["channel", "source", "code"]).prop_shuffle(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(combo, account, source, request_id)| {
            let mut columns = vec!["time"];
            if account {
                columns.push("account");
            }
            columns.extend(combo.into_iter().filter(|&c| source || c != "source"));
            if request_id {
                columns.push("request_id");
            }
            columns
        });
    (prop_oneof![any_order, plain], any::<bool>())
}

fn render(columns: &[&str], crlf: bool, lines: &[Line]) -> Vec<u8> {
    render_quoted(columns, crlf, lines, 0)
}

/// Quotes a field as a spreadsheet would: `a"b` → `"a""b"`.
fn quote(field: &[u8]) -> Vec<u8> {
    let mut out = vec![b'"'];
    for &b in field {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
    out
}

/// As [`render`], with fields quoted: `quoting` 0 none, 1 every field (the header too),
/// 2 now and then (by position).
fn render_quoted(columns: &[&str], crlf: bool, lines: &[Line], quoting: u8) -> Vec<u8> {
    let plain = render_fields(columns, crlf, lines);
    if quoting == 0 {
        return plain;
    }
    // Re-split the rendered lines (no field of these holds a comma or a quote, except
    // raw lines, which are kept as they are) and quote.
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = Vec::new();
    let raw_lines: Vec<&[u8]> = plain.split(|&b| b == b'\n').collect();
    for (n, line) in raw_lines.iter().enumerate() {
        let is_last = n + 1 == raw_lines.len();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let is_raw = n > 0 && matches!(lines.get(n - 1), Some(Line::Raw(_)));
        if is_raw || (is_last && line.is_empty()) {
            out.extend_from_slice(line);
        } else {
            for (i, field) in line.split(|&b| b == b',').enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if quoting == 1 || (n + i) % 3 == 0 {
                    out.extend_from_slice(&quote(field));
                } else {
                    out.extend_from_slice(field);
                }
            }
        }
        if !is_last {
            out.extend_from_slice(end);
        }
    }
    out
}

fn render_fields(columns: &[&str], crlf: bool, lines: &[Line]) -> Vec<u8> {
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = columns.join(",").into_bytes();
    out.extend_from_slice(end);
    for line in lines {
        match line {
            Line::Raw(raw) => out.extend_from_slice(raw),
            Line::Good {
                time,
                account,
                combo,
                code,
                id,
            } => {
                let fields: Vec<&[u8]> = columns
                    .iter()
                    .map(|&c| match c {
                        "time" => TIMES[*time].as_bytes(),
                        "account" => ACCOUNTS[*account].as_bytes(),
                        "channel" => GOOD[*combo].0.as_bytes(),
                        "source" => GOOD[*combo].1.as_bytes(),
                        "code" => CODES[*code].as_bytes(),
                        "request_id" => IDS[*id],
                        _ => b"",
                    })
                    .collect();
                out.extend_from_slice(&fields.join(&b","[..]));
            }
            Line::Call {
                time,
                account,
                channel,
                source,
                code,
                request_id,
                note,
            } => {
                let fields: Vec<String> = columns
                    .iter()
                    .map(|&c| match c {
                        "time" => TIMES[*time].to_owned(),
                        "account" => ACCOUNTS[*account].to_owned(),
                        "channel" => CHANNELS[*channel].to_owned(),
                        "source" => SOURCES[*source].to_owned(),
                        "code" => CODES[*code].to_owned(),
                        "request_id" => match request_id {
                            Some(n) => String::from_utf8_lossy(IDS[*n as usize]).into_owned(),
                            None => String::new(),
                        },
                        _ => {
                            if *note {
                                "备注".to_owned()
                            } else {
                                String::new()
                            }
                        }
                    })
                    .collect();
                out.extend_from_slice(fields.join(",").as_bytes());
            }
        }
        out.extend_from_slice(end);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// On any log: the same aggregate, rejects and errors as the sequential path.
    #[test]
    fn agrees_with_the_sequential_path(
        (columns, crlf) in header(),
        lines in prop::collection::vec(line(), 0..60),
        threads in 1..4usize,
        block_size in 64..700usize,
        strict in any::<bool>(),
        keep_going in any::<bool>(),
        default in prop::option::of(prop::sample::select(Edition::ALL.to_vec())),
        trailing_end in any::<bool>(),
        quoting in 0..3u8,
    ) {
        let mut log = render_quoted(&columns, crlf, &lines, quoting);
        if !trailing_end {
            while log.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                log.pop();
            }
        }
        let editions = editions(default);
        let opts = options(threads, block_size, strict, keep_going);
        let want = sequential(&log, &editions, opts.read);
        let (got, _) = fast(&log, &editions, &opts);
        prop_assert_eq!(got, want, "{}", String::from_utf8_lossy(&log));
    }

    /// On logs with a bad line now and then, cut in many chunks: the chunks before the first
    /// bad line are counted on the fast path, the rest sequentially, and the whole agrees.
    #[test]
    fn agrees_on_mostly_good_logs(
        (columns, crlf) in header(),
        lines in prop::collection::vec(mostly_good_line(), 0..400),
        threads in 1..4usize,
        block_size in 128..2_000usize,
        strict in any::<bool>(),
        keep_going in any::<bool>(),
        default in prop::option::weighted(0.8, prop::sample::select(Edition::ALL.to_vec())),
        quoting in 0..3u8,
    ) {
        let log = render_quoted(&columns, crlf, &lines, quoting);
        let editions = editions(default);
        let opts = options(threads, block_size, strict, keep_going);
        let want = sequential(&log, &editions, opts.read);
        let (got, _) = fast(&log, &editions, &opts);
        prop_assert_eq!(got, want, "{}", String::from_utf8_lossy(&log));
    }

    /// Several files of one run share their request ids: a repeat in a later file is a
    /// duplicate on either path, and every file's calls are accounted for.
    #[test]
    fn agrees_across_files(
        (columns, crlf) in header(),
        lines in prop::collection::vec(mostly_good_line(), 0..300),
        cuts in prop::collection::vec(0..300usize, 0..3),
        threads in 1..4usize,
        block_size in 64..1_500usize,
        keep_going in any::<bool>(),
    ) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(lines.len())).collect();
        cuts.sort_unstable();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(lines.len());
        let files: Vec<Vec<u8>> = bounds
            .windows(2)
            .map(|w| render(&columns, crlf, &lines[w[0]..w[1]]))
            .collect();
        let editions = editions(Some(Edition::Monthly));
        let opts = options(threads, block_size, false, keep_going);
        let run = |fast_path: bool| {
            collect(|rejects| {
                let mut ids = RequestIds::default();
                let mut all = Aggregate::new();
                for (i, file) in files.iter().enumerate() {
                    let name = format!("part-{i}.csv");
                    let part = if fast_path {
                        aggregate_calls(&name, &file[..], &editions, &opts, &mut ids, rejects)?
                    } else {
                        pipeline::aggregate_calls(&name, &file[..], &editions, opts.read, &mut ids, rejects)?
                    };
                    prop_assert_ok(part.counts().unwrap().balanced())?;
                    all.merge(part).map_err(PipelineError::Overflow)?;
                }
                Ok(all)
            })
        };
        let (want, _) = run(false);
        let (got, aggregate) = run(true);
        prop_assert_eq!(&got, &want);
        if let Some(aggregate) = aggregate {
            let counts = aggregate.counts().unwrap();
            prop_assert!(counts.balanced(), "{:?}", counts);
        }
    }

    /// On clean logs the fast path counts every line itself, whatever the blocks and threads.
    #[test]
    fn counts_clean_logs_itself(
        lines in prop::collection::vec(
            (0..9usize, 0..2usize, 0..6usize, 0..3usize), 1..200),
        threads in 1..4usize,
        block_size in 200..2_000usize,
    ) {
        let calls = [
            ("微信小程序", "权威库"),
            ("WechatMiniProgram", "跟权威库比对"),
            ("身份信息认证", ""),
            ("银行卡三要素", ""),
            ("E证通", "权威库"),
            ("活体人脸核身 API", ""),
        ];
        let mut log = String::from("time,account,channel,source,code\n");
        for (t, a, c, code) in lines {
            let (channel, source) = calls[c];
            let channel = if a == 1 && channel == "活体人脸核身 API" { "身份证识别及信息核验" } else { channel };
            log.push_str(&format!(
                "{},{},{channel},{source},{}\n",
                TIMES[t], ["a1", "a2"][a], ["0", "-1", "Success"][code]
            ));
        }
        let editions = editions(None);
        let opts = options(threads, block_size, false, false);
        let scan = aggregate_reader("calls.csv", log.as_bytes(), &editions, &opts, &mut RequestIds::default(), &mut |_| {});
        let want = sequential(log.as_bytes(), &editions, opts.read);
        match scan {
            Scan::Done(aggregate) => prop_assert_eq!(Ok(describe(&aggregate)), want.result),
            Scan::Declined(d) => prop_assert!(false, "declined: {} at line {}", d.reason, d.line),
        }
    }
}

fn clean_log(lines: usize) -> String {
    let mut log = String::from("\u{feff}time,account,channel,source,code\n");
    for i in 0..lines {
        log.push_str(&format!(
            "2026-10-{:02}T{:02}:{:02}:00+08:00,a{},{},,{}\n",
            1 + i % 28,
            i % 24,
            i % 60,
            1 + i % 2,
            ["银行卡三要素", "身份信息认证"][i % 2],
            ["0", "-1", "-3"][i % 3]
        ));
    }
    log
}

#[test]
fn declines_and_hands_over_at_the_right_line() {
    let mut log = clean_log(2_000);
    // A quoted field holding a line break: the record spans two lines.
    log.push_str("2026-10-05T09:00:00+08:00,a1,\"银行卡三要素\n\",,0\n");
    let more = clean_log(100);
    log.push_str(&more[more.find('\n').unwrap() + 1..]);
    let editions = editions(None);
    let opts = options(2, 4_096, false, false);
    let Scan::Declined(declined) = aggregate_reader(
        "calls.csv",
        log.as_bytes(),
        &editions,
        &opts,
        &mut RequestIds::default(),
        &mut |_| {},
    ) else {
        panic!("a line break in quotes must decline");
    };
    assert_eq!(declined.reason, Decline::Quote);
    assert!(
        declined.partial.counts().unwrap().billed > 0,
        "the chunks before it were counted"
    );
    assert!(declined.line <= 2_002);
    // The replay, read sequentially, numbers the lines as the file does.
    let mut replay = Vec::new();
    let mut rest = declined.rest;
    rest.read_to_end(&mut replay).unwrap();
    let mut reader = CallReader::new("calls.csv", &replay[..]).unwrap();
    let first = reader.next_ref().unwrap().unwrap();
    assert_eq!(first.line, declined.line);
    let (got, _) = fast(log.as_bytes(), &editions, &opts);
    assert_eq!(got, sequential(log.as_bytes(), &editions, opts.read));
}

#[test]
fn dated_channels_and_labels_rate_by_the_calls_day_as_sequentially() {
    // a1 opened in 2020: the legacy table, whose WeChat labels change on 2021-02-01 and
    // 2021-06-22, whose enhanced App SDK is listed from 2021-06-22 (so the action
    // GetFaceIdResult names one channel before that day and two from it), and whose phone
    // labels split on 2022-01-01.
    let calls = [
        ("2021-01-31", "微信小程序", "权威库", "0"),
        ("2021-02-01", "微信小程序", "权威库", "0"),
        ("2021-06-21", "微信小程序", "权威库", "0"),
        ("2021-06-22", "微信小程序", "权威库", "0"),
        ("2021-06-21", "增强版 App SDK", "权威库", "0"),
        ("2021-06-22", "增强版 App SDK", "权威库", "0"),
        ("2021-06-21", "GetFaceIdResult", "权威库", "0"),
        ("2021-06-22", "GetFaceIdResult", "权威库", "0"),
        ("2021-12-31", "手机号三要素核验", "", "0"),
        ("2022-01-01", "手机号三要素核验", "", "0"),
    ];
    let mut log = String::from("time,account,channel,source,code\n");
    for round in 0..50 {
        for (day, channel, source, code) in calls {
            log.push_str(&format!(
                "{day}T{:02}:00:00+08:00,a1,{channel},{source},{code}\n",
                round % 24
            ));
        }
    }
    let editions = editions(None);
    for (threads, block) in [(1, 1 << 16), (2, 256), (3, 97)] {
        let opts = options(threads, block, false, true);
        let want = sequential(log.as_bytes(), &editions, opts.read);
        let (got, aggregate) = fast(log.as_bytes(), &editions, &opts);
        assert_eq!(got, want, "{threads} threads, blocks of {block}");
        let aggregate = aggregate.expect("read");
        assert_eq!(
            aggregate.rejected, 100,
            "two calls of each round are not rated"
        );
        let rows: Vec<_> = aggregate
            .usage
            .get::<crate::legacy::Table>()
            .account("a1")
            .unwrap()
            .rows()
            .collect();
        let labels = |day: &str, channel: &str| {
            let day: NaiveDate = day.parse().unwrap();
            rows.iter()
                .find(|r| r.day == day && r.channel.doc_name() == channel)
                .map(|r| (r.labels.postpaid.doc_name(), r.labels.prepaid.doc_name()))
        };
        assert_eq!(
            labels("2021-01-31", "微信小程序"),
            Some(("活体人脸核身", "活体人脸核身"))
        );
        assert_eq!(
            labels("2021-02-01", "微信小程序"),
            Some(("微信活体人脸核身", "微信活体人脸核身"))
        );
        assert_eq!(
            labels("2021-06-22", "微信小程序"),
            Some(("活体人脸核身", "增强版人脸核身(权威库)-微信"))
        );
        assert_eq!(
            labels("2021-06-21", "基础版 App SDK"),
            Some(("活体人脸核身", "活体人脸核身"))
        );
        assert_eq!(
            labels("2022-01-01", "手机号三要素核验").map(|l| l.0),
            Some("手机号信息核验（三要素）")
        );
    }
}

#[test]
fn a_clean_log_is_counted_on_the_fast_path_with_any_threads() {
    let log = clean_log(20_000);
    let editions = editions(None);
    let want = sequential(log.as_bytes(), &editions, ReadOptions::default());
    for threads in [1, 2, 3] {
        let opts = options(threads, 1 << 12, false, false);
        match aggregate_reader(
            "calls.csv",
            log.as_bytes(),
            &editions,
            &opts,
            &mut RequestIds::default(),
            &mut |_| {},
        ) {
            Scan::Done(aggregate) => assert_eq!(Ok(describe(&aggregate)), want.result),
            Scan::Declined(d) => panic!("declined: {}", d.reason),
        }
    }
}

#[test]
fn a_quoted_log_with_crlf_and_a_bom_is_counted_on_the_fast_path() {
    let clean = clean_log(3_000);
    let mut log = b"\xEF\xBB\xBF".to_vec();
    for line in clean.trim_start_matches('\u{feff}').lines() {
        let fields: Vec<Vec<u8>> = line.split(',').map(|f| quote(f.as_bytes())).collect();
        log.extend_from_slice(&fields.join(&b","[..]));
        log.extend_from_slice(b"\r\n");
    }
    let editions = editions(None);
    for threads in [1, 2] {
        let opts = options(threads, 1 << 12, false, false);
        let scan = aggregate_reader(
            "calls.csv",
            &log[..],
            &editions,
            &opts,
            &mut RequestIds::default(),
            &mut |_| {},
        );
        let aggregate = match scan {
            Scan::Done(aggregate) => aggregate,
            Scan::Declined(d) => panic!("declined at line {}: {}", d.line, d.reason),
        };
        let want = sequential(&log, &editions, opts.read);
        assert_eq!(Ok(describe(&aggregate)), want.result);
        assert_eq!(aggregate.read, 3_000);
    }
}

#[test]
fn finds_duplicate_request_ids_itself() {
    let log = "time,account,channel,code,request_id\n\
               2026-10-01T09:00:00+08:00,a1,银行卡三要素,0,\n\
               2026-10-01T09:00:01+08:00,a1,银行卡三要素,0,r1\n\
               2026-10-01T09:00:02+08:00,a1,银行卡三要素,0,r1\n";
    let editions = editions(None);
    let opts = options(2, 1 << 12, false, false);
    let mut found = Vec::new();
    let scan = aggregate_reader(
        "calls.csv",
        log.as_bytes(),
        &editions,
        &opts,
        &mut RequestIds::default(),
        &mut |r| found.push(r),
    );
    let Scan::Done(aggregate) = scan else {
        panic!("request ids are read on the fast path");
    };
    assert_eq!((aggregate.read, aggregate.duplicates), (3, 1));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].origin.line, 4);
    let (got, _) = fast(log.as_bytes(), &editions, &opts);
    assert_eq!(got, sequential(log.as_bytes(), &editions, opts.read));
}

#[test]
fn the_accounts_limit_declines_and_is_reported_as_sequentially() {
    let log = clean_log(10);
    let editions = editions(Some(Edition::Monthly));
    let mut opts = options(2, 1 << 12, false, false);
    opts.read.max_accounts = 1;
    match aggregate_reader(
        "calls.csv",
        log.as_bytes(),
        &editions,
        &opts,
        &mut RequestIds::default(),
        &mut |_| {},
    ) {
        Scan::Declined(d) => assert_eq!(d.reason, Decline::TooManyAccounts),
        Scan::Done(_) => panic!("two accounts, limit one"),
    }
    let (got, _) = fast(log.as_bytes(), &editions, &opts);
    assert_eq!(got, sequential(log.as_bytes(), &editions, opts.read));
    assert!(got
        .result
        .unwrap_err()
        .contains("more than 1 distinct accounts"));
}

#[test]
fn the_accounts_limit_is_reported_at_its_line_after_a_hand_over() {
    // Accounts a1, a2 and x counted on the fast path; a quote hands over after enough lines
    // of x alone that the chunk handed over holds no a1 or a2; the fourth distinct account,
    // c1, comes after it. The error names c1's line, as the sequential path does, though
    // the part read sequentially has only two accounts.
    let mut log = clean_log(2_000);
    for i in 0..200 {
        log.push_str(&format!(
            "2026-10-05T09:{:02}:00+08:00,x,银行卡三要素,,0\n",
            i % 60
        ));
    }
    log.push_str("2026-10-05T10:00:00+08:00,x,\"银行卡三要素\n\",,0\n");
    log.push_str("2026-10-05T10:00:01+08:00,c1,银行卡三要素,,0\n");
    let editions = editions(Some(Edition::Monthly));
    let mut opts = options(2, 4_096, false, false);
    opts.read.max_accounts = 3;
    match aggregate_reader(
        "calls.csv",
        log.as_bytes(),
        &editions,
        &opts,
        &mut RequestIds::default(),
        &mut |_| {},
    ) {
        Scan::Declined(d) => {
            assert_eq!(d.reason, Decline::Quote);
            assert_eq!(d.partial.accounts(), 3);
            assert!(
                d.line < 2_202,
                "the chunk handed over starts before the quote"
            );
        }
        Scan::Done(_) => panic!("a line break in quotes must decline"),
    }
    let (got, _) = fast(log.as_bytes(), &editions, &opts);
    let want = sequential(log.as_bytes(), &editions, opts.read);
    assert_eq!(got, want);
    let error = want.result.unwrap_err();
    assert!(
        error.contains("calls.csv:2204: more than 3 distinct accounts"),
        "{error}"
    );
}

/// A reader that fails after `ok` bytes, as a broken pipe would.
struct Failing<'a> {
    data: &'a [u8],
    ok: usize,
}

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ok == 0 {
            return Err(io::Error::other("the pipe broke"));
        }
        let n = buf.len().min(self.ok).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.ok -= n;
        Ok(n)
    }
}

#[test]
fn a_read_error_is_reported_as_sequentially() {
    let log = clean_log(3_000);
    let editions = editions(None);
    let opts = options(2, 1 << 12, false, false);
    for ok in [10, 5_000, 50_001] {
        let run = |fast_path: bool| {
            collect(|rejects| {
                let reader = Failing {
                    data: log.as_bytes(),
                    ok,
                };
                if fast_path {
                    aggregate_calls(
                        "calls.csv",
                        reader,
                        &editions,
                        &opts,
                        &mut RequestIds::default(),
                        rejects,
                    )
                } else {
                    pipeline::aggregate_calls(
                        "calls.csv",
                        reader,
                        &editions,
                        opts.read,
                        &mut RequestIds::default(),
                        rejects,
                    )
                }
            })
            .0
        };
        let got = run(true);
        assert!(
            got.result.as_ref().unwrap_err().contains("the pipe broke"),
            "{got:?}"
        );
        assert_eq!(got, run(false));
    }
}

#[test]
fn blank_lines_and_a_missing_last_line_end() {
    let log = "\n\ntime,channel,code\r\n\r\n2026-10-01T09:00:00,银行卡三要素,0\r\n\n\r\n2026-10-01T09:00:00,银行卡三要素,-1";
    let editions = editions(Some(Edition::Legacy));
    let opts = options(1, 64, false, false);
    match aggregate_reader(
        "calls.csv",
        log.as_bytes(),
        &editions,
        &opts,
        &mut RequestIds::default(),
        &mut |_| {},
    ) {
        Scan::Done(aggregate) => {
            assert_eq!(aggregate.counts().unwrap().read, 2);
            assert_eq!(
                Ok(describe(&aggregate)),
                sequential(log.as_bytes(), &editions, opts.read).result
            );
        }
        Scan::Declined(d) => panic!("declined: {}", d.reason),
    }
}

proptest! {
    /// The word-at-a-time scans stop where a byte-at-a-time scan stops.
    #[test]
    fn scans_agree_with_byte_by_byte_scans(
        data in prop::collection::vec(
            prop::sample::select(b"a0,\n\r\" !#+-\x00\x1f\x7f\x80\xe5\xff".to_vec()), 0..40),
        from in 0..40usize,
    ) {
        let from = from.min(data.len());
        let special = data[from..]
            .iter()
            .position(|b| b",\n\r\"".contains(b))
            .map_or(data.len(), |i| from + i);
        prop_assert_eq!(worker::find_special(&data, from), special);
        let stop = data[from..]
            .iter()
            .position(|&b| b < b' ' || b == b'"')
            .map_or(data.len(), |i| from + i);
        let want = match data.get(stop) {
            None => Some((data.len(), data.len())),
            Some(b'\n') => Some((stop, stop + 1)),
            Some(b'\r') if data.get(stop + 1) == Some(&b'\n') => Some((stop, stop + 2)),
            Some(b'\r') if stop + 1 == data.len() => Some((stop, stop + 1)),
            _ => None,
        };
        prop_assert_eq!(worker::line_end(&data, from), want);
    }
}

#[test]
fn splitter_finds_only_special_bytes() {
    let data = "a b!#$%&'()*+-./,x\"y\rz\n微信小程序 H5,".as_bytes();
    let mut at = 0;
    let mut found = Vec::new();
    loop {
        at = worker::find_special(data, at);
        if at == data.len() {
            break;
        }
        found.push(data[at]);
        at += 1;
    }
    assert_eq!(found, b",\"\r\n,");
}

#[test]
fn counts_past_u32_carry_and_give_back_exactly() {
    let log = "time,channel,code\n2026-10-01T09:00:00+08:00,银行卡三要素,0\n";
    let line = "2026-10-01T09:00:01+08:00,银行卡三要素,0\n".repeat(3);
    let layout = Layout {
        fields: 3,
        time: 0,
        channel: 1,
        code: 2,
        source: None,
        account: None,
        request_id: None,
        others: Vec::new(),
        combo_span: Some((1, 2)),
        plain: true,
        plain_id: false,
        strict: false,
        max_line: 1 << 16,
    };
    let editions = editions(Some(Edition::Monthly));
    let registry = Mutex::new(Registry::new(MAX_ACCOUNTS));
    let hasher = crate::request_ids::KeyHasher::default();
    let mut worker = Worker::new(&layout, &editions, &registry, &hasher);
    let first = worker.process::<false>(&log.as_bytes()[18..]);
    assert_eq!((first.decline, first.lines), (None, 1));
    worker.days[0].counts[0] = u32::MAX - 1;
    assert_eq!(worker.process::<false>(line.as_bytes()).decline, None);
    assert_eq!(worker.days[0].counts[0], 1);
    assert_eq!(worker.carries[&(0, 0)], 1);
    let calls = |worker: Worker<'_>| {
        // The calls in the usage (the counts were set by hand, not read).
        let counts = merge(vec![worker], &registry.lock().unwrap(), 1)
            .counts()
            .unwrap();
        counts.billed + counts.not_billed
    };
    let mut copy = Worker::new(&layout, &editions, &registry, &hasher);
    copy.process::<false>(&log.as_bytes()[18..]);
    copy.days[0].counts[0] = u32::MAX - 1;
    copy.process::<false>(line.as_bytes());
    assert_eq!(calls(copy), (1 << 32) + 1);
    assert_eq!(worker.process::<true>(line.as_bytes()).decline, None);
    assert_eq!(worker.days[0].counts[0], u32::MAX - 1);
    assert_eq!(worker.carries[&(0, 0)], 0);
    // Two workers whose sum passes u32::MAX, carries included.
    let mut other = Worker::new(&layout, &editions, &registry, &hasher);
    other.process::<false>(&log.as_bytes()[18..]);
    other.days[0].counts[0] = u32::MAX - 1;
    other.process::<false>(line.as_bytes());
    worker.absorb(other);
    assert_eq!(calls(worker), u64::from(u32::MAX - 1) + (1 << 32) + 1);
}

#[test]
fn a_line_too_long_is_rejected_even_when_its_parts_are_known() {
    let account = "A".repeat(40_000);
    let code = "C".repeat(30_000);
    let log = format!(
        "time,account,channel,source,code\n\
         2026-10-01T09:00:00+08:00,{account},银行卡三要素,,0\n\
         2026-10-01T09:00:01+08:00,a1,银行卡三要素,,{code}\n\
         2026-10-01T09:00:02+08:00,{account},银行卡三要素,,{code}\n"
    );
    let editions = editions(Some(Edition::Monthly));
    for keep_going in [false, true] {
        let opts = options(2, DEFAULT_BLOCK, false, keep_going);
        let want = sequential(log.as_bytes(), &editions, opts.read);
        let (got, _) = fast(log.as_bytes(), &editions, &opts);
        assert_eq!(got, want);
        assert_eq!(
            got.rejects.len() + usize::from(got.result.is_err()),
            1,
            "{:?}",
            got.result
        );
    }
}
