//! Tencent's per-call billing detail: saved responses of the Face ID API
//! `GetWeChatBillDetails` (查询微信渠道服务的账单明细及计费状态; Tencent Cloud API 3.0, faceid
//! 2018-03-01).
//!
//! A response lists, per `BizToken` (one verification flow, `WeChatBillDetail`), every
//! comparison Tencent made for it (`ChargeDetail`) and whether Tencent charged it
//! (`IsNeedCharge`); a flow retried is charged several times (`ChargeCount`). Each
//! `ChargeDetail` is one call here:
//!
//! | call | from | as the SDK documents the field |
//! |---|---|---|
//! | time | `ReqTime` | 一比一时间时间戳，13位: milliseconds since the Unix epoch, read in China Standard Time |
//! | request id | `Seq` | 一比一请求的唯一标记: a detail seen twice (a page saved twice) is billed once |
//! | code | `ErrorCode` | 本次活体一比一最终结果 |
//! | Tencent's verdict | `IsNeedCharge` | 本次详情是否收费 |
//! | channel, compare source, account | the [`Rules`] for `RuleId` | 业务RuleId: the response does not say what the rule is configured as |
//!
//! `IdCard`, `Idcard` and `Name` (the masked ID number and name) are personal data: they are
//! never read — the parser skips them unseen — so no output, reject file or message can
//! hold them. A rejected detail's raw text is written from the fields above only.
//!
//! A file holds one response, or several (JSON lines, or one after another), in any order:
//! pages are independent. Both the API's form (`{"Response": {…}}`) and the body alone (as
//! `tccli` prints it) are read. The field list follows the SDKs' model documentation
//! (tencentcloud-sdk-python `tencentcloud/faceid/v20180301/models.py`: `WeChatBillDetail`,
//! `ChargeDetail`, `GetWeChatBillDetailsResponse`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{Document, Documents};
use super::{read_all, Column, ErrorKind, InputError, InputErrors};
use crate::calendar::CST;
use crate::edition::Edition;
use crate::records::Origin;
use crate::table::Named;
use crate::with_table;

/// What a `RuleId` is configured as: the channel its flows run through, the compare
/// source, and the account it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The channel as the table names it (`微信小程序`).
    pub channel: String,
    /// The compare source (`权威库`), if the channel has one.
    pub source: Option<String>,
    /// The Tencent account of the rule's calls; `""` when not given (one account).
    pub account: String,
    /// Where the rule was given, for messages: `--rule 1=…` or `rules.csv:3`.
    pub given: String,
}

/// The rules of a run, by `RuleId`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    by_id: BTreeMap<String, Rule>,
}

impl Rules {
    /// No rule.
    pub fn new() -> Rules {
        Rules::default()
    }

