//! Postpaid prices: volume tiers (月调用量阶梯到达) and contract prices.
//!
//! Per account, calendar month (China Standard Time) and postpaid label, the `N` calls that
//! went postpaid reach one tier ([`tier_for`]) and **all** `N` are priced at that tier's
//! unit price — volume pricing, not graduated: 999 calls at ¥1.00 cost ¥999.00, 1,000 calls
//! at ¥0.85 cost ¥850.00. A tier without a list price (联系商务) needs a contract price
//! ([`ContractPrices`]); a contract price, when given for a label, replaces the list price
//! of every tier of that label.
//!
//! # Prices that change within a month
//!
//! Each call is priced with the prices in force on its day. When a label's prices change
//! during a month (monthly settlement), the month's postpaid calls of the label still reach
//! one tier by their **total** `N` — the documents price by 月调用量阶梯到达, the month's
//! volume — and the calls of each price period are priced at that tier of the period's own
//! tier table: 600 calls before a change and 600 after, with tiers `1..1000 => 1.00, 1000..
//! => 0.85` before and `1..1000 => 0.90, 1000.. => 0.80` after, cost 600 × 0.85 + 600 ×
//! 0.80. The statement shows one line per price period. Under daily settlement prices are
//! flat, so the month's total does not matter.

use std::fmt;
use std::str::FromStr;

use super::ledger::PriceSource;
use crate::money::{Money, MoneyError};
use crate::table::{tier_for, BillingTable, Named, Tier};

/// A price per call agreed in a contract for one postpaid label, written
/// `活体人脸核身=0.60` (label, `=`, yuan per call), or `1250000009:活体人脸核身=0.60` for one
/// account only. It replaces the list price of every tier of the label, and prices the
/// negotiated (联系商务) ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractPrice {
    /// The account it applies to; `None`: every account.
    pub account: Option<String>,
    /// The postpaid label as given (doc name, identifier or alias).
    pub label: String,
    /// Yuan per call.
    pub price: Money,
}

/// Why a text is not a contract price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractPriceError {
    /// The text as given.
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ContractPriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a contract price: {} (expected [ACCOUNT:]LABEL=YUAN, e.g. 活体人脸核身=0.60)",
            self.text, self.reason
        )
    }
}

impl std::error::Error for ContractPriceError {}

impl FromStr for ContractPrice {
    type Err = ContractPriceError;

    fn from_str(text: &str) -> Result<ContractPrice, ContractPriceError> {
        let fail = |reason: String| ContractPriceError {
            text: text.to_owned(),
            reason,
        };
        let (label, price) = text
            .rsplit_once('=')
            .ok_or_else(|| fail("no `=` between the label and the price".to_owned()))?;
        let (account, label) = match label.split_once(':') {
            Some((account, label)) => (Some(account.trim().to_owned()), label.trim()),
            None => (None, label.trim()),
        };
        if label.is_empty() {
            return Err(fail("the label is empty".to_owned()));
        }
        if account.as_deref() == Some("") {
            return Err(fail("the account before `:` is empty".to_owned()));
        }
        let price: Money = price.parse().map_err(|e: MoneyError| fail(e.to_string()))?;
        Ok(ContractPrice {
            account,
            label: label.to_owned(),
            price,
        })
    }
}

/// Contract prices per postpaid label. Labels are names, matched against each table's
/// postpaid labels when a statement is made, so one set serves accounts of every edition.
/// When several entries name one label, the last one counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractPrices {
    entries: Vec<ContractPrice>,
}

impl ContractPrices {
    /// No contract prices.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the price of `label` for every account.
    pub fn insert(&mut self, label: impl Into<String>, price: Money) {
        self.entries.push(ContractPrice {
            account: None,
            label: label.into(),
            price,
        });
    }

