//! Tencent Billing Center's detail bill (明细账单) for Face ID: the JSON of the Billing API
//! `DescribeBillDetail` (billing 2018-07-09), or the console's CSV download of the same
//! bill.
//!
//! The bill has one row per resource, period and billing item (a *component*); each row is
//! a [`BillLine`]. The fields read, with their CSV column names (the names the billing
//! SDK's model documentation gives each field, `BillDetail` and `BillDetailComponent`;
//! a CSV may also name a column by the API field itself):
//!
//! | field | CSV column | required | read as |
//! |---|---|---|---|
//! | `BusinessCodeName` | 产品名称 | yes | the product: rows of other products than 人脸核身 are counted and skipped |
//! | `BusinessCode` | — | no | `p_faceid` marks a Face ID row too |
//! | `ProductCodeName` | 子产品名称 | no | a place the billing label may be named |
//! | `PayModeName` | 计费模式 | no | 包年包月 / 预付费: a pack bought, not calls |
//! | `ActionTypeName` | 交易类型 | no | shown |
//! | `OwnerUin` | 使用者UIN | yes | the account |
//! | `PayTime` | 扣费时间 | no | shown |
//! | `FeeBeginTime` | 开始使用时间 | yes | the period: its month (or day, under daily settlement) in China Standard Time |
//! | `FeeEndTime` | 结束使用时间 | no | shown |
//! | `ComponentCodeName` | 组件类型 | no | a place the billing label may be named |
//! | `ItemCodeName` | 组件名称 | yes | the billing label (looked up in the tables, with their aliases) |
//! | `SinglePrice` | 组件刊例价 | no | the list unit price |
//! | `UsedAmount` | 组件用量 | yes | calls (after packs) |
//! | `DeductedMeasure` | 抵扣用量/时长（含资源包） | no | calls covered by packs |
//! | `Cost` | 组件原价 (or 原价) | no | the amount at list price |
//! | `RealCost` | 优惠后总价 | yes | the amount charged, after discounts |
//! | `VoucherPayAmount` | 优惠券支出 (or 代金券支出) | no | shown |
//! | `CashPayAmount` | 现金账户支出 (or 现金支出) | no | shown |
//!
//! CSV column names are compared ignoring spaces, ASCII case, full-width parentheses and a
//! unit suffix `（元）`; columns not listed are ignored. A CSV without the required columns
//! is rejected, naming the columns expected and those found. The JSON is the response as
//! returned (`{"Response": {"DetailSet": [...]}}`) or its body alone (as `tccli` prints
//! it), one or several per file (pages, in any order).
//!
//! Amounts are exact: a decimal of yuan, trailing zeros past the fen allowed
//! (`246.00000000`), a fraction of a fen an error (the Face ID bill is in whole fen). `-`
//! or an empty cell is no value.

use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

use super::json::Documents;
use super::{ErrorKind, InputError, InputErrors, Limits, Records};
use crate::calendar::parse_date_or_timestamp;
use crate::money::Money;
use crate::names::normalise;
use crate::records::Origin;

/// One billing item of one row of Tencent's detail bill.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BillLine {
    /// Where it is: the CSV row, or the line the JSON response starts on.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::origin"))]
    pub origin: Origin,
    /// In a JSON response, where: `DetailSet[3].ComponentSet[0]`.
    pub path: Option<String>,
    /// `BusinessCodeName`, 产品名称.
    pub product: String,
    /// `ProductCodeName`, 子产品名称.
    pub sub_product: String,
    /// `PayModeName`, 计费模式.
    pub pay_mode: String,
    /// `ActionTypeName`, 交易类型.
    pub action_type: String,
    /// `OwnerUin`, 使用者UIN: the account.
    pub owner: String,
    /// `FeeBeginTime`, 开始使用时间, China Standard Time.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::time"))]
    pub fee_begin: NaiveDateTime,
    /// `FeeEndTime`, 结束使用时间.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::opt_time"))]
    pub fee_end: Option<NaiveDateTime>,
    /// `PayTime`, 扣费时间.
    #[cfg_attr(feature = "serde", serde(serialize_with = "ser::opt_time"))]
    pub pay_time: Option<NaiveDateTime>,
    /// `ComponentCodeName`, 组件类型.
    pub component_type: String,
    /// `ItemCodeName`, 组件名称.
    pub item: String,
    /// `SinglePrice`, 组件刊例价.
    pub single_price: Option<Money>,
    /// `UsedAmount`, 组件用量.
    pub used: u64,
    /// `DeductedMeasure`: calls covered by packs.
    pub deducted: Option<u64>,
    /// `Cost`, 组件原价.
    pub cost: Option<Money>,
    /// `RealCost`, 优惠后总价.
    pub real_cost: Money,
    /// `VoucherPayAmount`.
    pub voucher: Option<Money>,
    /// `CashPayAmount`.
    pub cash: Option<Money>,
}

