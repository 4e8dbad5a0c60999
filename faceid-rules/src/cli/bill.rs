//! `faceid-rules bill` and `faceid-rules usage`: read call logs (and usage files), rate and
//! aggregate them, run each account's month through the engine, print the statements.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use faceid_rules::calendar::{parse_day, Month};
use faceid_rules::call_log::{CallLog, ReadOptions, Sink, Source};
use faceid_rules::engine::{
    AccountStatement, ContractPrice, ContractPrices, PackStatus, ReminderReason, UsageWriter,
};
use faceid_rules::escape::{self, spreadsheet_cell};
use faceid_rules::input::wechat::Rules;
use faceid_rules::input::{read_accounts, read_packs};
use faceid_rules::money::Money;
use faceid_rules::pipeline::{
    Aggregate, ChargeDisagreement, Counts, Editions, FileCounts, Reject, RejectKind, MAX_ACCOUNTS,
};
use faceid_rules::records::PackKind;
use faceid_rules::request_ids::MAX_REQUEST_IDS;
use faceid_rules::{BillError, BillOptions, Edition, Settlement, Statements};

use super::format;
use super::output::{Inputs, Output, Outputs};
use super::progress;
use super::rules::{DisagreementNotes, RuleArgs};
use super::{note, Failure, OutputArgs};

/// The bundled sample: a month of calls of four accounts, their packs, the day each opened
/// Face ID, and the daily usage of a large account.
mod sample {
    pub const CALLS: &str = include_str!("../../data/sample/calls.csv");
    pub const USAGE: &str = include_str!("../../data/sample/usage.csv");
    pub const PACKS: &str = include_str!("../../data/sample/packs.csv");
    pub const ACCOUNTS: &str = include_str!("../../data/sample/accounts.csv");
    /// The large account reaches 银行卡信息核验's 联系商务 tier; this is its contract price.
    pub const CONTRACT: &str = "1250000009:银行卡信息核验=0.32";
    /// The month the sample bills.
    pub const MONTH: &str = "2026-10";
}

/// Where the accounts' editions come from. The rule of every command: an account is billed
/// under the edition whose opening range holds the day it opened Face ID (--accounts, or
/// --opened for all); --edition names one for all. Calls carry accounts, so there is no
/// default: one of the three is needed.
#[derive(Args)]
#[group(multiple = false)]
pub struct EditionArgs {
    /// Accounts file `account,opened`: the day each opened Face ID selects its edition (see
    /// --edition's values)
    #[arg(long, value_name = "FILE")]
    accounts: Option<String>,
    /// Every account opened Face ID on this day (YYYY-MM-DD): selects their edition
    #[arg(long, value_name = "DATE")]
    opened: Option<String>,
    /// Every account is billed under this edition. One of --accounts, --opened and --edition
    /// is needed: calls belong to accounts, and no edition is guessed for them
    #[arg(long)]
    edition: Option<Edition>,
}

/// Output formats of `bill`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BillFormat {
    /// Statements for people: one block per account and month
    Table,
    /// The statements as JSON (schema: faceid-rules/docs/json.md)
    Json,
    /// One row per statement line
    Csv,
}

