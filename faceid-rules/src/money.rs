//! Exact money in yuan (CNY), stored as whole fen (分, 0.01 yuan).
//!
//! The documents price every call in whole fen and every resource pack in whole yuan, so an
//! integer count of fen is exact for every amount the engine computes. Amounts are parsed
//! from decimal text digit by digit and never pass through a float.
//!
//! # Arithmetic is checked, and only checked
//!
//! `Money` has no `+`, `-`, `*` or `Sum`: every sum, difference and product is a
//! `checked_*` call that returns `None` past the range of `i64` fen (about 92 quadrillion
//! yuan). An operator would have to either wrap — a wrong total, printed as if it were
//! right — or panic, which turns one hostile input into a crash that names no account.
//! With `Option`, the code that adds knows what it adds (an account's postpaid total, the
//! spend of a run) and says so in its error.
//!
//! ```
//! use faceid_rules::money::Money;
//!
//! let a = Money::from_yuan(12_250);
//! assert_eq!(a.checked_add(Money::from_fen(5)), Some(Money::from_fen(1_225_005)));
//! assert_eq!(Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)), None);
//! assert_eq!(Money::checked_sum([a, a]), Some(Money::from_yuan(24_500)));
//! ```

use std::fmt;
use std::str::FromStr;

/// An exact amount of money in fen (0.01 CNY).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    /// Zero yuan.
    pub const ZERO: Money = Money(0);

    /// The amount of `fen` fen.
    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// The amount of `yuan` whole yuan.
    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// `self + other`, or `None` past the range of amounts.
    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(fen) => Some(Money(fen)),
            None => None,
        }
    }

    /// `self - other`, or `None` past the range of amounts.
    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(fen) => Some(Money(fen)),
            None => None,
        }
    }

    /// The sum of `amounts`, or `None` when a partial sum leaves the range of amounts.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, Money::checked_add)
    }

    /// `self` times a call count, or `None` on overflow.
    pub const fn checked_times(self, count: u64) -> Option<Money> {
        if count > i64::MAX as u64 {
            return None;
        }
        match self.0.checked_mul(count as i64) {
            Some(fen) => Some(Money(fen)),
            None => None,
        }
    }

    /// The amount written as yuan with thousands separators and a currency sign: `¥12,345.67`,
    /// `-¥0.50`.
    pub fn display_cny(self) -> String {
        self.written(Style {
            currency: true,
            grouped: true,
        })
    }

    /// The amount written as yuan with thousands separators: `12,345.67`, `-0.50`.
    pub fn display_grouped(self) -> String {
        self.written(Style {
            currency: false,
            grouped: true,
        })
    }

    fn written(self, style: Style) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out, style);
        out
    }

    /// The one formatter of amounts: the sign, `¥` if asked for, the whole yuan (grouped by
    /// thousands if asked for) and always two digits of fen.
    fn write(self, out: &mut impl fmt::Write, style: Style) -> fmt::Result {
        if self.0 < 0 {
            out.write_char('-')?;
        }
        if style.currency {
            out.write_char('¥')?;
        }
        let abs = self.0.unsigned_abs();
        if style.grouped {
            out.write_str(&group_thousands(abs / 100))?;
        } else {
            write!(out, "{}", abs / 100)?;
        }
        write!(out, ".{:02}", abs % 100)
    }
}

/// How [`Money::write`] writes an amount.
#[derive(Clone, Copy)]
struct Style {
    currency: bool,
    grouped: bool,
}

/// Writes `n` with a comma between groups of three digits: `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Plain decimal yuan with two fraction digits, as in `4250.00`: the form used in JSON and CSV.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(
            f,
            Style {
                currency: false,
                grouped: false,
            },
        )
    }
}

/// Why a text is not an amount of money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoneyError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an amount of yuan: {} (expected e.g. 0.85 or 8000)",
            self.text, self.reason
        )
    }
}

impl std::error::Error for MoneyError {}

