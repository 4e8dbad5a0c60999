//! The compiled editions, checked as data: the code rules and the code `match` agree, every
//! channel's labels are priced, and the facts the documents state hold.

use chrono::NaiveDate;
use faceid_rules::{current, legacy, BillingTable, Code, CodePattern, Money, Named, Verdict};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// For every rule of every family: each listed code, on days around each change, gets the
/// verdict the rule gives; codes just past a listing that nothing else lists are unknown.
fn rules_agree_with_status<T: BillingTable>() {
    for &family in T::CodeFamily::ALL {
        let rules = T::code_rules(family);
        assert!(!rules.is_empty(), "{family} lists codes");
        let listed = |code: Code<'_>| {
            rules
                .iter()
                .any(|r| r.codes.iter().any(|p| p.matches(code)))
        };
        for rule in rules {
            let mut days = vec![day(2020, 1, 1), day(2030, 1, 1)];
            for change in rule.changes {
                days.push(change.from);
                days.push(change.from.pred_opt().unwrap());
            }
            for &when in &days {
                let expected = rule
                    .changes
                    .iter()
                    .rev()
                    .find(|c| when >= c.from)
                    .map(|c| Some(c.billed))
                    .unwrap_or(rule.billed);
                let expected = match expected {
                    Some(true) => Verdict::Billed,
                    Some(false) => Verdict::NotBilled,
                    None => Verdict::Unknown,
                };
                for pattern in rule.codes {
                    let probes: Vec<Code<'_>> = match *pattern {
                        CodePattern::Range(lo, hi) => {
                            vec![Code::Int(lo), Code::Int(hi), Code::Int(lo + (hi - lo) / 2)]
                        }
                        CodePattern::Name(n) => vec![Code::Name(n)],
                    };
                    for code in probes {
                        let status = T::code_status(family, code, when);
                        assert_eq!(status.verdict, expected, "{family} {code:?} on {when}");
                    }
                    if let CodePattern::Range(lo, hi) = *pattern {
                        for outside in [lo - 1, hi + 1] {
                            if !listed(Code::Int(outside)) {
                                let status = T::code_status(family, Code::Int(outside), when);
                                assert_eq!(status.verdict, Verdict::Unknown, "{family} {outside}");
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn code_rules_and_the_code_match_agree() {
    rules_agree_with_status::<legacy::Table>();
    rules_agree_with_status::<current::Table>();
}

/// Every label a row uses can price a call: its postpaid label has a first tier with a list
/// price, its prepaid label's packs (if any) ascend.
fn labels_priced<T: BillingTable>() {
    for row in T::ROWS {
        for labels in row.cells.iter().filter_map(|c| c.labels) {
            let tiers = T::tiers(labels.postpaid);
            assert_eq!(tiers[0].from, 1, "{}", labels.postpaid);
            assert!(
                tiers[0].price.is_some(),
                "{} has a list price for its first tier",
                labels.postpaid
            );
            assert_eq!(
                tiers.last().unwrap().to,
                None,
                "{} is open-ended",
                labels.postpaid
            );
            let packs = T::packs(labels.prepaid);
            assert!(
                packs.windows(2).all(|w| w[0].size < w[1].size),
                "{}",
                labels.prepaid
            );
        }
    }
}

#[test]
fn every_used_label_is_priced() {
    labels_priced::<legacy::Table>();
    labels_priced::<current::Table>();
}

#[test]
fn the_legacy_facts_hold() {
    use legacy::{Channel, PostpaidLabel, PrepaidLabel, Source};
    // The WeChat channels: enhanced prepaid labels, legacy postpaid labels.
    let labels = Channel::WechatMiniProgram
        .labels(Some(Source::Authority))
        .unwrap();
    assert_eq!(labels.postpaid, PostpaidLabel::LivenessRecognition);
    assert_eq!(labels.prepaid, PrepaidLabel::EnhancedAuthorityWechat);
    // 照片人脸核身 API takes the basic authority pack and its own postpaid label.
    let labels = Channel::ImageRecognitionApi.labels(None).unwrap();
    assert_eq!(labels.postpaid.doc_name(), "照片人脸核身");
    assert_eq!(labels.prepaid.doc_name(), "基础版人脸核身(权威库)");
    // The 活体人脸比对 API offers only the uploaded-photo source.
    assert_eq!(
        Channel::LivenessCompareApi.labels(Some(Source::Authority)),
        None
    );
    // Prices as 价格说明 @0f66dc54 writes them.
    let tier = PostpaidLabel::ImageRecognition.tier(3_000).unwrap();
    assert_eq!(tier.price, Some(Money::from_fen(85)));
    assert_eq!(
        PostpaidLabel::LivenessCompare.tier(250_000).unwrap().price,
        None
    );
    assert_eq!(
        PrepaidLabel::BasicAuthority.packs()[1].price,
        Money::from_yuan(8_000)
    );
    // 2021-07-19: 2010 stops being billed on WeChat.
    let family = Channel::WechatNativeH5.code_family();
    assert_eq!(
        family.status(Code::Int(2010), day(2021, 7, 18)).verdict,
        Verdict::Billed
    );
    assert_eq!(
        family.status(Code::Int(2010), day(2021, 7, 19)).verdict,
        Verdict::NotBilled
    );
    // Real-name APIs bill by their own codes.
    let bank = Channel::BankCard4E.code_family();
    assert_eq!(
        bank.status(Code::Int(-21), day(2026, 1, 1)).verdict,
        Verdict::Billed
    );
    assert_eq!(
        bank.status(Code::Int(-19), day(2026, 1, 1)).verdict,
        Verdict::NotBilled
    );
    assert_eq!(
        bank.status(Code::Int(-99), day(2026, 1, 1)).verdict,
        Verdict::Unknown
    );
}

#[test]
fn doc_names_in_code_are_checked_at_compile_time() {
    assert_eq!(
        legacy::channel!("微信小程序"),
        legacy::Channel::WechatMiniProgram
    );
    assert_eq!(
        legacy::prepaid!("基础版人脸核身（权威库）"),
        legacy::PrepaidLabel::BasicAuthority
    );
    assert_eq!(
        legacy::postpaid!("身份信息核验"),
        legacy::PostpaidLabel::IdCardInfo
    );
    assert_eq!(current::source!("权威库"), current::Source::Authority);
}

#[test]
fn channels_parse_from_names_identifiers_aliases_and_actions() {
    for c in legacy::Channel::ALL {
        assert_eq!(c.doc_name().parse::<legacy::Channel>(), Ok(c));
        assert_eq!(c.ident().parse::<legacy::Channel>(), Ok(c));
        assert_eq!(c.to_string(), c.doc_name());
    }
    assert_eq!(
        "LivenessCompare".parse(),
        Ok(legacy::Channel::LivenessCompareApi)
    );
    assert_eq!(" 微信原生H5 ".parse(), Ok(legacy::Channel::WechatNativeH5));
    let err = "微信小成序".parse::<legacy::Channel>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown channel \"微信小成序\"; did you mean \"微信小程序\"?"
    );
    let err = "DetectAuth".parse::<legacy::Channel>().unwrap_err();
    assert!(err.to_string().contains("is ambiguous"), "{err}");
    // `find`: the same names, without an error for a miss or an ambiguous alias.
    assert_eq!(
        legacy::Channel::find(" 微信原生H5 "),
        Some(legacy::Channel::WechatNativeH5)
    );
    assert_eq!(legacy::Channel::find("微信小成序"), None);
    assert_eq!(legacy::Channel::find("DetectAuth"), None);
}
