//! Billing as one call: daily usage of every edition, the accounts' editions and their packs
//! in; every account's statements, month by month, and how every call read was accounted
//! for, out.
//!
//! [`bill`] runs each account through the engine ([`bill_account`]) under the table of its
//! edition. Accounts are independent, so they are billed on [`BillOptions::threads`]
//! threads, each taking the next account not yet taken; the statements come out in account
//! order whatever the number of threads, and the first error is the one a sequential run
//! would meet first.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::calendar::Month;
use crate::edition::Edition;
use crate::engine::{bill_account, AccountStatement, AccountUsage, ContractPrices, EngineError};
use crate::money::Money;
use crate::pipeline::{Aggregate, Counts, Editions, TooManyCalls};
use crate::records::PackRecord;
use crate::with_table;

/// How to bill.
#[derive(Clone, Debug)]
pub struct BillOptions {
    /// Contract unit prices: they price negotiated (联系商务) tiers and replace list prices.
    pub contract: ContractPrices,
    /// The first month to make statements for; `None`: the first month the calls fall in.
    pub from: Option<Month>,
    /// The last month to make statements for; `None`: the last month the calls fall in.
    pub to: Option<Month>,
    /// Threads billing accounts (at least one). Default: the number of cores.
    pub threads: usize,
}

impl Default for BillOptions {
    fn default() -> BillOptions {
        BillOptions {
            contract: ContractPrices::new(),
            from: None,
            to: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Every account's statements, and how the calls read were accounted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statements {
    /// One per account with usage or packs, in account order; months in which an account
    /// has no calls, no pack and no spend are left out, and so are accounts left with none.
    pub accounts: Vec<AccountStatement>,
    /// Calls read = billed + not billed + duplicates + rejected.
    pub counts: Counts,
    /// What every account spent in the months billed (the sum is checked: a spend past the
    /// range of amounts is a [`BillError::Overflow`], never a wrapped total).
    pub spend: Money,
}

impl Statements {
    /// The first and last month with a statement.
    pub fn months(&self) -> Option<(Month, Month)> {
        let months = self
            .accounts
            .iter()
            .flat_map(|s| &s.months)
            .map(|m| m.month);
        Some((months.clone().min()?, months.max()?))
    }
}

/// Why billing failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BillError {
    /// An account with usage or packs has no edition (see [`Editions::edition`]).
    NoEdition(String),
    /// The engine could not bill an account (a pack, a price, an amount).
    Engine(EngineError),
    /// A contract price names a label that no edition's table has.
    UnknownContractLabels(Vec<String>),
    /// The calls counted add up past the largest count.
    TooManyCalls(TooManyCalls),
    /// The total spend of the accounts passes the range of amounts.
    Overflow {
        /// The account whose month takes the total past the range.
        account: String,
        /// The month.
        month: Month,
        /// That month's spend.
        spend: Money,
    },
    /// The months asked for run backwards.
    Months {
        /// The first month (asked for, or the first with calls).
        first: Month,
        /// The last month (asked for, or the last with calls).
        last: Month,
        /// Whether `first` was asked for.
        from_given: bool,
        /// Whether `last` was asked for.
        to_given: bool,
    },
}

impl fmt::Display for BillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BillError::NoEdition(why) => f.write_str(why),
            BillError::Engine(e) => e.fmt(f),
            BillError::TooManyCalls(e) => e.fmt(f),
            BillError::Overflow {
                account,
                month,
                spend,
            } => write!(
                f,
                "account {account:?}, {month}: with this month's spend ({}) the total spend is beyond the range of amounts (about 92 quadrillion yuan)",
                spend.display_cny()
            ),
            BillError::UnknownContractLabels(labels) => write!(
                f,
                "contract prices name no postpaid label of any edition: {}",
                labels.join(", ")
            ),
            BillError::Months {
                first,
                last,
                from_given,
                to_given,
            } => match (from_given, to_given) {
                (true, true) => write!(f, "the first month {first} comes after the last {last}"),
                (true, false) => write!(
                    f,
                    "the first month {first} comes after {last}, the last month with calls"
                ),
                _ => write!(
                    f,
                    "the last month {last} comes before {first}, the first month with calls"
                ),
            },
        }
    }
}

impl std::error::Error for BillError {}

impl From<EngineError> for BillError {
    fn from(e: EngineError) -> BillError {
        BillError::Engine(e)
    }
}

