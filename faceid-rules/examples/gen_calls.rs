//! A deterministic generator of realistic call logs, for benchmarks.
//!
//! ```text
//! cargo run --release -p faceid-rules --example gen_calls -- \
//!     --calls 10000000 --seed 1 --accounts-out accounts.csv > calls.csv
//! ```
//!
//! Writes `time,account,channel,source,code` (and `request_id` with `--request-ids`: 32
//! hex digits, as Tencent's RequestId without its hyphens, all distinct): one
//! month of calls (`--month`, default 2026-10) in China Standard Time (`+08:00`), in time
//! order, of a few hundred accounts (`--accounts`, default 300) whose volumes follow a
//! Zipf-like law. About 40 % of the accounts opened Face ID before 2021-06-22 (billed under
//! the legacy table), the rest after (the monthly table, or the daily one for those opened
//! from 2023-01-04); each uses a few channels of its edition. Everything comes from the compiled tables, nothing is listed here: channels are
//! written by doc name, identifier, alias or Tencent API action (only spellings that name
//! the channel alone); compare sources by doc name or short form, left out now and then for
//! channels with a single source; result codes are drawn from the channel's code family —
//! about 85 % billed (mostly the success code), 14 % not billed, 1 % codes the family does
//! not list. The same seed gives the same bytes.
//!
//! `--accounts-out FILE` writes the matching accounts file (`account,opened`), so that
//! every account's edition resolves. `--contract-out FILE` writes one `LABEL=PRICE` per line
//! for every postpaid label with a negotiated (联系商务) tier — priced at the label's last
//! list price — for `--contract-price`: large accounts reach those tiers.
//!
//! `--quote-all` writes every field in double quotes, as spreadsheets and warehouse exports
//! do: the same calls, read alike.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use faceid_rules::calendar::Month;
use faceid_rules::table::{BillingTable, Code, CodePattern, Named, Verdict};
use faceid_rules::{daily, legacy, monthly, Edition};

/// SplitMix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `p` (in millionths).
    fn chance(&mut self, per_million: u64) -> bool {
        self.next() % 1_000_000 < per_million
    }
}