/// Bill call logs month by month.
///
/// Every call read is accounted for: read = billed + not billed + rejected. A code the
/// channel's family does not list is not billed and is reported as an unknown code (an error
/// with --strict). A request id seen before is not billed again: the later line is rejected
/// as a duplicate naming the first (the first five on stderr, all in --rejects FILE), since a
/// log that lists a request twice is a repeated export, not a second call.
///
/// Large files show a progress bar (bytes, calls, calls/s) on stderr when it is a terminal.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules bill\n      bill the bundled sample month (says so on stderr)\n  \
faceid-rules bill calls.csv --packs packs.csv --accounts accounts.csv --month 2026-10\n  \
faceid-rules bill calls.csv --packs packs.csv --accounts accounts.csv --from 2026-07\n      \
the months from July on, with the packs bought then\n  \
faceid-rules bill part-*.csv --opened 2020-05-01 --contract-price 活体人脸核身=0.60 --format json\n  \
zcat calls.csv.gz | faceid-rules bill - --edition monthly --rejects rejects.csv")]
pub struct BillArgs {
    /// Call logs (CSV with a header: time, channel, code; optional source, account, request_id), or saved GetWeChatBillDetails responses (JSON, told by their leading `{`; see --rule). `-` reads stdin, as does no CALLS when stdin is a pipe or a file
    #[arg(value_name = "CALLS")]
    calls: Vec<String>,
    /// Bill the bundled sample month (what `bill` does with no input on a terminal)
    #[arg(long, conflicts_with_all = ["calls", "usage", "packs", "accounts", "opened", "edition"])]
    demo: bool,
    /// Daily-usage files `account,day,channel,source,code,calls` (written by `faceid-rules usage`, or by any tool that aggregates logs the same way); merged with the call logs
    #[arg(long, value_name = "FILE")]
    usage: Vec<String>,
    /// Resource packs `id,account,label,size,purchased,kind[,price]`
    #[arg(long, value_name = "FILE")]
    packs: Option<String>,
    #[command(flatten)]
    editions: EditionArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Only this month's statement (YYYY-MM). Default: every month the calls fall in, first
    /// to last. Earlier months still run the pack ledger; a month in which an account has no
    /// calls, no pack and no spend is left out
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    month: Option<Month>,
    /// Statements from this month on (YYYY-MM), e.g. from the month packs were bought;
    /// until --to, else the last month with calls
    #[arg(long, value_name = "YYYY-MM")]
    from: Option<Month>,
    /// Statements up to this month (YYYY-MM), included; from --from, else the first month
    /// with calls
    #[arg(long, value_name = "YYYY-MM")]
    to: Option<Month>,
    /// Contract unit price of a postpaid label, e.g. 活体人脸核身=0.60, or for one account 1250000009:活体人脸核身=0.60; prices its negotiated (联系商务) tiers and replaces its list prices
    #[arg(long = "contract-price", value_name = "LABEL=PRICE")]
    contract_price: Vec<ContractPrice>,
    /// Output format
    #[arg(long, value_enum, default_value_t = BillFormat::Table)]
    format: BillFormat,
    /// Write bad lines here (CSV: file, line, field, reason, record) and go on; without it the first bad line stops the run. `-` is stdout, when the statements go to a file (-o)
    #[arg(long, value_name = "FILE")]
    rejects: Option<String>,
    /// A result code the channel's family does not list is an error
    #[arg(long)]
    strict: bool,
    /// CSV cells as they are: no `'` before a text cell that starts with = + - @ (which a
    /// spreadsheet would run as a formula)
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Limits that keep memory bounded on hostile input.
#[derive(Args)]
pub struct LimitArgs {
    /// Stop with an error past this many distinct accounts in one run
    #[arg(long, value_name = "N", default_value_t = MAX_ACCOUNTS)]
    max_accounts: usize,
    /// Stop with an error past this many distinct request ids (kept to find duplicates)
    #[arg(long, value_name = "N", default_value_t = MAX_REQUEST_IDS)]
    max_request_ids: usize,
    /// Threads counting calls and billing accounts, 1 to 256 (default: the number of cores,
    /// up to 64; each counting thread holds about 1 MiB of blocks and its own tables)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
}

/// Write the daily usage of call logs (`account,day,channel,source,code,calls`).
///
/// Usage merges by addition: bill the usage of parts of a log with `bill --usage` and the
/// statements are those of the whole log.
#[derive(Args)]
#[command(after_help = "Example:\n  \
faceid-rules usage calls-1.csv --accounts accounts.csv -o usage-1.csv\n  \
faceid-rules bill --usage usage-1.csv --usage usage-2.csv --accounts accounts.csv")]
pub struct UsageArgs {
    /// Call logs, or saved GetWeChatBillDetails responses (JSON; see --rule); `-` reads stdin
    #[arg(value_name = "CALLS", required = true)]
    calls: Vec<String>,
    #[command(flatten)]
    editions: EditionArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Write bad lines here and go on; `-` is stdout, when the usage goes to a file (-o)
    #[arg(long, value_name = "FILE")]
    rejects: Option<String>,
    /// A result code the channel's family does not list is an error
    #[arg(long)]
    strict: bool,
    /// CSV cells as they are: no `'` before a text cell that starts with = + - @
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

pub(super) fn open(path: &str) -> Result<Box<dyn Read>, Failure> {
    if path == "-" {
        let stdin = io::stdin();
        let piped = !stdin.is_terminal();
        widen_pipe(&stdin);
        let reader: Box<dyn Read> = Box::new(stdin.lock());
        return Ok(if piped {
            progress::wrap("<stdin>", reader, None)
        } else {
            reader
        });
    }
    let file = File::open(path).map_err(|e| Failure::io(path, e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(progress::wrap(path, Box::new(file), Some(len)))
}

impl EditionArgs {
    /// Calls are billed under their account's edition: one of the three options must say
    /// which it is.
    pub(super) fn required(&self) -> Result<(), Failure> {
        if self.accounts.is_some() || self.opened.is_some() || self.edition.is_some() {
            return Ok(());
        }
        let names: Vec<&str> = Edition::ALL.iter().map(|e| e.name()).collect();
        Err(Failure::usage(format!(
            "each account's calls are billed under its edition, and nothing says which: give --accounts FILE (account,opened: the day each account opened Face ID), --opened DATE (the day every account opened it) or --edition {}",
            names.join("|")
        )))
    }
}

/// Whether standard input is something to read: a pipe, a file or a socket — not a
/// terminal, `/dev/null` or nothing.
pub(super) fn stdin_is_input() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata("/dev/stdin").is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_file() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    {
        !io::stdin().is_terminal()
    }
}

pub(super) fn editions(args: &EditionArgs) -> Result<Editions, Failure> {
    if let Some(path) = &args.accounts {
        let accounts = read_accounts(path, open(path)?).map_err(Failure::data)?;
        return Ok(Editions::from_accounts(&accounts, None));
    }
    if let Some(day) = &args.opened {
        let day: NaiveDate =
            parse_day(day).map_err(|e| Failure::usage(format!("--opened: {e}")))?;
        return Ok(Editions::all(Edition::for_opened(day)));
    }
    Ok(match args.edition {
        Some(e) => Editions::all(e),
        None => Editions::default(),
    })
}

/// Repeated request ids printed on stderr as examples; the rest are counted.
const DUPLICATE_EXAMPLES: u64 = 5;

/// The rejects sink: a CSV file when asked for, else nothing (the first bad line stops).
/// Repeated request ids do not stop the run: the first few are shown on stderr as examples
/// either way, and all of them go to the rejects file when there is one.
pub(super) struct Rejects {
    writer: Option<csv::Writer<Output>>,
    path: String,
    raw: bool,
    failure: Option<Failure>,
    duplicates: u64,
    disagreements: DisagreementNotes,
}

impl Rejects {
    /// The rejects file `path` (`-`: stdout, when `main` is not), opened among `outputs`.
    pub(super) fn open(
        path: Option<&str>,
        outputs: &mut Outputs<'_>,
        main: &Output,
        raw: bool,
    ) -> Result<Rejects, Failure> {
        let writer = match path {
            Some("-") if main.is_stdout() => {
                return Err(Failure::usage(
                    "--rejects -: standard output carries the output already; give -o FILE for it, or a file for --rejects",
                ))
            }
            Some("-") => Some(outputs.stdout()?),
            Some(p) => Some(outputs.file("--rejects", p)?),
            None => None,
        };
        let writer = match writer {
            Some(out) => {
                let name = out.name().to_owned();
                let mut w = csv::Writer::from_writer(out);
                w.write_record(["file", "line", "field", "reason", "record"])
                    .map_err(|e| Failure::data(format!("{name}: {e}")))?;
                Some(w)
            }
            None => None,
        };
        Ok(Rejects {
            writer,
            path: path.unwrap_or_default().to_owned(),
            raw,
            failure: None,
            duplicates: 0,
            disagreements: DisagreementNotes::default(),
        })
    }

    pub(super) fn keep_going(&self) -> bool {
        self.writer.is_some()
    }

    fn write(&mut self, reject: Reject) {
        if reject.kind == RejectKind::Duplicate {
            self.duplicates += 1;
            if self.duplicates <= DUPLICATE_EXAMPLES {
                note(format_args!("{reject}"));
            }
        }
        let Some(writer) = &mut self.writer else {
            return;
        };
        let raw = String::from_utf8_lossy(&reject.raw);
        let line = reject.origin.line.to_string();
        let text = |cell: &'_ str| csv_text(cell, self.raw).into_owned();
        let result = writer.write_record([
            text(&reject.origin.file),
            line,
            text(reject.field.unwrap_or("")),
            text(&reject.message),
            text(raw.trim_end_matches(['\r', '\n'])),
        ]);
        if let Err(e) = result {
            self.failure
                .get_or_insert(Failure::data(format!("{}: {e}", self.path)));
        }
    }

    /// The rejects output, written but not yet in place: it is completed with the other
    /// outputs once the whole command has succeeded.
    pub(super) fn finish(self) -> Result<Option<Output>, Failure> {
        if self.duplicates > DUPLICATE_EXAMPLES {
            let more = self.duplicates - DUPLICATE_EXAMPLES;
            let listed = match self.writer {
                Some(_) => format!("all are listed in {}", self.path),
                None => "--rejects FILE lists them all".to_owned(),
            };
            note(format_args!(
                "… and {} more lines repeating a request id ({} in all; {listed})",
                format::count(more),
                format::count(self.duplicates)
            ));
        }
        self.disagreements.finish();
        if let Some(f) = self.failure {
            return Err(f);
        }
        match self.writer {
            Some(w) => w
                .into_inner()
                .map(Some)
                .map_err(|e| Failure::io(&self.path, e.into_error())),
            None => Ok(None),
        }
    }
}

impl Sink for Rejects {
    fn reject(&mut self, reject: Reject) {
        self.write(reject);
    }

    fn disagreement(&mut self, disagreement: ChargeDisagreement) {
        self.disagreements.add(&disagreement);
    }

    fn file_read(&mut self, file: &FileCounts) {
        if file.ends_mid_line {
            note(format_args!(
                "{}: the file does not end with a line end: is it cut short? (its last line was read as it is)",
                file.file
            ));
        }
    }
}

/// A CSV text cell from input, guarded against formula injection unless `raw`.
pub(super) fn csv_text(cell: &str, raw: bool) -> std::borrow::Cow<'_, str> {
    if raw {
        std::borrow::Cow::Borrowed(cell)
    } else {
        spreadsheet_cell(cell)
    }
}

/// The files named on a command line, for the outputs to be checked against.
pub(super) fn inputs<'a>(
    files: impl IntoIterator<Item = &'a String>,
    editions: &'a EditionArgs,
) -> Result<Inputs, Failure> {
    let mut inputs = Inputs::new();
    inputs.add_all(files)?;
    inputs.add_all(&editions.accounts)?;
    Ok(inputs)
}

/// Completes every output, the main one last: each appears whole, once the command has
/// succeeded.
pub(super) fn finish_all(main: Output, rejects: Option<Output>) -> Result<(), Failure> {
    if let Some(r) = rejects {
        super::finish(r)?;
    }
    super::finish(main)
}

pub(super) fn options(strict: bool, limits: &LimitArgs, keep_going: bool) -> ReadOptions {
    ReadOptions {
        strict,
        keep_going,
        max_accounts: limits.max_accounts,
        max_request_ids: limits.max_request_ids,
        threads: limits.threads(),
        ..ReadOptions::default()
    }
}

/// Gives a pipe on standard input a 1 MiB buffer (Linux: 64 KiB by default, and 1 MiB is
/// what an unprivileged process may ask for), so that the program writing into it wakes up
/// and switches less: `cat calls.csv | faceid-rules bill -` reads about a third faster.
/// Anything else on standard input, or a refusal, leaves it as it is.
fn widen_pipe(stdin: &io::Stdin) {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::pipe::fcntl_setpipe_size(stdin, 1 << 20);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = stdin;
}

/// Reads the call logs, then the usage files, into one aggregate.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_inputs(
    calls: &[String],
    usage: &[String],
    rules: &Arc<Rules>,
    editions: &Editions,
    strict: bool,
    limits: &LimitArgs,
    sink: &mut dyn Sink,
    keep_going: bool,
) -> Result<Aggregate, Failure> {
    let name = |path: &str| {
        if path == "-" {
            "<stdin>".to_owned()
        } else {
            path.to_owned()
        }
    };
    let mut sources = Vec::with_capacity(calls.len() + usage.len());
    for path in calls {
        let source = Source::detect(name(path), open(path)?, Arc::clone(rules))
            .map_err(|e| Failure::io(path, e))?;
        sources.push(source);
    }
    for path in usage {
        sources.push(Source::usage(name(path), open(path)?));
    }
    let log = CallLog::new(editions, options(strict, limits, keep_going));
    log.read(sources, sink).map_err(Failure::data)
}

