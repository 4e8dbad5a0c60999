//! `faceid-rules sql`: a compiled table as SQL, for a warehouse to aggregate logs with.

use clap::Args;

use faceid_rules::sql::{sql, Dialect};
use faceid_rules::with_table;

use super::edition::EditionChoice;
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Print a table as SQL: the names, channels, dated label mappings and dated billed codes as
/// relations, and queries that turn a `calls(file, line, time, account, channel, source,
/// code, request_id)` table into daily usage for `bill --usage` (rated by each call's day in
/// China Standard Time, repeated request ids counted once, as `bill` does), the rejected
/// calls with their reasons, and calls per label and verdict.
///
/// Run the script of each edition on the accounts billed under it: names can resolve
/// differently across editions.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules sql --edition monthly --dialect duckdb > monthly.sql\n  \
duckdb warehouse.db < monthly.sql   # then export the usage query's rows to usage.csv\n  \
faceid-rules sql --edition legacy --dialect spark -o legacy.sql\n  \
spark-submit jobs/spark/usage.py --sql legacy.sql --calls logs/ --out out/\n  \
faceid-rules bill --usage usage.csv --accounts accounts.csv")]
pub struct SqlArgs {
    #[command(flatten)]
    edition: EditionChoice,
    /// SQL dialect: ansi, clickhouse, duckdb, spark or sqlite
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
