//! Calls priced with what was in force on their day, against the real tables: one test per
//! dated change, each total worked out by hand from the documents (the arithmetic is in the
//! comments), and the hand-written table's price change within a month.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::testing::{day, Mock, BANK_CHANGE};
use super::*;
use crate::edition::EditionTable;
use crate::money::Money;
use crate::records::{Origin, PackKind, PackRecord};
use crate::table::{BillingTable, Named};
use crate::{daily, legacy, monthly};

const ACCOUNT: &str = "1250000100";

/// Calls: (channel, source, day, count), all with the success code of the channel.
type Calls<'a> = [(&'a str, Option<&'a str>, NaiveDate, u64)];

fn success<T: BillingTable>(channel: &str) -> &'static str {
    let c: T::Channel = channel.parse().unwrap();
    if T::code_family(c).doc_name().contains("API 3.0") {
        "Success"
    } else {
        "0"
    }
}

fn usage<T: BillingTable>(calls: &Calls<'_>) -> AccountUsage<T> {
    let mut u = AccountUsage::<T>::new();
    for &(channel, source, d, n) in calls {
        let code = success::<T>(channel);
        let rated = rate::<T>(channel, source, code, d).unwrap();
        u.add(d, &rated, code, n).unwrap();
    }
    u
}

fn pack(label: &str, size: u64, purchased: NaiveDateTime) -> PackRecord {
    PackRecord {
        id: "p".to_owned(),
        account: ACCOUNT.to_owned(),
        label: label.to_owned(),
        size,
        purchased,
        kind: PackKind::Purchased,
        price: None,
        origin: Origin {
            file: Arc::from("packs.csv"),
            line: 2,
        },
    }
}

fn bill<T: EditionTable>(calls: &Calls<'_>, packs: &[PackRecord]) -> AccountStatement {
    crate::engine::bill_account(
        ACCOUNT,
        &usage::<T>(calls),
        packs,
        &ContractPrices::new(),
        None,
    )
    .unwrap()
}

fn month_of<'a>(s: &'a AccountStatement, text: &str) -> &'a MonthStatement {
    let month: Month = text.parse().unwrap();
    s.months
        .iter()
        .find(|m| m.month == month)
        .unwrap_or_else(|| panic!("no {text} in {s:#?}"))
}

fn line<'a>(m: &'a MonthStatement, label: &str) -> &'a StatementLine {
    m.lines
        .iter()
        .find(|l| l.postpaid_label == label)
        .unwrap_or_else(|| panic!("no line {label} in {m:#?}"))
}

#[test]
fn the_phone_split_reprices_three_factor_calls() {
    // 30,000 calls of 手机号三要素核验 in a month, by an account opened in 2022 (monthly).
    let s = bill::<monthly::Table>(
        &[
            ("手机号三要素核验", None, day(2021, 12, 10), 30_000),
            ("手机号三要素核验", None, day(2022, 5, 10), 30_000),
            ("手机号二要素核验", None, day(2022, 5, 10), 30_000),
        ],
        &[],
    );
    // December 2021: 手机号信息核验, 1万≤调用量<10万 at 0.36 (价格说明（new） @0fee6183):
    // 30,000 × 0.36 = 10,800.
    let december = month_of(&s, "2021-12");
    let l = line(december, "手机号信息核验");
    assert_eq!(l.unit_price, Some(Money::from_fen(36)));
    assert_eq!(december.postpaid_total, Money::from_yuan(10_800));
    // May 2022: （三要素） 1.10 a call (手机号要素核验服务变更说明 @1b16bbcb): 30,000 × 1.10 =
    // 33,000; （二要素） 1万≤调用量<10万 at 0.37 (@a1d496ba): 30,000 × 0.37 = 11,100.
    let may = month_of(&s, "2022-05");
    assert_eq!(
        line(may, "手机号信息核验（三要素）").amount,
        Money::from_yuan(33_000)
    );
    assert_eq!(
        line(may, "手机号信息核验（二要素）").amount,
        Money::from_yuan(11_100)
    );
    assert_eq!(may.postpaid_total, Money::from_yuan(44_100));
}

