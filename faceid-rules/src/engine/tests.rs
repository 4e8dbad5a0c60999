//! The rules of the engine, end to end through [`bill_account`], against the hand-written
//! table of [`super::testing`].

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::testing::{bill_account, day, Mock};
use super::*;
use crate::calendar::{cst_day, parse_timestamp};
use crate::money::Money;
use crate::records::{Origin, PackKind, PackRecord};

const ACCOUNT: &str = "1250000000";

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn pack(id: &str, label: &str, size: u64, purchased: NaiveDateTime, kind: PackKind) -> PackRecord {
    PackRecord {
        id: id.to_owned(),
        account: ACCOUNT.to_owned(),
        label: label.to_owned(),
        size,
        purchased,
        kind,
        price: None,
        origin: Origin {
            file: Arc::from("packs.csv"),
            line: 2,
        },
    }
}

/// Calls: (channel, source, code, day, count).
type Calls<'a> = [(&'a str, Option<&'a str>, &'a str, NaiveDate, u64)];

fn usage(calls: &Calls<'_>) -> AccountUsage<Mock> {
    let mut usage = AccountUsage::new();
    for &(channel, source, code, d, n) in calls {
        let rated = rate::<Mock>(channel, source, code, d).unwrap();
        usage.add(d, &rated, code, n).unwrap();
    }
    usage
}

fn bill(calls: &Calls<'_>, packs: &[PackRecord]) -> AccountStatement {
    bill_account(ACCOUNT, &usage(calls), packs, &ContractPrices::new(), None).unwrap()
}

/// October 2026.
fn october(s: &AccountStatement) -> &MonthStatement {
    s.months
        .iter()
        .find(|m| m.month == month("2026-10"))
        .unwrap_or_else(|| panic!("no October in {s:#?}"))
}

fn line<'a>(m: &'a MonthStatement, label: &str) -> &'a StatementLine {
    m.lines
        .iter()
        .find(|l| l.postpaid_label == label)
        .unwrap_or_else(|| panic!("no line {label} in {m:#?}"))
}

const LIVE_API: &str = "活体人脸核身 API";
const PHOTO_API: &str = "照片人脸核身 API";
const BASIC_AUTH: &str = "基础版人脸核身(权威库)";

#[test]
fn a_call_belongs_to_its_month_in_china_standard_time() {
    let late_october = cst_day(parse_timestamp("2026-10-31T23:59:59+08:00").unwrap());
    let early_november = cst_day(parse_timestamp("2026-10-31T16:00:00Z").unwrap());
    let s = bill(
        &[
            (LIVE_API, None, "Success", late_october, 1),
            (LIVE_API, None, "Success", early_november, 2),
        ],
        &[],
    );
    assert_eq!(s.months.len(), 2);
    assert_eq!(s.months[0].month, month("2026-10"));
    assert_eq!(line(&s.months[0], "活体人脸核身").calls, 1);
    assert_eq!(s.months[1].month, month("2026-11"));
    assert_eq!(line(&s.months[1], "活体人脸核身").calls, 2);
}

#[test]
fn a_pack_bought_in_the_afternoon_covers_that_mornings_calls() {
    let morning = cst_day(parse_timestamp("2026-10-10T09:00:00+08:00").unwrap());
    let s = bill(
        &[(LIVE_API, None, "Success", morning, 3)],
        &[pack(
            "p",
            BASIC_AUTH,
            1_000,
            at(2026, 10, 10, 14, 30),
            PackKind::Purchased,
        )],
    );
    let l = line(&s.months[0], "活体人脸核身");
    assert_eq!((l.billed, l.from_packs, l.postpaid), (3, 3, 0));
    assert_eq!(l.amount, Money::ZERO);
}

#[test]
fn a_pack_bought_on_the_10th_does_not_cover_the_9th() {
    let s = bill(
        &[
            (LIVE_API, None, "Success", day(2026, 10, 9), 5),
            (LIVE_API, None, "Success", day(2026, 10, 10), 7),
        ],
        &[pack(
            "p",
            BASIC_AUTH,
            1_000,
            at(2026, 10, 10, 0, 0),
            PackKind::Purchased,
        )],
    );
    let l = line(&s.months[0], "活体人脸核身");
    assert_eq!((l.from_packs, l.postpaid), (7, 5));
    assert_eq!(l.amount, Money::from_yuan(5));
    assert_eq!(s.months[0].packs[0].used, 7);
}

