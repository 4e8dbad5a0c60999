//! Usage is a sum: a log cut into partitions, each aggregated on its own into a usage file,
//! and the files billed in any order bill to the statements of the whole log (commutative);
//! and however the partitions' aggregates are grouped before they are merged, the result is
//! one (associative). A log is partitioned as a warehouse shards it, by request id, so that
//! the lines of one request meet in one partition and are counted once there.

use std::hash::{DefaultHasher, Hash, Hasher};

use faceid_rules::call_log::{CallLog, ReadOptions, Source};
use faceid_rules::engine::UsageWriter;
use faceid_rules::pipeline::{Aggregate, Editions, Reject};
use faceid_rules::{bill, with_table, BillOptions, Edition, Statements};
use proptest::prelude::*;

#[path = "../examples/sql_log/log.rs"]
#[allow(dead_code)]
mod log;

fn options() -> ReadOptions {
    ReadOptions {
        keep_going: true,
        threads: 1,
        ..ReadOptions::default()
    }
}

fn read(editions: &Editions, sources: Vec<Source<'_>>) -> Aggregate {
    CallLog::new(editions, options())
        .read(sources, &mut |_: Reject| {})
        .unwrap()
}

fn statements(editions: &Editions, aggregate: &Aggregate) -> Statements {
    bill(aggregate, editions, &[], &BillOptions::default()).unwrap()
}

/// A usage file of an aggregate, as `faceid-rules usage` writes it.
fn usage_file(edition: Edition, aggregate: &Aggregate) -> Vec<u8> {
    let mut w = UsageWriter::new(Vec::new()).unwrap();
    with_table!(edition, T => w.write(aggregate.usage::<T>()).unwrap());
    w.finish().unwrap()
}

/// The partition of a line: by its request id (trimmed, in the case the reader ignores for
/// hex ids), lines without one spread by their position.
fn partition(line: &log::Line, index: usize, parts: usize, salt: u64) -> usize {
    let id = line.request_id.trim();
    let mut h = DefaultHasher::new();
    salt.hash(&mut h);
    if id.is_empty() {
        index.hash(&mut h);
    } else {
        let hex: String = id.chars().filter(|&c| c != '-').collect();
        let is_hex = hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit());
        if is_hex {
            hex.to_ascii_lowercase().hash(&mut h);
        } else {
            id.hash(&mut h);
        }
    }
    (h.finish() % parts as u64) as usize
}

/// A deterministic shuffle.
fn shuffle<X>(items: &mut [X], mut state: u64) {
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn usage_of_partitions_bills_as_the_whole_log(
        edition in prop::sample::select(Edition::ALL.to_vec()),
        seed in 0u64..1_000,
        parts in 1usize..6,
        salt in any::<u64>(),
        order in any::<u64>(),
    ) {
        let lines = with_table!(edition, T => log::lines::<T>(seed, 400));
        let editions = Editions::all(edition);
        let whole_text = log::write_csv(&lines, &log::COLUMNS);
        let whole = statements(
            &editions,
            &read(&editions, vec![Source::calls("calls.csv", whole_text.as_bytes())]),
        );
        let mut cut: Vec<Vec<log::Line>> = vec![Vec::new(); parts];
        for (i, line) in lines.iter().enumerate() {
            cut[partition(line, i, parts, salt)].push(line.clone());
        }
        let aggregates: Vec<Aggregate> = cut
            .iter()
            .map(|part| {
                let text = log::write_csv(part, &log::COLUMNS);
                read(&editions, vec![Source::calls("part.csv", text.as_bytes())])
            })
            .collect();
        // Commutative: the partitions' usage files, billed in any order.
        let mut files: Vec<Vec<u8>> =
            aggregates.iter().map(|a| usage_file(edition, a)).collect();
        shuffle(&mut files, order | 1);
        let sources = files
            .iter()
            .enumerate()
            .map(|(i, f)| Source::usage(format!("usage-{i}.csv"), f.as_slice()))
            .collect();
        let from_files = statements(&editions, &read(&editions, sources));
        prop_assert_eq!(&from_files.accounts, &whole.accounts);
        prop_assert_eq!(from_files.spend, whole.spend);
        prop_assert_eq!(
            (from_files.counts.billed, from_files.counts.not_billed),
            (whole.counts.billed, whole.counts.not_billed)
        );
        // Associative: ((a + b) + c) + … and a + (b + (c + …)) bill alike.
        let left = aggregates.iter().fold(Aggregate::new(), |mut acc, a| {
            let again = read(&editions, vec![Source::usage("u", usage_file(edition, a).as_slice())]);
            acc.merge(again).unwrap();
            acc
        });
        let right = aggregates.iter().rev().fold(Aggregate::new(), |acc, a| {
            let mut head = read(&editions, vec![Source::usage("u", usage_file(edition, a).as_slice())]);
            head.merge(acc).unwrap();
            head
        });
        prop_assert_eq!(&statements(&editions, &left).accounts, &whole.accounts);
        prop_assert_eq!(&statements(&editions, &right).accounts, &whole.accounts);
    }
}