/// Bills every account with usage in `usage` or packs in `packs`, under its edition
/// (`editions`), for the months of `options`. See the [module documentation](self).
///
/// ```
/// use faceid_rules::{bill, BillOptions, Edition};
/// use faceid_rules::pipeline::Editions;
///
/// let editions = Editions::all(Edition::Legacy);
/// let usage = faceid_rules::pipeline::Aggregate::new();
/// let statements = bill(&usage, &editions, &[], &BillOptions::default())?;
/// assert!(statements.accounts.is_empty());
/// # Ok::<(), faceid_rules::BillError>(())
/// ```
pub fn bill(
    usage: &Aggregate,
    editions: &Editions,
    packs: &[PackRecord],
    options: &BillOptions,
) -> Result<Statements, BillError> {
    let unknown: Vec<String> = Edition::ALL
        .iter()
        .map(|&e| with_table!(e, T => options.contract.unknown_to::<T>()))
        .reduce(|a, b| a.into_iter().filter(|l| b.contains(l)).collect())
        .unwrap_or_default()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !unknown.is_empty() {
        return Err(BillError::UnknownContractLabels(unknown));
    }
    let months = billed_months(options.from, options.to, usage)?;
    // Every account with usage or packs, in account order.
    let mut accounts: BTreeMap<&str, Option<Edition>> = BTreeMap::new();
    for (account, edition) in usage.account_editions() {
        accounts.insert(account, Some(edition));
    }
    for pack in packs {
        accounts.entry(pack.account.as_str()).or_insert(None);
    }
    let accounts: Vec<(&str, Option<Edition>)> = accounts.into_iter().collect();
    let bill_one = |&(account, edition): &(&str, Option<Edition>)| {
        let edition = match edition {
            Some(e) => e,
            None => editions.edition(account).map_err(BillError::NoEdition)?,
        };
        let statement = with_table!(edition, T => {
            let empty = AccountUsage::new();
            let account_usage = usage.usage::<T>().account(account).unwrap_or(&empty);
            bill_account(account, account_usage, packs, &options.contract, months.clone())
        })?;
        let counts = usage
            .account_counts(account)
            .map_err(BillError::TooManyCalls)?;
        Ok::<_, BillError>((statement, counts))
    };
    let mut counts = Counts {
        rejected: usage.rejected,
        duplicates: usage.duplicates,
        ..Counts::default()
    };
    let mut spend = Money::ZERO;
    let mut out = Vec::with_capacity(accounts.len());
    // The first failure in account order, as a sequential run would report it.
    for result in parallel_map(&accounts, options.threads, bill_one) {
        let (mut statement, account_counts) = result?;
        counts = counts.checked_add(account_counts).ok_or_else(|| {
            BillError::TooManyCalls(TooManyCalls {
                account: statement.account.clone(),
            })
        })?;
        // A month in which the account has nothing at all is left out, and so is an
        // account left with no month.
        statement.months.retain(|m| !m.is_empty());
        for m in &statement.months {
            spend = spend
                .checked_add(m.spend)
                .ok_or_else(|| BillError::Overflow {
                    account: statement.account.clone(),
                    month: m.month,
                    spend: m.spend,
                })?;
        }
        if !statement.months.is_empty() {
            out.push(statement);
        }
    }
    // Calls read are counted as they are read (the accounts' counts hold the calls of
    // their usage).
    counts.read = usage.read;
    Ok(Statements {
        accounts: out,
        counts,
        spend,
    })
}

/// The months to make statements for: `from` to `to`, each end that is not given taken
/// from the months the calls fall in; `None` (every month with activity, per account) when
/// nothing is given and there are no calls. Earlier months only run the pack ledger.
fn billed_months(
    from: Option<Month>,
    to: Option<Month>,
    usage: &Aggregate,
) -> Result<Option<RangeInclusive<Month>>, BillError> {
    let calls = usage.months();
    let first = from.or(calls.as_ref().map(|r| *r.start()));
    let last = to.or(calls.as_ref().map(|r| *r.end()));
    let (first, last) = match (first, last) {
        (Some(first), Some(last)) => (first, last),
        // One end given and no calls: that month alone.
        (Some(only), None) | (None, Some(only)) => (only, only),
        (None, None) => return Ok(None),
    };
    if first > last {
        return Err(BillError::Months {
            first,
            last,
            from_given: from.is_some(),
            to_given: to.is_some(),
        });
    }
    Ok(Some(first..=last))
}

/// `f` of every item, in the items' order, computed on up to `threads` threads that each
/// take the next item not yet taken (so one large item does not hold up a fixed share).
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::parallel_map;
    use std::time::Duration;

    #[test]
    fn parallel_map_keeps_the_items_order_whatever_finishes_first() {
        // Early items take longest, so the threads finish them last.
        let items: Vec<u64> = (0..24).collect();
        let slow_first = |&i: &u64| {
            std::thread::sleep(Duration::from_millis(24 - i));
            i * 10
        };
        let want: Vec<u64> = items.iter().map(|i| i * 10).collect();
        for threads in [1, 2, 4, 64] {
            assert_eq!(parallel_map(&items, threads, slow_first), want, "{threads}");
        }
        assert!(parallel_map(&[] as &[u64], 4, slow_first).is_empty());
    }
}