#[test]
fn old_phone_packs_deduct_first_for_both_new_labels() {
    // A 1万次 pack of 手机号信息核验 bought 2021-12-01 (3,800, 价格说明（new） @0fee6183), then
    // 6,000 二要素 and 6,000 三要素 calls on 2022-01-10: the pack covers 10,000 of them —
    // （二要素） first, in table order — and 2,000 三要素 calls go postpaid at 1.10 = 2,200.
    let purchased = day(2021, 12, 1).and_hms_opt(9, 0, 0).unwrap();
    let s = bill::<monthly::Table>(
        &[
            ("手机号二要素核验", None, day(2022, 1, 10), 6_000),
            ("手机号三要素核验", None, day(2022, 1, 10), 6_000),
        ],
        &[pack("手机号信息核验", 10_000, purchased)],
    );
    assert_eq!(month_of(&s, "2021-12").spend, Money::from_yuan(3_800));
    let january = month_of(&s, "2022-01");
    let two = line(january, "手机号信息核验（二要素）");
    assert_eq!((two.from_packs, two.postpaid), (6_000, 0));
    let three = line(january, "手机号信息核验（三要素）");
    assert_eq!((three.from_packs, three.postpaid), (4_000, 2_000));
    assert_eq!(three.prepaid_label, "手机号信息核验（三要素）");
    assert_eq!(january.postpaid_total, Money::from_yuan(2_200));
    assert_eq!(january.spend, Money::from_yuan(2_200));
}

#[test]
fn three_factor_packs_are_sold_from_ten_on_2022_01_04() {
    let usage = usage::<monthly::Table>(&[("手机号三要素核验", None, day(2022, 1, 5), 500)]);
    let bill_with = |at: NaiveDateTime| {
        crate::engine::bill_account(
            ACCOUNT,
            &usage,
            &[pack("手机号信息核验（三要素）", 1_000, at)],
            &ContractPrices::new(),
            None,
        )
    };
    let early = day(2022, 1, 4).and_hms_opt(9, 59, 0).unwrap();
    let err = bill_with(early).unwrap_err().to_string();
    assert!(err.contains("2022-01-04 09:59"), "{err}");
    // At 10:00 the 1千次 pack costs 1,050 (the announcement's list); the 500 calls of the
    // 5th are covered by it.
    let s = bill_with(day(2022, 1, 4).and_hms_opt(10, 0, 0).unwrap()).unwrap();
    let january = month_of(&s, "2022-01");
    assert_eq!(january.packs_bought[0].price, Money::from_yuan(1_050));
    assert_eq!(line(january, "手机号信息核验（三要素）").postpaid, 0);
    assert_eq!(january.spend, Money::from_yuan(1_050));
}

#[test]
fn daily_settlement_prices_every_call_flat() {
    // 5,000 银行卡三要素 calls in May 2023. Daily (价格说明（日结） @0e629ca4): 0.40 a call,
    // 5,000 × 0.40 = 2,000. Monthly: 1000≤调用量<1万 at 0.38, 5,000 × 0.38 = 1,900.
    let calls = [("银行卡三要素", None, day(2023, 5, 10), 5_000)];
    let daily_s = bill::<daily::Table>(&calls, &[]);
    let monthly_s = bill::<monthly::Table>(&calls, &[]);
    assert_eq!(
        month_of(&daily_s, "2023-05").postpaid_total,
        Money::from_yuan(2_000)
    );
    assert_eq!(
        month_of(&monthly_s, "2023-05").postpaid_total,
        Money::from_yuan(1_900)
    );
    // Daily bills: each day's the next day, so May's from May 2 to June 1.
    let window = month_of(&daily_s, "2023-05").bill_window;
    assert_eq!((window.from, window.to), (day(2023, 5, 2), day(2023, 6, 1)));
    // The carrier variants of 三要素: 100 移动 at 1.3, 100 电信 at 0.7, 100 联通 at 0.7 =
    // 130 + 70 + 70 = 270.
    let s = bill::<daily::Table>(
        &[
            ("PhoneVerificationCMCC", None, day(2023, 5, 10), 100),
            ("PhoneVerificationCTCC", None, day(2023, 5, 10), 100),
            ("PhoneVerificationCUCC", None, day(2023, 5, 10), 100),
        ],
        &[],
    );
    let may = month_of(&s, "2023-05");
    assert_eq!(
        line(may, "手机号信息核验(三要素)-移动").amount,
        Money::from_yuan(130)
    );
    assert_eq!(may.postpaid_total, Money::from_yuan(270));
}

