//! The comparison on small statements and bills: label lookups through the tables' names
//! and aliases, the account of calls that name none, the months compared.

use super::*;
use crate::call_log::{CallLog, Discard, ReadOptions, Source};
use crate::input::tencent_bill::read_tencent_bill;
use crate::{bill, BillOptions};

const HEADER: &str = "产品名称,子产品名称,使用者UIN,开始使用时间,组件类型,组件名称,组件刊例价,组件用量,组件原价,优惠后总价\n";

fn statements(log: &str) -> (Statements, Editions) {
    statements_of(Edition::Monthly, log)
}

fn statements_of(edition: Edition, log: &str) -> (Statements, Editions) {
    let editions = Editions::all(edition);
    let usage = CallLog::new(&editions, ReadOptions::default())
        .read([Source::calls("calls.csv", log.as_bytes())], &mut Discard)
        .unwrap();
    let statements = bill(&usage, &editions, &[], &BillOptions::default()).unwrap();
    (statements, editions)
}

fn compare(
    log: &str,
    rows: &str,
    unnamed: Option<&str>,
    months: Option<(Month, Month)>,
) -> Reconciliation {
    let (statements, editions) = statements(log);
    let tencent = read_tencent_bill("bill.csv", format!("{HEADER}{rows}").as_bytes()).unwrap();
    let options = ReconcileOptions {
        editions: &editions,
        unnamed_account: unnamed.map(str::to_owned),
        months,
    };
    reconcile(&statements, &tencent, Vec::new(), &options).unwrap()
}

fn verdicts(r: &Reconciliation) -> Vec<(String, &'static str, &str)> {
    r.lines
        .iter()
        .map(|l| (l.label.clone(), l.kind.name(), l.verdict.name()))
        .collect()
}

const APP_LOG: &str = "time,account,channel,source,code\n\
    2026-10-01T09:00:00+08:00,a,增强版 App SDK,权威库,0\n\
    2026-10-02T09:00:00+08:00,a,银行卡三要素,,0\n";

#[test]
fn tencents_spellings_resolve_through_the_tables_names_and_aliases() {
    // The price document's `-APP` with ASCII parentheses is an alias; a label named only in
    // the sub-product, after the product's name, is found there.
    let rows = "人脸核身,人脸核身-增强版人脸核身(权威库)-APP,a,2026-10-01 00:00:00,调用量,增强版人脸核身(权威库)-APP,1.20,1,1.20,1.20\n\
        人脸核身,人脸核身-银行卡信息核验,a,2026-10-01 00:00:00,调用量,调用次数,0.40,1,0.40,0.40\n";
    let r = compare(APP_LOG, rows, None, None);
    assert_eq!(
        verdicts(&r),
        [
            (
                "增强版人脸核身（权威库）-App".to_owned(),
                "postpaid",
                "match"
            ),
            ("银行卡信息核验".to_owned(), "postpaid", "match"),
        ]
    );
    assert!(r.all_match());
    assert_eq!(r.lines[0].edition, Some(Edition::Monthly));
    assert_eq!(r.lines[0].tencent_rows, ["bill.csv:2"]);
}

#[test]
fn calls_naming_no_account_are_the_only_account_of_the_bill_or_the_one_given() {
    let log = "time,channel,code\n2026-10-02T09:00:00+08:00,银行卡三要素,0\n";
    let row = |owner: &str| {
        format!("人脸核身,,{owner},2026-10-01 00:00:00,调用量,银行卡信息核验,0.40,1,0.40,0.40\n")
    };
    let one = compare(log, &row("1250000007"), None, None);
    assert!(one.all_match(), "{:?}", one.lines);
    assert_eq!(one.unnamed_account.as_deref(), Some("1250000007"));
    // Two accounts in the bill: which one the calls are is not guessed.
    let two = compare(log, &(row("1250000007") + &row("1250000008")), None, None);
    assert!(!two.all_match());
    assert_eq!(two.unnamed_account, None);
    let given = compare(
        log,
        &(row("1250000007") + &row("1250000008")),
        Some("1250000008"),
        None,
    );
    let matched: Vec<&str> = given
        .lines
        .iter()
        .filter(|l| l.verdict == Verdict::Match)
        .map(|l| l.account.as_str())
        .collect();
    assert_eq!(matched, ["1250000008"]);
}