pub fn bill(mut args: BillArgs) -> Result<(), Failure> {
    let no_input = args.calls.is_empty() && args.usage.is_empty();
    // As grep tools do: no file named and something piped in (or redirected from a file)
    // is a call log on standard input.
    if no_input && !args.demo && stdin_is_input() {
        args.calls.push("-".to_owned());
    }
    let sample = args.demo
        || (args.calls.is_empty()
            && args.usage.is_empty()
            && args.packs.is_none()
            && args.editions.accounts.is_none());
    if args.calls.is_empty() && args.usage.is_empty() && !sample {
        return Err(Failure::usage(
            "no call log given: name CALLS files (or `-` for stdin), or --usage files",
        ));
    }
    if !sample {
        args.editions.required()?;
    }
    // Every output is checked against every input before anything is read or written.
    let mut inputs = inputs(args.calls.iter().chain(&args.usage), &args.editions)?;
    inputs.add_all(&args.packs)?;
    inputs.add_all(args.rules.file())?;
    let mut outputs = Outputs::new(&inputs);
    let main = args.out.open(&mut outputs)?;
    let mut rejects = Rejects::open(args.rejects.as_deref(), &mut outputs, &main, args.raw)?;
    let (aggregate, packs, contract) = if sample {
        note(format_args!(
            "{}: billing the bundled sample (4 accounts, 2026-10, contract price {})",
            if args.demo {
                "--demo"
            } else {
                "no call log given"
            },
            sample::CONTRACT
        ));
        let accounts = read_accounts("sample/accounts.csv", sample::ACCOUNTS.as_bytes())
            .map_err(Failure::data)?;
        let editions = Editions::from_accounts(&accounts, None);
        let log = CallLog::new(
            &editions,
            options(args.strict, &args.limits, rejects.keep_going()),
        );
        let sources = [
            Source::calls("sample/calls.csv", sample::CALLS.as_bytes()),
            Source::usage("sample/usage.csv", sample::USAGE.as_bytes()),
        ];
        let aggregate = log.read(sources, &mut rejects).map_err(Failure::data)?;
        let packs =
            read_packs("sample/packs.csv", sample::PACKS.as_bytes()).map_err(Failure::data)?;
        let mut contract: ContractPrices = args.contract_price.iter().cloned().collect();
        if contract.is_empty() {
            contract.extend([sample::CONTRACT
                .parse::<ContractPrice>()
                .map_err(Failure::data)?]);
        }
        (aggregate, (packs, editions), contract)
    } else {
        let editions = editions(&args.editions)?;
        let rules = args.rules.rules()?;
        let keep_going = rejects.keep_going();
        let aggregate = read_inputs(
            &args.calls,
            &args.usage,
            &rules,
            &editions,
            args.strict,
            &args.limits,
            &mut rejects,
            keep_going,
        )?;
        let packs = match &args.packs {
            Some(path) => read_packs(path, open(path)?).map_err(Failure::data)?,
            None => Vec::new(),
        };
        let contract: ContractPrices = args.contract_price.iter().cloned().collect();
        (aggregate, (packs, editions), contract)
    };
    let rejects = rejects.finish()?;
    let (packs, editions) = packs;
    // The sample is one month; its packs were bought earlier.
    let month = args
        .month
        .or(if sample && args.from.is_none() && args.to.is_none() {
            sample::MONTH.parse().ok()
        } else {
            None
        });
    let options = BillOptions {
        contract,
        from: month.or(args.from),
        to: month.or(args.to),
        threads: args.limits.threads(),
    };
    let statements =
        faceid_rules::bill(&aggregate, &editions, &packs, &options).map_err(bill_failure)?;
    // Months asked for in which nothing happened: said, not shown as a bare ¥0.00.
    let nothing = match (options.from, options.to) {
        _ if !statements.accounts.is_empty() => None,
        (None, None) => None,
        (from, to) => Some(no_statements(from, to, aggregate.months())),
    };
    let out = match args.format {
        BillFormat::Table => render_table(&statements, nothing.as_deref()),
        BillFormat::Json => render_json(&statements),
        BillFormat::Csv => render_csv(&statements.accounts, args.raw)?,
    };
    let mut main = main;
    main.write_all(out.as_bytes())
        .map_err(|e| Failure::io(main.name(), e))?;
    finish_all(main, rejects)?;
    if let (Some(nothing), false) = (&nothing, args.format == BillFormat::Table) {
        note(nothing);
    }
    let counts = statements.counts;
    if counts.rejected + counts.duplicates > 0 && args.format != BillFormat::Table {
        note(conservation(&counts));
    }
    exit_without_freeing(aggregate);
    Ok(())
}

