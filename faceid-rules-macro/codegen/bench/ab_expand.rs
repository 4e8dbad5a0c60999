//! The expansion time of `billing_table!` on the real tables: the compiler of a baseline
//! commit on that commit's tables against the working tree's compiler on its tables, run
//! alternately in one process (so that load on the machine hits both alike), as medians and
//! ratios. Built and run by `ab.sh`, which names the two crates `base` and `new`.

use std::path::Path;
use std::time::Instant;

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

/// The tokens inside `NAME! { … }` of a source text.
fn body(source: &str) -> TokenStream {
    let tokens: TokenStream = source.parse().expect("the table source lexes");
    let mut after_bang = false;
    for tt in tokens {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '!' => after_bang = true,
            TokenTree::Group(g) if after_bang => return g.stream(),
            _ => after_bang = false,
        }
    }
    panic!("no NAME! {{ … }} in the source")
}

/// What `billing_table!` receives for a table: with the shared definitions of `shared.rs`
/// when the table is written `face_id_table! { … }`, as the shared macro hands them over.
fn input(dir: &Path, name: &str) -> TokenStream {
    let read = |n: &str| std::fs::read_to_string(dir.join(format!("{n}.rs"))).unwrap();
    let source = read(name);
    let own = body(&source);
    if !source.contains("face_id_table! {") {
        return own;
    }
    let mut blocks = body(&read("shared")).into_iter();
    for tt in blocks.by_ref() {
        if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';') {
            break;
        }
    }
    let mut out: TokenStream = [
        TokenTree::Ident(Ident::new("shared", Span::call_site())),
        TokenTree::Ident(Ident::new("face_id_table", Span::call_site())),
        TokenTree::Group(Group::new(Delimiter::Brace, blocks.collect())),
    ]
    .into_iter()
    .collect();
    out.extend(own);
    out
}

/// The editions of a tables directory: every file but `mod.rs` and `shared.rs`.
fn tables(dir: &Path) -> Vec<(String, TokenStream)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".rs")?.to_owned();
            (stem != "mod" && stem != "shared").then_some(stem)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let tokens = input(dir, &n);
            (n, tokens)
        })
        .collect()
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (base_dir, new_dir) = (Path::new(&args[1]), Path::new(&args[2]));
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(60);
    let olds = tables(base_dir);
    let news = tables(new_dir);
    // [table] → (expand times, parse-and-check times)
    let mut t_old = vec![(Vec::new(), Vec::new()); olds.len()];
    let mut t_new = vec![(Vec::new(), Vec::new()); news.len()];
    for _ in 0..rounds {
        for ((_, input), t) in olds.iter().zip(&mut t_old) {
            t.0.push(ms(|| drop(std::hint::black_box(base::expand_table(input.clone())))));
            t.1.push(ms(|| drop(std::hint::black_box(base::diagnose(input.clone())))));
        }
        for ((_, input), t) in news.iter().zip(&mut t_new) {
            t.0.push(ms(|| drop(std::hint::black_box(new::expand_table(input.clone())))));
            t.1.push(ms(|| drop(std::hint::black_box(new::diagnose(input.clone())))));
        }
    }
    println!("{rounds} rounds, alternating; medians in ms");
    println!("{:8} {:10} {:>8} {:>13}", "", "table", "expand", "parse+check");
    let mut largest = [(String::new(), 0.0), (String::new(), 0.0)];
    for (side, tables, times) in [("before", &olds, &t_old), ("after", &news, &t_new)] {
        for ((name, _), (expand, check)) in tables.iter().zip(times) {
            let e = median(expand);
            println!("{side:8} {name:10} {e:8.2} {:13.2}", median(check));
            let slot = &mut largest[usize::from(side == "after")];
            if e > slot.1 {
                *slot = (name.clone(), e);
            }
        }
    }
    println!(
        "largest table: before {} {:.2} ms, after {} {:.2} ms: {:.2}×",
        largest[0].0,
        largest[0].1,
        largest[1].0,
        largest[1].1,
        largest[1].1 / largest[0].1
    );
}
