//! Reconciliation with Tencent's own bill: the statements this crate draws up, compared
//! line by line with Tencent Billing Center's detail bill ([`crate::input::tencent_bill`]),
//! and the table's verdict on each call compared with Tencent's (`IsNeedCharge`, from
//! [`crate::input::wechat`]).
//!
//! # What is compared
//!
//! Per account, period and billing label, three kinds of line ([`LineKind`]):
//!
//! - **postpaid**: the calls that went postpaid and their amount — ours from the statement
//!   line of the postpaid label (`postpaid`, `amount`), Tencent's from the rows of that label
//!   with a cost (`UsedAmount`, `RealCost`, the amount after discounts);
//! - **from packs**: the calls covered by packs of a prepaid label — ours from the ledger's
//!   deductions, Tencent's from its rows that cost nothing (`Cost` and `RealCost` 0) and
//!   from `DeductedMeasure`;
//! - **packs bought**: how many packs of a prepaid label were bought and what they cost —
//!   Tencent's rows billed 包年包月 / 预付费 (or a 新购 transaction).
//!
//! A row of Tencent's bill names its label in `ItemCodeName` (组件名称), or else in
//! `ComponentCodeName` or `ProductCodeName`; the name is looked up in the account's table
//! with [`Named::find`] — doc names, identifiers and aliases, compared as the tables compare
//! names — never in a list of this module's own.
//!
//! The period is the month of the row's `FeeBeginTime` in China Standard Time. Under daily
//! settlement (the edition's [`Settlement`]) Tencent bills each day; its daily rows are summed
//! by month, as the statements are monthly (daily prices are flat, so the sum is the
//! month's bill). [`Period::Day`] is there for statements with a line per day.
//!
//! # Verdicts
//!
//! - [`Verdict::Match`]: the same calls and the same amount, to the fen.
//! - [`Verdict::CallsDiffer`]: the calls differ (a line only one side has counts zero
//!   calls on the other).
//! - [`Verdict::PriceDiffers`]: the same calls at another amount.
//! - [`Verdict::LabelUnknown`]: Tencent's row names a label the table does not know.
//!
//! Amounts are compared exactly, in fen; there is no tolerance. Each call on which the
//! table and Tencent's `IsNeedCharge` disagree is listed too ([`ChargeDisagreement`]).
//!
//! [`Reconciliation`] is a plain value (`serde::Serialize` with the `serde` feature), for a
//! renderer to show.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;

use crate::bill::Statements;
use crate::calendar::Month;
use crate::edition::Edition;
use crate::engine::MonthStatement;
use crate::input::tencent_bill::{BillLine, TencentBill};
use crate::money::Money;
use crate::names::normalise;
use crate::pipeline::Editions;
use crate::table::{BillingTable, Named, Settlement};
use crate::with_table;

pub use crate::pipeline::ChargeDisagreement;

mod expected;
#[cfg(test)]
mod tests;

pub use expected::expected_bill;

/// The period of a line: a month, or a day under daily settlement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar month, China Standard Time.
    Month(Month),
    /// A day, China Standard Time.
    Day(NaiveDate),
}

impl Period {
    /// The period of `settlement` that `day` falls in.
    pub fn of(settlement: Settlement, day: NaiveDate) -> Period {
        match settlement {
            Settlement::Monthly { .. } => Period::Month(Month::of(day)),
            Settlement::Daily { .. } => Period::Day(day),
        }
    }

    /// The period of `edition`'s settlement that `day` falls in.
    pub fn of_edition(edition: Edition, day: NaiveDate) -> Period {
        Period::of(edition.info().settlement, day)
    }
}

/// `2026-10`, `2026-10-05`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => m.fmt(f),
            Period::Day(d) => d.fmt(f),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a line counts; see the [module documentation](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LineKind {
    /// Calls that went postpaid, under a postpaid label.
    Postpaid,
    /// Calls covered by packs of a prepaid label.
    FromPacks,
    /// Packs of a prepaid label bought (the count is of packs).
    PacksBought,
}

impl LineKind {
    /// `postpaid`, `from packs`, `packs bought`.
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Postpaid => "postpaid",
            LineKind::FromPacks => "from packs",
            LineKind::PacksBought => "packs bought",
        }
    }
}

/// One side's count and amount on a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Side {
    /// Calls (packs, for [`LineKind::PacksBought`]).
    pub calls: u64,
    /// Their amount.
    pub amount: Money,
}

/// How a line compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// The same calls and amount, to the fen.
    Match,
    /// The calls differ.
    CallsDiffer,
    /// The same calls, another amount.
    PriceDiffers,
    /// Tencent's row names a label the table does not know.
    LabelUnknown,
}