#[test]
fn the_pack_expiring_first_is_used_first() {
    let s = bill(
        &[(LIVE_API, None, "Success", day(2026, 10, 20), 1_500)],
        &[
            // Listed first, but bought later: expires later.
            pack(
                "later",
                BASIC_AUTH,
                1_000,
                at(2026, 3, 1, 0, 0),
                PackKind::Purchased,
            ),
            pack(
                "earlier",
                BASIC_AUTH,
                1_000,
                at(2025, 12, 1, 0, 0),
                PackKind::Purchased,
            ),
        ],
    );
    let l = line(october(&s), "活体人脸核身");
    assert_eq!(
        l.pack_deductions,
        [
            PackDeduction {
                id: "earlier".to_owned(),
                calls: 1_000
            },
            PackDeduction {
                id: "later".to_owned(),
                calls: 500
            },
        ]
    );
    assert_eq!(l.postpaid, 0);
}

#[test]
fn a_gift_pack_goes_before_a_purchased_one() {
    let s = bill(
        &[(LIVE_API, None, "Success", day(2026, 10, 20), 150)],
        &[
            pack(
                "bought",
                BASIC_AUTH,
                1_000,
                at(2026, 1, 1, 0, 0),
                PackKind::Purchased,
            ),
            pack(
                "gift",
                BASIC_AUTH,
                100,
                at(2026, 10, 1, 0, 0),
                PackKind::Gift,
            ),
        ],
    );
    let l = line(october(&s), "活体人脸核身");
    assert_eq!(l.pack_deductions[0].id, "gift");
    assert_eq!(l.pack_deductions[0].calls, 100);
    assert_eq!(l.pack_deductions[1].id, "bought");
    assert_eq!(l.pack_deductions[1].calls, 50);
}

#[test]
fn a_pack_expiring_mid_month_covers_the_days_before_its_expiry_only() {
    let calls: Vec<_> = (1..=31)
        .map(|d| (LIVE_API, None, "Success", day(2026, 10, d), 10))
        .collect();
    let s = bill_account(
        ACCOUNT,
        &usage(&calls),
        &[pack(
            "old",
            BASIC_AUTH,
            1_000,
            at(2025, 10, 15, 16, 0),
            PackKind::Purchased,
        )],
        &ContractPrices::new(),
        Some(month("2026-09")..=month("2026-11")),
    )
    .unwrap();
    assert_eq!(s.months.len(), 3);
    assert_eq!(s.months[0].packs[0].status, PackStatus::Active);
    let october = s
        .months
        .iter()
        .find(|m| m.month == month("2026-10"))
        .unwrap();
    let l = line(october, "活体人脸核身");
    // October 1–14 covered, 15–31 postpaid.
    assert_eq!((l.from_packs, l.postpaid), (140, 170));
    let balance = october.packs.iter().find(|p| p.id == "old").unwrap();
    assert_eq!(balance.status, PackStatus::Expired);
    assert_eq!(balance.last_day, day(2026, 10, 14));
    assert_eq!(balance.expires.to_rfc3339(), "2026-10-15T00:00:00+08:00");
    assert_eq!(
        (balance.used, balance.remaining, balance.lapsed),
        (140, 0, 860)
    );
    assert_eq!(balance.used_in_month, 140);
    // Gone from the months after.
    assert!(s
        .months
        .iter()
        .filter(|m| m.month > month("2026-10"))
        .all(|m| m.packs.is_empty()));
}

#[test]
fn balances_carry_across_months_and_postpaid_use_stays_postpaid() {
    let s = bill(
        &[
            (LIVE_API, None, "Success", day(2026, 9, 30), 100),
            (LIVE_API, None, "Success", day(2026, 10, 5), 600),
            (LIVE_API, None, "Success", day(2026, 11, 5), 600),
        ],
        &[pack(
            "p",
            BASIC_AUTH,
            1_000,
            at(2026, 10, 1, 8, 0),
            PackKind::Purchased,
        )],
    );
    let [sep, oct, nov] = &s.months[..] else {
        panic!("{s:#?}")
    };
    assert_eq!(line(sep, "活体人脸核身").postpaid, 100);
    assert_eq!(line(oct, "活体人脸核身").from_packs, 600);
    assert_eq!(oct.packs[0].remaining, 400);
    let l = line(nov, "活体人脸核身");
    assert_eq!((l.from_packs, l.postpaid), (400, 200));
    assert_eq!(nov.packs[0].status, PackStatus::UsedUp);
    assert!(nov
        .reminders
        .iter()
        .any(|r| r.id == "p" && r.reason == ReminderReason::UsedUp));
}