#[test]
fn legacy_wechat_calls_move_to_their_own_labels_on_2021_02_01() {
    // 微信小程序 with the authority source, by a legacy account: 500 calls on 2021-01-31
    // under 活体人脸核身 (0<调用量<1000 at 1.00: 500); 1,500 in February under 微信活体人脸核身
    // (价格说明 @e50aa444, 1000≤调用量<1万 at 1.10: 1,650).
    let s = bill::<legacy::Table>(
        &[
            ("微信小程序", Some("权威库"), day(2021, 1, 31), 500),
            ("微信小程序", Some("权威库"), day(2021, 2, 1), 1_500),
        ],
        &[],
    );
    let january = month_of(&s, "2021-01");
    assert_eq!(line(january, "活体人脸核身").amount, Money::from_yuan(500));
    let february = month_of(&s, "2021-02");
    let l = line(february, "微信活体人脸核身");
    assert_eq!(l.unit_price, Some(Money::from_fen(110)));
    assert_eq!(february.postpaid_total, Money::from_yuan(1_650));
    assert!(february
        .lines
        .iter()
        .all(|l| l.postpaid_label != "活体人脸核身"));
}

#[test]
fn old_liveness_packs_cover_enhanced_wechat_calls_after_the_launch() {
    // A 1万次 pack of 活体人脸核身 bought 2021-05-01, before the enhanced launch; in July
    // 2021, 12,000 WeChat calls go to 增强版人脸核身(权威库)-微信's packs, which the old pack
    // covers (产品变更说明 @ee3f121f: 已购资源包不受影响): 10,000 from it, 2,000 postpaid
    // under 活体人脸核身 at 1000≤调用量<1万, 0.85: 1,700.
    let purchased = day(2021, 5, 1).and_hms_opt(9, 0, 0).unwrap();
    let s = bill::<legacy::Table>(
        &[("微信小程序", Some("权威库"), day(2021, 7, 5), 12_000)],
        &[pack("活体人脸核身", 10_000, purchased)],
    );
    let july = month_of(&s, "2021-07");
    let l = line(july, "活体人脸核身");
    assert_eq!(l.prepaid_label, "增强版人脸核身(权威库)-微信");
    assert_eq!((l.from_packs, l.postpaid), (10_000, 2_000));
    assert_eq!(july.postpaid_total, Money::from_yuan(1_700));
}

#[test]
fn a_channel_is_refused_on_a_day_it_is_not_listed() {
    let err = rate::<monthly::Table>("独立 H5", Some("权威库"), "0", day(2023, 1, 4)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "channel \"独立 H5\" is not in the monthly table on 2023-01-04: it is no longer listed from 2023-01-04"
    );
    assert!(rate::<monthly::Table>("独立 H5", Some("权威库"), "0", day(2023, 1, 3)).is_ok());
    let err =
        rate::<legacy::Table>("增强版 App SDK", Some("权威库"), "0", day(2021, 6, 21)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "channel \"增强版 App SDK\" is not in the legacy table on 2021-06-21: it is listed from 2021-06-22"
    );
}

#[test]
fn a_price_change_within_a_month_keeps_one_tier_for_the_month() {
    // The hand-written table's 银行卡信息核验 costs 0.40 / 0.38 / … until 2030-03-15 and 0.30 /
    // 0.28 from 2030-03-16. 600 calls on the 10th and 600 on the 20th: 1,200 in the month
    // reach 1000≤调用量 in both tables, so 600 × 0.38 + 600 × 0.28 = 228 + 168 = 396.
    let mut u = AccountUsage::<Mock>::new();
    for d in [day(2030, 3, 10), day(2030, 3, 20)] {
        let rated = rate::<Mock>("银行卡三要素", None, "0", d).unwrap();
        u.add(d, &rated, "0", 600).unwrap();
    }
    let s = super::testing::bill_account(ACCOUNT, &u, &[], &ContractPrices::new(), None).unwrap();
    let march = month_of(&s, "2030-03");
    let lines: Vec<_> = march
        .lines
        .iter()
        .map(|l| (l.prices_from, l.postpaid, l.unit_price, l.amount))
        .collect();
    assert_eq!(
        lines,
        [
            (
                Some(day(2030, 3, 1)),
                600,
                Some(Money::from_fen(38)),
                Money::from_yuan(228)
            ),
            (
                Some(BANK_CHANGE),
                600,
                Some(Money::from_fen(28)),
                Money::from_yuan(168)
            ),
        ]
    );
    assert_eq!(march.postpaid_total, Money::from_yuan(396));
    // A month with calls on one side of the change only has one line, without a date.
    let mut u = AccountUsage::<Mock>::new();
    let rated = rate::<Mock>("银行卡三要素", None, "0", day(2030, 4, 2)).unwrap();
    u.add(day(2030, 4, 2), &rated, "0", 600).unwrap();
    let s = super::testing::bill_account(ACCOUNT, &u, &[], &ContractPrices::new(), None).unwrap();
    let april = month_of(&s, "2030-04");
    assert_eq!(april.lines[0].prices_from, None);
    assert_eq!(april.postpaid_total, Money::from_yuan(180));
}