    /// The rule of `rule_id`.
    pub fn get(&self, rule_id: &str) -> Option<&Rule> {
        self.by_id.get(rule_id)
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The rule ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// Adds the rule of `rule_id`; an error when the id has one already, or when the
    /// channel or source is known to no edition's table.
    pub fn insert(&mut self, rule_id: &str, rule: Rule) -> Result<(), String> {
        let id = rule_id.trim();
        if id.is_empty() {
            return Err(format!("{}: the rule id is empty", rule.given));
        }
        if let Some(first) = self.by_id.get(id) {
            return Err(format!(
                "{}: rule {id:?} is given twice, here and at {}",
                rule.given, first.given
            ));
        }
        check_name::<Channel>(&rule.channel).map_err(|e| format!("{}: {e}", rule.given))?;
        if let Some(source) = &rule.source {
            check_name::<Source>(source).map_err(|e| format!("{}: {e}", rule.given))?;
        }
        self.by_id.insert(id.to_owned(), rule);
        Ok(())
    }

    /// Adds a rule written as on the command line: `RULE_ID=CHANNEL,SOURCE[,ACCOUNT]`
    /// (`1=微信小程序,权威库`); `given` names it in messages.
    pub fn insert_option(&mut self, text: &str) -> Result<(), String> {
        let given = format!("--rule {text}");
        let Some((id, rest)) = text.split_once('=') else {
            return Err(format!(
                "{given}: expected RULE_ID=CHANNEL,SOURCE (e.g. 1=微信小程序,权威库), with an optional ,ACCOUNT"
            ));
        };
        let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
        let (channel, source, account) = match parts.as_slice() {
            [channel] => (*channel, "", ""),
            [channel, source] => (*channel, *source, ""),
            [channel, source, account] => (*channel, *source, *account),
            _ => {
                return Err(format!(
                    "{given}: expected RULE_ID=CHANNEL,SOURCE[,ACCOUNT]: at most three values after `=`"
                ))
            }
        };
        if channel.is_empty() {
            return Err(format!("{given}: the channel is empty"));
        }
        self.insert(
            id,
            Rule {
                channel: channel.to_owned(),
                source: Some(source.to_owned()).filter(|s| !s.is_empty()),
                account: account.to_owned(),
                given,
            },
        )
    }

    /// Reads a rules file `rule_id,channel,source[,account]` (CSV with a header, columns in
    /// any order) into these rules. Every bad line is reported.
    pub fn read_file(&mut self, file: &str, reader: impl Read) -> Result<(), InputErrors> {
        const COLUMNS: [Column; 4] = [
            Column {
                name: "rule_id",
                required: true,
            },
            Column {
                name: "channel",
                required: true,
            },
            Column {
                name: "source",
                required: true,
            },
            Column {
                name: "account",
                required: false,
            },
        ];
        let mut rules = self.clone();
        read_all(file, reader, &COLUMNS, |record, at, _| {
            let get = |c: usize| at[c].map_or("", |i| record.get(i));
            let (id, channel, source) = (get(0), get(1), get(2));
            if id.is_empty() {
                return Err(record.error(
                    Some("rule_id"),
                    "empty (expected the RuleId the console assigned)",
                ));
            }
            if let Some(first) = rules.get(id) {
                return Err(record.error(
                    Some("rule_id"),
                    format!("rule {id:?} is given twice, here and at {}", first.given),
                ));
            }
            if channel.is_empty() {
                return Err(record.error(
                    Some("channel"),
                    "empty (expected the channel the rule is configured for, e.g. 微信小程序)",
                ));
            }
            check_name::<Channel>(channel).map_err(|e| record.error(Some("channel"), e))?;
            if !source.is_empty() {
                check_name::<Source>(source).map_err(|e| record.error(Some("source"), e))?;
            }
            let rule = Rule {
                channel: channel.to_owned(),
                source: Some(source.to_owned()).filter(|s| !s.is_empty()),
                account: get(3).to_owned(),
                given: record.origin().to_string(),
            };
            rules.insert(id, rule).map_err(|e| record.error(None, e))
        })?;
        *self = rules;
        Ok(())
    }
}

/// The enum kinds a rule names, checked against every edition's table.
enum Channel {}
enum Source {}

trait RuleName {
    fn known(edition: Edition, text: &str) -> Result<(), String>;
}

impl RuleName for Channel {
    fn known(edition: Edition, text: &str) -> Result<(), String> {
        with_table!(edition, T => {
            <T as crate::BillingTable>::Channel::lookup(text).map(|_| ()).map_err(|e| e.to_string())
        })
    }
}

impl RuleName for Source {
    fn known(edition: Edition, text: &str) -> Result<(), String> {
        with_table!(edition, T => {
            <T as crate::BillingTable>::Source::lookup(text).map(|_| ()).map_err(|e| e.to_string())
        })
    }
}

/// Whether some edition knows `text`; else the newest edition's error (with its
/// suggestion).
fn check_name<K: RuleName>(text: &str) -> Result<(), String> {
    let mut last = Ok(());
    for &edition in Edition::ALL {
        last = K::known(edition, text);
        if last.is_ok() {
            return Ok(());
        }
    }
    last
}

/// One `ChargeDetail` of a response: one call, with its flow's `BizToken` and `RuleId`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargeRecord {
    /// The file and the line the response starts on.
    pub origin: Origin,
    /// Where in the response: `WeChatBillDetails[0].ChargeDetails[2]`.
    pub path: String,
    /// The flow's `BizToken`, if given.
    pub biz_token: Option<String>,
    /// The flow's `RuleId`.
    pub rule_id: String,
    /// `ReqTime`, in China Standard Time.
    pub at: DateTime<FixedOffset>,
    /// The day of `at`.
    pub day: NaiveDate,
    /// `Seq`: the comparison's id, if given.
    pub seq: Option<String>,
    /// `ErrorCode`.
    pub code: String,
    /// `IsNeedCharge`: whether Tencent charged it, if given.
    pub charged: Option<bool>,
    /// The detail as read, without its personal fields: for a rejects file.
    pub raw: Vec<u8>,
}

