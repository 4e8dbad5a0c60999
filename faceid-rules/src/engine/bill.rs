//! Billing one account: daily usage through the ledger, month by month, into statements.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::ledger::{in_cst, resolve_packs, Deduction, Ledger, Pack};
use super::pricing::{price, ContractPrices, Unpriced};
use super::statement::{
    AccountStatement, BillWindow, CodeCount, MonthStatement, PackBalance, PackBought,
    PackDeduction, PackStatus, Reminder, ReminderReason, StatementLine, TierReached,
};
use super::usage::{AccountUsage, CellKey, UsageCell};
use super::EngineError;
use crate::calendar::Month;
use crate::dated::{in_force, start_of, Settlement};
use crate::edition::{Edition, EditionTable};
use crate::money::Money;
use crate::records::PackRecord;
use crate::table::{BillingTable, Code, Labels, Named, Verdict};

/// Reminders look this many days past the statement date for packs about to expire.
pub const EXPIRY_REMINDER_DAYS: i64 = 7;

/// A pack with less than this share of its calls left (in percent) is reminded of.
pub const LOW_BALANCE_PERCENT: u64 = 20;

/// Bills one account: its daily usage against table `T`, its packs (records of other
/// accounts are skipped), contract prices for negotiated tiers.
///
/// `months`: the months to make statements for; the ledger still runs from the first day
/// of usage or the first pack, whichever is earlier, so that balances carried into the
/// first month are right. Without it, every month from the first one with usage or a pack
/// bought to the last one with either (empty months in between included).
///
/// Errors: a pack that cannot be resolved ([`resolve_packs`]); a month whose postpaid calls
/// reach a tier without list price (联系商务) for a label without contract price; amounts
/// beyond the range of [`Money`].
pub fn bill_account<T: EditionTable>(
    account: &str,
    usage: &AccountUsage<T>,
    packs: &[PackRecord],
    contract: &ContractPrices,
    months: Option<RangeInclusive<Month>>,
) -> Result<AccountStatement, EngineError> {
    let packs = resolve_packs::<T>(account, packs)?;
    bill_with_packs(account, usage, &packs, contract, months)
}

/// [`bill_account`] with packs already resolved (all of them the account's).
pub fn bill_with_packs<T: EditionTable>(
    account: &str,
    usage: &AccountUsage<T>,
    packs: &[Pack<T>],
    contract: &ContractPrices,
    months: Option<RangeInclusive<Month>>,
) -> Result<AccountStatement, EngineError> {
    bill_as(T::EDITION, account, usage, packs, contract, months)
}

