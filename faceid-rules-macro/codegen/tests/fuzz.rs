//! The compiler never panics, whatever tokens it is given: random token soups, and the real
//! tables with tokens deleted, duplicated, swapped or replaced. Every error it reports points
//! inside the input.
//!
//! Cases per property: 512 by default; set `FACEID_FUZZ_CASES` for more.

mod support;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use proptest::prelude::*;
use support::{edition, source};

/// A token stream as lexemes, delimiters included, each with whether a space follows.
fn lexemes(tokens: TokenStream, out: &mut Vec<(String, bool)>) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::None => ("", ""),
                };
                out.push((open.to_owned(), true));
                lexemes(g.stream(), out);
                out.push((close.to_owned(), true));
            }
            TokenTree::Punct(p) => {
                out.push((p.as_char().to_string(), p.spacing() == Spacing::Alone))
            }
            other => out.push((other.to_string(), true)),
        }
    }
}

fn join(lexemes: &[(String, bool)]) -> String {
    let mut s = String::new();
    for (text, space) in lexemes {
        s.push_str(text);
        if *space {
            s.push(' ');
        }
    }
    s
}

/// Runs the compiler on `text` (if it lexes) and checks it neither panics nor points outside.
fn compile(text: &str) -> Result<(), TestCaseError> {
    let Ok(tokens) = text.parse::<TokenStream>() else {
        return Ok(()); // not tokens at all: rustc would reject it before the macro runs
    };
    let len = text.len();
    let result = std::panic::catch_unwind(|| {
        let _ = faceid_rules_codegen::expand_table(tokens.clone());
        faceid_rules_codegen::diagnostics(tokens)
    });
    let located =
        result.map_err(|_| TestCaseError::fail(format!("the compiler panicked on:\n{text}")))?;
    for (message, span) in located {
        let range = span.byte_range();
        prop_assert!(
            range.end <= len,
            "{message:?} points outside the input ({range:?} of {len})"
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("FACEID_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Replace(usize, &'static str),
}

const REPLACEMENTS: &[&str] = &[
    "Upload",
    "Authority",
    "Zzz",
    "not",
    "offered",
    "negotiated",
    "packs",
    "tiers",
    "none",
    "0",
    "1",
    "-1",
    "0.855",
    "1e3",
    "\"\"",
    "\"2021-02-30\"",
    "..",
    "..=",
    "=>",
    "/",
    ",",
    ";",
    "#",
    "section",
    "codes",
    "from",
    "until",
    "per",
    "flat",
    "covers",
    "named",
    "documents",
    "shared",
    "settlement",
    "monthly",
    "daily",
    "@",
    "\"2022-01-04 10:00\"",
    "\"2022-01-04 25:00\"",
    "billed",
    "u8",
    "18446744073709551616",
    "-",
];

fn mutation(len: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..len).prop_map(Mutation::Delete),
        (0..len).prop_map(Mutation::Duplicate),
        (0..len, 0..len).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (0..len, prop::sample::select(REPLACEMENTS)).prop_map(|(a, r)| Mutation::Replace(a, r)),
    ]
}

fn apply(lexemes: &mut Vec<(String, bool)>, m: &Mutation) {
    let n = lexemes.len();
    match *m {
        Mutation::Delete(i) => {
            lexemes.remove(i % n);
        }
        Mutation::Duplicate(i) => {
            let t = lexemes[i % n].clone();
            lexemes.insert(i % n, t);
        }
        Mutation::Swap(a, b) => lexemes.swap(a % n, b % n),
        Mutation::Replace(i, r) => lexemes[i % n] = (r.to_owned(), true),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_tables_never_panic(
        edition_index in 0..3usize,
        mutations in prop::collection::vec(mutation(10_000), 1..4),
    ) {
        let mut lex = Vec::new();
        lexemes(edition(&source(["legacy", "monthly", "daily"][edition_index])), &mut lex);
        for m in &mutations {
            apply(&mut lex, m);
        }
        compile(&join(&lex))?;
    }

    #[test]
    fn random_token_soup_never_panics(
        soup in prop::collection::vec(prop::sample::select(vec![
            "pub", "mod", "t", "{", "}", "[", "]", "(", ")", "title", ":", "\"x\"", ",", "doc", "1",
            "opened", "before", "\"2021-06-22\"", "bill_days", "1", "..=", "3", "sources", "A", "=",
            "postpaid", "prepaid", "tiers", "packs", "none", "codes", "section", "compare", "=>",
            "/", "not", "offered", "billed", "not_billed", "from", "-", "..", "0.5", "negotiated",
            "#", "aka", "actions", "crate", ";", "per", "until", "flat", "covers", "named",
            "settlement", "monthly", "daily", "bill_days", "bill_hours", "\"08:00\"", "documents",
            "@", "\"0e629ca4\"", "shared", "Doc",
        ]), 0..80),
    ) {
        compile(&soup.join(" "))?;
    }
}