#[test]
fn a_negotiated_tier_needs_a_contract_price() {
    let calls = [(LIVE_API, None, "Success", day(2026, 10, 1), 200_000)];
    let e = bill_account(ACCOUNT, &usage(&calls), &[], &ContractPrices::new(), None).unwrap_err();
    assert!(
        matches!(e, EngineError::PriceNeeded { calls: 200_000, .. }),
        "{e:?}"
    );
    let text = e.to_string();
    assert!(
        text.contains("200,000 postpaid calls of 活体人脸核身"),
        "{text}"
    );
    assert!(text.contains("20万及以上"), "{text}");
    assert!(text.contains("--contract-price 活体人脸核身="), "{text}");
    assert!(text.contains("2026-10"), "{text}");

    let contract: ContractPrices = ["活体人脸核身=0.60".parse().unwrap()].into_iter().collect();
    let s = bill_account(ACCOUNT, &usage(&calls), &[], &contract, None).unwrap();
    let l = line(&s.months[0], "活体人脸核身");
    assert_eq!(l.unit_price, Some(Money::from_fen(60)));
    assert_eq!(l.price_source, Some(PriceSource::Contract));
    assert_eq!(l.amount, Money::from_yuan(120_000));
    let tier = l.tier.as_ref().unwrap();
    assert_eq!(
        (tier.index, tier.range.as_str(), tier.list_price),
        (4, "20万及以上", None)
    );
}

#[test]
fn volume_pricing_at_the_tier_boundary() {
    for (calls, index, amount) in [(999, 0, 99_900), (1_000, 1, 85_000), (1_001, 1, 85_085)] {
        let s = bill(&[(LIVE_API, None, "Success", day(2026, 10, 1), calls)], &[]);
        let l = line(&s.months[0], "活体人脸核身");
        assert_eq!(l.tier.as_ref().unwrap().index, index);
        assert_eq!(l.amount, Money::from_fen(amount), "{calls} calls");
        assert_eq!(s.months[0].postpaid_total, l.amount);
    }
    let s = bill(&[(LIVE_API, None, "Success", day(2026, 10, 1), 1_000)], &[]);
    assert_eq!(
        line(&s.months[0], "活体人脸核身")
            .tier
            .as_ref()
            .unwrap()
            .range,
        "1000≤调用量<1万"
    );
}

#[test]
fn the_price_documents_examples_with_the_same_prices() {
    // 3,000 calls of 照片人脸核身 in a month, postpaid.
    let s = bill(
        &[(PHOTO_API, None, "Success", day(2026, 10, 3), 3_000)],
        &[],
    );
    assert_eq!(s.months[0].postpaid_total, Money::from_yuan(2_550));
    // 20,000 calls of 活体人脸比对.
    let s = bill(
        &[(
            "活体人脸比对 API",
            None,
            "Success",
            day(2026, 10, 3),
            20_000,
        )],
        &[],
    );
    assert_eq!(s.months[0].postpaid_total, Money::from_yuan(2_200));
    // 15,000 calls of 活体人脸核身 API with one 1万 basic pack bought that month.
    let s = bill(
        &[(LIVE_API, None, "Success", day(2026, 10, 3), 15_000)],
        &[pack(
            "p",
            BASIC_AUTH,
            10_000,
            at(2026, 10, 1, 10, 0),
            PackKind::Purchased,
        )],
    );
    let m = &s.months[0];
    let l = line(m, "活体人脸核身");
    assert_eq!((l.from_packs, l.postpaid), (10_000, 5_000));
    assert_eq!(l.unit_price, Some(Money::from_fen(85)));
    assert_eq!(m.postpaid_total, Money::from_yuan(4_250));
    assert_eq!(m.packs_bought.len(), 1);
    assert_eq!(m.packs_bought[0].price, Money::from_yuan(8_000));
    assert_eq!(m.packs_bought[0].price_source, PriceSource::List);
    assert_eq!(m.spend, Money::from_yuan(12_250));
}

#[test]
fn shared_prepaid_label_covers_the_first_postpaid_label_in_table_order_first() {
    let s = bill(
        &[
            (PHOTO_API, None, "Success", day(2026, 10, 3), 700),
            (LIVE_API, None, "Success", day(2026, 10, 3), 600),
        ],
        &[pack(
            "p",
            BASIC_AUTH,
            1_000,
            at(2026, 10, 1, 0, 0),
            PackKind::Purchased,
        )],
    );
    let m = &s.months[0];
    let live = line(m, "活体人脸核身");
    let photo = line(m, "照片人脸核身");
    assert_eq!((live.from_packs, live.postpaid), (600, 0));
    assert_eq!((photo.from_packs, photo.postpaid), (400, 300));
    assert_eq!(live.prepaid_label, BASIC_AUTH);
    // Lines come in table order.
    assert_eq!(m.lines[0].postpaid_label, "活体人脸核身");
}