impl BillLine {
    /// Whether the row is one of Face ID (人脸核身).
    pub fn is_face_id(&self, business_code: Option<&str>) -> bool {
        normalise(&self.product).contains("人脸核身") || business_code == Some("p_faceid")
    }

    /// Where it is, for messages: `bill.csv:7` or `bill.json:1 DetailSet[3].ComponentSet[0]`.
    pub fn place(&self) -> String {
        match &self.path {
            Some(p) => format!("{} {p}", self.origin),
            None => self.origin.to_string(),
        }
    }
}

/// The Face ID rows of a detail bill, and how many rows of other products were skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TencentBill {
    /// The Face ID rows, in file order.
    pub lines: Vec<BillLine>,
    /// Rows of other products, skipped.
    pub other_products: u64,
}

impl TencentBill {
    /// Adds what `other` holds.
    pub fn extend(&mut self, other: TencentBill) {
        self.lines.extend(other.lines);
        self.other_products += other.other_products;
    }
}

/// One column of the CSV: the field, its column names (the first is the console's), and
/// whether it is required.
struct CsvColumn {
    field: &'static str,
    names: &'static [&'static str],
    required: bool,
}

const COLUMNS: [CsvColumn; 17] = [
    CsvColumn {
        field: "BusinessCodeName",
        names: &["产品名称"],
        required: true,
    },
    CsvColumn {
        field: "ProductCodeName",
        names: &["子产品名称"],
        required: false,
    },
    CsvColumn {
        field: "PayModeName",
        names: &["计费模式"],
        required: false,
    },
    CsvColumn {
        field: "ActionTypeName",
        names: &["交易类型"],
        required: false,
    },
    CsvColumn {
        field: "OwnerUin",
        names: &["使用者UIN"],
        required: true,
    },
    CsvColumn {
        field: "PayTime",
        names: &["扣费时间"],
        required: false,
    },
    CsvColumn {
        field: "FeeBeginTime",
        names: &["开始使用时间"],
        required: true,
    },
    CsvColumn {
        field: "FeeEndTime",
        names: &["结束使用时间"],
        required: false,
    },
    CsvColumn {
        field: "ComponentCodeName",
        names: &["组件类型"],
        required: false,
    },
    CsvColumn {
        field: "ItemCodeName",
        names: &["组件名称"],
        required: true,
    },
    CsvColumn {
        field: "SinglePrice",
        names: &["组件刊例价"],
        required: false,
    },
    CsvColumn {
        field: "UsedAmount",
        names: &["组件用量"],
        required: true,
    },
    CsvColumn {
        field: "DeductedMeasure",
        names: &["抵扣用量/时长（含资源包）"],
        required: false,
    },
    CsvColumn {
        field: "Cost",
        names: &["组件原价", "原价"],
        required: false,
    },
    CsvColumn {
        field: "RealCost",
        names: &["优惠后总价"],
        required: true,
    },
    CsvColumn {
        field: "VoucherPayAmount",
        names: &["优惠券支出", "代金券支出"],
        required: false,
    },
    CsvColumn {
        field: "CashPayAmount",
        names: &["现金账户支出", "现金支出"],
        required: false,
    },
];

