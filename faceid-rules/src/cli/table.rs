//! `faceid-rules table`: a compiled table, as the document shows it.

use clap::{Args, ValueEnum};

use chrono::NaiveDateTime;

use faceid_rules::edition::EditionTable;
use faceid_rules::{render, with_table};

use super::edition::{in_force, parse_on, EditionChoice};
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Output formats of `table`.
#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Markdown: one table per section, then prices
    Md,
    /// A standalone HTML page in the document's layout (rowspans)
    Html,
    /// JSON: sections, rows, tiers, packs
    Json,
}

/// Print a billing table back as the document shows it, with its prices, as in force on a
/// day: the channels, labels, prices and packs of that day.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules table\n  \
faceid-rules table --edition legacy --on 2021-01-31 --format html > legacy-2021-01.html\n  \
faceid-rules table --opened 2022-03-01 --on '2022-01-04 10:00:00' --format json")]
pub struct TableArgs {
    #[command(flatten)]
    edition: EditionChoice,
    /// As in force on this day (YYYY-MM-DD, 00:00 China Standard Time) or at this time
    /// (`YYYY-MM-DD HH:MM:SS`, for packs put on sale during a day). Default: after the
    /// edition's newest dated change
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Md)]
    format: TableFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn table(args: TableArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let on = parse_on(&args.on)?;
    let text = with_table!(args.edition.edition()?, T => render_at::<T>(args.format, on))?;
    super::write_out(out, text.as_bytes())
}

/// The table in `format`, as in force at `on`, else after its newest dated change. A day
/// before the edition's first account opened is refused: the table bills no call then.
fn render_at<T: EditionTable>(
    format: TableFormat,
    on: Option<NaiveDateTime>,
) -> Result<String, Failure> {
    let at = on.unwrap_or_else(faceid_rules::dated::newest::<T>);
    in_force(T::EDITION, at)?;
    Ok(match format {
        TableFormat::Md => render::markdown::<T>(at),
        TableFormat::Html => render::html_page::<T>(at),
        TableFormat::Json => json(render::json::<T>(at)),
    })
}

fn json(value: serde_json::Value) -> String {
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
