//! The document editions, and the one place that turns an edition into its compiled table.
//!
//! Tencent bills an account under the edition of the documents in force on the day it
//! opened Face ID (see each table's `opened`). Each edition is a table compiled by
//! [`billing_table!`](crate::billing_table), a type implementing [`BillingTable`]; the
//! engine is generic over that type. [`Edition`] is the edition as a value (read from an
//! accounts file, an option, a statement), and [`with_table!`](crate::with_table) is the
//! single dispatch point from the value to the type:
//!
//! ```
//! use faceid_rules::{with_table, BillingTable, Edition};
//!
//! let edition: Edition = "legacy".parse()?;
//! // `T` is the edition's table type in the body, which is compiled once per edition.
//! let title = with_table!(edition, T => T::INFO.title);
//! assert_eq!(title, "计费概述（旧）");
//! # Ok::<(), String>(())
//! ```
//!
//! Values kept per edition (say, the usage of each edition's accounts) live in a
//! [`ByEdition`], whose [`ByEdition::get`] is indexed by the table type.
//!
//! # Adding an edition
//!
//! Everything else (the readers, the fast path, the bill, every command's `--edition`)
//! goes through what this module defines, so an edition is added here and nowhere else:
//!
//! 1. its table, a `billing_table!` module in `src/tables/`, re-exported at the crate root;
//! 2. a variant of [`Edition`], listed in [`Edition::ALL`];
//! 3. its arm in [`with_table!`](crate::with_table);
//! 4. its field in [`ByEdition`] (and in `ByEdition`'s `Default` and `Debug`), and its
//!    [`EditionTable`] implementation, which names that field.
//!
//! The compiler points at each of these when one is missing: the matches over [`Edition`]
//! are exhaustive.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::table::{BillingTable, TableInfo};
use crate::{daily, legacy, monthly};

/// A document edition: which compiled table bills an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// Accounts that opened Face ID before 2021-06-22 ([`legacy`]), settled monthly.
    Legacy,
    /// Accounts that opened it from 2021-06-22 before 2023-01-04 ([`monthly`], 月结).
    Monthly,
    /// Accounts that opened it from 2023-01-04 ([`daily`], 日结).
    Daily,
}

/// Runs an expression with `T` standing for the compiled table of an [`Edition`]: the one
/// place where an edition value becomes a table type. The body is compiled once per
/// edition; its value (of one type for every edition) is the macro's.
///
/// ```
/// use faceid_rules::{with_table, BillingTable, Edition};
///
/// let names: Vec<&str> = Edition::ALL
///     .iter()
///     .map(|&edition| with_table!(edition, T => T::INFO.name))
///     .collect();
/// assert_eq!(names, ["legacy", "monthly", "daily"]);
/// ```
#[macro_export]
macro_rules! with_table {
    ($edition:expr, $table:ident => $body:expr) => {
        match $edition {
            $crate::Edition::Legacy => {
                #[allow(dead_code)]
                type $table = $crate::legacy::Table;
                $body
            }
            $crate::Edition::Monthly => {
                #[allow(dead_code)]
                type $table = $crate::monthly::Table;
                $body
            }
            $crate::Edition::Daily => {
                #[allow(dead_code)]
                type $table = $crate::daily::Table;
                $body
            }
        }
    };
}

impl Edition {
    /// Every edition, oldest first.
    pub const ALL: &'static [Edition] = &[Edition::Legacy, Edition::Monthly, Edition::Daily];

    /// The edition of a command given no account: the newest, the one an account opening
    /// Face ID today is billed under.
    pub const NEWEST: Edition = Edition::ALL[Edition::ALL.len() - 1];

    /// The one rule every command follows: the edition named, else the edition of an
    /// account opened on `opened`, else [`Edition::NEWEST`].
    pub fn choose(named: Option<Edition>, opened: Option<NaiveDate>) -> Edition {
        named
            .or_else(|| opened.map(Edition::for_opened))
            .unwrap_or(Edition::NEWEST)
    }

