//! Bills a call log the way `faceid-rules bill` does — read, rate, aggregate, then every
//! account's months through the engine — on the fast path ([`faceid_rules::scan`]) or the
//! sequential one, and says how long each part took. For benchmarks (`bench/run.sh`).
//!
//! ```text
//! cargo run --release -p faceid-rules --example scan_bench -- calls.csv \
//!     --accounts accounts.csv [--contract contract.txt] [--threads N] [--sequential]
//! ```
//!
//! `-` reads standard input. Prints one summary line on stdout: calls read, billed, not
//! billed, rejected, accounts, total spend, the seconds spent reading and billing, and the
//! resident and peak memory after reading and at the end.

use std::fs::File;
use std::io::{self, Read};
use std::process::ExitCode;
use std::time::Instant;

use faceid_rules::engine::{ContractPrice, ContractPrices};
use faceid_rules::input::read_accounts;
use faceid_rules::pipeline::{self, Dedup, Editions, ReadOptions};
use faceid_rules::scan::{self, ScanOptions};
use faceid_rules::BillOptions;

struct Args {
    calls: String,
    accounts: String,
    contract: Option<String>,
    threads: usize,
    sequential: bool,
    block_size: usize,
}

fn args() -> Result<Args, String> {
    let mut calls = None;
    let mut args = Args {
        calls: String::new(),
        accounts: String::new(),
        contract: None,
        threads: ScanOptions::default().threads,
        sequential: false,
        block_size: scan::DEFAULT_BLOCK,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--accounts" => args.accounts = value()?,
            "--contract" => args.contract = Some(value()?),
            "--threads" => {
                args.threads = value()?.parse().map_err(|e| format!("--threads: {e}"))?
            }
            "--block-size" => {
                args.block_size = value()?.parse().map_err(|e| format!("--block-size: {e}"))?
            }
            "--sequential" => args.sequential = true,
            _ if calls.is_none() => calls = Some(a),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    args.calls = calls.ok_or(
        "usage: scan_bench CALLS --accounts FILE [--contract FILE] [--threads N] [--sequential]",
    )?;
    if args.accounts.is_empty() {
        return Err("--accounts FILE is required".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scan_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = args()?;
    let start = Instant::now();
    let accounts = read_accounts(
        &args.accounts,
        File::open(&args.accounts).map_err(|e| format!("{}: {e}", args.accounts))?,
    )
    .map_err(|e| e.to_string())?;
    let editions = Editions::from_accounts(&accounts, None);
    let mut contract = ContractPrices::new();
    if let Some(path) = &args.contract {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let prices: Result<Vec<ContractPrice>, _> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::parse)
            .collect();
        contract.extend(prices.map_err(|e| e.to_string())?);
    }
    let reader: Box<dyn Read + Send> = if args.calls == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(&args.calls).map_err(|e| format!("{}: {e}", args.calls))?)
    };
    let read = ReadOptions::default();
    let mut rejects = |r: pipeline::Reject| eprintln!("{r}");
    let aggregate = if args.sequential {
        pipeline::aggregate_calls(
            &args.calls,
            reader,
            &editions,
            read,
            &mut Dedup::default(),
            &mut rejects,
        )
    } else {
        let opts = ScanOptions {
            threads: args.threads,
            block_size: args.block_size,
            read,
        };
        scan::aggregate_calls(
            &args.calls,
            reader,
            &editions,
            &opts,
            &mut Dedup::default(),
            &mut rejects,
        )
    }
    .map_err(|e| e.to_string())?;
    let read_done = start.elapsed();
    let read_memory = memory();
    let options = BillOptions {
        contract,
        threads: args.threads,
        ..BillOptions::default()
    };
    let statements =
        faceid_rules::bill(&aggregate, &editions, &[], &options).map_err(|e| e.to_string())?;
    let spend = statements.spend;
    let counts = statements.counts;
    let all = start.elapsed();
    println!(
        "read {} billed {} not_billed {} unknown_code {} rejected {} accounts {} spend {} read_s {:.3} bill_s {:.3} total_s {:.3} after_read {} at_end {}",
        counts.read,
        counts.billed,
        counts.not_billed,
        counts.unknown_code,
        counts.rejected,
        statements.accounts.len(),
        spend,
        read_done.as_secs_f64(),
        (all - read_done).as_secs_f64(),
        all.as_secs_f64(),
        read_memory,
        memory()
    );
    Ok(())
}

/// Resident and peak resident memory (`VmRSS/VmHWM`, kB) from /proc, where there is one.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned()
    };
    format!("{}/{}kB", field("VmRSS:"), field("VmHWM:"))
}