impl Verdict {
    /// `match`, `calls differ`, `price differs`, `label unknown to the table`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::CallsDiffer => "calls differ",
            Verdict::PriceDiffers => "price differs",
            Verdict::LabelUnknown => "label unknown to the table",
        }
    }
}

/// One account, period, kind and label, on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Line {
    /// The account.
    pub account: String,
    /// The month (or day).
    pub period: Period,
    /// What the line counts.
    pub kind: LineKind,
    /// The edition whose table the label was looked up in, when the account's is known.
    pub edition: Option<Edition>,
    /// The label by the table's doc name; as Tencent wrote it when the table does not know
    /// it.
    pub label: String,
    /// Tencent's side; `None` when its bill has no such row.
    pub tencent: Option<Side>,
    /// Ours; `None` when the statement has no such line.
    pub ours: Option<Side>,
    /// Tencent's calls less ours.
    pub calls_difference: i128,
    /// Tencent's amount less ours.
    pub amount_difference: Money,
    /// Tencent's list unit price (`SinglePrice`), when its rows give one.
    pub tencent_unit_price: Option<Money>,
    /// Our unit price, on a postpaid line.
    pub our_unit_price: Option<Money>,
    /// How the two compare.
    pub verdict: Verdict,
    /// The rows of Tencent's bill the line sums: `bill.csv:7`.
    pub tencent_rows: Vec<String>,
}

/// How many lines of each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Lines compared.
    pub lines: usize,
    /// Lines that match.
    pub matched: usize,
    /// Lines whose calls differ.
    pub calls_differ: usize,
    /// Lines whose amounts differ.
    pub price_differs: usize,
    /// Lines whose label the table does not know.
    pub label_unknown: usize,
    /// Calls on which the table and Tencent's `IsNeedCharge` disagree.
    pub disagreements: usize,
}

/// Our statements against Tencent's bill; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reconciliation {
    /// One line per account, period, kind and label of either side, in that order.
    pub lines: Vec<Line>,
    /// Calls on which the table and Tencent's `IsNeedCharge` disagree, in input order.
    pub disagreements: Vec<ChargeDisagreement>,
    /// Rows of Tencent's bill of other products than Face ID, skipped.
    pub other_products: u64,
    /// Rows of Tencent's bill outside the months reconciled, skipped.
    pub outside_months: u64,
    /// When calls that name no account were taken as one account's: that account.
    pub unnamed_account: Option<String>,
    /// How many lines of each verdict.
    pub summary: Summary,
}

impl Reconciliation {
    /// Whether everything matched: every line, and every call's verdict.
    pub fn all_match(&self) -> bool {
        self.lines.iter().all(|l| l.verdict == Verdict::Match) && self.disagreements.is_empty()
    }
}

/// How to reconcile.
#[derive(Clone, Debug)]
pub struct ReconcileOptions<'a> {
    /// The edition of each account (to look Tencent's labels up in the right table).
    pub editions: &'a Editions,
    /// The account of calls that name none (a call log without `account`, a rule without
    /// one); `None`: when there are such calls and Tencent's bill has a single account,
    /// that one.
    pub unnamed_account: Option<String>,
    /// The months reconciled, first and last; `None`: every month of either side.
    pub months: Option<(Month, Month)>,
}

/// An amount or count of a line that adds up past the range of amounts or counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReconcileError {
    /// Which line.
    pub what: String,
}

impl fmt::Display for ReconcileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} adds up beyond the range of amounts and counts (about 92 quadrillion yuan, 18 quintillion calls)",
            self.what
        )
    }
}

impl std::error::Error for ReconcileError {}

type Key = (String, Period, LineKind, String);

/// One side of a line as it is summed.
#[derive(Default)]
struct Sum {
    side: Side,
    unit_price: Option<Money>,
    rows: Vec<String>,
    known: bool,
}

impl Sum {
    fn add(
        &mut self,
        calls: u64,
        amount: Money,
        what: impl Fn() -> String,
    ) -> Result<(), ReconcileError> {
        let overflow = || ReconcileError { what: what() };
        self.side.calls = self.side.calls.checked_add(calls).ok_or_else(overflow)?;
        self.side.amount = self.side.amount.checked_add(amount).ok_or_else(overflow)?;
        Ok(())
    }
}

