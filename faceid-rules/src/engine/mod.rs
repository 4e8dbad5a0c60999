//! The billing engine: rating calls, aggregating daily usage, deducting resource packs,
//! pricing postpaid volume tiers and drawing up monthly statements — generic over the
//! table ([`BillingTable`]), exact in money ([`Money`], integer fen), in China Standard
//! Time.
//!
//! ```text
//! call ──rate──► Rated ──add──► daily usage (account, day, channel, source, code → calls)
//!      ──merge (any order)──► AccountUsage ──bill_account (packs, contract prices)──►
//!      ledger, day by day ──► monthly statements
//! ```
//!
//! - [`rate`](rate::rate): one call → channel, source, section, labels, code family,
//!   verdict. A pure function that allocates nothing on success.
//! - [`usage`]: the mergeable aggregate and its CSV file format.
//! - [`ledger`]: packs, their validity (expiry at 00:00 of the purchase day's anniversary)
//!   and the order of deduction (gift → purchased; earliest expiry, purchase time, id; within
//!   a day postpaid labels in table order).
//! - [`pricing`]: volume tiers and contract prices.
//! - [`statement`]: the statement types (edition-agnostic, `serde::Serialize`), the
//!   statement date and reminders.
//! - [`bill_account`]: all of it for one account.
//!
//! Memory is independent of the number of calls: usage is aggregated per key, the ledger
//! holds one balance per pack, and a statement one line per postpaid label.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use faceid_rules::engine::{bill_account, AccountUsage, ContractPrices};
//! use faceid_rules::legacy::Table;
//!
//! let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap();
//! let mut usage = AccountUsage::<Table>::new();
//! let call = faceid_rules::engine::rate::<Table>("照片人脸核身 API", None, "Success", day)?;
//! usage.add(day, &call, "Success", 3_000)?;
//! let statement = bill_account("1250000000", &usage, &[], &ContractPrices::new(), None)?;
//! assert_eq!(statement.months[0].postpaid_total.to_string(), "2550.00");
//! # Ok(())
//! # }
//! ```

use std::fmt;

use crate::calendar::Month;
use crate::money::group_thousands;
use crate::names::UnknownName;
use crate::records::Origin;

#[cfg(doc)]
use crate::{money::Money, table::BillingTable};

mod bill;
pub mod ledger;
pub mod pricing;
pub mod rate;
pub mod statement;
pub mod usage;

#[cfg(test)]
mod dated_tests;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub use bill::{bill_account, bill_with_packs, EXPIRY_REMINDER_DAYS, LOW_BALANCE_PERCENT};
pub use ledger::{expiry_day, resolve_packs, Deduction, Ledger, Pack, PriceSource};
pub use pricing::{ContractPrice, ContractPriceError, ContractPrices};
pub use rate::{rate, rate_strict, rate_with, RateError, Rated};
pub use statement::{
    AccountStatement, BillWindow, CodeCount, MonthStatement, PackBalance, PackBought,
    PackDeduction, PackStatus, Reminder, ReminderReason, StatementLine, TierReached,
};
pub use usage::{write_usage, AccountUsage, AddError, CountOverflow, Usage, UsageRow, UsageWriter};

/// Why an account cannot be billed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// A pack's label names no prepaid label of the account's table.
    PackLabel {
        /// Where the pack is written.
        origin: Origin,
        /// The account.
        account: String,
        /// The pack's id.
        pack: String,
        /// What the lookup found wrong (with the labels that exist).
        error: Box<UnknownName>,
    },
    /// A purchased pack without price has a size the table does not sell at its purchase.
    PackNotOnSale {
        /// Where the pack is written.
        origin: Origin,
        /// The account.
        account: String,
        /// The pack's id.
        pack: Box<str>,
        /// When it was bought (China Standard Time).
        purchased: chrono::NaiveDateTime,
        /// Its prepaid label.
        label: &'static str,
        /// Its size.
        size: u64,
        /// The sizes on sale for the label then (empty: none).
        sizes: Box<[u64]>,
    },
    /// Two packs of the account share an id.
    DuplicatePack {
        /// Where the second pack with the id is written.
        origin: Origin,
        /// Where the first one is.
        first: Origin,
        /// The account.
        account: String,
        /// The id.
        pack: String,
    },
    /// A month's postpaid calls of a label reach a tier without list price (联系商务) and
    /// no contract price was given for the label.
    PriceNeeded {
        /// The account.
        account: String,
        /// The month.
        month: Month,
        /// The postpaid label.
        label: &'static str,
        /// Its postpaid calls in the month.
        calls: u64,
        /// The tier's range as the documents write it (`20万及以上`).
        tier: String,
    },
    /// No tier of a postpaid label contains the month's volume (a table without tiers for
    /// it).
    NoTier {
        /// The account.
        account: String,
        /// The month.
        month: Month,
        /// The postpaid label.
        label: &'static str,
        /// Its postpaid calls in the month.
        calls: u64,
    },
    /// An amount beyond the range of [`Money`], or calls beyond the largest count.
    Overflow {
        /// The account.
        account: String,
        /// The month.
        month: Month,
        /// Which amount or count, naming the label (`the amount of 活体人脸核身 (…)`).
        what: String,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::PackLabel {
                origin,
                account,
                pack,
                error,
            } => write!(
                f,
                "{origin}: field `label`: pack {pack:?} of account {account:?}: {error}"
            ),
            EngineError::PackNotOnSale {
                origin,
                account,
                pack,
                purchased,
                label,
                size,
                sizes,
            } => {
                let at = purchased.format("%Y-%m-%d %H:%M");
                write!(
                    f,
                    "{origin}: field `price`: pack {pack:?} of account {account:?} has no price, and {label:?} packs of {size} calls are not on sale at its purchase ({at}), so there is no list price; "
                )?;
                if sizes.is_empty() {
                    write!(f, "no packs of {label:?} are sold then")?;
                } else {
                    let sizes: Vec<String> = sizes.iter().map(u64::to_string).collect();
                    write!(f, "sizes on sale then: {}", sizes.join(", "))?;
                }
                write!(f, " (give what was paid in the `price` column)")
            }
            EngineError::DuplicatePack {
                origin,
                first,
                account,
                pack,
            } => write!(
                f,
                "{origin}: field `id`: pack id {pack:?} of account {account:?} is used twice, here and at {first}; pack ids must be unique"
            ),
            EngineError::PriceNeeded {
                account,
                month,
                label,
                calls,
                tier,
            } => write!(
                f,
                "account {account:?}, {month}: {} postpaid calls of {label} reach the tier {tier}, which has no list price (联系商务); give the contract price with `--contract-price {label}=<yuan per call>` (e.g. `--contract-price {label}=0.60`)",
                group_thousands(*calls)
            ),
            EngineError::NoTier {
                account,
                month,
                label,
                calls,
            } => write!(
                f,
                "account {account:?}, {month}: the table has no postpaid tier of {label} for {} calls",
                group_thousands(*calls)
            ),
            EngineError::Overflow {
                account,
                month,
                what,
            } => write!(
                f,
                "account {account:?}, {month}: {what} is beyond the range of amounts and counts (about 92 quadrillion yuan, 18 quintillion calls)"
            ),
        }
    }
}

impl std::error::Error for EngineError {}