    /// The entries, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = &ContractPrice> {
        self.entries.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The contract price of a postpaid label of `T` for `account`, if one is given: the
    /// account's own entry, else one for every account.
    pub fn price_for<T: BillingTable>(&self, account: &str, label: T::Postpaid) -> Option<Money> {
        let applies = |e: &&ContractPrice| T::Postpaid::find(&e.label) == Some(label);
        let own = self
            .entries
            .iter()
            .rev()
            .filter(applies)
            .find(|e| e.account.as_deref() == Some(account));
        own.or_else(|| {
            self.entries
                .iter()
                .rev()
                .filter(applies)
                .find(|e| e.account.is_none())
        })
        .map(|e| e.price)
    }

    /// The labels given that name no postpaid label of `T` (a caller checks these against
    /// every table in use, and reports a label no table knows).
    pub fn unknown_to<T: BillingTable>(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| T::Postpaid::find(&e.label).is_none())
            .map(|e| e.label.as_str())
            .collect()
    }
}

impl FromIterator<ContractPrice> for ContractPrices {
    fn from_iter<I: IntoIterator<Item = ContractPrice>>(iter: I) -> Self {
        ContractPrices {
            entries: iter.into_iter().collect(),
        }
    }
}

impl Extend<ContractPrice> for ContractPrices {
    fn extend<I: IntoIterator<Item = ContractPrice>>(&mut self, iter: I) {
        self.entries.extend(iter);
    }
}

/// The price of a month's postpaid calls of one label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Priced {
    /// The position of the tier reached in the label's tiers.
    pub index: usize,
    /// The tier reached.
    pub tier: &'static Tier,
    /// Yuan per call.
    pub unit: Money,
    /// [`PriceSource::List`] or [`PriceSource::Contract`].
    pub source: PriceSource,
    /// Unit price times calls.
    pub amount: Money,
}

/// Why a month's postpaid calls of a label cannot be priced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Unpriced {
    /// No tier contains the volume.
    NoTier,
    /// The tier reached has no list price and no contract price was given.
    Negotiated {
        /// The tier's range as the documents write it.
        range: String,
    },
    /// Unit price times calls overflows.
    Overflow,
}

