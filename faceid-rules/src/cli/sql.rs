//! `faceid-rules sql`: a compiled table as SQL, for a warehouse to aggregate logs with.

use clap::Args;

use faceid_rules::sql::{sql, Dialect};
use faceid_rules::with_table;

use super::edition::EditionChoice;
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Print a table as SQL: name and label mappings, billed codes with dates, and a query that
/// turns a `calls(time, account, channel, source, code)` table into daily usage for
/// `bill --usage`.
///
/// Run the script of each edition on the accounts billed under it: names can resolve
/// differently across editions.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules sql --edition monthly --dialect duckdb > monthly.sql\n  \
duckdb warehouse.db < monthly.sql   # then export the usage query's rows to usage.csv\n  \
faceid-rules bill --usage usage.csv --accounts accounts.csv")]
pub struct SqlArgs {
    #[command(flatten)]
    edition: EditionChoice,
    /// SQL dialect: ansi, duckdb, spark or sqlite
    #[arg(long, default_value = "ansi")]
    dialect: Dialect,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn sql_command(args: SqlArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let text = with_table!(args.edition.edition()?, T => sql::<T>(args.dialect));
    super::write_out(out, text.as_bytes())
}
