//! The hot pieces of billing a call log, one by one:
//!
//! - field → id: channel names as logs write them (doc names, aliases, API actions) through
//!   the generated lookup (`Named::lookup`, which folds the name and runs a `match`);
//! - timestamp → day: the crate's parser and chrono's RFC 3339 parser;
//! - rating one call ([`rate`]);
//! - merging two aggregates of daily usage ([`Usage::merge`]);
//! - reading an in-memory log ([`CallLog`]), on one and two threads.
//!
//! Run with `cargo bench -p faceid-rules --bench hot`.

use std::hint::black_box;

use chrono::{DateTime, Datelike, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use faceid_rules::calendar::{parse_timestamp_and_day, CST};
use faceid_rules::call_log::{CallLog, Discard, ReadOptions, Source};
use faceid_rules::engine::{rate, Usage};
use faceid_rules::legacy::{Channel, Table};
use faceid_rules::pipeline::Editions;
use faceid_rules::Edition;
use faceid_rules::{BillingTable, Named};

/// Every spelling of a legacy channel that names it alone: doc names, aliases, actions.
fn spellings() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for channel in Channel::ALL {
        out.push(("doc name", channel.doc_name()));
        for &alias in channel.aliases() {
            out.push(("alias", alias));
        }
        for &action in Table::channel_actions(channel) {
            out.push(("API action", action));
        }
    }
    out.retain(|(_, s)| Channel::lookup(s).is_ok());
    out.sort_unstable();
    out.dedup();
    out
}

fn field_ids(c: &mut Criterion) {
    let all = spellings();
    let mut group = c.benchmark_group("channel name → id");
    for (kind, kinds) in [
        ("doc name", "doc names"),
        ("alias", "aliases"),
        ("API action", "API actions"),
    ] {
        let names: Vec<&str> = all
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|&(_, s)| s)
            .collect();
        if names.is_empty() {
            continue;
        }
        group.throughput(Throughput::Elements(names.len() as u64));
        group.bench_function(format!("{kinds}, Named::lookup ({})", names.len()), |b| {
            b.iter(|| {
                names
                    .iter()
                    .filter(|n| Channel::lookup(black_box(n)).is_ok())
                    .count()
            })
        });
    }
    group.finish();
}

fn timestamps(c: &mut Criterion) {
    // A day of calls, one a minute, as a log writes them.
    let fields: Vec<String> = (0..1_440)
        .map(|m| format!("2026-10-12T{:02}:{:02}:17+08:00", m / 60, m % 60))
        .collect();
    let mut group = c.benchmark_group("timestamp → day");
    group.throughput(Throughput::Elements(fields.len() as u64));
    group.bench_function("calendar::parse_timestamp_and_day", |b| {
        b.iter(|| {
            fields
                .iter()
                .filter_map(|f| parse_timestamp_and_day(black_box(f)).ok())
                .map(|(_, day)| day.ordinal())
                .sum::<u32>()
        })
    });
    group.bench_function("chrono parse_from_rfc3339 + CST day", |b| {
        b.iter(|| {
            fields
                .iter()
                .filter_map(|f| DateTime::parse_from_rfc3339(black_box(f)).ok())
                .map(|t| t.with_timezone(&CST).date_naive().ordinal())
                .sum::<u32>()
        })
    });
    group.finish();
}

fn rating(c: &mut Criterion) {
    let day = NaiveDate::from_ymd_opt(2026, 10, 12).unwrap();
    let mut group = c.benchmark_group("rate one call");
    let calls: [(&str, Option<&str>, &str); 4] = [
        ("微信小程序", Some("跟权威库比对"), "0"),
        ("LivenessCompare", None, "FailedOperation.CompareFail"),
        ("银行卡三要素", None, "-5"),
        ("E证通", Some("权威库"), "2016"),
    ];
    for (channel, source, code) in calls {
        assert!(
            rate::<Table>(channel, source, code, day).is_ok(),
            "{channel} rates"
        );
        group.bench_function(format!("{channel} / {code}"), |b| {
            b.iter(|| rate::<Table>(black_box(channel), black_box(source), black_box(code), day))
        });
    }
    group.finish();
}

/// A month of daily usage of `accounts` accounts over a few channels and codes.
fn month(accounts: usize, seed: u64) -> Usage<Table> {
    let calls: [(&str, Option<&str>, &str); 6] = [
        ("微信小程序", Some("权威库"), "0"),
        ("微信小程序", Some("权威库"), "2016"),
        ("活体人脸核身 API", None, "Success"),
        ("银行卡三要素", None, "0"),
        ("银行卡三要素", None, "-3"),
        ("身份信息认证", None, "0"),
    ];
    let mut usage = Usage::<Table>::new();
    for a in 0..accounts {
        let account = format!("12500{a:05}");
        for d in 1..=31 {
            let day = NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
            for (i, (channel, source, code)) in calls.iter().enumerate() {
                let rated = rate::<Table>(channel, *source, code, day).unwrap();
                usage
                    .add(&account, day, &rated, code, seed + (a + i) as u64)
                    .unwrap();
            }
        }
    }
    usage
}

fn merging(c: &mut Criterion) {
    let (a, b) = (month(100, 1), month(100, 7));
    let mut group = c.benchmark_group("merge usage");
    group.throughput(Throughput::Elements(100 * 31 * 6));
    group.bench_function("two months of 100 accounts (18,600 rows each)", |bench| {
        bench.iter_batched(
            || (a.clone(), b.clone()),
            |(mut a, b)| {
                a.merge(b).unwrap();
                a
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn scanning(c: &mut Criterion) {
    // 200,000 calls of 50 accounts, in the common layout.
    let channels = [
        ("微信小程序", "权威库", "0"),
        ("LivenessRecognition", "", "Success"),
        ("银行卡三要素", "", "-3"),
        ("身份信息认证", "", "0"),
        ("E证通", "跟权威库比对", "0"),
    ];
    let mut log = String::from("time,account,channel,source,code\n");
    for i in 0..200_000usize {
        let (channel, source, code) = channels[i % 5];
        log.push_str(&format!(
            "2026-10-{:02}T{:02}:{:02}:{:02}+08:00,12500{:05},{channel},{source},{code}\n",
            1 + i * 31 / 200_000,
            i % 24,
            i % 60,
            i % 59,
            i * 7 % 50
        ));
    }
    let editions = Editions::all(Edition::Legacy);
    let mut group = c.benchmark_group("scan 200,000 calls");
    group.throughput(Throughput::Bytes(log.len() as u64));
    group.sample_size(20);
    for threads in [1, 2] {
        let reader = CallLog::new(
            &editions,
            ReadOptions {
                threads,
                ..ReadOptions::default()
            },
        );
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| {
                reader
                    .read([Source::calls("calls.csv", log.as_bytes())], &mut Discard)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, field_ids, timestamps, rating, merging, scanning);
criterion_main!(benches);
