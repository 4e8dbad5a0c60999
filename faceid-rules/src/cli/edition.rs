//! `--edition` and `--opened` of the commands that take no accounts file: one rule for all.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Args;

use faceid_rules::calendar::{parse_date_or_timestamp, parse_day};
use faceid_rules::Edition;

use super::Failure;

/// Which edition's table a command reads. The rule, the same for every command: the edition
/// named with --edition; else that of an account opened on --opened DATE, by the editions'
/// opening ranges; else the newest (daily), that of an account opening Face ID today.
#[derive(Args, Clone, Debug, Default)]
#[group(multiple = false)]
pub struct EditionChoice {
    /// The edition. Default: that of --opened DATE; without it the newest, daily (that of an
    /// account opening Face ID today)
    #[arg(long)]
    edition: Option<Edition>,
    /// The day the account opened Face ID (YYYY-MM-DD): selects the edition whose opening
    /// range holds it (see --edition's values)
    #[arg(long, value_name = "DATE")]
    opened: Option<String>,
}

impl EditionChoice {
    /// The edition by the rule.
    pub fn edition(&self) -> Result<Edition, Failure> {
        Ok(Edition::choose(self.edition, opened_day(&self.opened)?))
    }
}

/// The day of `--opened DATE`, if given.
fn opened_day(opened: &Option<String>) -> Result<Option<NaiveDate>, Failure> {
    opened
        .as_deref()
        .map(|day| parse_day(day).map_err(|e| Failure::usage(format!("--opened: {e}"))))
        .transpose()
}

/// The edition of an account opened on `--opened DATE`, if given.
pub fn opened_edition(opened: &Option<String>) -> Result<Option<Edition>, Failure> {
    Ok(opened_day(opened)?.map(Edition::for_opened))
}

/// Refuses a moment before the edition's first account opened: its table bills no call then.
pub fn in_force(edition: Edition, at: NaiveDateTime) -> Result<(), Failure> {
    let info = edition.info();
    match info.opened.from {
        Some(from) if at.date() < from => Err(Failure::data(format!(
            "{}: the {edition} edition bills accounts opened {}, and none had opened yet",
            at.date(),
            info.opened
        ))),
        _ => Ok(()),
    }
}

/// The moment of `--on DATE` (a date at 00:00, or a time), if given.
pub fn parse_on(on: &Option<String>) -> Result<Option<NaiveDateTime>, Failure> {
    on.as_deref()
        .map(|text| parse_date_or_timestamp(text).map_err(|e| Failure::usage(format!("--on: {e}"))))
        .transpose()
}
