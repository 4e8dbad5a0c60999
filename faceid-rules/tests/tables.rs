//! The compiled editions, checked as data: the code rules and the code `match` agree, every
//! channel's labels are priced, and the facts the documents state hold.

use chrono::NaiveDate;
use faceid_rules::{
    daily, legacy, monthly, BillingTable, Code, CodePattern, Money, Named, Verdict,
};

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
    rules_agree_with_status::<monthly::Table>();
    rules_agree_with_status::<daily::Table>();
}

/// The days on which something of `T` changes, with the day before each and two far days:
/// every day of the table is like one of these.
fn change_days<T: BillingTable>() -> Vec<NaiveDate> {
    let mut days = vec![day(2000, 1, 1), day(2040, 1, 1)];
    for change in T::CHANGES {
        let d = change.at.date();
        days.extend([d, d.pred_opt().unwrap(), d.succ_opt().unwrap()]);
    }
    days.sort();
    days.dedup();
    days
}

/// On every day, every label a listed channel uses is in force and can price a call: its
/// postpaid label has a first tier with a list price and an open top tier, its prepaid
/// label's packs (if any) ascend.
fn labels_priced<T: BillingTable>() {
    for on in change_days::<T>() {
        for &channel in T::Channel::ALL {
            let Some(cells) = T::cells_on(channel, on) else {
                assert!(!T::channel_exists_on(channel, on), "{channel} on {on}");
                continue;
            };
            assert!(
                cells.iter().any(|c| c.labels.is_some()),
                "{channel} offers something on {on}"
            );
            for labels in cells.iter().filter_map(|c| c.labels) {
                let tiers = T::tiers_on(labels.postpaid, on)
                    .unwrap_or_else(|| panic!("{} in force on {on}", labels.postpaid));
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
                let packs = T::packs_on(labels.prepaid, on)
                    .unwrap_or_else(|| panic!("{} in force on {on}", labels.prepaid));
                assert!(
                    packs.windows(2).all(|w| w[0].size < w[1].size),
                    "{}",
                    labels.prepaid
                );
            }
        }
    }
}

#[test]
fn every_used_label_is_priced_on_every_day() {
    labels_priced::<legacy::Table>();
    labels_priced::<monthly::Table>();
    labels_priced::<daily::Table>();
}

