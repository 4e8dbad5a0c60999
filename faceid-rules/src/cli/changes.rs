//! `faceid-rules changes`: every dated change of the tables, in date order, with its source.

use clap::{Args, ValueEnum};

use faceid_rules::dated::moment_text;
use faceid_rules::{with_table, BillingTable, Change, Edition};

use super::edition::opened_edition;
use super::format::{Align, Grid};
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Output formats of `changes`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ChangesFormat {
    /// One block per edition, one line per change
    Table,
    /// A JSON array of editions, each with its changes
    Json,
}

/// List every dated change of the tables, in date order, with the document it comes from.
///
/// A change is a label, price, pack list, doc name, channel, row mapping or billed code that
/// changes on a day (a pack list at a time of day, when the document gives one).
///
/// Without --edition or --opened, every edition's changes (an edition is picked as by every
/// command: --edition, else the one of --opened DATE).
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules changes\n  \
faceid-rules changes --edition monthly --format json\n  \
faceid-rules changes --opened 2020-03-15")]
pub struct ChangesArgs {
    /// Only this edition's changes. Default: every edition
    #[arg(long, conflicts_with = "opened")]
    edition: Option<Edition>,
    /// Only the changes of the edition of an account opened on this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    opened: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ChangesFormat::Table)]
    format: ChangesFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn changes(args: ChangesArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let editions: Vec<Edition> = match args.edition.or(opened_edition(&args.opened)?) {
        Some(e) => vec![e],
        None => Edition::ALL.to_vec(),
    };
    let text = match args.format {
        ChangesFormat::Table => editions
            .iter()
            .map(|&e| block(e, with_table!(e, T => T::CHANGES)))
            .collect::<Vec<_>>()
            .join("\n"),
        ChangesFormat::Json => {
            let all: Vec<serde_json::Value> = editions
                .iter()
                .map(|&e| edition_json(e, with_table!(e, T => T::CHANGES)))
                .collect();
            serde_json::to_string_pretty(&all).map_err(Failure::data)? + "\n"
        }
    };
    super::write_out(out, text.as_bytes())
}

/// An edition's heading and its changes, one per line.
fn block(edition: Edition, changes: &[Change]) -> String {
    let info = edition.info();
    let mut out = format!(
        "{edition} · {} · accounts opened {} · settled {}\n",
        info.title, info.opened, info.settlement
    );
    if changes.is_empty() {
        out += "  no dated changes: the table holds as written on every day\n";
        return out;
    }
    let mut grid = Grid::new(&[
        ("from", Align::Left),
        ("what", Align::Left),
        ("subject", Align::Left),
        ("change", Align::Left),
        ("per", Align::Left),
    ]);
    for c in changes {
        grid.row(vec![
            moment_text(c.at),
            c.kind.to_owned(),
            c.subject.to_owned(),
            c.what.to_owned(),
            c.per.to_string(),
        ]);
    }
    out + &grid.render("  ")
}

fn edition_json(edition: Edition, changes: &[Change]) -> serde_json::Value {
    use serde_json::json;
    let info = edition.info();
    let changes: Vec<_> = changes
        .iter()
        .map(|c| {
            json!({
                "at": moment_text(c.at),
                "kind": c.kind,
                "subject": c.subject,
                "change": c.what,
                "per": {
                    "title": c.per.title,
                    "doc_id": c.per.doc_id.map(|(product, id)| format!("{product}/{id}")),
                    "commit": c.per.commit,
                    "url": c.per.url(),
                },
            })
        })
        .collect();
    json!({
        "edition": edition.name(),
        "title": info.title,
        "opened": info.opened.to_string(),
        "settlement": info.settlement.to_string(),
        "changes": changes,
    })
}