#[test]
fn one_postpaid_label_of_two_prepaid_labels() {
    let s = bill(
        &[
            ("微信小程序", Some("权威库"), "0", day(2026, 10, 3), 10),
            (LIVE_API, None, "Success", day(2026, 10, 3), 20),
        ],
        &[pack(
            "w",
            "增强版人脸核身（权威库）-微信",
            1_000,
            at(2026, 10, 1, 0, 0),
            PackKind::Purchased,
        )],
    );
    let l = line(&s.months[0], "活体人脸核身");
    assert_eq!(
        l.prepaid_labels,
        ["增强版人脸核身(权威库)-微信", BASIC_AUTH]
    );
    assert_eq!(
        l.prepaid_label,
        "增强版人脸核身(权威库)-微信、基础版人脸核身(权威库)"
    );
    // The WeChat pack covers the WeChat calls only.
    assert_eq!((l.billed, l.from_packs, l.postpaid), (30, 10, 20));
    assert_eq!(l.amount, Money::from_yuan(20));
}

#[test]
fn calls_not_billed_and_unknown_codes_are_counted_by_code() {
    let d = day(2026, 10, 3);
    let s = bill(
        &[
            ("银行卡三要素", None, "0", d, 5),
            ("银行卡三要素", None, "-2", d, 3),
            ("银行卡三要素", None, "-99", d, 2),
            ("微信小程序", Some("上传照片"), "1001", d, 4),
            ("微信小程序", Some("上传照片"), "2010", d, 6),
            (PHOTO_API, None, "FailedOperation.Unheard", d, 1),
        ],
        &[],
    );
    let m = &s.months[0];
    let bank = line(m, "银行卡信息核验");
    assert_eq!((bank.calls, bank.billed, bank.postpaid), (10, 5, 5));
    let code = |c: &CodeCount| (c.channel, c.code.clone(), c.calls);
    assert_eq!(
        m.not_billed.iter().map(code).collect::<Vec<_>>(),
        [
            ("微信小程序", "1001".to_owned(), 4),
            ("微信小程序", "2010".to_owned(), 6),
            ("银行卡三要素", "-2".to_owned(), 3),
        ]
    );
    assert_eq!(
        m.unknown_codes.iter().map(code).collect::<Vec<_>>(),
        [
            ("照片人脸核身 API", "FailedOperation.Unheard".to_owned(), 1),
            ("银行卡三要素", "-99".to_owned(), 2),
        ]
    );
    let billed: u64 = m.lines.iter().map(|l| l.billed).sum();
    let made: u64 = m.lines.iter().map(|l| l.calls).sum();
    let not: u64 = m
        .not_billed
        .iter()
        .chain(&m.unknown_codes)
        .map(|c| c.calls)
        .sum();
    assert_eq!(made, billed + not);
}

#[test]
fn a_dated_code_change_applies_from_its_day() {
    let s = bill(
        &[
            ("微信小程序", Some("权威库"), "2010", day(2021, 7, 18), 4),
            ("微信小程序", Some("权威库"), "2010", day(2021, 7, 19), 6),
        ],
        &[],
    );
    let l = line(&s.months[0], "活体人脸核身");
    assert_eq!((l.calls, l.billed), (10, 4));
}

#[test]
fn reminders_at_the_statement_date() {
    let d = day(2026, 10, 20);
    let s = bill(
        &[
            (LIVE_API, None, "Success", d, 850),
            ("银行卡三要素", None, "0", d, 800),
        ],
        &[
            // Expires 2026-11-05 00:00: 4 days after the end of October.
            pack(
                "soon",
                "银行卡信息核验",
                1_000,
                at(2025, 11, 5, 10, 0),
                PackKind::Gift,
            ),
            // Expires 2026-11-09 00:00: 8 days after; and 200 of 1000 left is not under 20%.
            pack(
                "later",
                "银行卡信息核验",
                1_000,
                at(2025, 11, 9, 10, 0),
                PackKind::Purchased,
            ),
            // 150 of 1000 left.
            pack(
                "low",
                BASIC_AUTH,
                1_000,
                at(2026, 10, 1, 0, 0),
                PackKind::Purchased,
            ),
        ],
    );
    let m = october(&s);
    assert_eq!(m.statement_date, day(2026, 10, 31));
    let reasons: Vec<(&str, ReminderReason)> = m
        .reminders
        .iter()
        .map(|r| (r.id.as_str(), r.reason))
        .collect();
    assert!(
        reasons.contains(&("soon", ReminderReason::ExpiresSoon)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("low", ReminderReason::LowBalance)),
        "{reasons:?}"
    );
    assert!(!reasons.iter().any(|(id, _)| *id == "later"), "{reasons:?}");
    // The gift went first: 800 used of "soon", 200 left.
    let soon = m.packs.iter().find(|p| p.id == "soon").unwrap();
    assert_eq!((soon.used, soon.remaining), (800, 200));
    assert_eq!(m.bill_window.from, day(2026, 11, 1));
    assert_eq!(m.bill_window.to, day(2026, 11, 3));
}

