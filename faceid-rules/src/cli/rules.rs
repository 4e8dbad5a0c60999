//! The options that say what the `RuleId`s of Tencent's billing detail are configured as,
//! for `bill`, `usage` and `reconcile` reading saved `GetWeChatBillDetails` responses, and
//! how their disagreements with the table are told on stderr.

use std::sync::Arc;

use clap::Args;

use faceid_rules::input::wechat::Rules;
use faceid_rules::pipeline::ChargeDisagreement;

use super::format;
use super::{note, Failure};

/// `--rule` and `--rules`.
#[derive(Args, Clone, Debug, Default)]
pub struct RuleArgs {
    /// What a RuleId of Tencent's billing detail (saved GetWeChatBillDetails responses) is configured as: RULE_ID=CHANNEL,SOURCE[,ACCOUNT], e.g. 1=微信小程序,权威库; repeatable
    #[arg(long = "rule", value_name = "RULE_ID=CHANNEL,SOURCE")]
    rule: Vec<String>,
    /// The rules as a CSV file `rule_id,channel,source[,account]`
    #[arg(long = "rules", value_name = "FILE")]
    rules_file: Option<String>,
}

impl RuleArgs {
    /// The rules file, if any (an input the outputs must not be).
    pub fn file(&self) -> Option<&String> {
        self.rules_file.as_ref()
    }

    /// The rules given: a bad `--rule` is a usage error (exit 2), a bad rules file bad data
    /// (exit 1).
    pub fn rules(&self) -> Result<Arc<Rules>, Failure> {
        let mut rules = Rules::new();
        for text in &self.rule {
            rules.insert_option(text).map_err(Failure::usage)?;
        }
        if let Some(path) = &self.rules_file {
            let file = std::fs::File::open(path).map_err(|e| Failure::io(path, e))?;
            rules.read_file(path, file).map_err(Failure::data)?;
        }
        Ok(Arc::new(rules))
    }
}

/// Disagreements shown on stderr as examples; the rest are counted.
const EXAMPLES: u64 = 5;

/// Tells the calls on which Tencent's `IsNeedCharge` and the table disagree: the first few
/// as notes, then how many there were.
#[derive(Default)]
pub struct DisagreementNotes {
    seen: u64,
}

impl DisagreementNotes {
    /// One more.
    pub fn add(&mut self, d: &ChargeDisagreement) {
        self.seen += 1;
        if self.seen <= EXAMPLES {
            note(describe(d));
        }
    }

    /// How many, and where to see them all.
    pub fn finish(&self) {
        if self.seen > 0 {
            note(format_args!(
                "{} call{} where Tencent's IsNeedCharge disagrees with the table; `faceid-rules reconcile` lists them all",
                format::count(self.seen),
                if self.seen == 1 { "" } else { "s" }
            ));
        }
    }
}

/// `page.json:1 WeChatBillDetails[0].ChargeDetails[2]: Tencent charged Seq "s3" (code 2010,
/// 2026-10-03T10:00:00+08:00), which the table does not bill: …`.
pub fn describe(d: &ChargeDisagreement) -> String {
    let seq = d
        .seq
        .as_deref()
        .map_or(String::new(), |s| format!("Seq {s:?} "));
    let (tencent, table) = if d.tencent_charged {
        ("charged", "does not bill")
    } else {
        ("did not charge", "bills")
    };
    format!(
        "{}: Tencent {tencent} {seq}(code {}, {}), which the table {table}: {} ({})",
        d.place,
        d.code,
        d.at.to_rfc3339(),
        d.entry,
        d.source
    )
}
