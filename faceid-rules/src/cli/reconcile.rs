//! `faceid-rules reconcile`: bill the calls, read Tencent's detail bill, and compare them
//! line by line (the comparison is the library's, [`faceid_rules::reconcile`]).
//!
//! Exit codes: 0 everything matched, 1 differences, 2 bad input (arguments or files).

use std::io::Write;

use clap::{Args, ValueEnum};

use faceid_rules::calendar::Month;
use faceid_rules::call_log::Sink;
use faceid_rules::engine::{ContractPrice, ContractPrices};
use faceid_rules::escape::{self, spreadsheet_cell};
use faceid_rules::input::read_packs;
use faceid_rules::input::tencent_bill::{read_tencent_bill, TencentBill};
use faceid_rules::money::Money;
use faceid_rules::pipeline::{ChargeDisagreement, Counts, Reject};
use faceid_rules::reconcile::{
    reconcile as compare, Line, ReconcileOptions, Reconciliation, Side, Verdict,
};
use faceid_rules::BillOptions;

use super::bill::{
    bill_failure, conservation, editions, finish_all, inputs, open, read_inputs, EditionArgs,
    LimitArgs, Rejects,
};
use super::format::{self, Align, Grid};
use super::output::Outputs;
use super::rules::RuleArgs;
use super::{note, Failure, OutputArgs};

/// Output formats of `reconcile`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReconcileFormat {
    /// The comparison for people: the lines, then the calls whose verdict differs
    Table,
    /// The comparison as JSON: lines, disagreements, summary
    Json,
    /// One row per line (the disagreements are in the table and JSON outputs)
    Csv,
}

/// Compare the bill of the calls with Tencent's own bill.
///
/// Reads the calls (call logs, usage files, or saved GetWeChatBillDetails responses), bills
/// them, reads Tencent's detail bill (the JSON of the Billing API DescribeBillDetail, or the
/// console's CSV download of 账单明细), and prints per account, month and billing label
/// Tencent's calls and amount, ours, the difference, and a verdict: match, calls differ,
/// price differs, or label unknown to the table. Amounts are compared exactly, in fen.
/// From GetWeChatBillDetails responses, every call on which Tencent's IsNeedCharge and the
/// table disagree is listed too.
///
/// Exit status: 0 everything matched, 1 differences, 2 bad input.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules reconcile calls.csv --tencent-bill bill-2026-10.csv --accounts accounts.csv\n  \
faceid-rules reconcile details-*.json --rule 1=微信小程序,权威库 --edition monthly --tencent-bill bill.json --format json")]
pub struct ReconcileArgs {
    /// Call logs, or saved GetWeChatBillDetails responses (JSON; see --rule); `-` reads stdin
    #[arg(value_name = "CALLS", required_unless_present = "usage")]
    calls: Vec<String>,
    /// Tencent's detail bill: DescribeBillDetail responses (JSON) or the console's CSV; repeatable (pages, in any order)
    #[arg(long = "tencent-bill", value_name = "FILE", required = true)]
    tencent_bill: Vec<String>,
    /// Daily-usage files, merged with the calls
    #[arg(long, value_name = "FILE")]
    usage: Vec<String>,
    /// Resource packs `id,account,label,size,purchased,kind[,price]`
    #[arg(long, value_name = "FILE")]
    packs: Option<String>,
    #[command(flatten)]
    editions: EditionArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// The Tencent account (使用者UIN in the bill) of calls that name none; by default, the
    /// bill's only account when it has one
    #[arg(long, value_name = "ACCOUNT")]
    account: Option<String>,
    /// Only this month (YYYY-MM); Tencent's rows of other months are left out
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    month: Option<Month>,
    /// From this month on (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    from: Option<Month>,
    /// Up to this month (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    to: Option<Month>,
    /// Contract unit price of a postpaid label, as for `bill`
    #[arg(long = "contract-price", value_name = "LABEL=PRICE")]
    contract_price: Vec<ContractPrice>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReconcileFormat::Table)]
    format: ReconcileFormat,
    /// Write bad lines here and go on (as for `bill`)
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