/// Prices `calls` (> 0) postpaid calls of `label` made under `tiers`, in a month in which
/// the label's postpaid calls total `month_calls` (which decide the tier).
pub(crate) fn price<T: BillingTable>(
    account: &str,
    label: T::Postpaid,
    tiers: &'static [Tier],
    month_calls: u64,
    calls: u64,
    contract: &ContractPrices,
) -> Result<Priced, Unpriced> {
    let (index, tier) = tier_for(tiers, month_calls).ok_or(Unpriced::NoTier)?;
    let (unit, source) = match (contract.price_for::<T>(account, label), tier.price) {
        (Some(p), _) => (p, PriceSource::Contract),
        (None, Some(p)) => (p, PriceSource::List),
        (None, None) => {
            return Err(Unpriced::Negotiated {
                range: tier.doc_range(),
            })
        }
    };
    let amount = unit.checked_times(calls).ok_or(Unpriced::Overflow)?;
    Ok(Priced {
        index,
        tier,
        unit,
        source,
        amount,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{day, Mock, Postpaid};

    /// `price` with the tiers of `label` of 2026 and the month's calls equal to `calls`.
    fn price(
        account: &str,
        label: Postpaid,
        calls: u64,
        contract: &ContractPrices,
    ) -> Result<Priced, Unpriced> {
        let tiers = <Mock as BillingTable>::tiers_on(label, day(2026, 10, 1)).unwrap();
        super::price::<Mock>(account, label, tiers, calls, calls, contract)
    }

    #[test]
    fn volume_pricing_at_the_tier_boundaries() {
        let none = ContractPrices::new();
        let p = |calls| price("a", Postpaid::LivenessRec, calls, &none).unwrap();
        assert_eq!(p(1).amount, Money::from_yuan(1));
        assert_eq!(p(999).index, 0);
        assert_eq!(p(999).amount, Money::from_yuan(999));
        assert_eq!(p(1_000).index, 1);
        assert_eq!(p(1_000).unit, Money::from_fen(85));
        assert_eq!(p(1_000).amount, Money::from_yuan(850));
        assert_eq!(p(3_000).amount, Money::from_yuan(2_550));
        assert_eq!(p(9_999).index, 1);
        assert_eq!(p(10_000).index, 2);
        assert_eq!(p(199_999).unit, Money::from_fen(68));
        assert_eq!(p(1_000).tier.doc_range(), "1000≤调用量<1万");
        assert_eq!(p(1_000).source, PriceSource::List);
        let cmp = price("a", Postpaid::LivenessCmp, 20_000, &none).unwrap();
        assert_eq!(cmp.amount, Money::from_yuan(2_200));
    }

    #[test]
    fn negotiated_tier_needs_a_contract_price() {
        let none = ContractPrices::new();
        assert_eq!(
            price("a", Postpaid::LivenessRec, 200_000, &none),
            Err(Unpriced::Negotiated {
                range: "20万及以上".to_owned()
            })
        );
        let contract: ContractPrices = ["活体人脸核身=0.60".parse::<ContractPrice>().unwrap()]
            .into_iter()
            .collect();
        let p = price("a", Postpaid::LivenessRec, 200_000, &contract).unwrap();
        assert_eq!(p.amount, Money::from_yuan(120_000));
        assert_eq!(p.source, PriceSource::Contract);
        assert_eq!(p.index, 4);
        // The contract price also replaces the list price of lower tiers.
        let p = price("a", Postpaid::LivenessRec, 10, &contract).unwrap();
        assert_eq!(p.amount, Money::from_yuan(6));
        // Other labels keep their list prices.
        let p = price("a", Postpaid::ImageRec, 10, &contract).unwrap();
        assert_eq!(p.amount, Money::from_yuan(10));
    }

    #[test]
    fn contract_prices_match_names_and_the_last_wins() {
        let mut c = ContractPrices::new();
        c.insert("银行卡核验", Money::from_fen(30));
        c.insert("BankCard", Money::from_fen(20));
        c.insert("人脸核身", Money::from_fen(50));
        assert_eq!(
            c.price_for::<Mock>("a", Postpaid::BankCard),
            Some(Money::from_fen(20))
        );
        assert_eq!(c.price_for::<Mock>("a", Postpaid::LivenessRec), None);
        assert_eq!(c.unknown_to::<Mock>(), ["人脸核身"]);
    }

    #[test]
    fn an_account_price_applies_to_that_account_only() {
        let c: ContractPrices = ["BankCard=0.20", "1250000009:BankCard=0.18"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        let price = |account| c.price_for::<Mock>(account, Postpaid::BankCard);
        assert_eq!(price("1250000009"), Some(Money::from_fen(18)));
        assert_eq!(price("1250000001"), Some(Money::from_fen(20)));
        let only: ContractPrices = ["1250000009:BankCard=0.18".parse().unwrap()]
            .into_iter()
            .collect();
        assert_eq!(
            only.price_for::<Mock>("1250000001", Postpaid::BankCard),
            None
        );
        assert!(":BankCard=0.1".parse::<ContractPrice>().is_err());
    }

    #[test]
    fn parses_contract_prices() {
        let p: ContractPrice = " 活体人脸核身 = 0.6".parse().unwrap();
        assert_eq!(p.label, "活体人脸核身");
        assert_eq!(p.price, Money::from_fen(60));
        let e = "活体人脸核身"
            .parse::<ContractPrice>()
            .unwrap_err()
            .to_string();
        assert!(e.contains("no `=`"), "{e}");
        let e = "=1".parse::<ContractPrice>().unwrap_err().to_string();
        assert!(e.contains("label is empty"), "{e}");
        let e = "活体人脸核身=0.605"
            .parse::<ContractPrice>()
            .unwrap_err()
            .to_string();
        assert!(e.contains("at most two"), "{e}");
    }
}