#[test]
fn packs_bought_and_the_months_spend() {
    let mut paid = pack(
        "paid",
        BASIC_AUTH,
        1_000,
        at(2026, 10, 2, 0, 0),
        PackKind::Purchased,
    );
    paid.price = Some(Money::from_yuan(900));
    let s = bill(
        &[("银行卡三要素", None, "0", day(2026, 10, 3), 10)],
        &[
            paid,
            pack(
                "list",
                "基础版人脸核身（自传照片）",
                10_000,
                at(2026, 10, 5, 0, 0),
                PackKind::Purchased,
            ),
            pack(
                "gift",
                "银行卡信息核验",
                100,
                at(2026, 10, 1, 0, 0),
                PackKind::Gift,
            ),
            pack(
                "old",
                "银行卡信息核验",
                1_000,
                at(2026, 9, 30, 23, 59),
                PackKind::Purchased,
            ),
        ],
    );
    let m = s
        .months
        .iter()
        .find(|m| m.month == month("2026-10"))
        .unwrap();
    let bought: Vec<(&str, Money, PriceSource)> = m
        .packs_bought
        .iter()
        .map(|p| (p.id.as_str(), p.price, p.price_source))
        .collect();
    assert_eq!(
        bought,
        [
            ("gift", Money::ZERO, PriceSource::Gift),
            ("paid", Money::from_yuan(900), PriceSource::File),
            ("list", Money::from_yuan(1_200), PriceSource::List),
        ]
    );
    assert_eq!(m.packs_bought_total, Money::from_yuan(2_100));
    assert_eq!(m.postpaid_total, Money::ZERO);
    assert_eq!(m.spend, Money::from_yuan(2_100));
    let september = &s.months[0];
    assert_eq!(september.month, month("2026-09"));
    assert_eq!(september.spend, Money::from_yuan(380));
}

#[test]
fn a_pack_size_not_on_sale_needs_a_price() {
    let calls = [(LIVE_API, None, "Success", day(2026, 10, 3), 1)];
    let odd = pack(
        "odd",
        BASIC_AUTH,
        5_000,
        at(2026, 10, 1, 0, 0),
        PackKind::Purchased,
    );
    let e = bill_account(
        ACCOUNT,
        &usage(&calls),
        std::slice::from_ref(&odd),
        &ContractPrices::new(),
        None,
    )
    .unwrap_err();
    assert!(
        matches!(e, EngineError::PackNotOnSale { size: 5_000, .. }),
        "{e:?}"
    );
    let text = e.to_string();
    assert!(text.starts_with("packs.csv:2: "), "{text}");
    assert!(text.contains("sizes on sale then: 1000, 10000"), "{text}");
    let priced = PackRecord {
        price: Some(Money::from_yuan(4_000)),
        ..odd
    };
    assert!(bill_account(
        ACCOUNT,
        &usage(&calls),
        &[priced],
        &ContractPrices::new(),
        None
    )
    .is_ok());
}

#[test]
fn only_the_months_asked_for_but_balances_from_the_start() {
    let s = bill_account(
        ACCOUNT,
        &usage(&[
            (LIVE_API, None, "Success", day(2026, 9, 10), 300),
            (LIVE_API, None, "Success", day(2026, 10, 10), 300),
            (LIVE_API, None, "Success", day(2026, 12, 10), 300),
        ]),
        &[pack(
            "p",
            BASIC_AUTH,
            1_000,
            at(2026, 9, 1, 0, 0),
            PackKind::Purchased,
        )],
        &ContractPrices::new(),
        Some(month("2026-10")..=month("2026-11")),
    )
    .unwrap();
    let months: Vec<Month> = s.months.iter().map(|m| m.month).collect();
    assert_eq!(months, [month("2026-10"), month("2026-11")]);
    assert_eq!(s.months[0].packs[0].used, 600);
    assert!(s.months[1].lines.is_empty());
    assert_eq!(s.months[1].packs[0].remaining, 400);
    assert!(s.months[0].packs_bought.is_empty());
}