/// Compares `statements` with Tencent's `bill`; `disagreements` are the calls on which the
/// table and Tencent's verdict differed, as the reader found them. See the [module
/// documentation](self).
pub fn reconcile(
    statements: &Statements,
    bill: &TencentBill,
    disagreements: Vec<ChargeDisagreement>,
    options: &ReconcileOptions<'_>,
) -> Result<Reconciliation, ReconcileError> {
    let owners: BTreeSet<&str> = bill.lines.iter().map(|l| l.owner.as_str()).collect();
    let has_unnamed = statements.accounts.iter().any(|s| s.account.is_empty());
    let unnamed = match (&options.unnamed_account, has_unnamed) {
        (Some(a), _) => Some(a.clone()),
        (None, true) if owners.len() == 1 => owners.iter().next().map(|o| (*o).to_owned()),
        _ => None,
    };
    let account_of = |a: &str| match (&unnamed, a.is_empty()) {
        (Some(u), true) => u.clone(),
        _ => a.to_owned(),
    };
    let mut editions: HashMap<String, Edition> = HashMap::new();
    let mut ours: BTreeMap<Key, Sum> = BTreeMap::new();
    for statement in &statements.accounts {
        let account = account_of(&statement.account);
        editions.insert(account.clone(), statement.edition);
        for month in &statement.months {
            our_lines(&account, month, &mut ours)?;
        }
    }
    let edition_of = |account: &str| {
        editions
            .get(account)
            .copied()
            .or_else(|| options.editions.edition(account).ok())
    };
    let mut theirs: BTreeMap<Key, Sum> = BTreeMap::new();
    let mut outside_months = 0;
    for line in &bill.lines {
        let month = Month::of(line.fee_begin.date());
        if options
            .months
            .is_some_and(|(first, last)| month < first || month > last)
        {
            outside_months += 1;
            continue;
        }
        tencent_line(line, edition_of(&line.owner), &mut theirs)?;
    }
    let keys: BTreeSet<&Key> = ours.keys().chain(theirs.keys()).collect();
    let mut lines = Vec::with_capacity(keys.len());
    let mut summary = Summary::default();
    for key in keys {
        let (account, period, kind, label) = key.clone();
        let t = theirs.get(key);
        let o = ours.get(key);
        let (tc, tm) = t.map_or((0, Money::ZERO), |s| (s.side.calls, s.side.amount));
        let (oc, om) = o.map_or((0, Money::ZERO), |s| (s.side.calls, s.side.amount));
        let amount_difference = tm.checked_sub(om).ok_or_else(|| ReconcileError {
            what: format!("the difference of account {account:?}, {period}, {label}"),
        })?;
        let verdict = if t.is_some_and(|s| !s.known) {
            Verdict::LabelUnknown
        } else if tc != oc {
            Verdict::CallsDiffer
        } else if tm != om {
            Verdict::PriceDiffers
        } else {
            Verdict::Match
        };
        match verdict {
            Verdict::Match => summary.matched += 1,
            Verdict::CallsDiffer => summary.calls_differ += 1,
            Verdict::PriceDiffers => summary.price_differs += 1,
            Verdict::LabelUnknown => summary.label_unknown += 1,
        }
        lines.push(Line {
            edition: edition_of(&account),
            account,
            period,
            kind,
            label,
            tencent: t.map(|s| s.side),
            ours: o.map(|s| s.side),
            calls_difference: i128::from(tc) - i128::from(oc),
            amount_difference,
            tencent_unit_price: t.and_then(|s| s.unit_price),
            our_unit_price: o.and_then(|s| s.unit_price),
            verdict,
            tencent_rows: t.map(|s| s.rows.clone()).unwrap_or_default(),
        });
    }
    summary.lines = lines.len();
    summary.disagreements = disagreements.len();
    Ok(Reconciliation {
        lines,
        disagreements,
        other_products: bill.other_products,
        outside_months,
        unnamed_account: unnamed.filter(|_| has_unnamed),
        summary,
    })
}

/// Our side of a month: its postpaid lines, its pack deductions by prepaid label, its packs
/// bought by prepaid label.
fn our_lines(
    account: &str,
    month: &MonthStatement,
    out: &mut BTreeMap<Key, Sum>,
) -> Result<(), ReconcileError> {
    // Statements are monthly (see `tencent_line`).
    let period = Period::Month(month.month);
    fn entry<'a>(
        out: &'a mut BTreeMap<Key, Sum>,
        key: (&str, Period, LineKind, &str),
    ) -> &'a mut Sum {
        let sum = out
            .entry((key.0.to_owned(), key.1, key.2, key.3.to_owned()))
            .or_default();
        sum.known = true;
        sum
    }
    let what = |label: &str| format!("our {label} of account {account:?} in {period}");
    for line in &month.lines {
        if line.postpaid > 0 || line.amount != Money::ZERO {
            let sum = entry(
                out,
                (account, period, LineKind::Postpaid, line.postpaid_label),
            );
            sum.add(line.postpaid, line.amount, || what(line.postpaid_label))?;
            sum.unit_price = line.unit_price;
        }
    }
    for (label, calls) in covered_by_label(month) {
        entry(out, (account, period, LineKind::FromPacks, label)).add(
            calls,
            Money::ZERO,
            || what(label),
        )?;
    }
    for pack in &month.packs_bought {
        entry(out, (account, period, LineKind::PacksBought, pack.label)).add(
            1,
            pack.price,
            || what(pack.label),
        )?;
    }
    Ok(())
}