/// A column name in comparison form: spaces, ASCII case and full-width forms folded (as
/// names are compared), and a unit suffix `(元)` dropped.
fn column_key(name: &str) -> String {
    let key = normalise(name).into_owned();
    key.strip_suffix("(元)").map_or(key.clone(), str::to_owned)
}

/// Reads a detail bill named `file` (for messages): JSON when its first character is `{`
/// or `[`, else CSV. Every bad row is reported; any fails the file.
pub fn read_tencent_bill(file: &str, reader: impl Read) -> Result<TencentBill, InputErrors> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let json = reader.fill_buf().is_ok_and(|buf| {
        let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
        matches!(
            buf.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[')
        )
    });
    if json {
        read_json(file, reader)
    } else {
        read_csv(file, reader)
    }
}

/// The values of one row, by API field name.
trait Row {
    fn get(&self, field: &'static str) -> Result<Option<String>, InputError>;
    fn error(&self, field: &'static str, message: String) -> InputError;
}

fn parse_line(row: &dyn Row, origin: Origin, path: Option<String>) -> Result<BillLine, InputError> {
    let text = |field| row.get(field).map(Option::unwrap_or_default);
    let required = |field: &'static str, what: &str| -> Result<String, InputError> {
        match row.get(field)? {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(row.error(field, format!("empty (expected {what})"))),
        }
    };
    let time = |field: &'static str, v: &str| {
        parse_date_or_timestamp(v).map_err(|e| row.error(field, e.to_string()))
    };
    let opt_time = |field: &'static str| -> Result<Option<NaiveDateTime>, InputError> {
        match row.get(field)?.filter(|v| !v.is_empty() && v != "-") {
            Some(v) => time(field, &v).map(Some),
            None => Ok(None),
        }
    };
    let amount = |field: &'static str| -> Result<Option<Money>, InputError> {
        parse_amount(&text(field)?).map_err(|e| row.error(field, e))
    };
    let count = |field: &'static str| -> Result<Option<u64>, InputError> {
        parse_count(&text(field)?).map_err(|e| row.error(field, e))
    };
    let begin = required(
        "FeeBeginTime",
        "the time the usage began, e.g. 2026-10-01 00:00:00",
    )?;
    Ok(BillLine {
        product: required("BusinessCodeName", "the product, e.g. 人脸核身")?,
        sub_product: text("ProductCodeName")?,
        pay_mode: text("PayModeName")?,
        action_type: text("ActionTypeName")?,
        owner: required("OwnerUin", "the account (使用者UIN)")?,
        fee_begin: time("FeeBeginTime", &begin)?,
        fee_end: opt_time("FeeEndTime")?,
        pay_time: opt_time("PayTime")?,
        component_type: text("ComponentCodeName")?,
        item: required("ItemCodeName", "the billing item, e.g. 活体人脸核身")?,
        single_price: amount("SinglePrice")?,
        used: count("UsedAmount")?.ok_or_else(|| {
            row.error("UsedAmount", "empty (expected the calls billed)".to_owned())
        })?,
        deducted: count("DeductedMeasure")?,
        cost: amount("Cost")?,
        real_cost: amount("RealCost")?.ok_or_else(|| {
            row.error(
                "RealCost",
                "empty (expected the amount charged, e.g. 246.00)".to_owned(),
            )
        })?,
        voucher: amount("VoucherPayAmount")?,
        cash: amount("CashPayAmount")?,
        origin,
        path,
    })
}

