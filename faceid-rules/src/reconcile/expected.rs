//! Statements written as Tencent's detail bill: what Tencent's bill should say when it
//! agrees with the table, row by row — a postpaid row per postpaid label, a zero-cost row
//! per prepaid label whose packs covered calls, a 包年包月 row per pack bought.

use std::sync::Arc;

use chrono::NaiveTime;

use crate::bill::Statements;
use crate::input::tencent_bill::BillLine;
use crate::money::Money;
use crate::records::Origin;

/// The product name Tencent's bill gives Face ID rows.
const PRODUCT: &str = "人脸核身";

/// `statements` as the rows of Tencent's detail bill ([`BillLine`]s), which
/// [`crate::input::tencent_bill::write_json`] and
/// [`write_csv`](crate::input::tencent_bill::write_csv) write out. Reconciling the
/// statements with them matches on every line.
pub fn expected_bill(statements: &Statements) -> Vec<BillLine> {
    let origin = Origin {
        file: Arc::from("expected"),
        line: 0,
    };
    let mut out = Vec::new();
    for statement in &statements.accounts {
        for month in &statement.months {
            let begin = month.month.first_day().and_time(NaiveTime::MIN);
            let end = month
                .month
                .last_day()
                .and_hms_opt(23, 59, 59)
                .unwrap_or(begin);
            let row =
                |pay_mode: &str, item: &str, used: u64, amount: Money, unit: Option<Money>| {
                    BillLine {
                        origin: origin.clone(),
                        path: None,
                        product: PRODUCT.to_owned(),
                        sub_product: format!("{PRODUCT}-{item}"),
                        pay_mode: pay_mode.to_owned(),
                        action_type: if pay_mode == "包年包月" {
                            "包年包月新购"
                        } else {
                            "按量计费月结"
                        }
                        .to_owned(),
                        owner: statement.account.clone(),
                        fee_begin: begin,
                        fee_end: Some(end),
                        pay_time: None,
                        component_type: "调用量".to_owned(),
                        item: item.to_owned(),
                        single_price: unit,
                        used,
                        deducted: None,
                        cost: Some(amount),
                        real_cost: amount,
                        voucher: Some(Money::ZERO),
                        cash: Some(amount),
                    }
                };
            for line in month
                .lines
                .iter()
                .filter(|l| l.postpaid > 0 || l.amount != Money::ZERO)
            {
                out.push(row(
                    "按量计费",
                    line.postpaid_label,
                    line.postpaid,
                    line.amount,
                    line.unit_price,
                ));
            }
            let covered = super::covered_by_label(month);
            for (label, calls) in covered.into_iter().filter(|(_, c)| *c > 0) {
                out.push(row("按量计费", label, calls, Money::ZERO, None));
            }
            for pack in &month.packs_bought {
                out.push(row("包年包月", pack.label, 1, pack.price, None));
            }
        }
    }
    out
}