/// What to say when the months asked for have no statement at all: which months, and
/// where the calls read fall.
fn no_statements(
    from: Option<Month>,
    to: Option<Month>,
    calls: Option<RangeInclusive<Month>>,
) -> String {
    let asked = match (from, to) {
        (Some(a), Some(b)) if a == b => format!("{a} has"),
        (Some(a), Some(b)) => format!("{a} to {b} have"),
        (Some(a), None) | (None, Some(a)) => format!("{a} has"),
        (None, None) => "the months asked for have".to_owned(),
    };
    let fall = match calls {
        Some(r) if r.start() == r.end() => format!("the calls read fall in {}", r.start()),
        Some(r) => format!("the calls read fall in {} to {}", r.start(), r.end()),
        None => "no call was read".to_owned(),
    };
    format!("no statements: {asked} no calls, packs or spend ({fall})")
}

/// A failure of the library's bill, in the command's terms: months and contract prices are
/// arguments (exit 2), the rest is data (exit 1).
pub(super) fn bill_failure(e: BillError) -> Failure {
    match e {
        BillError::Months {
            first,
            last,
            from_given,
            to_given,
        } => Failure::usage(match (from_given, to_given) {
            (true, true) => format!("--from {first} comes after --to {last}"),
            (true, false) => format!(
                "--from {first} comes after {last}, the last month with calls; give --to as well"
            ),
            _ => format!(
                "--to {last} comes before {first}, the first month with calls; give --from as well"
            ),
        }),
        BillError::UnknownContractLabels(labels) => Failure::usage(format!(
            "--contract-price names no postpaid label of either edition: {}",
            labels.join(", ")
        )),
        other => Failure::data(other),
    }
}