/// An amount of yuan as the bill writes it: `246.00`, `246.00000000`, `-1.50`; `None` for
/// `-` or nothing. Exact: digits past the fen must be zeros.
pub fn parse_amount(text: &str) -> Result<Option<Money>, String> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (fen, below) = frac.split_at(frac.len().min(2));
    if !below.bytes().all(|b| b == b'0') {
        return Err(format!(
            "{t:?} has a fraction of a fen; amounts are compared exactly, in fen"
        ));
    }
    let money: Money = format!("{whole}.{fen:0<2}")
        .parse()
        .map_err(|e| format!("{t:?} is not an amount: {e}"))?;
    Ok(Some(if negative {
        Money::ZERO
            .checked_sub(money)
            .ok_or_else(|| format!("{t:?} is too large"))?
    } else {
        money
    }))
}

/// A count of calls: `246`, `246.000`; `None` for `-` or nothing.
fn parse_count(text: &str) -> Result<Option<u64>, String> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if !frac.bytes().all(|b| b == b'0')
        || whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!("{t:?} is not a whole number of calls"));
    }
    whole
        .parse()
        .map(Some)
        .map_err(|_| format!("{t:?} is too large"))
}

struct CsvRow<'a, 'r> {
    record: &'a super::Record<'r>,
    positions: &'a [Option<usize>],
}

impl Row for CsvRow<'_, '_> {
    fn get(&self, field: &'static str) -> Result<Option<String>, InputError> {
        let i = COLUMNS.iter().position(|c| c.field == field);
        Ok(i.and_then(|i| self.positions[i])
            .map(|p| self.record.get(p).to_owned()))
    }

    fn error(&self, field: &'static str, message: String) -> InputError {
        let name = COLUMNS
            .iter()
            .find(|c| c.field == field)
            .map_or(field, |c| c.names[0]);
        self.record.error(Some(name), message)
    }
}

fn read_csv(file: &str, reader: impl Read) -> Result<TencentBill, InputErrors> {
    let mut records = Records::new(file, reader, Limits::default());
    let header: Vec<String> = match records.next_record(&[]) {
        None => return Err(layout_error(file, 1, &[]).into()),
        Some(Err(mut e)) => {
            e.kind = ErrorKind::Header;
            if e.message.contains("UTF-8") {
                e.message += &format!(
                    "; a spreadsheet may have saved it as GBK: convert it with `iconv -f GBK -t UTF-8 {file}`"
                );
            }
            return Err(e.into());
        }
        Some(Ok(r)) => (0..r.len()).map(|i| r.get(i).to_owned()).collect(),
    };
    let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
    let positions: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| {
            c.names
                .iter()
                .chain(std::iter::once(&c.field))
                .find_map(|name| keys.iter().position(|k| *k == column_key(name)))
        })
        .collect();
    if COLUMNS
        .iter()
        .zip(&positions)
        .any(|(c, p)| c.required && p.is_none())
    {
        return Err(layout_error(file, 1, &header).into());
    }
    let names: Vec<Option<&'static str>> = (0..header.len())
        .map(|i| {
            COLUMNS
                .iter()
                .zip(&positions)
                .find(|(_, p)| **p == Some(i))
                .map(|(c, _)| c.names[0])
        })
        .collect();
    let mut bill = TencentBill::default();
    let mut errors = InputErrors::new();
    while let Some(record) = records.next_record(&names) {
        let line = record.and_then(|record| {
            if record.len() != header.len() {
                return Err(record.error(
                    None,
                    format!(
                        "this line has {} fields but the header has {}",
                        record.len(),
                        header.len()
                    ),
                ));
            }
            let row = CsvRow {
                record: &record,
                positions: &positions,
            };
            parse_line(&row, record.origin(), None)
        });
        match line {
            Ok(line) if line.is_face_id(None) => bill.lines.push(line),
            Ok(_) => bill.other_products += 1,
            Err(e) => {
                let fatal = !e.is_record();
                errors.push(e);
                if fatal {
                    break;
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(bill)
    } else {
        Err(errors)
    }
}

/// The error for a CSV that is not a detail bill: the columns expected and those found.
fn layout_error(file: &str, line: u64, found: &[String]) -> InputError {
    let expected: Vec<String> = COLUMNS
        .iter()
        .filter(|c| c.required)
        .map(|c| format!("{} ({})", c.names[0], c.field))
        .collect();
    let found = if found.iter().all(String::is_empty) {
        "none".to_owned()
    } else {
        found.join(", ")
    };
    InputError {
        origin: Origin { file: file.into(), line },
        field: None,
        message: format!(
            "not a Tencent detail bill (明细账单) of a layout faceid-rules reads: expected the columns {} (columns found: {found}); download the detail bill (账单明细) as CSV, or save the DescribeBillDetail response as JSON",
            expected.join(", ")
        ),
        raw: Vec::new(),
        raw_truncated: false,
        kind: ErrorKind::Header,
    }
}

struct JsonRow<'a> {
    detail: &'a Map<String, Value>,
    component: &'a Map<String, Value>,
    origin: &'a Origin,
    path: &'a str,
}

impl Row for JsonRow<'_> {
    fn get(&self, field: &'static str) -> Result<Option<String>, InputError> {
        let value = self.component.get(field).or_else(|| self.detail.get(field));
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(self.error(field, "expected a string".to_owned())),
        }
    }

    fn error(&self, field: &'static str, message: String) -> InputError {
        InputError {
            origin: self.origin.clone(),
            field: Some(field),
            message: format!("{}: {message}", self.path),
            raw: Vec::new(),
            raw_truncated: false,
            kind: ErrorKind::Record,
        }
    }
}