/// [`bill_with_packs`] against any table, whose statement says it is of `edition` (the
/// engine's tests bill a mock table this way).
pub(crate) fn bill_as<T: BillingTable>(
    edition: Edition,
    account: &str,
    usage: &AccountUsage<T>,
    packs: &[Pack<T>],
    contract: &ContractPrices,
    months: Option<RangeInclusive<Month>>,
) -> Result<AccountStatement, EngineError> {
    let mut statement = AccountStatement {
        account: account.to_owned(),
        edition,
        months: Vec::new(),
    };
    let activity = usage
        .days()
        .into_iter()
        .flat_map(|(first, last)| [first, last])
        .chain(packs.iter().map(Pack::first_day))
        .map(Month::of);
    let (first_active, last_active) = activity
        .fold(None, |span: Option<(Month, Month)>, m| {
            Some(span.map_or((m, m), |(a, b)| (a.min(m), b.max(m))))
        })
        .map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let (output_from, output_to) = match &months {
        Some(range) => (*range.start(), *range.end()),
        None => match (first_active, last_active) {
            (Some(a), Some(b)) => (a, b),
            _ => return Ok(statement),
        },
    };
    let start = first_active.map_or(output_from, |a| a.min(output_from));

    let mut ledger = Ledger::new(packs);
    let mut cells = usage.cells().peekable();
    let mut demand: Vec<(Labels<T>, u64)> = Vec::new();
    let mut deductions: Vec<Deduction<T>> = Vec::new();
    let mut month = start;
    while month <= output_to {
        let mut acc = MonthAcc::<T>::new(packs.len());
        let last_day = month.last_day();
        let mut current: Option<NaiveDate> = None;
        while let Some(&(key, cell)) = cells.peek() {
            if key.0 > last_day {
                break;
            }
            cells.next();
            let overflow = |label: T::Postpaid| EngineError::Overflow {
                account: account.to_owned(),
                month,
                what: format!("the count of calls of {}", label.doc_name()),
            };
            if current != Some(key.0) {
                if let Some(day) = current {
                    acc.cover(&mut ledger, day, &mut demand, &mut deductions)
                        .map_err(overflow)?;
                }
                current = Some(key.0);
            }
            acc.count(key, cell, &mut demand).map_err(overflow)?;
        }
        if let Some(day) = current {
            acc.cover(&mut ledger, day, &mut demand, &mut deductions)
                .map_err(|label| EngineError::Overflow {
                    account: account.to_owned(),
                    month,
                    what: format!("the count of calls of {}", label.doc_name()),
                })?;
        }
        if month >= output_from {
            statement
                .months
                .push(acc.close(account, month, &ledger, contract)?);
        }
        let next = month.next();
        match Month::new(next.year, next.month) {
            Some(next) => month = next,
            None => break,
        }
    }
    Ok(statement)
}

/// A result code as a sortable key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CodeKey {
    Int(i64),
    Name(Box<str>),
}

impl CodeKey {
    fn of(code: Code<'_>) -> CodeKey {
        match code {
            Code::Int(n) => CodeKey::Int(n),
            Code::Name(s) => CodeKey::Name(s.into()),
        }
    }

    fn text(&self) -> String {
        match self {
            CodeKey::Int(n) => n.to_string(),
            CodeKey::Name(s) => s.to_string(),
        }
    }
}

/// The month's calls of one postpaid label under one of its prices, so far.
struct LineAcc<T: BillingTable> {
    label: T::Postpaid,
    /// The position of the line's price in the label's prices ([`BillingTable::prices`]).
    period: usize,
    /// The first and last day with calls.
    days: Option<(NaiveDate, NaiveDate)>,
    prepaid: Vec<T::Prepaid>,
    calls: u64,
    billed: u64,
    from_packs: u64,
    /// (pack index, calls) in order of first use.
    packs: Vec<(usize, u64)>,
    postpaid: u64,
}

/// One month of an account, being counted.
struct MonthAcc<T: BillingTable> {
    /// By postpaid label index and price period.
    lines: BTreeMap<(usize, usize), LineAcc<T>>,
    /// By (channel index, code).
    not_billed: BTreeMap<(usize, CodeKey), (T::Channel, u64)>,
    unknown: BTreeMap<(usize, CodeKey), (T::Channel, u64)>,
    /// Calls deducted from each pack this month.
    pack_used: Vec<u64>,
}

impl<T: BillingTable> MonthAcc<T> {
    fn new(packs: usize) -> Self {
        MonthAcc {
            lines: BTreeMap::new(),
            not_billed: BTreeMap::new(),
            unknown: BTreeMap::new(),
            pack_used: vec![0; packs],
        }
    }

    /// The line of `label` for calls made on `day`: the one of the label's price that day.
    fn line(&mut self, label: T::Postpaid, day: NaiveDate) -> &mut LineAcc<T> {
        let period = price_period::<T>(label, day);
        let line = self
            .lines
            .entry((label.index(), period))
            .or_insert_with(|| LineAcc {
                label,
                period,
                days: None,
                prepaid: Vec::new(),
                calls: 0,
                billed: 0,
                from_packs: 0,
                packs: Vec::new(),
                postpaid: 0,
            });
        line.days = Some(
            line.days
                .map_or((day, day), |(a, b)| (a.min(day), b.max(day))),
        );
        line
    }