#[test]
fn rows_outside_the_months_compared_are_left_out_and_counted() {
    let rows = "人脸核身,,a,2026-09-01 00:00:00,调用量,银行卡信息核验,0.40,5,2.00,2.00\n\
        人脸核身,,a,2026-10-01 00:00:00,调用量,银行卡信息核验,0.40,1,0.40,0.40\n";
    let october = Month::new(2026, 10).unwrap();
    let bank = "time,account,channel,code\n2026-10-02T09:00:00+08:00,a,银行卡三要素,0\n";
    let only = compare(bank, rows, None, Some((october, october)));
    assert_eq!(only.outside_months, 1);
    assert_eq!(
        verdicts(&only),
        [("银行卡信息核验".to_owned(), "postpaid", "match")]
    );
    let all = compare(APP_LOG, rows, None, None);
    assert_eq!(all.outside_months, 0);
    let september = all
        .lines
        .iter()
        .find(|l| l.period == Period::Month(Month::new(2026, 9).unwrap()))
        .unwrap();
    assert_eq!(
        (
            september.verdict,
            september.calls_difference,
            september.ours
        ),
        (Verdict::CallsDiffer, 5, None)
    );
}

#[test]
fn a_label_of_the_wrong_kind_is_unknown_and_amounts_compare_to_the_fen() {
    // A pack deduction (a zero-cost row) of a name that is no prepaid label, and a
    // postpaid row one fen off.
    let rows = "人脸核身,,a,2026-10-01 00:00:00,调用量,调用次数,1.20,1,0,0\n\
        人脸核身,,a,2026-10-01 00:00:00,调用量,银行卡信息核验,0.40,1,0.41,0.41\n";
    let r = compare(APP_LOG, rows, None, None);
    let by_label: Vec<(String, &str)> = r
        .lines
        .iter()
        .map(|l| (l.label.clone(), l.verdict.name()))
        .collect();
    assert!(
        by_label.contains(&("调用次数".to_owned(), "label unknown to the table")),
        "{by_label:?}"
    );
    assert!(
        by_label.contains(&("银行卡信息核验".to_owned(), "price differs")),
        "{by_label:?}"
    );
    let price = r
        .lines
        .iter()
        .find(|l| l.verdict == Verdict::PriceDiffers)
        .unwrap();
    assert_eq!(price.amount_difference, Money::from_fen(1));
    assert_eq!(
        (
            r.summary.label_unknown,
            r.summary.price_differs,
            r.summary.calls_differ
        ),
        (1, 1, 1)
    );
}

#[test]
fn tencents_daily_bills_are_summed_by_month_as_the_statements_are() {
    let log = "time,account,channel,code\n\
        2026-10-01T09:00:00+08:00,a,银行卡三要素,0\n\
        2026-10-02T09:00:00+08:00,a,银行卡三要素,0\n\
        2026-10-02T10:00:00+08:00,a,银行卡三要素,0\n";
    let (statements, editions) = statements_of(Edition::Daily, log);
    let rows = "人脸核身,,a,2026-10-01 00:00:00,调用量,银行卡信息核验,0.40,1,0.40,0.40\n\
        人脸核身,,a,2026-10-02 00:00:00,调用量,银行卡信息核验,0.40,2,0.80,0.80\n";
    let tencent = read_tencent_bill("bill.csv", format!("{HEADER}{rows}").as_bytes()).unwrap();
    let options = ReconcileOptions {
        editions: &editions,
        unnamed_account: None,
        months: None,
    };
    let r = reconcile(&statements, &tencent, Vec::new(), &options).unwrap();
    assert!(r.all_match(), "{:?}", r.lines);
    assert_eq!(r.lines.len(), 1);
    assert_eq!(r.lines[0].tencent_rows, ["bill.csv:2", "bill.csv:3"]);
    assert_eq!(
        r.lines[0].tencent,
        Some(Side {
            calls: 3,
            amount: Money::from_fen(120)
        })
    );
}
