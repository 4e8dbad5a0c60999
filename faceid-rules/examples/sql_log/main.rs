//! Writes the call log of the engine tests: every channel, spelling, compare source, code
//! family, dated change, day boundary in China Standard Time and repeated request id of one
//! edition's table (see `log.rs`), cut into files with different column orders.
//!
//! ```text
//! cargo run -p faceid-rules --example sql_log -- --edition legacy --calls 3000 --files 3 --out DIR
//! ```
//!
//! writes `DIR/calls-01.csv`, `DIR/calls-02.csv`, …: bill them with
//! `faceid-rules bill DIR/calls-*.csv --edition legacy` (the files in name order).

use std::process::ExitCode;

use faceid_rules::{with_table, Edition};

mod log;

const USAGE: &str = "usage: sql_log --edition NAME [--calls N] [--seed S] [--files K] --out DIR";

fn run() -> Result<(), String> {
    let mut edition: Option<Edition> = None;
    let (mut calls, mut seed, mut files, mut out) = (3000usize, 1u64, 3usize, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--edition" => edition = Some(value()?.parse()?),
            "--calls" => calls = value()?.parse().map_err(|e| format!("--calls: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--files" => files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--out" => out = Some(value()?),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let (Some(edition), Some(out)) = (edition, out) else {
        return Err(USAGE.to_owned());
    };
    let lines = with_table!(edition, T => log::lines::<T>(seed, calls));
    std::fs::create_dir_all(&out).map_err(|e| format!("{out}: {e}"))?;
    for (i, text) in log::files(&lines, files).iter().enumerate() {
        let path = format!("{out}/calls-{:02}.csv", i + 1);
        std::fs::write(&path, text).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sql_log: {e}");
            ExitCode::FAILURE
        }
    }
}