    /// Counts one cell of daily usage; billed calls join the day's demand. Err: the
    /// postpaid label whose calls add up past the largest count.
    fn count(
        &mut self,
        key: &CellKey<T>,
        cell: &UsageCell<T>,
        demand: &mut Vec<(Labels<T>, u64)>,
    ) -> Result<(), T::Postpaid> {
        let (day, channel, _) = *key;
        let labels = cell.labels;
        let add = |n: &mut u64, calls: u64| -> Result<(), T::Postpaid> {
            *n = n.checked_add(calls).ok_or(labels.postpaid)?;
            Ok(())
        };
        for (code, calls) in cell.codes.iter() {
            let line = self.line(labels.postpaid, day);
            add(&mut line.calls, calls)?;
            if !line.prepaid.contains(&labels.prepaid) {
                line.prepaid.push(labels.prepaid);
                line.prepaid.sort_by_key(|p| p.index());
            }
            let other = match T::code_status(cell.family, code, day).verdict {
                Verdict::Billed => {
                    add(&mut line.billed, calls)?;
                    let same = |d: &&mut (Labels<T>, u64)| {
                        d.0.postpaid == labels.postpaid && d.0.prepaid == labels.prepaid
                    };
                    match demand.iter_mut().find(same) {
                        Some(d) => add(&mut d.1, calls)?,
                        None => demand.push((labels, calls)),
                    }
                    continue;
                }
                Verdict::NotBilled => &mut self.not_billed,
                Verdict::Unknown => &mut self.unknown,
            };
            let slot = other
                .entry((channel.index(), CodeKey::of(code)))
                .or_insert((channel, 0));
            add(&mut slot.1, calls)?;
        }
        Ok(())
    }

    /// Covers a day's demand with the packs; the rest goes postpaid. Err: the postpaid
    /// label whose calls add up past the largest count (never, while the billed calls
    /// they split did not).
    fn cover(
        &mut self,
        ledger: &mut Ledger<'_, T>,
        day: NaiveDate,
        demand: &mut Vec<(Labels<T>, u64)>,
        deductions: &mut Vec<Deduction<T>>,
    ) -> Result<(), T::Postpaid> {
        deductions.clear();
        let add = |n: &mut u64, calls: u64, label: T::Postpaid| -> Result<(), T::Postpaid> {
            *n = n.checked_add(calls).ok_or(label)?;
            Ok(())
        };
        let left = ledger.cover_day(day, demand, deductions);
        for (&(labels, calls), left) in demand.iter().zip(left) {
            let line = self.line(labels.postpaid, day);
            add(&mut line.postpaid, left, labels.postpaid)?;
            add(&mut line.from_packs, calls - left, labels.postpaid)?;
        }
        for d in deductions.iter() {
            add(&mut self.pack_used[d.pack], d.calls, d.postpaid)?;
            let line = self.line(d.postpaid, day);
            match line.packs.iter_mut().find(|(p, _)| *p == d.pack) {
                Some(slot) => add(&mut slot.1, d.calls, d.postpaid)?,
                None => line.packs.push((d.pack, d.calls)),
            }
        }
        demand.clear();
        Ok(())
    }