    /// The edition of an account that opened the service on `day`: the one whose table's
    /// `opened` covers it (the newest edition when, in a table that disagrees with itself,
    /// none does).
    pub fn for_opened(day: NaiveDate) -> Edition {
        Edition::ALL
            .iter()
            .copied()
            .find(|&e| e.info().opened.covers(day))
            .unwrap_or(Edition::NEWEST)
    }

    /// What the edition's table says of itself: name, title, document, who it bills.
    pub fn info(self) -> TableInfo {
        with_table!(self, T => T::INFO)
    }

    /// The table module's name: `legacy`, `monthly`, `daily`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The document's title, e.g. `计费概述（旧）`.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// Who the edition bills and how, for help texts: `accounts opened before 2021-06-22,
    /// settled monthly (计费概述（旧）)`.
    pub fn describe(self) -> String {
        let info = self.info();
        let kind = info.settlement.kind();
        format!(
            "accounts opened {}, settled {kind} ({})",
            info.opened, info.title
        )
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An edition by name, ignoring ASCII case and surrounding blanks.
impl FromStr for Edition {
    type Err = String;
    fn from_str(s: &str) -> Result<Edition, String> {
        let given = s.trim();
        if let Some(&e) = Edition::ALL
            .iter()
            .find(|e| e.name().eq_ignore_ascii_case(given))
        {
            return Ok(e);
        }
        let expected: Vec<String> = Edition::ALL
            .iter()
            .map(|e| format!("`{}` for {}", e.name(), e.describe()))
            .collect();
        if given.eq_ignore_ascii_case("current") {
            // The 2021 edition's name; the settlement change of 2023-01-04 split it in two.
            let split: Vec<String> = [Edition::Monthly, Edition::Daily]
                .iter()
                .map(|e| {
                    let info = e.info();
                    let kind = info.settlement.kind();
                    format!("`{e}` for accounts opened {} (settled {kind})", info.opened)
                })
                .collect();
            return Err(format!(
                "`current` is no longer an edition: it was split in two, {}",
                split.join(" and ")
            ));
        }
        Err(format!(
            "unknown edition {given:?}; expected one of {}",
            expected.join("; ")
        ))
    }
}

/// By name, as statements write it: `"legacy"`.
#[cfg(feature = "serde")]
impl serde::Serialize for Edition {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// `--edition NAME` in the command: parsed by [`FromStr`], so that a name that is no edition
/// (`current`) is answered by what [`Edition::from_str`] says; `--help` lists each edition
/// with whom it bills.
#[cfg(feature = "cli")]
#[derive(Clone, Copy, Debug)]
pub struct EditionParser;

#[cfg(feature = "cli")]
impl clap::builder::TypedValueParser for EditionParser {
    type Value = Edition;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Edition, clap::Error> {
        let text = value.to_string_lossy();
        text.parse().map_err(|e: String| {
            let arg = arg.map_or_else(|| "--edition".to_owned(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{text}' for '{arg}': {e}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Edition::ALL.iter().map(|e| {
            let help = e.describe();
            let mut help = help.chars();
            let first: String = help
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            clap::builder::PossibleValue::new(e.name()).help(first + help.as_str())
        })))
    }
}

#[cfg(feature = "cli")]
impl clap::builder::ValueParserFactory for Edition {
    type Parser = EditionParser;
    fn value_parser() -> EditionParser {
        EditionParser
    }
}

/// A compiled table that is one of the editions.
pub trait EditionTable: BillingTable + 'static {
    /// The edition whose table this is.
    const EDITION: Edition;

    /// This table's value in `by`.
    fn pick<F: PerTable>(by: &ByEdition<F>) -> &F::Of<Self>;

    /// This table's value in `by`, to change it.
    fn pick_mut<F: PerTable>(by: &mut ByEdition<F>) -> &mut F::Of<Self>;
}

impl EditionTable for legacy::Table {
    const EDITION: Edition = Edition::Legacy;
    fn pick<F: PerTable>(by: &ByEdition<F>) -> &F::Of<Self> {
        &by.legacy
    }
    fn pick_mut<F: PerTable>(by: &mut ByEdition<F>) -> &mut F::Of<Self> {
        &mut by.legacy
    }
}

impl EditionTable for monthly::Table {
    const EDITION: Edition = Edition::Monthly;
    fn pick<F: PerTable>(by: &ByEdition<F>) -> &F::Of<Self> {
        &by.monthly
    }
    fn pick_mut<F: PerTable>(by: &mut ByEdition<F>) -> &mut F::Of<Self> {
        &mut by.monthly
    }
}

impl EditionTable for daily::Table {
    const EDITION: Edition = Edition::Daily;
    fn pick<F: PerTable>(by: &ByEdition<F>) -> &F::Of<Self> {
        &by.daily
    }
    fn pick_mut<F: PerTable>(by: &mut ByEdition<F>) -> &mut F::Of<Self> {
        &mut by.daily
    }
}

/// A type for each table, e.g. `Usage<T>`: what a [`ByEdition`] holds one of per edition.
pub trait PerTable {
    /// The type for table `T`.
    type Of<T: EditionTable>: Default + fmt::Debug;
}

/// One value per edition, of the type [`PerTable::Of`] gives for its table.
pub struct ByEdition<F: PerTable> {
    legacy: F::Of<legacy::Table>,
    monthly: F::Of<monthly::Table>,
    daily: F::Of<daily::Table>,
}

impl<F: PerTable> ByEdition<F> {
    /// The value of table `T`'s edition.
    pub fn get<T: EditionTable>(&self) -> &F::Of<T> {
        T::pick(self)
    }

    /// The value of table `T`'s edition, to change it.
    pub fn get_mut<T: EditionTable>(&mut self) -> &mut F::Of<T> {
        T::pick_mut(self)
    }
}

impl<F: PerTable> Default for ByEdition<F> {
    fn default() -> Self {
        ByEdition {
            legacy: Default::default(),
            monthly: Default::default(),
            daily: Default::default(),
        }
    }
}

impl<F: PerTable> fmt::Debug for ByEdition<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByEdition")
            .field("legacy", &self.legacy)
            .field("monthly", &self.monthly)
            .field("daily", &self.daily)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_edition_changes_on_2021_06_22_and_2023_01_04() {
        assert_eq!(Edition::for_opened(day("2021-06-21")), Edition::Legacy);
        assert_eq!(Edition::for_opened(day("2021-06-22")), Edition::Monthly);
        assert_eq!(Edition::for_opened(day("2023-01-03")), Edition::Monthly);
        assert_eq!(Edition::for_opened(day("2023-01-04")), Edition::Daily);
        assert_eq!(" Legacy ".parse::<Edition>(), Ok(Edition::Legacy));
        assert_eq!(Edition::Monthly.to_string(), "monthly");
        assert_eq!(Edition::choose(None, None), Edition::Daily);
        assert_eq!(
            Edition::choose(None, Some(day("2022-03-01"))),
            Edition::Monthly
        );
        assert_eq!(
            Edition::choose(Some(Edition::Legacy), Some(day("2022-03-01"))),
            Edition::Legacy
        );
        let e = "current".parse::<Edition>().unwrap_err();
        assert_eq!(
            e,
            "`current` is no longer an edition: it was split in two, `monthly` for accounts \
             opened from 2021-06-22 before 2023-01-04 (settled monthly) and `daily` for \
             accounts opened on or after 2023-01-04 (settled daily)"
        );
        let e = "new".parse::<Edition>().unwrap_err();
        assert!(
            e.contains("`legacy` for accounts opened before 2021-06-22, settled monthly"),
            "{e}"
        );
    }

    #[test]
    fn every_edition_dispatches_to_its_own_table() {
        for &e in Edition::ALL {
            assert_eq!(with_table!(e, T => T::EDITION), e);
            assert_eq!(e.name().parse::<Edition>(), Ok(e));
        }
    }
}