fn read_json(file: &str, reader: impl Read) -> Result<TencentBill, InputErrors> {
    let mut bill = TencentBill::default();
    let mut errors = InputErrors::new();
    let file: Arc<str> = file.into();
    for document in Documents::new(Arc::clone(&file), reader) {
        let document = match document {
            Ok(d) => d,
            Err(e) => {
                errors.push(e);
                break;
            }
        };
        let origin = document.origin.clone();
        let fail = |message: String| InputError {
            origin: origin.clone(),
            field: None,
            message,
            raw: Vec::new(),
            raw_truncated: false,
            kind: ErrorKind::Record,
        };
        let value: Value = match serde_json::from_str(document.raw.get()) {
            Ok(v) => v,
            Err(e) => {
                errors.push(fail(format!("not JSON: {e}")));
                continue;
            }
        };
        let body = value.get("Response").unwrap_or(&value);
        if let Some(error) = body.get("Error") {
            let field = |name| error.get(name).and_then(Value::as_str).unwrap_or("");
            errors.push(fail(format!(
                "the response is an error, not a page of the bill: {:?}: {:?}",
                field("Code"),
                field("Message")
            )));
            continue;
        }
        let details = match body.get("DetailSet").or(if value.is_array() {
            Some(&value)
        } else {
            None
        }) {
            Some(Value::Array(d)) => d,
            _ => {
                errors.push(fail(
                    "not a DescribeBillDetail response: no `DetailSet` array (expected {\"Response\": {\"DetailSet\": [...]}})".to_owned(),
                ));
                continue;
            }
        };
        for (i, detail) in details.iter().enumerate() {
            let Some(detail) = detail.as_object() else {
                errors.push(fail(format!(
                    "DetailSet[{i}]: not an object (expected a BillDetail)"
                )));
                continue;
            };
            let business_code = detail.get("BusinessCode").and_then(Value::as_str);
            let components = match detail.get("ComponentSet") {
                Some(Value::Array(c)) => c.as_slice(),
                None | Some(Value::Null) => &[],
                Some(_) => {
                    errors.push(fail(format!(
                        "DetailSet[{i}]: `ComponentSet` is not an array"
                    )));
                    continue;
                }
            };
            for (j, component) in components.iter().enumerate() {
                let path = format!("DetailSet[{i}].ComponentSet[{j}]");
                let Some(component) = component.as_object() else {
                    errors.push(fail(format!(
                        "{path}: not an object (expected a BillDetailComponent)"
                    )));
                    continue;
                };
                let row = JsonRow {
                    detail,
                    component,
                    origin: &origin,
                    path: &path,
                };
                match parse_line(&row, origin.clone(), Some(path.clone())) {
                    Ok(line) if line.is_face_id(business_code) => bill.lines.push(line),
                    Ok(_) => bill.other_products += 1,
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(bill)
    } else {
        Err(errors)
    }
}

fn write_time(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn opt_money(m: Option<Money>) -> String {
    m.map_or_else(|| "-".to_owned(), |m| m.to_string())
}

/// The lines as a `DescribeBillDetail` response: one `BillDetail` per line, with one
/// component. [`read_tencent_bill`] reads it back.
pub fn write_json(lines: &[BillLine]) -> String {
    let details: Vec<Value> = lines
        .iter()
        .map(|l| {
            serde_json::json!({
                "BusinessCodeName": l.product,
                "ProductCodeName": l.sub_product,
                "PayModeName": l.pay_mode,
                "ActionTypeName": l.action_type,
                "OwnerUin": l.owner,
                "PayerUin": l.owner,
                "PayTime": l.pay_time.as_ref().map_or_else(String::new, write_time),
                "FeeBeginTime": write_time(&l.fee_begin),
                "FeeEndTime": l.fee_end.as_ref().map_or_else(String::new, write_time),
                "ComponentSet": [{
                    "ComponentCodeName": l.component_type,
                    "ItemCodeName": l.item,
                    "SinglePrice": opt_money(l.single_price),
                    "UsedAmount": l.used.to_string(),
                    "DeductedMeasure": l.deducted.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                    "Cost": opt_money(l.cost),
                    "RealCost": l.real_cost.to_string(),
                    "VoucherPayAmount": opt_money(l.voucher),
                    "CashPayAmount": opt_money(l.cash),
                }],
            })
        })
        .collect();
    let response = serde_json::json!({
        "Response": {"DetailSet": details, "Total": lines.len(), "RequestId": "00000000-0000-0000-0000-000000000000"}
    });
    serde_json::to_string_pretty(&response).unwrap_or_default() + "\n"
}

/// The lines as the console's CSV, with its column names. [`read_tencent_bill`] reads it
/// back.
pub fn write_csv(lines: &[BillLine]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COLUMNS.iter().map(|c| c.names[0]));
    for l in lines {
        let row = [
            l.product.clone(),
            l.sub_product.clone(),
            l.pay_mode.clone(),
            l.action_type.clone(),
            l.owner.clone(),
            l.pay_time.as_ref().map_or_else(String::new, write_time),
            write_time(&l.fee_begin),
            l.fee_end.as_ref().map_or_else(String::new, write_time),
            l.component_type.clone(),
            l.item.clone(),
            opt_money(l.single_price),
            l.used.to_string(),
            l.deducted.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            opt_money(l.cost),
            l.real_cost.to_string(),
            opt_money(l.voucher),
            opt_money(l.cash),
        ];
        let _ = w.write_record(row);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

#[cfg(feature = "serde")]
mod ser {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    use crate::records::Origin;

    pub fn origin<S: Serializer>(o: &Origin, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(o)
    }

    pub fn time<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format("%Y-%m-%dT%H:%M:%S+08:00"))
    }

    pub fn opt_time<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => time(t, s),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "产品名称,子产品名称,计费模式,交易类型,使用者UIN,扣费时间,开始使用时间,结束使用时间,组件类型,组件名称,组件刊例价,组件用量,组件原价,折扣率,优惠后总价,优惠券支出,现金账户支出（元）\n\
        人脸核身,人脸核身-活体人脸核身,按量计费,按量计费月结,1250000001,2026-11-02 08:00:00,2026-10-01 00:00:00,2026-10-31 23:59:59,调用量,活体人脸核身,1.00,246,246.00000000,1,246.00,0,246.00\n\
        云服务器CVM,标准型S5,按量计费,按量计费小时结,1250000001,2026-10-02 01:00:00,2026-10-02 00:00:00,2026-10-02 00:59:59,CPU,CPU,0.12,1,0.12,1,0.12,0,0.12\n";

    #[test]
    fn reads_the_console_csv_by_column_name() {
        let bill = read_tencent_bill("bill.csv", CSV.as_bytes()).unwrap();
        assert_eq!(bill.other_products, 1);
        let l = &bill.lines[0];
        assert_eq!(
            (l.owner.as_str(), l.item.as_str(), l.used),
            ("1250000001", "活体人脸核身", 246)
        );
        assert_eq!(l.real_cost, Money::from_fen(24_600));
        assert_eq!(l.cost, Some(Money::from_fen(24_600)));
        assert_eq!(l.cash, Some(Money::from_fen(24_600)));
        assert_eq!(l.fee_begin.to_string(), "2026-10-01 00:00:00");
        assert_eq!(l.origin.to_string(), "bill.csv:2");
    }

    #[test]
    fn an_unknown_layout_names_the_columns_expected() {
        let e =
            read_tencent_bill("bill.csv", "date,amount\n2026-10-01,5\n".as_bytes()).unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("bill.csv:1: not a Tencent detail bill"),
            "{text}"
        );
        assert!(text.contains("产品名称 (BusinessCodeName), 使用者UIN (OwnerUin), 开始使用时间 (FeeBeginTime), 组件名称 (ItemCodeName), 组件用量 (UsedAmount), 优惠后总价 (RealCost)"), "{text}");
        assert!(text.contains("columns found: date, amount"), "{text}");
    }

    #[test]
    fn a_csv_that_is_not_utf8_says_how_to_convert_it() {
        // 产品名称 in GBK.
        let gbk = b"\xb2\xfa\xc6\xb7\xc3\xfb\xb3\xc6,x\n";
        let e = read_tencent_bill("bill.csv", &gbk[..])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("bill.csv:1: column 1: not valid UTF-8"),
            "{e}"
        );
        assert!(
            e.ends_with("convert it with `iconv -f GBK -t UTF-8 bill.csv`"),
            "{e}"
        );
    }

    #[test]
    fn amounts_are_exact_in_fen() {
        assert_eq!(
            parse_amount("246.00000000"),
            Ok(Some(Money::from_fen(24_600)))
        );
        assert_eq!(parse_amount("-1.5"), Ok(Some(Money::from_fen(-150))));
        assert_eq!(parse_amount("-"), Ok(None));
        assert!(parse_amount("5.236")
            .unwrap_err()
            .contains("fraction of a fen"));
        assert!(parse_amount("abc").is_err());
        assert_eq!(parse_count("246.000"), Ok(Some(246)));
        assert!(parse_count("2.5").is_err());
    }

    #[test]
    fn json_and_csv_written_read_back_as_written() {
        let bill = read_tencent_bill("bill.csv", CSV.as_bytes()).unwrap();
        for (name, text) in [
            ("w.json", write_json(&bill.lines)),
            ("w.csv", write_csv(&bill.lines)),
        ] {
            let back = read_tencent_bill(name, text.as_bytes()).unwrap();
            assert_eq!(back.lines.len(), 1, "{name}");
            let (a, b) = (&back.lines[0], &bill.lines[0]);
            assert_eq!(
                (&a.owner, &a.item, a.used, a.real_cost, a.cost, a.fee_begin),
                (&b.owner, &b.item, b.used, b.real_cost, b.cost, b.fee_begin),
                "{name}"
            );
        }
    }

    #[test]
    fn bad_rows_are_all_reported() {
        let text = CSV
            .replace(",246,246.00000000,", ",2.5,246.00000000,")
            .replace("2026-10-02 00:00:00", "yesterday");
        let e = read_tencent_bill("bill.csv", text.as_bytes()).unwrap_err();
        let shown: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("bill.csv:2: field `组件用量`: \"2.5\" is not a whole number"),
            "{}",
            shown[0]
        );
        assert!(
            shown[1].starts_with("bill.csv:3: field `开始使用时间`: \"yesterday\""),
            "{}",
            shown[1]
        );
    }
}