/// The fields of a `ChargeDetail` that are read; `IdCard`, `Idcard`, `Name` and the rest
/// are skipped by the parser without being kept.
#[derive(Deserialize)]
struct DetailFields {
    #[serde(rename = "ReqTime")]
    req_time: Option<Box<RawValue>>,
    #[serde(rename = "Seq")]
    seq: Option<Box<RawValue>>,
    #[serde(rename = "IsNeedCharge")]
    is_need_charge: Option<Box<RawValue>>,
    #[serde(rename = "ChargeType")]
    charge_type: Option<Box<RawValue>>,
    #[serde(rename = "ErrorCode")]
    error_code: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct FlowFields {
    #[serde(rename = "BizToken")]
    biz_token: Option<Box<RawValue>>,
    #[serde(rename = "RuleId")]
    rule_id: Option<Box<RawValue>>,
    #[serde(rename = "ChargeDetails")]
    details: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct BodyFields {
    #[serde(rename = "Response")]
    response: Option<Box<RawValue>>,
    #[serde(rename = "Error")]
    error: Option<ApiError>,
    #[serde(rename = "WeChatBillDetails")]
    details: Option<Box<RawValue>>,
}

/// The `Error` of a failed API call.
#[derive(Deserialize)]
pub(crate) struct ApiError {
    #[serde(rename = "Code", default)]
    pub code: String,
    #[serde(rename = "Message", default)]
    pub message: String,
}

/// Reads the `ChargeDetail`s of saved `GetWeChatBillDetails` responses, one call at a
/// time; see the [module documentation](self).
///
/// Each item is a call, or an error: a [`ErrorKind::Record`] error rejects one detail (or
/// one flow or response that cannot be read, counted as one call) and reading goes on;
/// any other ends the file (text that is not JSON).
///
/// ```
/// use faceid_rules::input::wechat::BillDetailReader;
///
/// let page = r#"{"Response": {"HasNextPage": false, "NextCursor": 0, "WeChatBillDetails": [
///     {"BizToken": "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", "RuleId": "1", "ChargeCount": 1,
///      "ChargeDetails": [{"ReqTime": "1790816400000", "Seq": "a2b3c4d5-0001",
///        "IsNeedCharge": true, "ChargeType": "核身", "ErrorCode": "0",
///        "ErrorMessage": "成功", "Sim": "92.15", "IdCard": "1101**********1234",
///        "Name": "*三"}]}],
///   "RequestId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}}"#;
/// let call = BillDetailReader::new("page-1.json", page.as_bytes()).next().unwrap()?;
/// assert_eq!(call.at.to_rfc3339(), "2026-10-01T09:00:00+08:00");
/// assert_eq!((call.rule_id.as_str(), call.code.as_str(), call.charged), ("1", "0", Some(true)));
/// assert!(!String::from_utf8_lossy(&call.raw).contains("IdCard"));
/// # Ok::<(), faceid_rules::input::InputError>(())
/// ```
pub struct BillDetailReader<R: Read> {
    documents: Documents<R>,
    pending: std::vec::IntoIter<Result<ChargeRecord, InputError>>,
}

impl<R: Read> BillDetailReader<R> {
    /// Reads the responses of the file named `file` (for messages) from `reader`.
    pub fn new(file: impl Into<Arc<str>>, reader: R) -> BillDetailReader<R> {
        BillDetailReader {
            documents: Documents::new(file, reader),
            pending: Vec::new().into_iter(),
        }
    }
}

impl<R: Read> Iterator for BillDetailReader<R> {
    type Item = Result<ChargeRecord, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(next) = self.pending.next() {
                return Some(next);
            }
            let document = match self.documents.next()? {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
            self.pending = read_response(&document).into_iter();
        }
    }
}

/// The text of a JSON string or number; `Ok(None)` for null.
fn scalar(raw: &RawValue) -> Result<Option<String>, String> {
    match serde_json::from_str::<serde_json::Value>(raw.get()) {
        Ok(serde_json::Value::String(s)) => Ok(Some(s)),
        Ok(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Ok(serde_json::Value::Null) => Ok(None),
        Ok(other) => Err(format!("expected a string, found {}", json_kind(&other))),
        Err(_) => Err("not JSON".to_owned()),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A value for a message: quoted, escaped, cut after 64 characters.
fn shown(text: &str) -> String {
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("\"{}…\"", text[..cut].escape_debug()),
        None => format!("{text:?}"),
    }
}

fn record_error(
    doc: &Document,
    field: Option<&'static str>,
    message: String,
    raw: Vec<u8>,
) -> InputError {
    InputError {
        origin: doc.origin.clone(),
        field,
        message,
        raw,
        raw_truncated: false,
        kind: ErrorKind::Record,
    }
}

/// The calls of one response (or of each response of an array of them), or the error that
/// rejects it.
fn read_response(doc: &Document) -> Vec<Result<ChargeRecord, InputError>> {
    if doc.raw.get().starts_with('[') {
        let Ok(pages) = serde_json::from_str::<Vec<Box<RawValue>>>(doc.raw.get()) else {
            return vec![Err(record_error(
                doc,
                None,
                "not an array of GetWeChatBillDetails responses".to_owned(),
                Vec::new(),
            ))];
        };
        return pages
            .into_iter()
            .flat_map(|raw| {
                read_response(&Document {
                    origin: doc.origin.clone(),
                    raw,
                })
            })
            .collect();
    }
    let not_a_response = |why: &str| {
        vec![Err(record_error(
            doc,
            None,
            format!("not a GetWeChatBillDetails response: {why} (expected {{\"Response\": {{\"WeChatBillDetails\": [...]}}}})"),
            Vec::new(),
        ))]
    };
    let mut body: BodyFields = match serde_json::from_str(doc.raw.get()) {
        Ok(b) => b,
        Err(_) => return not_a_response("the document is not an object"),
    };
    if let Some(inner) = body.response.take() {
        body = match serde_json::from_str(inner.get()) {
            Ok(b) => b,
            Err(_) => return not_a_response("`Response` is not an object"),
        };
    }
    if let Some(error) = body.error {
        return vec![Err(record_error(
            doc,
            Some("Error"),
            format!(
                "the response is an error, not a page of details: {}: {} (save the responses of calls that succeeded)",
                shown(&error.code),
                shown(&error.message)
            ),
            Vec::new(),
        ))];
    }
    let Some(flows) = body.details else {
        return not_a_response("it has no `WeChatBillDetails`");
    };
    let flows: Vec<Box<RawValue>> = match serde_json::from_str(flows.get()) {
        Ok(f) => f,
        Err(_) => return not_a_response("`WeChatBillDetails` is not an array"),
    };
    let mut out = Vec::new();
    for (i, flow) in flows.iter().enumerate() {
        let path = format!("WeChatBillDetails[{i}]");
        read_flow(doc, &path, flow, &mut out);
    }
    out
}

fn read_flow(
    doc: &Document,
    path: &str,
    flow: &RawValue,
    out: &mut Vec<Result<ChargeRecord, InputError>>,
) {
    let fail =
        |field, message: String| record_error(doc, field, format!("{path}: {message}"), Vec::new());
    let fields: FlowFields = match serde_json::from_str(flow.get()) {
        Ok(f) => f,
        Err(_) => {
            return out.push(Err(fail(
                None,
                "not an object (expected a WeChatBillDetail)".to_owned(),
            )))
        }
    };
    let text = |raw: &Option<Box<RawValue>>, field| match raw.as_deref().map(scalar) {
        None | Some(Ok(None)) => Ok(None),
        Some(Ok(Some(t))) => Ok(Some(t)),
        Some(Err(e)) => Err(fail(Some(field), e)),
    };
    let biz_token = match text(&fields.biz_token, "BizToken") {
        Ok(t) => t,
        Err(e) => return out.push(Err(e)),
    };
    let rule_id = match text(&fields.rule_id, "RuleId") {
        Ok(Some(t)) if !t.trim().is_empty() => t.trim().to_owned(),
        Ok(_) => {
            return out.push(Err(fail(
                Some("RuleId"),
                "missing or empty (expected the flow's RuleId)".to_owned(),
            )))
        }
        Err(e) => return out.push(Err(e)),
    };
    let details: Vec<Box<RawValue>> = match fields
        .details
        .as_deref()
        .map(|d| serde_json::from_str(d.get()))
    {
        Some(Ok(d)) => d,
        None => Vec::new(),
        Some(Err(_)) => {
            return out.push(Err(fail(
                Some("ChargeDetails"),
                "not an array of ChargeDetail".to_owned(),
            )))
        }
    };
    for (j, detail) in details.iter().enumerate() {
        let path = format!("{path}.ChargeDetails[{j}]");
        out.push(read_detail(
            doc,
            &path,
            biz_token.as_deref(),
            &fields,
            &rule_id,
            detail,
        ));
    }
}

fn read_detail(
    doc: &Document,
    path: &str,
    biz_token: Option<&str>,
    flow: &FlowFields,
    rule_id: &str,
    detail: &RawValue,
) -> Result<ChargeRecord, InputError> {
    let fields: DetailFields = serde_json::from_str(detail.get()).map_err(|_| {
        record_error(
            doc,
            None,
            format!("{path}: not an object (expected a ChargeDetail)"),
            Vec::new(),
        )
    })?;
    // The raw text of a reject: the fields read, never the personal ones.
    let mut raw = String::from("{");
    let parts = [
        ("BizToken", flow.biz_token.as_deref()),
        ("RuleId", flow.rule_id.as_deref()),
        ("ReqTime", fields.req_time.as_deref()),
        ("Seq", fields.seq.as_deref()),
        ("IsNeedCharge", fields.is_need_charge.as_deref()),
        ("ChargeType", fields.charge_type.as_deref()),
        ("ErrorCode", fields.error_code.as_deref()),
    ];
    for (name, value) in parts.iter().filter_map(|(n, v)| v.map(|v| (n, v))) {
        if raw.len() > 1 {
            raw.push(',');
        }
        // A scalar as written; an object or array may hold anything, personal fields
        // included, so it is not copied.
        let text = value.get();
        let shown = match text.as_bytes().first() {
            Some(b'{') => "\"(an object, not shown)\"",
            Some(b'[') => "\"(an array, not shown)\"",
            _ => text,
        };
        let _ = write!(raw, "\"{name}\":{shown}");
    }
    raw.push('}');
    let raw = raw.into_bytes();
    let fail = |field, message: String| {
        record_error(doc, Some(field), format!("{path}: {message}"), raw.clone())
    };
    let text = |value: &Option<Box<RawValue>>, field| match value.as_deref().map(scalar) {
        None | Some(Ok(None)) => Ok(None),
        Some(Ok(Some(t))) => Ok(Some(t.trim().to_owned())),
        Some(Err(e)) => Err(fail(field, e)),
    };
    let req_time = text(&fields.req_time, "ReqTime")?.ok_or_else(|| {
        fail(
            "ReqTime",
            "missing (expected the 13-digit millisecond timestamp of the comparison)".to_owned(),
        )
    })?;
    let at = millis(&req_time).map_err(|e| fail("ReqTime", e))?;
    let code = text(&fields.error_code, "ErrorCode")?
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            fail(
                "ErrorCode",
                "missing or empty (expected the comparison's result code, e.g. 0)".to_owned(),
            )
        })?;
    let seq = text(&fields.seq, "Seq")?.filter(|s| !s.is_empty());
    let charged = match fields
        .is_need_charge
        .as_deref()
        .map(|v| serde_json::from_str::<serde_json::Value>(v.get()))
    {
        None | Some(Ok(serde_json::Value::Null)) => None,
        Some(Ok(serde_json::Value::Bool(b))) => Some(b),
        Some(Ok(serde_json::Value::String(s))) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(Ok(serde_json::Value::String(s))) if s.eq_ignore_ascii_case("false") => Some(false),
        Some(Ok(other)) => {
            return Err(fail(
                "IsNeedCharge",
                format!("expected true or false, found {}", json_kind(&other)),
            ))
        }
        Some(Err(_)) => return Err(fail("IsNeedCharge", "not JSON".to_owned())),
    };
    Ok(ChargeRecord {
        origin: doc.origin.clone(),
        path: path.to_owned(),
        biz_token: biz_token.map(str::to_owned),
        rule_id: rule_id.to_owned(),
        day: at.date_naive(),
        at,
        seq,
        code,
        charged,
        raw,
    })
}

/// A 13-digit millisecond Unix timestamp, in China Standard Time.
fn millis(text: &str) -> Result<DateTime<FixedOffset>, String> {
    if text.len() != 13 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{} is not a 13-digit millisecond Unix timestamp (e.g. 1790816400000 for 2026-10-01T09:00:00+08:00)",
            shown(text)
        ));
    }
    let ms: i64 = text
        .parse()
        .map_err(|_| format!("{} is not a number", shown(text)))?;
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&CST))
        .ok_or_else(|| format!("{} is out of the range of times", shown(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSONAL: [&str; 3] = ["1101**********1234", "*三", "4401********5678"];

    fn page(details: &str) -> String {
        format!(
            r#"{{"Response": {{"HasNextPage": false, "NextCursor": 0, "WeChatBillDetails": [{{"BizToken": "T1", "RuleId": "1", "ChargeCount": 2, "ChargeDetails": [{details}]}}], "RequestId": "r"}}}}"#
        )
    }

    fn detail(time: &str, seq: &str, code: &str, charged: &str) -> String {
        format!(
            r#"{{"ReqTime": {time}, "Seq": "{seq}", "IdCard": "1101**********1234", "Idcard": "4401********5678", "Name": "*三", "Sim": "90.00", "IsNeedCharge": {charged}, "ChargeType": "核身", "ErrorCode": {code}, "ErrorMessage": "x"}}"#
        )
    }

    fn read(text: &str) -> Vec<Result<ChargeRecord, InputError>> {
        BillDetailReader::new("p.json", text.as_bytes()).collect()
    }

    #[test]
    fn every_charge_detail_is_a_call() {
        let text = page(&format!(
            "{},{}",
            detail("\"1790816400000\"", "s1", "\"0\"", "true"),
            detail("1790816460000", "s2", "2010", "\"false\"")
        ));
        let calls: Vec<ChargeRecord> = read(&text).into_iter().map(Result::unwrap).collect();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[1].path, "WeChatBillDetails[0].ChargeDetails[1]");
        assert_eq!(calls[1].code, "2010");
        assert_eq!(calls[1].charged, Some(false));
        assert_eq!(calls[1].at.to_rfc3339(), "2026-10-01T09:01:00+08:00");
        assert_eq!(calls[0].biz_token.as_deref(), Some("T1"));
        for call in &calls {
            let raw = String::from_utf8_lossy(&call.raw);
            assert!(PERSONAL.iter().all(|p| !raw.contains(p)), "{raw}");
        }
    }

    #[test]
    fn the_body_alone_and_json_lines_are_read() {
        let body = r#"{"WeChatBillDetails": [{"RuleId": 7, "ChargeDetails": [{"ReqTime": 1790816400000, "ErrorCode": 0}]}]}"#;
        let text = format!("{body}\n{body}\n");
        let calls: Vec<ChargeRecord> = read(&text).into_iter().map(Result::unwrap).collect();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[1].origin.line, 2);
        assert_eq!(calls[0].rule_id, "7");
        assert_eq!(calls[0].seq, None);
    }

    #[test]
    fn bad_details_are_rejected_one_by_one_without_personal_data() {
        let text = page(&format!(
            "{},{},{}",
            detail("\"17908164\"", "s1", "\"0\"", "true"),
            detail("\"1790816400000\"", "s2", "\"0\"", "1"),
            detail("\"1790816400000\"", "s3", "null", "true"),
        ));
        let results = read(&text);
        let errors: Vec<String> = results
            .iter()
            .map(|r| r.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(
            errors,
            [
                "p.json:1: field `ReqTime`: WeChatBillDetails[0].ChargeDetails[0]: \"17908164\" is not a 13-digit millisecond Unix timestamp (e.g. 1790816400000 for 2026-10-01T09:00:00+08:00)",
                "p.json:1: field `IsNeedCharge`: WeChatBillDetails[0].ChargeDetails[1]: expected true or false, found a number",
                "p.json:1: field `ErrorCode`: WeChatBillDetails[0].ChargeDetails[2]: missing or empty (expected the comparison's result code, e.g. 0)",
            ]
        );
        for r in &results {
            let e = r.as_ref().unwrap_err();
            let all = format!("{e} {}", e.raw_text());
            assert!(PERSONAL.iter().all(|p| !all.contains(p)), "{all}");
        }
    }

    #[test]
    fn responses_that_are_not_pages_are_one_reject_each() {
        let text = "{\"Response\": {\"Error\": {\"Code\": \"AuthFailure\", \"Message\": \"no\"}, \"RequestId\": \"r\"}}\n[1]\n{\"Response\": {\"WeChatBillDetails\": 5}}\n";
        let errors: Vec<String> = read(text)
            .iter()
            .map(|r| r.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("p.json:1: field `Error`: the response is an error, not a page of details: \"AuthFailure\""), "{}", errors[0]);
        assert!(
            errors[1].starts_with(
                "p.json:2: not a GetWeChatBillDetails response: the document is not an object"
            ),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].contains("`WeChatBillDetails` is not an array"),
            "{}",
            errors[2]
        );
    }

    #[test]
    fn an_array_of_responses_is_read_as_its_pages() {
        let one = page(&detail("\"1790816400000\"", "s1", "\"0\"", "true"));
        let two = page(&detail("\"1790816460000\"", "s2", "\"0\"", "true"));
        let calls: Vec<ChargeRecord> = read(&format!("[{one}, {two}]"))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let seqs: Vec<_> = calls.iter().map(|c| c.seq.as_deref().unwrap()).collect();
        assert_eq!(seqs, ["s1", "s2"]);
    }

    #[test]
    fn rules_from_options_and_files() {
        let mut rules = Rules::new();
        rules.insert_option("1=微信小程序,权威库").unwrap();
        rules
            .insert_option("2 = 微信原生 H5 , 上传照片 , 1250000001")
            .unwrap();
        let two = rules.get("2").unwrap();
        assert_eq!(
            (
                two.channel.as_str(),
                two.source.as_deref(),
                two.account.as_str()
            ),
            ("微信原生 H5", Some("上传照片"), "1250000001")
        );
        let e = rules.insert_option("1=微信小程序,权威库").unwrap_err();
        assert!(e.contains("rule \"1\" is given twice"), "{e}");
        let e = rules.insert_option("3=微信小成序,权威库").unwrap_err();
        assert!(e.contains("did you mean \"微信小程序\""), "{e}");
        assert!(rules
            .insert_option("4")
            .unwrap_err()
            .contains("expected RULE_ID=CHANNEL,SOURCE"));
        let file = "rule_id,channel,source,account\n5,微信小程序,权威库,a\n6,微信小程序,公安库,\n";
        let e = rules.read_file("rules.csv", file.as_bytes()).unwrap_err();
        assert_eq!(e.total, 1);
        assert!(
            e.errors[0]
                .to_string()
                .starts_with("rules.csv:3: field `source`: unknown compare source \"公安库\""),
            "{e}"
        );
        assert!(rules.get("5").is_none(), "a failed file adds nothing");
        rules
            .read_file(
                "rules.csv",
                "rule_id,channel,source\n5,微信小程序,权威库\n".as_bytes(),
            )
            .unwrap();
        assert_eq!(rules.ids().collect::<Vec<_>>(), ["1", "2", "5"]);
    }
}
