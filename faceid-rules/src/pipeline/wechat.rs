//! Tencent's per-call billing detail as a call source: each `ChargeDetail` of saved
//! `GetWeChatBillDetails` responses ([`crate::input::wechat`]) is rated like a line of a call
//! log — channel and compare source from its `RuleId`'s rule, code `ErrorCode`, day from
//! `ReqTime` — with `Seq` as its request id. Every call read is billed, not billed, a
//! duplicate or rejected, as for any call log.
//!
//! The table's verdict on each call is compared with Tencent's own (`IsNeedCharge`); each
//! call on which they differ is a [`ChargeDisagreement`], handed to the run's sink.

use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::{
    claim, duplicate_message, Aggregate, Editions, PipelineError, ReadOptions, Reject, RejectKind,
};
use crate::engine::rate_with;
use crate::input::wechat::{BillDetailReader, ChargeRecord, Rules};
use crate::request_ids::RequestIds;
use crate::table::{BillingTable, Code, Named, Verdict};
use crate::with_table;

/// A call on which the compiled table and Tencent's `IsNeedCharge` disagree: Tencent
/// charged a call the table does not bill, or did not charge one it bills. Either a
/// billed-codes row of the table is wrong, or Tencent billed in error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChargeDisagreement {
    /// Where the detail is: `page-1.json:1 WeChatBillDetails[0].ChargeDetails[2]`.
    pub place: String,
    /// When the call was made (`ReqTime`), China Standard Time.
    #[cfg_attr(feature = "serde", serde(serialize_with = "instant"))]
    pub at: DateTime<FixedOffset>,
    /// `Seq`, the comparison's id.
    pub seq: Option<String>,
    /// `BizToken`, the flow's id.
    pub biz_token: Option<String>,
    /// The flow's `RuleId`.
    pub rule_id: String,
    /// The account.
    pub account: String,
    /// The channel of the rule, by its doc name.
    pub channel: &'static str,
    /// The result code (`ErrorCode`).
    pub code: String,
    /// Whether the table bills the call.
    pub table_billed: bool,
    /// Whether Tencent charged it (`IsNeedCharge`).
    pub tencent_charged: bool,
    /// The table entry that decided: `DetectAuth（微信原生 H5、微信小程序）: code 2010 not
    /// billed since 2021-07-19`.
    pub entry: String,
    /// Where the entry comes from: the table's document.
    pub source: String,
}

#[cfg(feature = "serde")]
fn instant<S: serde::Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339())
}

/// The table entry that gives `verdict` to `code` in the channel's family, in words, and
/// the document it comes from.
fn entry<T: BillingTable>(
    channel: T::Channel,
    code: &str,
    verdict: Verdict,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> (String, String) {
    let family = T::code_family(channel).doc_name();
    let code = Code::parse(code).to_string();
    let said = match verdict {
        Verdict::Billed => "billed",
        Verdict::NotBilled => "not billed",
        Verdict::Unknown => "not listed (not billed)",
    };
    let mut entry = format!("{family}: code {code} {said}");
    if let Some(day) = since {
        entry += &format!(" since {day}");
    }
    if let Some(day) = until {
        entry += &format!(" until {day}");
    }
    let info = T::INFO;
    let source = format!(
        "{} (doc {}), table `{}`; channel {} (doc {})",
        info.title,
        info.doc_id,
        info.name,
        channel.doc_name(),
        T::channel_doc_id(channel)
    );
    (entry, source)
}

/// Reads saved `GetWeChatBillDetails` responses: every `ChargeDetail` rated against the
/// table of its rule's account; a `Seq` in `ids` is a duplicate. Bad details stop the run,
/// or, with `keep_going`, go to `rejects`; disagreements with Tencent's verdict go to
/// `disagreements`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn aggregate_bill_details<R: Read>(
    file: &str,
    reader: R,
    rules: &Rules,
    editions: &Editions,
    opts: ReadOptions,
    ids: &mut RequestIds,
    rejects: &mut dyn FnMut(Reject),
    disagreements: &mut dyn FnMut(ChargeDisagreement),
) -> Result<Aggregate, PipelineError> {
    let mut out = Aggregate::new();
    let file: Arc<str> = file.into();
    for next in BillDetailReader::new(Arc::clone(&file), reader) {
        out.read += 1;
        let outcome = match next {
            Err(e) if !e.is_record() => {
                out.read -= 1;
                return Err(PipelineError::Input(e.into()));
            }
            Err(e) => Err(Reject::from(e)),
            Ok(call) => add_call(&call, rules, editions, opts, ids, &mut out, disagreements)?,
        };
        if let Err(reject) = outcome {
            match reject.kind {
                RejectKind::Duplicate => out.duplicates += 1,
                RejectKind::Bad if !opts.keep_going => return Err(PipelineError::Input(reject)),
                RejectKind::Bad => out.rejected += 1,
            }
            rejects(reject);
        }
    }
    Ok(out)
}