/// The run's sink: rejects as `bill` writes them, and every disagreement kept.
struct Collect<'a> {
    rejects: &'a mut Rejects,
    disagreements: Vec<ChargeDisagreement>,
}

impl Sink for Collect<'_> {
    fn reject(&mut self, reject: Reject) {
        self.rejects.reject(reject);
    }

    fn disagreement(&mut self, disagreement: ChargeDisagreement) {
        self.disagreements.push(disagreement);
    }
}

/// Bad input of any kind ends `reconcile` with exit code 2, so that 1 means differences.
fn bad_input(f: Failure) -> Failure {
    Failure { code: 2, ..f }
}

pub fn reconcile(args: ReconcileArgs) -> Result<(), Failure> {
    let result = compare_all(&args).map_err(bad_input)?;
    let (reconciliation, counts, main, rejects) = result;
    let out = match args.format {
        ReconcileFormat::Table => render_table(&reconciliation, &args.tencent_bill, &counts),
        ReconcileFormat::Json => render_json(&reconciliation, &args.tencent_bill, &counts),
        ReconcileFormat::Csv => render_csv(&reconciliation, args.raw).map_err(bad_input)?,
    };
    let mut main = main;
    main.write_all(out.as_bytes())
        .map_err(|e| Failure::io(main.name(), e))?;
    finish_all(main, rejects)?;
    if args.format == ReconcileFormat::Csv && !reconciliation.disagreements.is_empty() {
        note(format_args!(
            "{} calls where Tencent's IsNeedCharge disagrees with the table: see --format table or json",
            format::count(reconciliation.disagreements.len() as u64)
        ));
    }
    if reconciliation.all_match() {
        return Ok(());
    }
    let s = &reconciliation.summary;
    Err(Failure::data(format!(
        "Tencent's bill differs: {} of {} lines ({} calls differ, {} price differs, {} label unknown to the table); {}",
        s.lines - s.matched,
        s.lines,
        s.calls_differ,
        s.price_differs,
        s.label_unknown,
        verdicts(s.disagreements)
    )))
}

type Compared = (
    Reconciliation,
    Counts,
    super::output::Output,
    Option<super::output::Output>,
);

fn compare_all(args: &ReconcileArgs) -> Result<Compared, Failure> {
    args.editions.required()?;
    let mut inputs = inputs(args.calls.iter().chain(&args.usage), &args.editions)?;
    inputs.add_all(&args.packs)?;
    inputs.add_all(args.rules.file())?;
    inputs.add_all(&args.tencent_bill)?;
    let mut outputs = Outputs::new(&inputs);
    let main = args.out.open(&mut outputs)?;
    let mut rejects = Rejects::open(args.rejects.as_deref(), &mut outputs, &main, args.raw)?;
    let editions = editions(&args.editions)?;
    let rules = args.rules.rules()?;
    let keep_going = rejects.keep_going();
    let mut sink = Collect {
        rejects: &mut rejects,
        disagreements: Vec::new(),
    };
    let aggregate = read_inputs(
        &args.calls,
        &args.usage,
        &rules,
        &editions,
        args.strict,
        &args.limits,
        &mut sink,
        keep_going,
    )?;
    let disagreements = sink.disagreements;
    let rejects = rejects.finish()?;
    let packs = match &args.packs {
        Some(path) => read_packs(path, open(path)?).map_err(Failure::data)?,
        None => Vec::new(),
    };
    let mut bill = TencentBill::default();
    for path in &args.tencent_bill {
        bill.extend(read_tencent_bill(path, open(path)?).map_err(Failure::data)?);
    }
    let from = args.month.or(args.from);
    let to = args.month.or(args.to);
    let options = BillOptions {
        contract: args
            .contract_price
            .iter()
            .cloned()
            .collect::<ContractPrices>(),
        from,
        to,
        threads: args.limits.threads(),
    };
    let statements =
        faceid_rules::bill(&aggregate, &editions, &packs, &options).map_err(bill_failure)?;
    let months = match (from, to, statements.months()) {
        (None, None, _) => None,
        (Some(a), Some(b), _) => Some((a, b)),
        (Some(a), None, Some((_, last))) => Some((a, last.max(a))),
        (None, Some(b), Some((first, _))) => Some((first.min(b), b)),
        (Some(a), None, None) | (None, Some(a), None) => Some((a, a)),
    };
    let reconciliation = compare(
        &statements,
        &bill,
        disagreements,
        &ReconcileOptions {
            editions: &editions,
            unnamed_account: args.account.clone(),
            months,
        },
    )
    .map_err(Failure::data)?;
    if let Some(account) = &reconciliation.unnamed_account {
        if args.account.is_none() {
            note(format_args!(
                "the calls that name no account are taken as account {}'s, the only account of Tencent's bill (give --account to say otherwise)",
                escape::terminal(account)
            ));
        }
    }
    if reconciliation.other_products > 0 {
        note(format_args!(
            "{} rows of other products than 人脸核身 in Tencent's bill are left out",
            format::count(reconciliation.other_products)
        ));
    }
    if reconciliation.outside_months > 0 {
        note(format_args!(
            "{} rows of Tencent's bill outside the months reconciled are left out",
            format::count(reconciliation.outside_months)
        ));
    }
    let counts = statements.counts;
    std::mem::forget(aggregate);
    Ok((reconciliation, counts, main, rejects))
}

