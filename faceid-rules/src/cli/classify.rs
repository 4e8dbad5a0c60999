//! `faceid-rules classify`: how one call is billed, and why.

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, ValueEnum};

use faceid_rules::calendar::{cst_day, parse_timestamp, CST};
use faceid_rules::engine::{rate_with, Rated};
use faceid_rules::{with_table, BillingTable, Edition, Named, Verdict};

use faceid_rules::escape;

use super::edition::EditionChoice;
use super::output::{Inputs, Outputs};
use super::{Failure, OutputArgs};

/// Output formats of `classify`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ClassifyFormat {
    /// One field per line
    Table,
    /// A JSON object
    Json,
}

/// Show how one call is billed: edition, section, labels, and whether its code is billed.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
faceid-rules classify --channel 微信小程序 --source 权威库 --code 2010 --at 2021-07-19T10:00:00 --opened 2020-03-01\n  \
faceid-rules classify --channel LivenessCompare --code FailedOperation.CompareLowSimilarity --edition monthly --format json")]
pub struct ClassifyArgs {
    /// The channel or API: doc name, identifier, alias or API action
    #[arg(long)]
    channel: String,
    /// The compare source (跟权威库比对 / 跟上传照片比对, or 权威库 / 上传照片)
    #[arg(long)]
    source: Option<String>,
    /// The result code (0, 2016, Success, FailedOperation.…, -1)
    #[arg(long)]
    code: Option<String>,
    /// When the call was made (RFC 3339; China Standard Time without an offset); default now
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    #[command(flatten)]
    edition: EditionChoice,
    /// Output format
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Table)]
    format: ClassifyFormat,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn classify(args: ClassifyArgs) -> Result<(), Failure> {
    let out = args.out.open(&mut Outputs::new(&Inputs::new()))?;
    let edition = args.edition.edition()?;
    let at: DateTime<FixedOffset> = match &args.at {
        Some(text) => parse_timestamp(text).map_err(|e| Failure::usage(format!("--at: {e}")))?,
        None => DateTime::<Utc>::from(std::time::SystemTime::now()).with_timezone(&CST),
    };
    let fields = with_table!(edition, T => describe::<T>(&args, edition, at))?;
    let text = match args.format {
        ClassifyFormat::Table => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            let mut text = String::new();
            for (key, value) in &fields {
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                // A value may hold text given on the command line (the code).
                let value = escape::terminal(&value);
                text += &format!("{key:width$}  {value}\n");
            }
            text
        }
        ClassifyFormat::Json => {
            serde_json::to_string_pretty(&Ordered(&fields)).map_err(Failure::data)? + "\n"
        }
    };
    super::write_out(out, text.as_bytes())
}

/// A JSON object whose fields keep their order (faceid-rules/docs/json.md).
struct Ordered<'a>(&'a [(&'static str, serde_json::Value)]);

impl serde::Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn describe<T: BillingTable>(
    args: &ClassifyArgs,
    edition: Edition,
    at: DateTime<FixedOffset>,
) -> Result<Vec<(&'static str, serde_json::Value)>, Failure> {
    use serde_json::Value;
    let day = cst_day(at);
    // Without a code, rate with the family's first billed code only to find the labels.
    let code = args.code.as_deref().unwrap_or("0");
    let rated: Rated<T> = rate_with::<T>(&args.channel, args.source.as_deref(), code, day, false)
        .map_err(|e| Failure::data(format!("field `{}`: {e}", e.field())))?;
    let (billed, reason) = match &args.code {
        None => (
            Value::Null,
            "no --code given: whether it is billed depends on the result code".to_owned(),
        ),
        Some(code) => {
            let family = rated.family.doc_name();
            let status = rated.status;
            let verdict = match status.verdict {
                Verdict::Billed => "billed",
                Verdict::NotBilled => "not billed",
                Verdict::Unknown => "not listed",
            };
            let mut reason = format!("code {code} is {verdict} in family {family}");
            if let Some(since) = status.since {
                reason += &format!(", since {since}");
            }
            if let Some(until) = status.until {
                reason += &format!(", until {until} (a dated change applies from then)");
            }
            if status.verdict == Verdict::Unknown {
                reason += "; billing counts it as not billed and reports it";
            }
            (Value::Bool(status.verdict == Verdict::Billed), reason)
        }
    };
    Ok(vec![
        ("edition", Value::from(edition.name())),
        ("table", Value::from(T::INFO.title)),
        ("day", Value::from(day.to_string())),
        ("section", Value::from(rated.section.doc_name())),
        ("channel", Value::from(rated.channel.doc_name())),
        (
            "source",
            rated
                .source
                .map_or(Value::Null, |s| Value::from(s.doc_name())),
        ),
        (
            "postpaid_label",
            Value::from(rated.labels.postpaid.doc_name()),
        ),
        (
            "prepaid_label",
            Value::from(rated.labels.prepaid.doc_name()),
        ),
        ("billed", billed),
        ("reason", Value::from(reason)),
    ])
}
