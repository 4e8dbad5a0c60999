//! How long `billing_table!` takes on the real tables: the whole expansion, and parsing
//! plus checking alone. Run with `cargo bench -p faceid-rules-codegen`.

use criterion::{criterion_group, criterion_main, Criterion};
use proc_macro2::{TokenStream, TokenTree};

fn body(name: &str) -> TokenStream {
    let path = format!(
        "{}/../../faceid-rules/src/tables/{name}.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(path).expect("table source");
    let tokens: TokenStream = source.parse().expect("lexes");
    let mut after_bang = false;
    for tt in tokens {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '!' => after_bang = true,
            TokenTree::Group(g) if after_bang => return g.stream(),
            _ => after_bang = false,
        }
    }
    panic!("no billing_table! in {name}.rs")
}

fn expansion(c: &mut Criterion) {
    for name in ["legacy", "current"] {
        let input = body(name);
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
