//! `faceid-rules table`: a compiled table, as the document shows it.

use clap::{Args, ValueEnum};

use faceid_rules::{render, with_table, Edition};

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

/// Print a billing table back as the document shows it, with its prices.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules table\n  \
faceid-rules table --edition current --format html > current.html")]
pub struct TableArgs {
    /// Which edition
    #[arg(long, value_enum, default_value_t = Edition::Legacy)]
    edition: Edition,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Md)]
    format: TableFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn table(args: TableArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let text = with_table!(args.edition, T => render_at::<T>(args.format));
    super::write_out(out, text.as_bytes())
}

/// The table in `format`, as in force after its newest dated change.
fn render_at<T: faceid_rules::BillingTable>(format: TableFormat) -> String {
    let at = faceid_rules::dated::newest::<T>();
    match format {
        TableFormat::Md => render::markdown::<T>(at),
        TableFormat::Html => render::html_page::<T>(at),
        TableFormat::Json => json(render::json::<T>(at)),
    }
}

fn json(value: serde_json::Value) -> String {
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