/// Rates and counts one detail: `Ok(Err(reject))` when it is not billed for a reason of
/// its own, `Err` when the run must stop (a limit).
fn add_call(
    call: &ChargeRecord,
    rules: &Rules,
    editions: &Editions,
    opts: ReadOptions,
    ids: &mut RequestIds,
    out: &mut Aggregate,
    disagreements: &mut dyn FnMut(ChargeDisagreement),
) -> Result<Result<(), Reject>, PipelineError> {
    let reject = |kind, field, message: String| Reject {
        kind,
        origin: call.origin.clone(),
        field,
        message: format!("{}: {message}", call.path),
        raw: call.raw.clone(),
    };
    let Some(rule) = rules.get(&call.rule_id) else {
        let known: Vec<&str> = rules.ids().collect();
        let given = if known.is_empty() {
            "no rule is given".to_owned()
        } else {
            format!("rules are given for {}", known.join(", "))
        };
        return Ok(Err(reject(
            RejectKind::Bad,
            Some("RuleId"),
            format!(
                "RuleId {:?} has no rule ({given}): say what it is configured as with --rule {}=CHANNEL,SOURCE, e.g. --rule {}=微信小程序,权威库, or a line of --rules FILE",
                call.rule_id, call.rule_id, call.rule_id
            ),
        )));
    };
    if out.accounts() >= opts.max_accounts && !out.has_account(&rule.account) {
        return Err(PipelineError::Limit {
            origin: call.origin.clone(),
            what: format!(
                "more than {} distinct accounts; raise --max-accounts, or split the responses by account",
                opts.max_accounts
            ),
        });
    }
    let edition = match editions.edition(&rule.account) {
        Ok(e) => e,
        Err(message) => return Ok(Err(reject(RejectKind::Bad, Some("account"), message))),
    };
    with_table!(edition, T => {
        let rated = match rate_with::<T>(&rule.channel, rule.source.as_deref(), &call.code, call.day, opts.strict) {
            Ok(r) => r,
            Err(e) => {
                let field = match e.field() {
                    "code" => "ErrorCode",
                    _ => "RuleId",
                };
                return Ok(Err(reject(RejectKind::Bad, Some(field), format!("rule {} ({}): {e}", call.rule_id, rule.given))));
            }
        };
        if let Some(seq) = claim(ids, call.seq.as_deref(), &call.origin)? {
            return Ok(Err(reject(RejectKind::Duplicate, Some("Seq"), duplicate_message(seq))));
        }
        if let Err(e) = out.usage_mut::<T>().add(&rule.account, call.day, &rated, &call.code, 1) {
            return Ok(Err(reject(RejectKind::Bad, None, e.to_string())));
        }
        let billed = rated.status.verdict == Verdict::Billed;
        if let Some(charged) = call.charged.filter(|&c| c != billed) {
            let (entry, source) = entry::<T>(rated.channel, &call.code, rated.status.verdict, rated.status.since, rated.status.until);
            disagreements(ChargeDisagreement {
                place: format!("{} {}", call.origin, call.path),
                at: call.at,
                seq: call.seq.clone(),
                biz_token: call.biz_token.clone(),
                rule_id: call.rule_id.clone(),
                account: rule.account.clone(),
                channel: rated.channel.doc_name(),
                code: call.code.clone(),
                table_billed: billed,
                tencent_charged: charged,
                entry,
                source,
            });
        }
        Ok(Ok(()))
    })
}