impl LimitArgs {
    /// `--threads`, by default the cores available up to 64 (past that one reading thread
    /// is the limit, and each counting thread holds its own blocks and tables).
    pub(super) fn threads(&self) -> usize {
        match self.threads {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get().min(64)),
        }
    }
}

/// Leaves the usage of a finished command to the operating system: it can hold millions
/// of map entries, and freeing them one by one just before the process exits takes longer
/// than billing them did.
pub(super) fn exit_without_freeing(aggregate: Aggregate) {
    std::mem::forget(aggregate);
}

fn summary_line(statements: &Statements) -> String {
    let counts = &statements.counts;
    let spend = statements.spend;
    let mut line = format!("Summary: {}", conservation(counts));
    if counts.unknown_code > 0 {
        line += &format!(
            " ({} with unknown codes)",
            format::count(counts.unknown_code)
        );
    }
    let span = match statements.months() {
        Some((first, last)) if first == last => format!(" in {first}:"),
        Some((first, last)) => format!(" {first} to {last}:"),
        None => String::new(),
    };
    line + &format!("; total spend{span} {}\n", spend.display_cny())
}

/// `N calls read = B billed + N not billed + D duplicates + R rejected`.
pub(super) fn conservation(counts: &Counts) -> String {
    format!(
        "{} calls read = {} billed + {} not billed + {} duplicates + {} rejected",
        format::count(counts.read),
        format::count(counts.billed),
        format::count(counts.not_billed),
        format::count(counts.duplicates),
        format::count(counts.rejected),
    )
}