#[test]
fn no_usage_and_no_packs_is_no_months() {
    let s = bill(&[], &[]);
    assert!(s.months.is_empty());
    assert_eq!(s.edition, crate::Edition::Legacy);
}

#[cfg(feature = "serde")]
#[test]
fn serializes_to_the_documented_json_shape() {
    let s = bill(
        &[(LIVE_API, None, "Success", day(2026, 10, 3), 15_000)],
        &[pack(
            "p",
            BASIC_AUTH,
            10_000,
            at(2026, 10, 1, 10, 0),
            PackKind::Purchased,
        )],
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["account"], ACCOUNT);
    assert_eq!(json["edition"], "legacy");
    let m = &json["months"][0];
    assert_eq!(m["month"], "2026-10");
    assert_eq!(m["postpaid_total"], "4250.00");
    assert_eq!(m["spend"], "12250.00");
    let l = &m["lines"][0];
    for key in [
        "postpaid_label",
        "prepaid_label",
        "calls",
        "billed",
        "from_packs",
        "postpaid",
        "tier",
        "unit_price",
        "amount",
    ] {
        assert!(l.get(key).is_some(), "line lacks {key}: {l}");
    }
    assert_eq!(l["postpaid_label"], "活体人脸核身");
    assert_eq!(l["prepaid_label"], BASIC_AUTH);
    assert_eq!(l["unit_price"], "0.85");
    assert_eq!(l["amount"], "4250.00");
    assert_eq!(l["tier"]["range"], "1000≤调用量<1万");
    assert_eq!(l["tier"]["index"], 1);
    let p = &m["packs"][0];
    for key in [
        "id",
        "label",
        "kind",
        "purchased",
        "expires",
        "size",
        "used",
        "remaining",
    ] {
        assert!(p.get(key).is_some(), "pack lacks {key}: {p}");
    }
    assert_eq!(p["kind"], "purchased");
    assert_eq!(p["purchased"], "2026-10-01T10:00:00+08:00");
    assert_eq!(p["expires"], "2027-10-01T00:00:00+08:00");
    let b = &m["packs_bought"][0];
    assert_eq!(b["id"], "p");
    assert_eq!(b["label"], BASIC_AUTH);
    assert_eq!(b["size"], 10_000);
    assert_eq!(b["price"], "8000.00");
    assert_eq!(m["bill_window"]["from"], "2026-11-01");
    assert!(
        m["reminders"].is_array() && m["not_billed"].is_array() && m["unknown_codes"].is_array()
    );
}

// ---- properties ----

const CHANNELS: [(&str, Option<&str>, &[&str]); 6] = [
    (
        "微信小程序",
        Some("权威库"),
        &["0", "2016", "2010", "1001", "77"],
    ),
    ("微信原生 H5", Some("上传照片"), &["0", "3", "2010"]),
    (
        LIVE_API,
        None,
        &["Success", "FailedOperation.ImageDecodeFailed", "Nope"],
    ),
    (
        PHOTO_API,
        None,
        &["Success", "FailedOperation.CompareLowSimilarity"],
    ),
    ("活体人脸比对 API", None, &["Success"]),
    ("银行卡三要素", None, &["0", "-1", "-2", "-50"]),
];

const LABELS: [&str; 5] = [
    "增强版人脸核身(权威库)-微信",
    "增强版人脸核身(自传照片)-微信",
    BASIC_AUTH,
    "基础版人脸核身(自传照片)",
    "银行卡信息核验",
];

/// (channel index, code index, day offset from 2026-08-01, calls).
fn arb_calls() -> impl Strategy<Value = Vec<(usize, usize, i64, u64)>> {
    prop::collection::vec((0..6usize, 0..5usize, 0..150i64, 1..2_500u64), 0..40)
}

/// (label index, size, day offset from 2026-08-01 (may be a year before), hour, gift, id).
fn arb_packs() -> impl Strategy<Value = Vec<PackRecord>> {
    prop::collection::vec(
        (
            0..5usize,
            prop::sample::select(vec![100u64, 1_000, 10_000]),
            -420..150i64,
            0..24u32,
            any::<bool>(),
        ),
        0..6,
    )
    .prop_map(|packs| {
        packs
            .into_iter()
            .enumerate()
            .map(|(i, (label, size, offset, hour, gift))| {
                let d = day(2026, 8, 1) + chrono::Duration::days(offset);
                let kind = if gift {
                    PackKind::Gift
                } else {
                    PackKind::Purchased
                };
                let mut p = pack(
                    &format!("p{i}"),
                    LABELS[label],
                    size,
                    d.and_hms_opt(hour, 0, 0).unwrap(),
                    kind,
                );
                // Sizes the mock table does not sell get a price.
                p.price = Some(Money::from_yuan(size as i64));
                p
            })
            .collect()
    })
}

