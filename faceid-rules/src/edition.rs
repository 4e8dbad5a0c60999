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
use crate::{current, legacy};

/// A document edition: which compiled table bills an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// Accounts that opened Face ID before 2021-06-22 ([`legacy`]).
    Legacy,
    /// Accounts that opened it on or after 2021-06-22 ([`current`]).
    Current,
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
/// assert_eq!(names, ["legacy", "current"]);
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
            $crate::Edition::Current => {
                #[allow(dead_code)]
                type $table = $crate::current::Table;
                $body
            }
        }
    };
}

impl Edition {
    /// Every edition, oldest first.
    pub const ALL: &'static [Edition] = &[Edition::Legacy, Edition::Current];

    /// The edition of an account that opened the service on `day`: the one whose table's
    /// `opened` covers it (the newest edition when, in a table that disagrees with itself,
    /// none does).
    pub fn for_opened(day: NaiveDate) -> Edition {
        Edition::ALL
            .iter()
            .copied()
            .find(|&e| e.info().opened.covers(day))
            .unwrap_or(Edition::ALL[Edition::ALL.len() - 1])
    }

    /// What the edition's table says of itself: name, title, document, who it bills.
    pub fn info(self) -> TableInfo {
        with_table!(self, T => T::INFO)
    }

    /// The table module's name: `legacy`, `current`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The document's title, e.g. `计费概述（旧）`.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// Who the edition bills, for help texts: `accounts opened before 2021-06-22
    /// (计费概述（旧）)`.
    pub fn describe(self) -> String {
        let info = self.info();
        format!("accounts opened {} ({})", info.opened, info.title)
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
            .map(|e| format!("`{}` ({})", e.name(), e.describe()))
            .collect();
        Err(format!(
            "unknown edition {given:?}; expected {}",
            expected.join(" or ")
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

/// `--edition NAME` in the command, with each edition's help.
#[cfg(feature = "cli")]
impl clap::ValueEnum for Edition {
    fn value_variants<'a>() -> &'a [Self] {
        Edition::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let help = self.describe();
        let mut help = help.chars();
        let first: String = help
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        Some(clap::builder::PossibleValue::new(self.name()).help(first + help.as_str()))
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

impl EditionTable for current::Table {
    const EDITION: Edition = Edition::Current;
    fn pick<F: PerTable>(by: &ByEdition<F>) -> &F::Of<Self> {
        &by.current
    }
    fn pick_mut<F: PerTable>(by: &mut ByEdition<F>) -> &mut F::Of<Self> {
        &mut by.current
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
    current: F::Of<current::Table>,
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
            current: Default::default(),
        }
    }
}

impl<F: PerTable> fmt::Debug for ByEdition<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByEdition")
            .field("legacy", &self.legacy)
            .field("current", &self.current)
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
    fn the_edition_changes_on_2021_06_22() {
        assert_eq!(Edition::for_opened(day("2021-06-21")), Edition::Legacy);
        assert_eq!(Edition::for_opened(day("2021-06-22")), Edition::Current);
        assert_eq!(" Legacy ".parse::<Edition>(), Ok(Edition::Legacy));
        assert_eq!(Edition::Current.to_string(), "current");
        let e = "new".parse::<Edition>().unwrap_err();
        assert!(
            e.contains("`legacy` (accounts opened before 2021-06-22"),
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
