//! `--edition` and `--opened` of the commands that take no accounts file: one rule for all.

use clap::Args;

use faceid_rules::calendar::parse_day;
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
        let opened = match &self.opened {
            Some(day) => {
                Some(parse_day(day).map_err(|e| Failure::usage(format!("--opened: {e}")))?)
            }
            None => None,
        };
        Ok(Edition::choose(self.edition, opened))
    }
}
