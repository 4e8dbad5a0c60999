//! `faceid-rules plan`: the cheapest packs for a number of calls.

use clap::{Args, ValueEnum};

use faceid_rules::money::Money;
use faceid_rules::plan::{plan as cheapest, Plan, DEFAULT_MONTHS};
use faceid_rules::{with_table, BillingTable, Named};

use super::edition::EditionChoice;
use super::format::{self, Align, Grid};
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Output formats of `plan`.
#[derive(Clone, Copy, ValueEnum)]
pub enum PlanFormat {
    /// For people
    Table,
    /// A JSON object
    Json,
}

/// Find the cheapest way to pay for N calls of a prepaid label over M months: which packs,
/// how many, what stays postpaid, and the saving against all postpaid.
///
/// Packs are bought at the start and cover calls first; the rest of each month is priced by
/// the postpaid tiers of the label the calls go to. The search covers every combination of
/// pack counts, not just the largest pack first.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules plan --label '基础版人脸核身（权威库）' --calls 150000 --edition legacy --postpaid 活体人脸核身\n  \
faceid-rules plan --label 银行卡信息核验 --calls 3000000 --months 12 --contract-price 0.30 --format json")]
pub struct PlanArgs {
    /// The prepaid label (doc name, identifier or alias)
    #[arg(long)]
    label: String,
    /// Calls to pay for over the period
    #[arg(long)]
    calls: u64,
    /// Months the calls are spread over evenly (1 to 12; packs last a year)
    #[arg(long, default_value_t = DEFAULT_MONTHS)]
    months: u32,
    #[command(flatten)]
    edition: EditionChoice,
    /// The postpaid label the calls go to when no pack covers them (needed when the prepaid label serves several)
    #[arg(long)]
    postpaid: Option<String>,
    /// Unit price (yuan per call) for negotiated (联系商务) tiers
    #[arg(long, value_name = "PRICE")]
    contract_price: Option<Money>,
    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    format: PlanFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn plan(args: PlanArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let (label, postpaid, alike, plan) =
        with_table!(args.edition.edition()?, T => run::<T>(&args))?;
    let text = match args.format {
        PlanFormat::Json => {
            let doc = PlanJson {
                label,
                postpaid_label: postpaid,
                priced_alike: &alike,
                plan: &plan,
            };
            serde_json::to_string_pretty(&doc).map_err(Failure::data)? + "\n"
        }
        PlanFormat::Table => describe(&plan, label, postpaid, &alike),
    };
    super::write_out(out, text.as_bytes())
}

/// The plan for `T`: the prepaid label's packs, the postpaid tiers its overflow goes to;
/// with the prepaid and postpaid labels, and the other postpaid labels the packs serve at
/// the same prices (when one was picked among several).
fn run<T: BillingTable>(args: &PlanArgs) -> Result<Planned, Failure> {
    let prepaid =
        T::Prepaid::lookup(&args.label).map_err(|e| Failure::usage(format!("--label: {e}")))?;
    // The prices in force after the table's newest dated change.
    let at = faceid_rules::dated::newest::<T>();
    let day = at.date();
    let mut served: Vec<T::Postpaid> = T::Channel::ALL
        .iter()
        .filter_map(|&c| T::cells_on(c, day))
        .flatten()
        .filter_map(|c| c.labels)
        .filter(|l| l.prepaid == prepaid)
        .map(|l| l.postpaid)
        .collect();
    served.sort();
    served.dedup();
    let postpaid = match &args.postpaid {
        Some(name) => {
            let p = T::Postpaid::lookup(name).map_err(|e| Failure::usage(format!("--postpaid: {e}")))?;
            if !served.contains(&p) {
                return Err(Failure::usage(format!(
                    "--postpaid: calls of {prepaid} go postpaid under {}, not {p}",
                    names(&served)
                )));
            }
            p
        }
        None => match served.as_slice() {
            [one] => *one,
            [] => return Err(Failure::usage(format!("{prepaid} is used by no row of the {} table", T::INFO.name))),
            several if several.iter().all(|&p| T::tiers_on(p, day) == T::tiers_on(several[0], day)) => several[0],
            several => {
                return Err(Failure::usage(format!(
                    "calls of {prepaid} go postpaid under {}, priced differently: choose one with --postpaid",
                    names(several)
                )))
            }
        },
    };
    let offers = T::packs_at(prepaid, at).unwrap_or(&[]);
    if offers.is_empty() {
        return Err(Failure::usage(format!(
            "{prepaid} is sold without resource packs: every call is postpaid"
        )));
    }
    let plan = cheapest(
        offers,
        T::tiers_on(postpaid, day).unwrap_or(&[]),
        args.contract_price,
        args.calls,
        args.months,
    )
    .map_err(Failure::data)?;
    let alike = match &args.postpaid {
        Some(_) => Vec::new(),
        None => served
            .iter()
            .filter(|&&p| p != postpaid)
            .map(|p| p.doc_name())
            .collect(),
    };
    Ok((prepaid.doc_name(), postpaid.doc_name(), alike, plan))
}

/// The JSON document of `plan` (faceid-rules/docs/json.md), fields in schema order.
#[derive(serde::Serialize)]
struct PlanJson<'a> {
    label: &'a str,
    postpaid_label: &'a str,
    /// Other postpaid labels the packs serve, priced the same (when none was chosen).
    priced_alike: &'a [&'a str],
    #[serde(flatten)]
    plan: &'a Plan,
}

/// Prepaid label, postpaid label, postpaid labels priced alike, the plan.
type Planned = (&'static str, &'static str, Vec<&'static str>, Plan);

fn names<N: Named>(items: &[N]) -> String {
    items
        .iter()
        .map(|i| i.doc_name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(plan: &Plan, label: &str, postpaid: &str, alike: &[&str]) -> String {
    let also = if alike.is_empty() {
        String::new()
    } else {
        format!("; {} priced the same", alike.join(", "))
    };
    let mut out = format!(
        "{} calls of {label} over {} months (postpaid under {postpaid}{also})\n\n",
        format::count(plan.calls),
        plan.months
    );
    if plan.packs.is_empty() {
        out += "  buy no packs: postpaid is cheapest\n";
    } else {
        let mut grid = Grid::new(&[
            ("pack", Align::Right),
            ("count", Align::Right),
            ("price", Align::Right),
            ("total", Align::Right),
        ]);
        for p in &plan.packs {
            grid.row(vec![
                format!("{}次", format::count(p.size)),
                format::count(p.count),
                p.price.display_cny(),
                p.total.display_cny(),
            ]);
        }
        out += &grid.render("  ");
    }
    out += &format!(
        "\n  packs {} for {} calls; postpaid {} calls {}\n  total {}   all postpaid {}   saving {}\n",
        plan.pack_cost.display_cny(),
        format::count(plan.pack_calls),
        format::count(plan.postpaid_calls),
        plan.postpaid_cost.display_cny(),
        plan.total.display_cny(),
        plan.all_postpaid_total.display_cny(),
        plan.saving.display_cny()
    );
    out
}