/// `no call's verdict differs`, `1 call's verdict differs`, `3 calls' verdicts differ`.
fn verdicts(n: usize) -> String {
    match n {
        0 => "no call's verdict differs".to_owned(),
        1 => "1 call's verdict differs".to_owned(),
        n => format!("{} calls' verdicts differ", format::count(n as u64)),
    }
}

fn signed_count(n: i128) -> String {
    match n {
        0 => "0".to_owned(),
        n if n > 0 => format!("+{}", format::count(n.unsigned_abs() as u64)),
        n => format!("-{}", format::count(n.unsigned_abs() as u64)),
    }
}

fn signed_money(m: Money) -> String {
    if m.fen() > 0 {
        format!("+{}", m.display_cny())
    } else {
        m.display_cny()
    }
}

fn side(s: Option<Side>) -> (String, String) {
    match s {
        Some(s) => (format::count(s.calls), s.amount.display_cny()),
        None => ("-".to_owned(), "-".to_owned()),
    }
}

/// The comparison for people. Text from the inputs (accounts, labels as Tencent wrote
/// them, ids, codes) is escaped for the terminal.
fn render_table(r: &Reconciliation, files: &[String], counts: &Counts) -> String {
    let esc = escape::terminal;
    let files: Vec<String> = files.iter().map(|f| esc(f).into_owned()).collect();
    let mut out = format!(
        "Reconciliation with Tencent's bill ({})\n\n",
        files.join(", ")
    );
    let mut grid = Grid::new(&[
        ("account", Align::Left),
        ("period", Align::Left),
        ("kind", Align::Left),
        ("label", Align::Left),
        ("Tencent calls", Align::Right),
        ("Tencent amount", Align::Right),
        ("our calls", Align::Right),
        ("our amount", Align::Right),
        ("calls diff", Align::Right),
        ("amount diff", Align::Right),
        ("verdict", Align::Left),
    ]);
    for l in &r.lines {
        let (tc, ta) = side(l.tencent);
        let (oc, oa) = side(l.ours);
        grid.row(vec![
            esc(&l.account).into_owned(),
            l.period.to_string(),
            l.kind.name().to_owned(),
            esc(&l.label).into_owned(),
            tc,
            ta,
            oc,
            oa,
            signed_count(l.calls_difference),
            signed_money(l.amount_difference),
            l.verdict.name().to_owned(),
        ]);
    }
    if grid.is_empty() {
        out += "  nothing to compare: neither side has a line\n";
    } else {
        out += &grid.render("  ");
    }
    let unknown: Vec<&Line> = r
        .lines
        .iter()
        .filter(|l| l.verdict == Verdict::LabelUnknown)
        .collect();
    for l in unknown {
        let table = l
            .edition
            .map_or_else(|| "no table".to_owned(), |e| format!("the {e} table"));
        let kind = if l.kind == faceid_rules::reconcile::LineKind::Postpaid {
            "postpaid"
        } else {
            "prepaid"
        };
        out += &format!(
            "  label unknown to the table: {:?} ({}): {table} has no {kind} label of that name or alias\n",
            esc(&l.label),
            esc(&l.tencent_rows.join(", ")),
        );
    }
    if !r.disagreements.is_empty() {
        out += &format!(
            "\nCalls where Tencent's IsNeedCharge disagrees with the table: {}\n",
            format::count(r.disagreements.len() as u64)
        );
        let mut grid = Grid::new(&[
            ("where", Align::Left),
            ("time", Align::Left),
            ("Seq", Align::Left),
            ("code", Align::Right),
            ("table", Align::Left),
            ("Tencent", Align::Left),
            ("entry", Align::Left),
            ("source", Align::Left),
        ]);
        for d in &r.disagreements {
            grid.row(vec![
                esc(&d.place).into_owned(),
                d.at.to_rfc3339(),
                esc(d.seq.as_deref().unwrap_or("-")).into_owned(),
                esc(&d.code).into_owned(),
                if d.table_billed {
                    "billed"
                } else {
                    "not billed"
                }
                .to_owned(),
                if d.tencent_charged {
                    "charged"
                } else {
                    "not charged"
                }
                .to_owned(),
                d.entry.clone(),
                d.source.clone(),
            ]);
        }
        out += &grid.render("  ");
    }
    let s = &r.summary;
    out += &format!(
        "\nSummary: {} lines: {} match, {} calls differ, {} price differs, {} label unknown to the table; {}; {}\n",
        s.lines, s.matched, s.calls_differ, s.price_differs, s.label_unknown,
        verdicts(s.disagreements),
        conservation(counts)
    );
    out
}

