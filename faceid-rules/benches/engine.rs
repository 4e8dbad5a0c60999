//! The engine's hot pieces: rating one call, and billing an account's month of daily usage
//! through the pack ledger. Run with `cargo bench -p faceid-rules --bench engine`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use faceid_rules::engine::{bill_account, rate, AccountUsage, ContractPrices};
use faceid_rules::legacy::Table;
use faceid_rules::records::{Origin, PackKind, PackRecord};

fn rating(c: &mut Criterion) {
    let day = NaiveDate::from_ymd_opt(2026, 10, 12).unwrap();
    let mut group = c.benchmark_group("rate one call");
    group.bench_function("WeChat mini program, by doc name", |b| {
        b.iter(|| {
            rate::<Table>(
                black_box("微信小程序"),
                black_box(Some("权威库")),
                black_box("0"),
                day,
            )
        })
    });
    group.bench_function("API by action, named code", |b| {
        b.iter(|| {
            rate::<Table>(
                black_box("LivenessCompare"),
                None,
                black_box("FailedOperation.CompareFail"),
                day,
            )
        })
    });
    group.bench_function("bank card API, negative code", |b| {
        b.iter(|| rate::<Table>(black_box("银行卡三要素"), None, black_box("-5"), day))
    });
    group.finish();
}

/// A month of daily usage over eight channels, with three packs (one runs out).
fn month() -> (AccountUsage<Table>, Vec<PackRecord>) {
    let mut usage = AccountUsage::<Table>::new();
    let calls = [
        ("微信小程序", Some("权威库"), "0"),
        ("微信原生 H5", Some("上传照片"), "0"),
        ("活体人脸核身 API", None, "Success"),
        ("照片人脸核身 API", None, "Success"),
        ("身份信息认证", None, "0"),
        ("银行卡三要素", None, "-3"),
        ("手机号三要素核验", None, "0"),
        ("E证通", Some("权威库"), "2016"),
    ];
    for d in 1..=31 {
        let day = NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        for (i, (channel, source, code)) in calls.iter().enumerate() {
            let rated = rate::<Table>(channel, *source, code, day).unwrap();
            usage.add(day, &rated, code, 100 + 37 * i as u64).unwrap();
        }
    }
    let pack = |id: &str, label: &str, size: u64, day: u32, kind| PackRecord {
        id: id.to_owned(),
        account: "a".to_owned(),
        label: label.to_owned(),
        size,
        purchased: NaiveDate::from_ymd_opt(2026, 10, day)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        kind,
        price: None,
        origin: Origin {
            file: "packs.csv".into(),
            line: 2,
        },
    };
    let packs = vec![
        pack("g", "增强版人脸核身(权威库)-微信", 1_000, 1, PackKind::Gift),
        pack(
            "p1",
            "基础版人脸核身(权威库)",
            10_000,
            3,
            PackKind::Purchased,
        ),
        pack("p2", "身份证信息核验", 1_000, 10, PackKind::Purchased),
    ];
    (usage, packs)
}

fn ledger(c: &mut Criterion) {
    let (usage, packs) = month();
    let contract = ContractPrices::new();
    c.bench_function("bill a month: 31 days × 8 channels, 3 packs", |b| {
        b.iter(|| bill_account("a", black_box(&usage), black_box(&packs), &contract, None).unwrap())
    });
}

criterion_group!(benches, rating, ledger);
criterion_main!(benches);
