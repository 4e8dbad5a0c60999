//! `faceid-rules diff`: what differs between two editions on a day, or one edition on two
//! days, label by label.

use std::str::FromStr;

use chrono::NaiveDateTime;
use clap::{Args, ValueEnum};

use faceid_rules::calendar::parse_date_or_timestamp;
use faceid_rules::dated::moment_text;
use faceid_rules::dated::newest;
use faceid_rules::diff::{diff, Difference, Snapshot};
use faceid_rules::{with_table, Edition};

use super::edition::{in_force, parse_on};
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Output formats of `diff`.
#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    /// `-` and `+` lines under each label or channel that differs
    Table,
    /// A JSON object: both sides and the differences
    Json,
}

/// One side of a diff: an edition, as in force on a day if one is given.
#[derive(Clone, Debug)]
pub struct Side {
    edition: Edition,
    at: Option<NaiveDateTime>,
}

/// `monthly`, `monthly@2022-01-01`, `monthly@2022-01-04T10:00:00`.
impl FromStr for Side {
    type Err = String;
    fn from_str(s: &str) -> Result<Side, String> {
        let (edition, at) = match s.split_once('@') {
            Some((e, at)) => (
                e,
                Some(parse_date_or_timestamp(at).map_err(|e| e.to_string())?),
            ),
            None => (s, None),
        };
        Ok(Side {
            edition: edition.parse()?,
            at,
        })
    }
}

/// Show what differs between two editions on a day, or one edition on two days, label by
/// label.
///
/// Compared are each postpaid label's price, each prepaid label's packs and each channel's
/// labels per compare source; labels and channels are matched by name (ignoring spaces and
/// full-width forms).
///
/// A side is an edition, with `@DATE` for a day of its own: `legacy monthly --on 2022-05-01`
/// compares two editions on one day, `monthly@2021-12-31 monthly@2022-01-01` one edition on
/// two days (what the phone split changed).
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules diff legacy monthly --on 2022-05-01\n  \
faceid-rules diff monthly@2021-12-31 monthly@2022-01-01\n  \
faceid-rules diff monthly daily --on 2023-05-10 --format json")]
pub struct DiffArgs {
    /// The first side: EDITION or EDITION@DATE
    #[arg(value_name = "FROM")]
    left: Side,
    /// The second side: EDITION or EDITION@DATE
    #[arg(value_name = "TO")]
    right: Side,
    /// The day (YYYY-MM-DD, or a time YYYY-MM-DD HH:MM:SS) of a side without `@DATE`.
    /// Default: once both tables stand as they do now (after the later one's newest dated
    /// change or opening day)
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn diff_command(args: DiffArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let on = parse_on(&args.on)?;
    // The first moment at which a table stands as it does now.
    let now = |e: Edition| with_table!(e, T => newest::<T>());
    let default = on.unwrap_or_else(|| now(args.left.edition).max(now(args.right.edition)));
    let snapshot = |side: &Side| -> Result<Snapshot, Failure> {
        let at = side.at.unwrap_or(default);
        in_force(side.edition, at)?;
        Ok(with_table!(side.edition, T => Snapshot::of::<T>(at)))
    };
    let (left, right) = (snapshot(&args.left)?, snapshot(&args.right)?);
    let differences = diff(&left, &right);
    let text = match args.format {
        DiffFormat::Table => render(&left, &right, &differences),
        DiffFormat::Json => {
            let doc = serde_json::json!({
                "from": side_json(&left),
                "to": side_json(&right),
                "differences": differences.iter().map(|d| serde_json::json!({
                    "kind": d.kind,
                    "subject": d.subject,
                    "renamed": d.renamed,
                    "from": d.left,
                    "to": d.right,
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&doc).map_err(Failure::data)? + "\n"
        }
    };
    super::write_out(out, text.as_bytes())
}

/// `monthly on 2022-01-01 (计费概述（new）)`.
fn heading(s: &Snapshot) -> String {
    format!("{} on {} ({})", s.edition, moment_text(s.at), s.title)
}

/// `monthly on 2022-01-01`.
fn short(s: &Snapshot) -> String {
    format!("{} on {}", s.edition, moment_text(s.at))
}

fn side_json(s: &Snapshot) -> serde_json::Value {
    serde_json::json!({ "edition": s.edition, "title": s.title, "on": moment_text(s.at) })
}

fn render(left: &Snapshot, right: &Snapshot, differences: &[Difference]) -> String {
    let mut out = format!("--- {}\n+++ {}\n", heading(left), heading(right));
    if differences.is_empty() {
        return out + "\nno differences\n";
    }
    out.push('\n');
    let (mut changed, mut only_left, mut only_right) = (0, 0, 0);
    for d in differences {
        out += &format!("  {} {}", d.kind, d.subject);
        if let Some(name) = &d.renamed {
            out += &format!(", named {name}");
        }
        out.push('\n');
        match (&d.left, &d.right) {
            (Some(l), Some(r)) => {
                changed += 1;
                if l != r {
                    out += &format!("    - {l}\n    + {r}\n");
                }
            }
            (Some(l), None) => {
                only_left += 1;
                out += &format!("    - {l}\n");
            }
            (None, Some(r)) => {
                only_right += 1;
                out += &format!("    + {r}\n");
            }
            (None, None) => {}
        }
    }
    out + &format!(
        "\n{} differences: {changed} changed, {only_left} only in {}, {only_right} only in {}\n",
        differences.len(),
        short(left),
        short(right)
    )
}