/// The statements for people. Text from the inputs (accounts, pack ids, result codes) is
/// escaped ([`escape::terminal`]): an account holding escape codes or a line break cannot
/// clear the screen or forge a line.
fn render_table(statements: &Statements, nothing: Option<&str>) -> String {
    use format::{Align, Grid};
    let esc = escape::terminal;
    let mut out = String::new();
    for s in &statements.accounts {
        let title = s.edition.title();
        for m in &s.months {
            // Under daily settlement each day's bill is issued the next day.
            let issued = match s.edition.info().settlement {
                Settlement::Monthly { .. } => "bill issued",
                Settlement::Daily { .. } => "daily bills issued",
            };
            out += &format!(
                "Account {} · {} edition ({title}) · {} · {issued} {} to {}\n\n",
                esc(&s.account),
                s.edition,
                m.month,
                m.bill_window.from,
                m.bill_window.to
            );
            let mut lines = Grid::new(&[
                ("postpaid label", Align::Left),
                ("prepaid label", Align::Left),
                ("calls", Align::Right),
                ("billed", Align::Right),
                ("from packs", Align::Right),
                ("postpaid", Align::Right),
                ("tier", Align::Left),
                ("unit price", Align::Right),
                ("amount", Align::Right),
            ]);
            for l in &m.lines {
                // A label whose prices changed in the month has a line per price period.
                let label = match l.prices_from {
                    Some(day) => format!("{} (prices from {day})", l.postpaid_label),
                    None => l.postpaid_label.to_owned(),
                };
                lines.row(vec![
                    label,
                    l.prepaid_label.clone(),
                    format::count(l.calls),
                    format::count(l.billed),
                    format::count(l.from_packs),
                    format::count(l.postpaid),
                    l.tier.as_ref().map_or(String::new(), |t| t.range.clone()),
                    l.unit_price.map_or(String::new(), Money::display_cny),
                    l.amount.display_cny(),
                ]);
            }
            if lines.is_empty() {
                out += "  no calls this month\n";
            } else {
                out += &lines.render("  ");
            }
            out += &format!("  postpaid total {}\n", m.postpaid_total.display_cny());
            for p in &m.packs_bought {
                out += &format!(
                    "  pack bought: {} {} {}次 {}\n",
                    esc(&p.id),
                    p.label,
                    format::count(p.size),
                    p.price.display_cny()
                );
            }
            out += &format!("  spend this month {}\n", m.spend.display_cny());
            let mut by_pack: Vec<(&str, u64)> = Vec::new();
            for d in m.lines.iter().flat_map(|l| &l.pack_deductions) {
                match by_pack.iter_mut().find(|(id, _)| *id == d.id) {
                    Some((_, calls)) => *calls += d.calls,
                    None => by_pack.push((&d.id, d.calls)),
                }
            }
            let deductions: Vec<String> = by_pack
                .iter()
                .map(|(id, calls)| format!("{} {}", esc(id), format::count(*calls)))
                .collect();
            if !deductions.is_empty() {
                out += &format!("  covered by packs: {}\n", deductions.join(", "));
            }
            if !m.packs.is_empty() {
                let mut packs = Grid::new(&[
                    ("pack", Align::Left),
                    ("label", Align::Left),
                    ("kind", Align::Left),
                    ("bought", Align::Left),
                    ("last day", Align::Left),
                    ("size", Align::Right),
                    ("used", Align::Right),
                    ("left", Align::Right),
                    ("status", Align::Left),
                ]);
                for p in &m.packs {
                    packs.row(vec![
                        esc(&p.id).into_owned(),
                        p.label.to_owned(),
                        match p.kind {
                            PackKind::Gift => "gift",
                            PackKind::Purchased => "purchased",
                        }
                        .to_owned(),
                        p.purchased.date_naive().to_string(),
                        p.last_day.to_string(),
                        format::count(p.size),
                        format::count(p.used),
                        format::count(p.remaining),
                        match p.status {
                            PackStatus::Active => "active".to_owned(),
                            PackStatus::UsedUp => "used up".to_owned(),
                            PackStatus::Expired if p.lapsed > 0 => {
                                format!("expired, {} lapsed", format::count(p.lapsed))
                            }
                            PackStatus::Expired => "expired".to_owned(),
                        },
                    ]);
                }
                out += &format!("\n  Packs at the end of {}\n", m.month);
                out += &packs.render("  ");
            }
            for r in &m.reminders {
                let reason = match r.reason {
                    ReminderReason::ExpiresSoon => "expires within 7 days",
                    ReminderReason::LowBalance => "under 20% left",
                    ReminderReason::UsedUp => "used up",
                };
                // The last day it covers, as in the packs block (it expires at 00:00 after).
                let last_day = m
                    .packs
                    .iter()
                    .find(|p| p.id == r.id)
                    .map_or(r.expires.date_naive(), |p| p.last_day);
                out += &format!(
                    "  reminder: pack {} ({}) {reason}: {} of {} left, valid until {last_day}\n",
                    esc(&r.id),
                    r.label,
                    format::count(r.remaining),
                    format::count(r.size),
                );
            }
            for (what, codes) in [
                ("not billed", &m.not_billed),
                ("unknown code", &m.unknown_codes),
            ] {
                if !codes.is_empty() {
                    let list: Vec<String> = codes
                        .iter()
                        .map(|c| {
                            let calls = format::count(c.calls);
                            format!("{} {} ×{calls}", c.channel, esc(&c.code))
                        })
                        .collect();
                    out += &format!("  {what}: {}\n", list.join(", "));
                }
            }
            out += "\n";
        }
    }
    if let Some(nothing) = nothing {
        out += &format!(
            "No statements: {}\n\n",
            nothing.trim_start_matches("no statements: ")
        );
    }
    out + &summary_line(statements)
}