/// Draws an index by weight: cumulative weights and a binary search.
struct Weighted {
    cumulative: Vec<u64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = u64>) -> Weighted {
        let mut total = 0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w.max(1);
                total
            })
            .collect();
        Weighted { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let x = rng.next() % total;
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// One channel as the generator writes it, with everything pre-rendered.
struct ChannelPlan {
    /// Spellings, drawn by `spelling_weights`.
    spellings: Vec<Vec<u8>>,
    spelling_weights: Weighted,
    /// Source spellings (empty: no source column value).
    sources: Vec<Vec<u8>>,
    billed_success: Vec<u8>,
    billed_other: Vec<Vec<u8>>,
    not_billed: Vec<Vec<u8>>,
    unknown: Vec<u8>,
    /// How popular it is.
    weight: u64,
}

/// A family's codes as the generator writes them.
struct Codes {
    /// The success code (billed).
    success: Vec<u8>,
    /// Other billed codes.
    billed: Vec<Vec<u8>>,
    /// Codes listed as not billed.
    not_billed: Vec<Vec<u8>>,
    /// A code the family does not list.
    unknown: Vec<u8>,
}

/// The codes a family lists as billed / not billed on `day`, and one it does not list.
fn codes<T: BillingTable>(family: T::CodeFamily, day: NaiveDate) -> Codes {
    let mut billed = Vec::new();
    let mut not_billed = Vec::new();
    let mut named = false;
    for rule in T::code_rules(family) {
        for pattern in rule.codes {
            let texts: Vec<String> = match *pattern {
                CodePattern::Range(lo, hi) if hi - lo <= 4 => {
                    (lo..=hi).map(|n| n.to_string()).collect()
                }
                CodePattern::Range(lo, hi) => {
                    vec![lo.to_string(), ((lo + hi) / 2).to_string(), hi.to_string()]
                }
                CodePattern::Name(name) => {
                    named = true;
                    vec![name.to_owned()]
                }
            };
            for text in texts {
                match T::code_status(family, Code::parse(&text), day).verdict {
                    Verdict::Billed => billed.push(text.into_bytes()),
                    Verdict::NotBilled => not_billed.push(text.into_bytes()),
                    Verdict::Unknown => {}
                }
            }
        }
    }
    billed.dedup();
    not_billed.dedup();
    let success = ["0", "Success"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .find(|s| billed.contains(s))
        .or_else(|| billed.first().cloned())
        .unwrap_or_else(|| b"0".to_vec());
    billed.retain(|c| *c != success);
    let unknown = [&b"FailedOperation.UnlistedByTheTable"[..], b"987654321"]
        .into_iter()
        .find(|c| {
            let text = std::str::from_utf8(c).unwrap_or_default();
            (c[0].is_ascii_digit() != named)
                && T::code_status(family, Code::parse(text), day).verdict == Verdict::Unknown
        })
        .unwrap_or(b"987654321")
        .to_vec();
    Codes {
        success,
        billed,
        not_billed,
        unknown,
    }
}

/// Every channel of table `T`, ready to write.
fn plans<T: BillingTable>(day: NaiveDate) -> Vec<ChannelPlan> {
    T::Channel::ALL
        .iter()
        .filter_map(|&channel| {
            // Spellings that name this channel and no other.
            let mut spellings: Vec<(Vec<u8>, u64)> = vec![(channel.doc_name().into(), 60)];
            let others = [channel.ident()]
                .into_iter()
                .map(|s| (s, 8))
                .chain(channel.aliases().iter().map(|&s| (s, 12)))
                .chain(T::channel_actions(channel).iter().map(|&s| (s, 20)));
            for (spelling, weight) in others {
                let unique = T::Channel::lookup(spelling).is_ok_and(|c| c == channel);
                if unique && !spellings.iter().any(|(s, _)| s == spelling.as_bytes()) {
                    spellings.push((spelling.into(), weight));
                }
            }
            let offered = T::channel_sources(channel);
            let mut sources: Vec<Vec<u8>> = Vec::new();
            for &source in offered {
                sources.push(source.doc_name().into());
                sources.extend(source.aliases().iter().map(|&a| a.as_bytes().to_vec()));
                if offered.len() == 1 {
                    sources.push(Vec::new());
                }
            }
            if offered.is_empty() {
                sources.push(Vec::new());
            }
            // Keep only what rates: the table may map a channel to no label for a source.
            let probe = |source: &[u8]| {
                let source = std::str::from_utf8(source).ok().filter(|s| !s.is_empty());
                faceid_rules::engine::rate::<T>(channel.doc_name(), source, "0", day).is_ok()
            };
            sources.retain(|s| probe(s));
            if sources.is_empty() {
                return None;
            }
            let Codes {
                success: billed_success,
                billed: billed_other,
                not_billed,
                unknown,
            } = codes::<T>(T::code_family(channel), day);
            let weight = match T::channel_actions(channel).len() {
                0 => 3,
                _ => 5,
            } + (channel.index() as u64 % 4);
            let spelling_weights = Weighted::new(spellings.iter().map(|&(_, w)| w));
            Some(ChannelPlan {
                spellings: spellings.into_iter().map(|(s, _)| s).collect(),
                spelling_weights,
                sources,
                billed_success,
                billed_other,
                not_billed,
                unknown,
                weight,
            })
        })
        .collect()
}

/// `LABEL=PRICE\n` for each postpaid label of `T` with a tier without list price on `day`.
fn negotiated<T: BillingTable>(day: NaiveDate) -> Vec<String> {
    T::Postpaid::ALL
        .iter()
        .filter_map(|&label| {
            let tiers = T::tiers_on(label, day)?;
            if tiers.iter().all(|t| t.price.is_some()) {
                return None;
            }
            let last = tiers.iter().rev().find_map(|t| t.price)?;
            Some(format!("{}={last}\n", label.doc_name()))
        })
        .collect()
}

struct Account {
    id: Vec<u8>,
    opened: NaiveDate,
    edition: Edition,
    /// Indices into the edition's plans.
    channels: Vec<usize>,
    channel_weights: Weighted,
}

struct Args {
    calls: u64,
    seed: u64,
    accounts: usize,
    month: Month,
    accounts_out: Option<String>,
    contract_out: Option<String>,
    request_ids: bool,
    quote_all: bool,
}

const USAGE: &str = "usage: gen_calls [--calls N] [--seed S] [--accounts N] [--month YYYY-MM] [--accounts-out FILE] [--contract-out FILE] [--request-ids] [--quote-all] > calls.csv";

fn args() -> Result<Args, String> {
    let mut args = Args {
        calls: 1_000_000,
        seed: 1,
        accounts: 300,
        month: "2026-10".parse().map_err(|e| format!("{e}"))?,
        accounts_out: None,
        contract_out: None,
        request_ids: false,
        quote_all: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--calls" => {
                args.calls = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("--calls: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--accounts" => {
                args.accounts = value()?.parse().map_err(|e| format!("--accounts: {e}"))?;
                if args.accounts == 0 {
                    return Err("--accounts must be at least 1".into());
                }
            }
            "--month" => args.month = value()?.parse().map_err(|e| format!("--month: {e}"))?,
            "--accounts-out" => args.accounts_out = Some(value()?),
            "--contract-out" => args.contract_out = Some(value()?),
            "--request-ids" => args.request_ids = true,
            "--quote-all" => args.quote_all = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// Call `i`'s request id: 32 hex digits of a bijection of `i` (so all distinct), spread
/// over the whole range as random ids are.
fn hex_id(out: &mut Vec<u8>, i: u64) {
    const ODD: u128 = 0x2545_F491_4F6C_DD1D_9E37_79B9_7F4A_7C15;
    let mut x = (u128::from(i) + 1).wrapping_mul(ODD);
    x ^= x >> 61;
    x = x.wrapping_mul(ODD);
    x ^= x >> 67;
    for shift in (0..32).rev() {
        out.push(b"0123456789abcdef"[((x >> (shift * 4)) & 0xF) as usize]);
    }
}

/// `a,b,c` → `"a","b","c"` (no field holds a quote or a comma).
fn quote_fields(line: &mut Vec<u8>) {
    let mut quoted = Vec::with_capacity(line.len() + 16);
    quoted.push(b'"');
    for &b in line.iter() {
        if b == b',' {
            quoted.extend_from_slice(b"\",\"");
        } else {
            quoted.push(b);
        }
    }
    quoted.push(b'"');
    *line = quoted;
}

fn two_digits(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_calls: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = args()?;
    let mut rng = Rng(args.seed ^ 0x005E_ED0F_CA11_u64);
    let first = args.month.first_day();
    let days = (args.month.last_day() - first).num_days() as u32 + 1;
    let mid = first + chrono::Days::new(14);
    // The plans of each edition, in the order of `Edition::ALL`.
    let all_plans = [
        plans::<legacy::Table>(mid),
        plans::<monthly::Table>(mid),
        plans::<daily::Table>(mid),
    ];
    let all_weights: Vec<Weighted> = all_plans
        .iter()
        .map(|plans| Weighted::new(plans.iter().map(|p| p.weight)))
        .collect();
    let index = |e: Edition| Edition::ALL.iter().position(|&x| x == e).unwrap_or(0);

    let accounts: Vec<Account> = (0..args.accounts)
        .map(|i| {
            let legacy = rng.below(100) < 40;
            let opened = if legacy {
                NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or(first)
                    + chrono::Days::new(rng.below(1_200) as u64)
            } else {
                NaiveDate::from_ymd_opt(2021, 6, 22).unwrap_or(first)
                    + chrono::Days::new(rng.below(1_500) as u64)
            };
            let edition = Edition::for_opened(opened);
            let (plans, weights) = (&all_plans[index(edition)], &all_weights[index(edition)]);
            let mut channels: Vec<usize> = Vec::new();
            let wanted = 1 + rng.below(6);
            for _ in 0..wanted * 3 {
                let c = weights.draw(&mut rng);
                if !channels.contains(&c) {
                    channels.push(c);
                }
                if channels.len() == wanted {
                    break;
                }
            }
            let channel_weights = Weighted::new(
                channels
                    .iter()
                    .map(|&c| plans[c].weight * (1 + rng.below(8) as u64)),
            );
            Account {
                id: format!("125{:07}", 1_000 + i * 37).into_bytes(),
                opened,
                edition,
                channels,
                channel_weights,
            }
        })
        .collect();
    // Zipf-like volumes: account i gets ∝ 1 / (i + 1)^0.9.
    let account_weights =
        Weighted::new((0..accounts.len()).map(|i| (1e9 / ((i + 1) as f64).powf(0.9)) as u64));

    if let Some(path) = &args.accounts_out {
        let mut out = String::from("account,opened\n");
        for a in &accounts {
            out.push_str(&format!(
                "{},{}\n",
                String::from_utf8_lossy(&a.id),
                a.opened
            ));
        }
        std::fs::write(path, out).map_err(|e| format!("{path}: {e}"))?;
    }

    if let Some(path) = &args.contract_out {
        let mut lines = negotiated::<legacy::Table>(mid);
        for line in negotiated::<monthly::Table>(mid)
            .into_iter()
            .chain(negotiated::<daily::Table>(mid))
        {
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
        std::fs::write(path, lines.concat()).map_err(|e| format!("{path}: {e}"))?;
    }

    let day_prefixes: Vec<Vec<u8>> = (0..days)
        .map(|d| {
            let day = first + chrono::Days::new(u64::from(d));
            format!("{:04}-{:02}-{:02}T", day.year(), day.month(), day.day()).into_bytes()
        })
        .collect();
    let span = u64::from(days) * 86_400;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut line = Vec::with_capacity(256);
    let mut header = b"time,account,channel,source,code".to_vec();
    if args.request_ids {
        header.extend_from_slice(b",request_id");
    }
    if args.quote_all {
        quote_fields(&mut header);
    }
    header.push(b'\n');
    out.write_all(&header).map_err(|e| e.to_string())?;
    for i in 0..args.calls {
        line.clear();
        // In time order: call i at i/N of the month, plus a little jitter.
        let second = (u128::from(i) * u128::from(span) / u128::from(args.calls.max(1))) as u64;
        let second = (second + rng.next() % 3).min(span - 1);
        let (day, rest) = ((second / 86_400) as usize, (second % 86_400) as u32);
        line.extend_from_slice(&day_prefixes[day]);
        two_digits(&mut line, rest / 3600);
        line.push(b':');
        two_digits(&mut line, rest / 60 % 60);
        line.push(b':');
        two_digits(&mut line, rest % 60);
        line.extend_from_slice(b"+08:00,");
        let account = &accounts[account_weights.draw(&mut rng)];
        line.extend_from_slice(&account.id);
        line.push(b',');
        let plans = &all_plans[index(account.edition)];
        let plan = &plans[account.channels[account.channel_weights.draw(&mut rng)]];
        line.extend_from_slice(&plan.spellings[plan.spelling_weights.draw(&mut rng)]);
        line.push(b',');
        line.extend_from_slice(&plan.sources[rng.below(plan.sources.len())]);
        line.push(b',');
        let roll = rng.below(1_000_000);
        let code: &[u8] = if roll < 10_000 {
            &plan.unknown
        } else if roll < 150_000 && !plan.not_billed.is_empty() {
            &plan.not_billed[rng.below(plan.not_billed.len())]
        } else if rng.chance(150_000) && !plan.billed_other.is_empty() {
            &plan.billed_other[rng.below(plan.billed_other.len())]
        } else {
            &plan.billed_success
        };
        line.extend_from_slice(code);
        if args.request_ids {
            line.push(b',');
            hex_id(&mut line, i);
        }
        if args.quote_all {
            quote_fields(&mut line);
        }
        line.push(b'\n');
        if let Err(e) = out.write_all(&line) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e.to_string());
        }
    }
    out.flush().or_else(|e| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e.to_string())
        }
    })
}
