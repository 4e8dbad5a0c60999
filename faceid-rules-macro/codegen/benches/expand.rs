//! How long `billing_table!` takes on the real tables (each edition with the shared
//! definitions, as the shared macro hands them over): the whole expansion, and parsing plus
//! checking alone. Run with `cargo bench -p faceid-rules-codegen`.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../tests/support/mod.rs"]
mod support;

fn expansion(c: &mut Criterion) {
    for name in ["legacy", "monthly", "daily"] {
        let input = support::edition(&support::source(name));
        c.bench_function(&format!("expand {name} table"), |b| {
            b.iter(|| faceid_rules_codegen::expand_table(std::hint::black_box(input.clone())))
        });
        c.bench_function(&format!("parse and check {name} table"), |b| {
            b.iter(|| faceid_rules_codegen::diagnose(std::hint::black_box(input.clone())))
        });
    }
}

criterion_group!(benches, expansion);
criterion_main!(benches);