fn call_usage(calls: &[(usize, usize, i64, u64)]) -> AccountUsage<Mock> {
    let mut u = AccountUsage::new();
    for &(c, code, offset, n) in calls {
        let (channel, source, codes) = CHANNELS[c];
        let code = codes[code % codes.len()];
        let d = day(2026, 8, 1) + chrono::Duration::days(offset);
        let rated = rate::<Mock>(channel, source, code, d).unwrap();
        u.add(d, &rated, code, n).unwrap();
    }
    u
}

fn bill_all(usage: &AccountUsage<Mock>, packs: &[PackRecord]) -> AccountStatement {
    bill_account(ACCOUNT, usage, packs, &ContractPrices::new(), None).unwrap()
}

proptest! {
    #[test]
    fn lines_packs_and_totals_reconcile(calls in arb_calls(), packs in arb_packs()) {
        let u = call_usage(&calls);
        let s = bill_all(&u, &packs);
        let mut made = 0u64;
        for m in &s.months {
            for l in &m.lines {
                prop_assert_eq!(l.billed, l.from_packs + l.postpaid);
                prop_assert_eq!(l.from_packs, l.pack_deductions.iter().map(|d| d.calls).sum::<u64>());
                prop_assert!(l.calls >= l.billed);
                let unit = l.unit_price.unwrap_or(Money::ZERO);
                prop_assert_eq!(Some(l.amount), unit.checked_times(l.postpaid));
                made += l.calls;
            }
            prop_assert_eq!(Some(m.postpaid_total), Money::checked_sum(m.lines.iter().map(|l| l.amount)));
            prop_assert_eq!(Some(m.packs_bought_total), Money::checked_sum(m.packs_bought.iter().map(|p| p.price)));
            prop_assert_eq!(Some(m.spend), m.postpaid_total.checked_add(m.packs_bought_total));
            for p in &m.packs {
                prop_assert!(p.used <= p.size);
                prop_assert_eq!(p.used + p.remaining + p.lapsed, p.size);
                prop_assert!(p.used_in_month <= p.used);
            }
        }
        prop_assert_eq!(Some(made), u.total_calls());
    }

    #[test]
    fn packs_are_used_only_within_their_validity(calls in arb_calls(), records in arb_packs()) {
        let packs = resolve_packs::<Mock>(ACCOUNT, &records).unwrap();
        let u = call_usage(&calls);
        let mut ledger = Ledger::new(&packs);
        let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<(crate::table::Labels<Mock>, u64)>> = Default::default();
        for row in u.rows() {
            by_day.entry(row.day).or_default().push((row.labels, row.calls));
        }
        for (d, demand) in by_day {
            let mut out = Vec::new();
            let left = ledger.cover_day(d, &demand, &mut out);
            let covered: u64 = out.iter().map(|x| x.calls).sum();
            let asked: u64 = demand.iter().map(|x| x.1).sum();
            prop_assert_eq!(covered + left.iter().sum::<u64>(), asked);
            for x in &out {
                let p = &packs[x.pack];
                prop_assert!(p.covers(d), "pack {} used on {} outside {}..{}", p.id, d, p.first_day(), p.expiry_day());
                prop_assert!(demand.iter().any(|(l, _)| l.prepaid == p.label && l.postpaid == x.postpaid));
            }
        }
        for (i, p) in packs.iter().enumerate() {
            prop_assert!(ledger.used(i) <= p.size);
        }
    }

    #[test]
    fn chunks_merged_in_any_order_give_the_same_statement(
        calls in arb_calls(),
        packs in arb_packs(),
        chunks in 1..5usize,
        seed in any::<u64>(),
    ) {
        let whole = bill_all(&call_usage(&calls), &packs);
        let mut parts: Vec<AccountUsage<Mock>> = calls
            .chunks(calls.len().div_ceil(chunks).max(1))
            .map(call_usage)
            .collect();
        // A deterministic shuffle of the parts and of the packs.
        let mut state = seed | 1;
        let mut next = || { state ^= state << 13; state ^= state >> 7; state ^= state << 17; state };
        for i in (1..parts.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            parts.swap(i, j);
        }
        let mut packs = packs;
        for i in (1..packs.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            packs.swap(i, j);
        }
        let mut merged = AccountUsage::new();
        for part in parts {
            merged.merge(part).unwrap();
        }
        prop_assert_eq!(bill_all(&merged, &packs), whole);
    }
}