/// The JSON document of `bill` (faceid-rules/docs/json.md), fields in schema order.
#[derive(serde::Serialize)]
struct BillJson<'a> {
    accounts: &'a [AccountStatement],
    summary: Summary,
}

#[derive(serde::Serialize)]
struct Summary {
    #[serde(flatten)]
    counts: Counts,
    spend: Money,
}

fn render_json(statements: &Statements) -> String {
    let doc = BillJson {
        accounts: &statements.accounts,
        summary: Summary {
            counts: statements.counts,
            spend: statements.spend,
        },
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One row per statement line. Text cells are guarded against formula injection
/// ([`spreadsheet_cell`]) unless `raw`; the numbers written here (counts, amounts) are not.
fn render_csv(statements: &[AccountStatement], raw: bool) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::data(format!("csv: {e}"));
    w.write_record([
        "account",
        "edition",
        "month",
        "postpaid_label",
        "prepaid_label",
        "calls",
        "billed",
        "from_packs",
        "postpaid",
        "tier",
        "unit_price",
        "amount",
        "prices_from",
    ])
    .map_err(fail)?;
    for s in statements {
        for m in &s.months {
            for l in &m.lines {
                w.write_record([
                    &*csv_text(&s.account, raw),
                    s.edition.name(),
                    &m.month.to_string(),
                    &*csv_text(l.postpaid_label, raw),
                    &*csv_text(&l.prepaid_label, raw),
                    &l.calls.to_string(),
                    &l.billed.to_string(),
                    &l.from_packs.to_string(),
                    &l.postpaid.to_string(),
                    &*csv_text(l.tier.as_ref().map_or("", |t| &t.range), raw),
                    &l.unit_price.map_or(String::new(), |p| p.to_string()),
                    &l.amount.to_string(),
                    &l.prices_from.map_or(String::new(), |d| d.to_string()),
                ])
                .map_err(fail)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::data(format!("csv: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn usage(args: UsageArgs) -> Result<(), Failure> {
    args.editions.required()?;
    let mut inputs = inputs(&args.calls, &args.editions)?;
    inputs.add_all(args.rules.file())?;
    let mut outputs = Outputs::new(&inputs);
    let main = args.out.open(&mut outputs)?;
    let mut rejects = Rejects::open(args.rejects.as_deref(), &mut outputs, &main, args.raw)?;
    let editions = editions(&args.editions)?;
    let rules = args.rules.rules()?;
    let keep_going = rejects.keep_going();
    let aggregate = read_inputs(
        &args.calls,
        &[],
        &rules,
        &editions,
        args.strict,
        &args.limits,
        &mut rejects,
        keep_going,
    )?;
    let rejects = rejects.finish()?;
    // Both editions' rows in one file, written as they are produced.
    let mut writer = UsageWriter::new(main)
        .map(|w| w.raw(args.raw))
        .map_err(|e| Failure::io(args.out_name(), e))?;
    for &edition in Edition::ALL {
        faceid_rules::with_table!(edition, T => writer.write(aggregate.usage::<T>()))
            .map_err(|e| Failure::io(args.out_name(), e))?;
    }
    let main = writer
        .finish()
        .map_err(|e| Failure::io(args.out_name(), e))?;
    finish_all(main, rejects)?;
    let counts = aggregate.counts().map_err(Failure::data)?;
    note(conservation(&counts));
    exit_without_freeing(aggregate);
    Ok(())
}

impl UsageArgs {
    /// The main output's name in messages.
    fn out_name(&self) -> &str {
        self.out.name()
    }
}