#[derive(serde::Serialize)]
struct ReconcileJson<'a> {
    tencent_bill: &'a [String],
    #[serde(flatten)]
    reconciliation: &'a Reconciliation,
    calls: &'a Counts,
    all_match: bool,
}

fn render_json(r: &Reconciliation, files: &[String], counts: &Counts) -> String {
    let doc = ReconcileJson {
        tencent_bill: files,
        reconciliation: r,
        calls: counts,
        all_match: r.all_match(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One row per line; text cells guarded against formula injection unless `raw`.
fn render_csv(r: &Reconciliation, raw: bool) -> Result<String, Failure> {
    let text = |cell: &str| {
        if raw {
            cell.to_owned()
        } else {
            spreadsheet_cell(cell).into_owned()
        }
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::data(format!("csv: {e}"));
    w.write_record([
        "account",
        "period",
        "kind",
        "label",
        "tencent_calls",
        "tencent_amount",
        "our_calls",
        "our_amount",
        "calls_difference",
        "amount_difference",
        "tencent_unit_price",
        "our_unit_price",
        "verdict",
        "tencent_rows",
    ])
    .map_err(fail)?;
    let opt = |m: Option<Money>| m.map_or(String::new(), |m| m.to_string());
    for l in &r.lines {
        w.write_record([
            text(&l.account),
            l.period.to_string(),
            l.kind.name().to_owned(),
            text(&l.label),
            l.tencent.map_or(String::new(), |s| s.calls.to_string()),
            opt(l.tencent.map(|s| s.amount)),
            l.ours.map_or(String::new(), |s| s.calls.to_string()),
            opt(l.ours.map(|s| s.amount)),
            l.calls_difference.to_string(),
            l.amount_difference.to_string(),
            opt(l.tencent_unit_price),
            opt(l.our_unit_price),
            l.verdict.name().to_owned(),
            text(&l.tencent_rows.join(" ")),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::data(format!("csv: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