    /// The month's statement, with balances as the ledger holds them at the month's end.
    fn close(
        self,
        account: &str,
        month: Month,
        ledger: &Ledger<'_, T>,
        contract: &ContractPrices,
    ) -> Result<MonthStatement, EngineError> {
        let packs = ledger.packs();
        let overflow = |what: String| EngineError::Overflow {
            account: account.to_owned(),
            month,
            what,
        };
        let mut lines = Vec::with_capacity(self.lines.len());
        let mut postpaid_total = Money::ZERO;
        // The month's postpaid calls of each label, over its price periods: they decide the
        // tier of every period's calls (a sum of counts of one label, each checked: no wrap).
        let mut month_calls: BTreeMap<usize, u64> = BTreeMap::new();
        for line in self.lines.values() {
            let total = month_calls.entry(line.label.index()).or_default();
            *total = total.saturating_add(line.postpaid);
        }
        let several: BTreeMap<usize, bool> = month_calls
            .keys()
            .map(|&l| (l, self.lines.range((l, 0)..=(l, usize::MAX)).count() > 1))
            .collect();
        for line in self.lines.into_values() {
            let label_calls = month_calls[&line.label.index()];
            let (_, last_day) = line.days.unwrap_or((month.first_day(), month.last_day()));
            let name = T::postpaid_name_on(line.label, last_day);
            let (tier, unit_price, price_source, amount) = if line.postpaid == 0 {
                (None, None, None, Money::ZERO)
            } else {
                let tiers = T::prices(line.label)
                    .get(line.period)
                    .and_then(|d| d.value)
                    .unwrap_or(&[]);
                let priced = price::<T>(
                    account,
                    line.label,
                    tiers,
                    label_calls,
                    line.postpaid,
                    contract,
                )
                .map_err(|e| match e {
                    Unpriced::NoTier => EngineError::NoTier {
                        account: account.to_owned(),
                        month,
                        label: name,
                        calls: label_calls,
                    },
                    Unpriced::Negotiated { range } => EngineError::PriceNeeded {
                        account: account.to_owned(),
                        month,
                        label: name,
                        calls: label_calls,
                        tier: range,
                    },
                    Unpriced::Overflow => overflow(format!(
                        "the amount of {name} ({} postpaid calls)",
                        crate::money::group_thousands(line.postpaid)
                    )),
                })?;
                let tier = TierReached {
                    index: priced.index,
                    range: priced.tier.doc_range(),
                    list_price: priced.tier.price,
                };
                (
                    Some(tier),
                    Some(priced.unit),
                    Some(priced.source),
                    priced.amount,
                )
            };
            postpaid_total = postpaid_total
                .checked_add(amount)
                .ok_or_else(|| overflow(format!("the postpaid total, with {name}")))?;
            let prepaid_labels: Vec<&'static str> = line
                .prepaid
                .iter()
                .map(|&p| T::prepaid_name_on(p, last_day))
                .collect();
            // The first day of the month on which this line's prices held.
            let period_start = T::prices(line.label)
                .get(line.period)
                .and_then(|d| d.from)
                .map_or(month.first_day(), |from| from.date().max(month.first_day()));
            let prices_from = several[&line.label.index()].then_some(period_start);
            lines.push(StatementLine {
                postpaid_label: name,
                prices_from,
                prepaid_label: prepaid_labels.join("、"),
                prepaid_labels,
                calls: line.calls,
                billed: line.billed,
                from_packs: line.from_packs,
                pack_deductions: line
                    .packs
                    .iter()
                    .map(|&(i, calls)| PackDeduction {
                        id: packs[i].id.clone(),
                        calls,
                    })
                    .collect(),
                postpaid: line.postpaid,
                tier,
                unit_price,
                price_source,
                amount,
            });
        }

        let first = month.first_day();
        let last = month.last_day();
        let end = last.succ_opt().unwrap_or(NaiveDate::MAX);
        let mut shown: Vec<usize> = (0..packs.len())
            .filter(|&i| packs[i].first_day() <= last && packs[i].expiry_day() > first)
            .collect();
        shown.sort_by(|&a, &b| {
            (packs[a].purchased, &packs[a].id).cmp(&(packs[b].purchased, &packs[b].id))
        });
        let mut balances = Vec::with_capacity(shown.len());
        let mut reminders = Vec::new();
        let mut packs_bought = Vec::new();
        let mut packs_bought_total = Money::ZERO;
        for i in shown {
            let pack = &packs[i];
            let used = ledger.used(i);
            let left = ledger.remaining(i);
            let expired = pack.expiry_day() <= end;
            let status = match (expired, left) {
                (true, _) => PackStatus::Expired,
                (false, 0) => PackStatus::UsedUp,
                (false, _) => PackStatus::Active,
            };
            let remaining = if expired { 0 } else { left };
            let label = T::prepaid_name_on(pack.label, last.min(pack.last_day()));
            let remind = |reason| Reminder {
                id: pack.id.clone(),
                label,
                reason,
                expires: pack.expires_at(),
                remaining,
                size: pack.size,
            };
            if status == PackStatus::Active {
                if (pack.expiry_day() - end).num_days() <= EXPIRY_REMINDER_DAYS {
                    reminders.push(remind(ReminderReason::ExpiresSoon));
                }
                if u128::from(remaining) * 100
                    < u128::from(pack.size) * u128::from(LOW_BALANCE_PERCENT)
                {
                    reminders.push(remind(ReminderReason::LowBalance));
                }
            }
            if status == PackStatus::UsedUp && self.pack_used[i] > 0 {
                reminders.push(remind(ReminderReason::UsedUp));
            }
            balances.push(PackBalance {
                id: pack.id.clone(),
                label,
                kind: pack.kind,
                purchased: in_cst(pack.purchased),
                expires: pack.expires_at(),
                last_day: pack.last_day(),
                size: pack.size,
                used,
                used_in_month: self.pack_used[i],
                remaining,
                lapsed: if expired { left } else { 0 },
                status,
            });
            if month.contains(pack.first_day()) {
                packs_bought_total =
                    packs_bought_total.checked_add(pack.price).ok_or_else(|| {
                        overflow(format!("the packs bought, with pack {:?}", pack.id))
                    })?;
                packs_bought.push(PackBought {
                    id: pack.id.clone(),
                    label,
                    kind: pack.kind,
                    size: pack.size,
                    price: pack.price,
                    price_source: pack.price_source,
                });
            }
        }
        let spend = postpaid_total
            .checked_add(packs_bought_total)
            .ok_or_else(|| overflow("the spend (postpaid and packs bought)".to_owned()))?;
        let codes = |map: BTreeMap<(usize, CodeKey), (T::Channel, u64)>| {
            map.into_iter()
                .map(|((_, code), (channel, calls))| CodeCount {
                    channel: channel.doc_name(),
                    code: code.text(),
                    calls,
                })
                .collect()
        };
        Ok(MonthStatement {
            month,
            statement_date: last,
            lines,
            packs: balances,
            packs_bought,
            postpaid_total,
            packs_bought_total,
            spend,
            reminders,
            not_billed: codes(self.not_billed),
            unknown_codes: codes(self.unknown),
            bill_window: bill_window::<T>(month),
        })
    }
}

/// The days on which `T` issues the bills of `month`'s usage: days of the next month under
/// monthly settlement; under daily settlement, each day's bill is issued the next day, so
/// from the month's second day to the next month's first.
fn bill_window<T: BillingTable>(month: Month) -> BillWindow {
    let next = month.next();
    let day = |d: u8| {
        let d = u32::from(d).clamp(1, next.days());
        NaiveDate::from_ymd_opt(next.year, next.month, d).unwrap_or(next.first_day())
    };
    match T::INFO.settlement {
        Settlement::Monthly { bill_days } => BillWindow {
            from: day(bill_days.0),
            to: day(bill_days.1),
        },
        Settlement::Daily { .. } => BillWindow {
            from: month.first_day().succ_opt().unwrap_or(month.first_day()),
            to: next.first_day(),
        },
    }
}

/// The position of `label`'s price on `day` in its prices ([`BillingTable::prices`]).
fn price_period<T: BillingTable>(label: T::Postpaid, day: NaiveDate) -> usize {
    let prices = T::prices(label);
    in_force(prices, start_of(day)).map_or(0, |entry| {
        prices
            .iter()
            .position(|p| std::ptr::eq(p, entry))
            .unwrap_or(0)
    })
}