/// The legacy price document's worked examples (价格说明 @0f66dc54), against the legacy
/// table itself.
mod legacy_table {
    use super::*;
    use crate::legacy::{Channel, PostpaidLabel, PrepaidLabel, Table};

    fn bill_legacy(
        calls: &[(&str, Option<&str>, &str, u64)],
        packs: &[PackRecord],
    ) -> MonthStatement {
        let d = day(2026, 10, 12);
        let mut u = AccountUsage::<Table>::new();
        for &(channel, source, code, n) in calls {
            let rated = rate_strict::<Table>(channel, source, code, d).unwrap();
            u.add(d, &rated, code, n).unwrap();
        }
        let s =
            crate::engine::bill_account(ACCOUNT, &u, packs, &ContractPrices::new(), None).unwrap();
        october(&s).clone()
    }

    #[test]
    fn photo_verification_3000_calls_postpaid() {
        let m = bill_legacy(&[("照片人脸核身 API", None, "Success", 3_000)], &[]);
        assert_eq!(m.postpaid_total, Money::from_yuan(2_550));
        assert_eq!(m.postpaid_total.display_cny(), "¥2,550.00");
    }

    #[test]
    fn liveness_compare_20000_calls_postpaid() {
        let m = bill_legacy(&[("LivenessCompare", None, "Success", 20_000)], &[]);
        assert_eq!(m.postpaid_total, Money::from_yuan(2_200));
    }

    #[test]
    fn liveness_api_15000_calls_with_a_10000_pack_bought_that_month() {
        let m = bill_legacy(
            &[("活体人脸核身 API", None, "Success", 15_000)],
            &[pack(
                "p",
                "基础版人脸核身（权威库）",
                10_000,
                at(2026, 10, 1, 9, 0),
                PackKind::Purchased,
            )],
        );
        let l = line(&m, "活体人脸核身");
        assert_eq!((l.from_packs, l.postpaid), (10_000, 5_000));
        assert_eq!(l.unit_price, Some(Money::from_fen(85)));
        assert_eq!(m.postpaid_total, Money::from_yuan(4_250));
        assert_eq!(m.packs_bought[0].price, Money::from_yuan(8_000));
        assert_eq!(m.spend, Money::from_yuan(12_250));
    }

    #[test]
    fn wechat_channels_bill_under_enhanced_prepaid_and_legacy_postpaid_labels() {
        let d = day(2026, 10, 12);
        for channel in ["微信小程序", "微信原生 H5"] {
            let r = rate::<Table>(channel, Some("权威库"), "0", d).unwrap();
            assert_eq!(r.labels.postpaid, PostpaidLabel::LivenessRecognition);
            assert_eq!(r.labels.prepaid, PrepaidLabel::EnhancedAuthorityWechat);
            let r = rate::<Table>(channel, Some("上传照片"), "0", d).unwrap();
            assert_eq!(r.labels.postpaid, PostpaidLabel::LivenessCompare);
            assert_eq!(r.labels.prepaid, PrepaidLabel::EnhancedUploadWechat);
        }
        assert!(matches!(
            rate::<Table>("DetectAuth", Some("权威库"), "0", d),
            Err(RateError::UnknownChannel(_))
        ));
        let m = bill_legacy(
            &[
                ("微信小程序", Some("权威库"), "0", 1_500),
                ("活体人脸核身 API", None, "Success", 500),
            ],
            &[pack(
                "w",
                "增强版人脸核身（权威库）-微信",
                1_000,
                at(2026, 10, 1, 0, 0),
                PackKind::Purchased,
            )],
        );
        let l = line(&m, "活体人脸核身");
        assert_eq!(
            l.prepaid_labels,
            ["增强版人脸核身(权威库)-微信", "基础版人脸核身(权威库)"]
        );
        // 1,000 WeChat calls from the pack; 500 WeChat and 500 API calls postpaid at 1000–1万.
        assert_eq!((l.billed, l.from_packs, l.postpaid), (2_000, 1_000, 1_000));
        assert_eq!(l.amount, Money::from_yuan(850));
        let r = rate::<Table>("WechatMiniProgram", Some("Authority"), "0", d).unwrap();
        assert_eq!(r.channel, Channel::WechatMiniProgram);
    }
}