/// Parses a non-negative decimal amount of yuan with at most two fraction digits: `8000`,
/// `0.85`, `¥12,345.67`. A leading `¥` is accepted, and so are thousands separators, but
/// only as they are meant: between groups of exactly three digits before the point
/// (`1,000`, `12,345.67`), the first group of one to three digits and not a lone `0`.
/// `1,0`, `1,,,0`, `10,00` and `1,000,0` are errors, not ten yuan: a misplaced comma is a
/// typo or a decimal comma (`1,5` for 1.5), and guessing would price every call wrongly.
///
/// Every amount the crate reads — contract prices on the command line, pack prices in a
/// packs file — goes through this parser.
impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Money, MoneyError> {
        let fail = |reason| MoneyError {
            text: text.to_owned(),
            reason,
        };
        let s = text.trim();
        let s = s.strip_prefix('¥').unwrap_or(s);
        if s.starts_with('-') {
            return Err(fail("negative amounts are not prices"));
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s, ""),
        };
        if frac.contains(',') {
            return Err(fail(
                "a comma after the point (thousands separators go before it, between groups of three digits)",
            ));
        }
        if whole.is_empty() || frac.len() > 2 || (s.contains('.') && frac.is_empty()) {
            return Err(fail(
                "expected digits with at most two after the point (fen)",
            ));
        }
        if whole.contains(',') {
            let mut groups = whole.split(',');
            let first = groups.next().unwrap_or_default();
            let grouped = (1..=3).contains(&first.len())
                && first != "0"
                && !(first.starts_with('0'))
                && groups.all(|g| g.len() == 3);
            if !grouped {
                return Err(fail(
                    "a thousands separator out of place (write 1,000 or 1000: commas only between groups of three digits before the point)",
                ));
            }
        }
        let mut fen: i64 = 0;
        for c in whole.chars().filter(|&c| c != ',') {
            let d = c.to_digit(10).ok_or_else(|| fail("not a decimal number"))?;
            fen = fen
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(d)))
                .ok_or_else(|| fail("too large"))?;
        }
        let mut scale = 100;
        fen = fen.checked_mul(100).ok_or_else(|| fail("too large"))?;
        for c in frac.chars() {
            let d = c.to_digit(10).ok_or_else(|| fail("not a decimal number"))?;
            scale /= 10;
            fen += i64::from(d) * scale;
        }
        Ok(Money(fen))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_decimals() {
        assert_eq!("0.85".parse::<Money>().unwrap().fen(), 85);
        assert_eq!("8000".parse::<Money>().unwrap().fen(), 800_000);
        assert_eq!("1.5".parse::<Money>().unwrap().fen(), 150);
        assert_eq!("¥12,345.67".parse::<Money>().unwrap().fen(), 1_234_567);
        assert_eq!("0.1".parse::<Money>().unwrap().fen(), 10);
    }

    #[test]
    fn rejects_fractions_of_a_fen_and_negatives() {
        assert!("0.855".parse::<Money>().is_err());
        assert!("-1".parse::<Money>().is_err());
        assert!("1.".parse::<Money>().is_err());
        assert!("abc".parse::<Money>().is_err());
        assert!("".parse::<Money>().is_err());
        assert!("99999999999999999999".parse::<Money>().is_err());
    }

    #[test]
    fn formats_for_people_and_machines() {
        assert_eq!(Money::from_fen(425_000).to_string(), "4250.00");
        assert_eq!(Money::from_fen(1_234_567).display_cny(), "¥12,345.67");
        assert_eq!(Money::from_fen(5).display_cny(), "¥0.05");
        assert_eq!(Money::from_fen(-150).to_string(), "-1.50");
        assert_eq!(group_thousands(1_000), "1,000");
        for (fen, cny, grouped, plain) in [
            (123_456_789, "¥1,234,567.89", "1,234,567.89", "1234567.89"),
            (
                -123_456_789,
                "-¥1,234,567.89",
                "-1,234,567.89",
                "-1234567.89",
            ),
            (-50, "-¥0.50", "-0.50", "-0.50"),
            (5, "¥0.05", "0.05", "0.05"),
            (
                i64::MIN,
                "-¥92,233,720,368,547,758.08",
                "-92,233,720,368,547,758.08",
                "-92233720368547758.08",
            ),
        ] {
            let m = Money::from_fen(fen);
            assert_eq!(
                (m.display_cny(), m.display_grouped(), m.to_string()),
                (cny.into(), grouped.into(), plain.into())
            );
        }
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn multiplies_by_counts_exactly() {
        assert_eq!(
            Money::from_fen(85).checked_times(5_000),
            Some(Money::from_yuan(4_250))
        );
        assert_eq!(Money::from_fen(1).checked_times(u64::MAX), None);
        assert_eq!(Money::from_fen(2).checked_times(i64::MAX as u64), None);
    }

    #[test]
    fn sums_and_differences_are_checked() {
        let max = Money::from_fen(i64::MAX);
        assert_eq!(max.checked_add(Money::from_fen(1)), None);
        assert_eq!(
            Money::from_fen(i64::MIN).checked_sub(Money::from_fen(1)),
            None
        );
        assert_eq!(
            Money::from_fen(5).checked_sub(Money::from_fen(7)),
            Some(Money::from_fen(-2))
        );
        // The sum that printed -¥84,027,440,737,095,516.16 when it wrapped.
        assert_eq!(Money::checked_sum([max, max]), None);
        assert_eq!(Money::checked_sum([]), Some(Money::ZERO));
        // A partial sum out of range is an overflow even if later terms would bring it back.
        assert_eq!(
            Money::checked_sum([max, Money::from_fen(1), Money::from_fen(-1)]),
            None
        );
    }

    #[test]
    fn thousands_separators_only_between_groups_of_three() {
        for ok in ["1,000", "12,345.67", "¥1,234,567", "999", "100,000.5"] {
            assert!(ok.parse::<Money>().is_ok(), "{ok}");
        }
        assert_eq!("1,000".parse::<Money>().unwrap(), Money::from_yuan(1_000));
        for bad in [
            "1,0",
            "1,,,0",
            "10,00",
            "1,000,0",
            ",100",
            "1,",
            "1000,000",
            "0,500",
            "1,0000",
            "01,000",
            "1.0,0",
            "1,000.5,0",
        ] {
            let e = bad.parse::<Money>().unwrap_err();
            assert!(
                e.to_string().contains("thousands separator") || e.to_string().contains("comma"),
                "{bad}: {e}"
            );
        }
        assert_eq!(
            "1,0".parse::<Money>().unwrap_err().to_string(),
            "\"1,0\" is not an amount of yuan: a thousands separator out of place (write 1,000 or 1000: commas only between groups of three digits before the point) (expected e.g. 0.85 or 8000)"
        );
    }
}