/// The calls of a month covered by packs, per prepaid label (of the pack; of the line when
/// the pack is not among the month's), in label order.
pub(crate) fn covered_by_label(month: &MonthStatement) -> BTreeMap<&str, u64> {
    let label_of: HashMap<&str, &'static str> = month
        .packs
        .iter()
        .map(|p| (p.id.as_str(), p.label))
        .collect();
    let mut covered: BTreeMap<&str, u64> = BTreeMap::new();
    for line in &month.lines {
        for d in &line.pack_deductions {
            let label = label_of
                .get(d.id.as_str())
                .copied()
                .unwrap_or(line.prepaid_label.as_str());
            let calls = covered.entry(label).or_default();
            *calls = calls.saturating_add(d.calls);
        }
    }
    covered.retain(|_, calls| *calls > 0);
    covered
}

/// What a row of Tencent's bill counts.
fn kind_of(line: &BillLine) -> LineKind {
    let has = |text: &str, word: &str| normalise(text).contains(word);
    if has(&line.pay_mode, "包年包月")
        || has(&line.pay_mode, "预付费")
        || has(&line.action_type, "新购")
    {
        LineKind::PacksBought
    } else if line.real_cost == Money::ZERO
        && line.cost.unwrap_or(Money::ZERO) == Money::ZERO
        && line.used > 0
    {
        LineKind::FromPacks
    } else {
        LineKind::Postpaid
    }
}

/// The label a row names, by the table's doc name: the first of its names that the table
/// of `edition` (or, when the account's edition is not known, of any edition) knows.
fn label_of(line: &BillLine, kind: LineKind, edition: Option<Edition>) -> Option<&'static str> {
    let prefix = format!("{}-", line.product.trim());
    let names = [&line.item, &line.component_type, &line.sub_product];
    let candidates = names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .flat_map(|n| {
            [
                n.trim(),
                n.trim().strip_prefix(prefix.as_str()).unwrap_or(""),
            ]
        })
        .filter(|n| !n.is_empty());
    let find = |edition: Edition, name: &str| {
        with_table!(edition, T => match kind {
            LineKind::Postpaid => <T as BillingTable>::Postpaid::find(name).map(Named::doc_name),
            LineKind::FromPacks | LineKind::PacksBought => {
                <T as BillingTable>::Prepaid::find(name).map(Named::doc_name)
            }
        })
    };
    let editions: Vec<Edition> = match edition {
        Some(e) => vec![e],
        None => Edition::ALL.to_vec(),
    };
    candidates
        .into_iter()
        .find_map(|name| editions.iter().find_map(|&e| find(e, name)))
}

/// Adds a row of Tencent's bill to its side.
fn tencent_line(
    line: &BillLine,
    edition: Option<Edition>,
    out: &mut BTreeMap<Key, Sum>,
) -> Result<(), ReconcileError> {
    // Statements are monthly, also under daily settlement (whose prices are flat, so a
    // month's daily bills add up to its statement): Tencent's daily rows are summed by
    // month until statements have a line per day.
    let period = Period::Month(Month::of(line.fee_begin.date()));
    let kind = kind_of(line);
    let known = label_of(line, kind, edition);
    let label = known.map_or_else(|| line.item.trim().to_owned(), str::to_owned);
    let what = || format!("Tencent's {label} of account {:?} in {period}", line.owner);
    let mut add = |kind, calls, amount| -> Result<(), ReconcileError> {
        let sum = out
            .entry((line.owner.clone(), period, kind, label.clone()))
            .or_default();
        sum.known = known.is_some();
        sum.add(calls, amount, what)?;
        if kind == LineKind::Postpaid {
            sum.unit_price = sum.unit_price.or(line.single_price);
        }
        sum.rows.push(line.place());
        Ok(())
    };
    match kind {
        LineKind::PacksBought => add(kind, line.used.max(1), line.real_cost)?,
        LineKind::FromPacks => add(kind, line.used, Money::ZERO)?,
        LineKind::Postpaid => {
            add(kind, line.used, line.real_cost)?;
            if let Some(deducted) = line.deducted.filter(|&d| d > 0) {
                let known = label_of(line, LineKind::FromPacks, edition);
                let label = known.map_or_else(|| line.item.trim().to_owned(), str::to_owned);
                let sum = out
                    .entry((line.owner.clone(), period, LineKind::FromPacks, label))
                    .or_default();
                sum.known = known.is_some();
                sum.add(deducted, Money::ZERO, what)?;
                sum.rows.push(line.place());
            }
        }
    }
    Ok(())
}
