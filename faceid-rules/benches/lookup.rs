//! The generated lookups against what a program without the tables would do.
//!
//! - `(channel, source, day) → labels`: the generated timelines read by `labels_on` vs a
//!   `HashMap<(String, String), _>` keyed by doc names (for one day);
//! - names → variants: doc names, aliases and API actions through the generated `match` on
//!   comparison forms.
//!
//! Run with `cargo bench -p faceid-rules --bench lookup`.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use faceid_rules::legacy::{Channel, PostpaidLabel, PrepaidLabel, Source, Table};
use faceid_rules::{BillingTable, Named};

/// A day on which every channel of the legacy table is listed.
const DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 10, 1) {
    Some(day) => day,
    None => panic!("a real day"),
};

/// Every (channel, source) pair of the legacy table, in table order.
fn pairs() -> Vec<(Channel, Option<Source>)> {
    Channel::ALL
        .iter()
        .flat_map(|&c| {
            let sources = c.sources();
            if sources.is_empty() {
                vec![(c, None)]
            } else {
                sources.iter().map(|&s| (c, Some(s))).collect()
            }
        })
        .collect()
}

fn labels(c: &mut Criterion) {
    let pairs = pairs();
    let map: HashMap<(String, String), (PostpaidLabel, PrepaidLabel)> = pairs
        .iter()
        .map(|&(ch, s)| {
            let l = Table::labels_on(ch, s, DAY).expect("offered");
            (
                (
                    ch.doc_name().to_owned(),
                    s.map_or(String::new(), |s| s.doc_name().to_owned()),
                ),
                (l.postpaid, l.prepaid),
            )
        })
        .collect();
    let keys: Vec<(String, String)> = map.keys().cloned().collect();
    let mut group = c.benchmark_group("labels of every (channel, source)");
    // Both sides walk the same pairs, count the pairs that map, and hide only the input
    // slice and the count from the optimiser.
    group.bench_function("generated timelines", |b| {
        b.iter(|| {
            black_box(&pairs)
                .iter()
                .filter(|&&(ch, s)| ch.labels_on(s, DAY).is_some())
                .count()
        })
    });
    group.bench_function("HashMap<(String, String), _>", |b| {
        b.iter(|| {
            black_box(&keys)
                .iter()
                .filter(|k| map.contains_key(*k))
                .count()
        })
    });
    group.finish();
}

fn names(c: &mut Criterion) {
    let doc_names: Vec<&str> = Channel::ALL.iter().map(|c| c.doc_name()).collect();
    let actions = [
        "LivenessCompare",
        "IdCardVerification",
        "BankCard4EVerification",
        "MobileStatus",
    ];
    let spelt = ["微信原生H5", "E证通", "pc h5", "银行卡三要素"];
    let mut group = c.benchmark_group("channel from text");
    group.bench_function("doc names", |b| {
        b.iter(|| {
            doc_names
                .iter()
                .filter(|n| Channel::lookup(black_box(n)).is_ok())
                .count()
        })
    });
    group.bench_function("API actions", |b| {
        b.iter(|| {
            actions
                .iter()
                .filter(|n| Channel::lookup(black_box(n)).is_ok())
                .count()
        })
    });
    group.bench_function("other spellings (spaces, case)", |b| {
        b.iter(|| {
            spelt
                .iter()
                .filter(|n| Channel::lookup(black_box(n)).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, labels, names);
criterion_main!(benches);