#[test]
fn the_legacy_facts_hold() {
    use legacy::{Channel, PostpaidLabel, PrepaidLabel, Source};
    let july = day(2021, 7, 1);
    // The WeChat channels: enhanced prepaid labels, legacy postpaid labels.
    let labels = Channel::WechatMiniProgram
        .labels_on(Some(Source::Authority), july)
        .unwrap();
    assert_eq!(labels.postpaid, PostpaidLabel::LivenessRecognition);
    assert_eq!(labels.prepaid, PrepaidLabel::EnhancedAuthorityWechat);
    // 照片人脸核身 API takes the basic authority pack and its own postpaid label.
    let labels = Channel::ImageRecognitionApi.labels_on(None, july).unwrap();
    assert_eq!(labels.postpaid.doc_name(), "照片人脸核身");
    assert_eq!(labels.prepaid.doc_name(), "基础版人脸核身(权威库)");
    // The 活体人脸比对 API offers only the uploaded-photo source.
    assert_eq!(
        Channel::LivenessCompareApi.labels_on(Some(Source::Authority), july),
        None
    );
    // Prices as 价格说明 @0f66dc54 writes them.
    let tier = PostpaidLabel::ImageRecognition
        .tier_on(july, 3_000)
        .unwrap();
    assert_eq!(tier.price, Some(Money::from_fen(85)));
    assert_eq!(
        PostpaidLabel::LivenessCompare
            .tier_on(july, 250_000)
            .unwrap()
            .price,
        None
    );
    assert_eq!(
        PrepaidLabel::BasicAuthority.packs_on(july).unwrap()[1].price,
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
fn the_legacy_dated_changes_hold() {
    use legacy::{Channel, PostpaidLabel, PrepaidLabel, Source};
    let wechat = |on| {
        let l = Channel::WechatNativeH5
            .labels_on(Some(Source::Authority), on)
            .unwrap();
        (l.postpaid, l.prepaid)
    };
    // Before 2021-02-01 the WeChat channels bill as the others, with 活体人脸核身 packs.
    assert_eq!(
        wechat(day(2021, 1, 31)),
        (
            PostpaidLabel::LivenessRecognition,
            PrepaidLabel::LivenessRecognition
        )
    );
    assert_eq!(
        wechat(day(2021, 2, 1)),
        (
            PostpaidLabel::WechatLivenessRecognition,
            PrepaidLabel::WechatLivenessRecognition
        )
    );
    assert_eq!(
        wechat(day(2021, 6, 22)),
        (
            PostpaidLabel::LivenessRecognition,
            PrepaidLabel::EnhancedAuthorityWechat
        )
    );
    assert!(!PostpaidLabel::WechatLivenessRecognition.exists_on(day(2021, 6, 22)));
    // The enhanced App SDK is listed from the launch.
    assert!(!Channel::EnhancedAppSdk.exists_on(day(2021, 6, 21)));
    assert!(Channel::EnhancedAppSdk.exists_on(day(2021, 6, 22)));
    // Old packs are no longer sold, and cover the calls of the labels that replace them.
    assert_eq!(
        PrepaidLabel::LivenessRecognition.packs_on(day(2021, 6, 22)),
        Some(&[][..])
    );
    assert_eq!(
        PrepaidLabel::LivenessRecognition.covers_on(day(2021, 6, 22)),
        [
            PrepaidLabel::BasicAuthority,
            PrepaidLabel::EnhancedAuthorityWechat
        ]
    );
    assert!(PrepaidLabel::LivenessRecognition
        .covers_on(day(2021, 6, 21))
        .is_empty());
    // The phone labels split on 2022-01-01; 三要素 packs go on sale at 10:00 on 2022-01-04.
    let phone = |on| {
        Channel::PhoneThreeFactor
            .labels_on(None, on)
            .unwrap()
            .postpaid
    };
    assert_eq!(phone(day(2021, 12, 31)), PostpaidLabel::PhoneInfo);
    assert_eq!(phone(day(2022, 1, 1)), PostpaidLabel::PhoneThreeFactor);
    assert_eq!(
        PostpaidLabel::PhoneThreeFactor
            .tiers_on(day(2022, 1, 1))
            .unwrap()[0]
            .price,
        Some(Money::from_fen(110))
    );
    let ten = day(2022, 1, 4).and_hms_opt(10, 0, 0).unwrap();
    let packs = PrepaidLabel::PhoneThreeFactor;
    assert_eq!(
        packs.packs_at(ten - chrono::Duration::minutes(1)),
        Some(&[][..])
    );
    assert_eq!(
        packs.packs_at(ten).unwrap()[2].price,
        Money::from_yuan(95_000)
    );
    // Every change cites its document, in date order.
    let changes = legacy::Table::changes();
    assert!(changes.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(changes
        .iter()
        .any(|c| c.per.commit == Some("1b16bbcb") && c.subject == "手机号信息核验（三要素）"));
}

#[test]
fn the_monthly_dated_changes_hold() {
    use monthly::{Channel, PostpaidLabel, PrepaidLabel, Source};
    let phone = |on| Channel::PhoneThreeFactor.labels_on(None, on).unwrap();
    // 2021: both phone APIs under 手机号信息核验, priced by the month's tier.
    let before = phone(day(2021, 12, 31));
    assert_eq!(before.postpaid, PostpaidLabel::PhoneInfo);
    assert_eq!(
        PostpaidLabel::PhoneInfo
            .tier_on(day(2021, 12, 31), 30_000)
            .unwrap()
            .price,
        Some(Money::from_fen(36))
    );
    // 2022-01-01: 三要素 at a flat 1.10; the old packs still pay for both new labels.
    let after = phone(day(2022, 1, 1));
    assert_eq!(after.postpaid, PostpaidLabel::PhoneThreeFactor);
    assert!(PostpaidLabel::PhoneThreeFactor
        .tiers_on(day(2022, 5, 1))
        .unwrap()
        .iter()
        .all(|t| t.price == Some(Money::from_fen(110))));
    assert!(!PostpaidLabel::PhoneInfo.exists_on(day(2022, 1, 1)));
    assert_eq!(
        PrepaidLabel::PhoneInfo.covers_on(day(2022, 1, 1)),
        [PrepaidLabel::PhoneTwoFactor, PrepaidLabel::PhoneThreeFactor]
    );
    assert_eq!(
        PostpaidLabel::PhoneTwoFactor
            .tier_on(day(2022, 5, 1), 30_000)
            .unwrap()
            .price,
        Some(Money::from_fen(37))
    );
    // 银行卡基础信息查询 under that name from the 2022 label table, 增值服务 before.
    assert_eq!(
        PostpaidLabel::BankCardBasic.doc_name_on(day(2021, 12, 31)),
        "增值服务"
    );
    assert_eq!(
        PostpaidLabel::BankCardBasic.doc_name_on(day(2022, 1, 1)),
        "银行卡基础信息查询"
    );
    // 独立 H5 and 微信实名认证授权 leave with the label table of 2023-01-04.
    assert!(Channel::StandaloneH5.exists_on(day(2023, 1, 3)));
    assert!(!Channel::StandaloneH5.exists_on(day(2023, 1, 4)));
    assert!(!Channel::WechatRealNameAuth.exists_on(day(2023, 1, 4)));
    // The 浮层 H5 channels at the prices of -微信.
    let float = Channel::MobileFloatH5
        .labels_on(Some(Source::Authority), day(2023, 3, 1))
        .unwrap();
    assert_eq!(
        float.postpaid.doc_name(),
        "增强版人脸核身（权威库）-浮层 H5"
    );
    // Opened range and settlement are the edition's.
    let info = monthly::Table::INFO;
    assert_eq!(info.opened.from, Some(day(2021, 6, 22)));
    assert_eq!(info.opened.before, Some(day(2023, 1, 4)));
    assert_eq!(
        info.settlement,
        faceid_rules::Settlement::Monthly { bill_days: (1, 3) }
    );
}

#[test]
fn the_daily_facts_hold() {
    use daily::{Channel, PostpaidLabel, PrepaidLabel};
    let on = day(2023, 5, 10);
    // Every label has one price per call.
    for label in PostpaidLabel::ALL {
        let tiers = label.tiers_on(on).unwrap();
        assert_eq!(tiers.len(), 1, "{label}");
        assert!(tiers[0].price.is_some(), "{label}");
    }
    // The carrier variants of 三要素 are channels with labels of their own.
    let price = |c: Channel| {
        let labels = c.labels_on(None, on).unwrap();
        (
            labels.postpaid.doc_name(),
            labels.postpaid.tiers_on(on).unwrap()[0].price,
        )
    };
    assert_eq!(
        price(Channel::PhoneThreeFactorCmcc),
        ("手机号信息核验(三要素)-移动", Some(Money::from_fen(130)))
    );
    assert_eq!(
        price(Channel::PhoneThreeFactorCtcc),
        ("手机号信息核验(三要素)-电信", Some(Money::from_fen(70)))
    );
    assert_eq!(
        price(Channel::PhoneThreeFactorCucc),
        ("手机号信息核验(三要素)-联通", Some(Money::from_fen(70)))
    );
    assert_eq!(
        "PhoneVerificationCMCC".parse(),
        Ok(Channel::PhoneThreeFactorCmcc)
    );
    assert_eq!(
        price(Channel::PhoneThreeFactor),
        ("手机号信息核验（三要素）", Some(Money::from_fen(110)))
    );
    assert_eq!(
        price(Channel::BankCard3E),
        ("银行卡信息核验", Some(Money::from_fen(40)))
    );
    assert_eq!(price(Channel::Nfc).0, "证件 NFC 识别");
    // The same packs; 意愿核身 sells them here, 证件 NFC 识别 does not.
    assert_eq!(
        PrepaidLabel::PhoneThreeFactor.packs_on(on).unwrap()[2].price,
        Money::from_yuan(95_000)
    );
    assert_eq!(
        PrepaidLabel::IntentionAuthority.packs_on(on).unwrap()[0].price,
        Money::from_yuan(1_450)
    );
    assert_eq!(PrepaidLabel::IdCardNfc.packs_on(on), Some(&[][..]));
    let info = daily::Table::INFO;
    assert_eq!(info.opened.from, Some(day(2023, 1, 4)));
    assert_eq!(info.opened.before, None);
    assert!(matches!(
        info.settlement,
        faceid_rules::Settlement::Daily { .. }
    ));
    assert!(daily::Table::changes().is_empty());
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
    assert_eq!(monthly::source!("权威库"), monthly::Source::Authority);
    assert_eq!(
        daily::postpaid!("手机号信息核验(三要素)-移动"),
        daily::PostpaidLabel::PhoneThreeFactorCmcc
    );
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
