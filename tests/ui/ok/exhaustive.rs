// A dependent crate that matches on every enum of the legacy table without a wildcard arm.
// It compiles as long as the table has exactly these variants; adding a channel (or any
// other variant) to the table breaks it with E0004, as ui/err/dependent/missing_channel.rs
// shows. Each match states a fact of the document that the generated code must agree with.
use faceid_rules::legacy::{Channel, CodeFamily, PostpaidLabel, PrepaidLabel, Section, Source};
use faceid_rules::{Code, Verdict};

/// How many compare sources each section of 计费概述（旧） has a column for.
fn compare_columns(section: Section) -> usize {
    match section {
        Section::Enhanced | Section::Basic => 2,
        Section::RealName => 0,
        Section::Eid => 1,
    }
}

/// The section each channel is listed in.
fn section_of(channel: Channel) -> Section {
    match channel {
        Channel::WechatNativeH5 | Channel::WechatMiniProgram | Channel::EnhancedAppSdk => {
            Section::Enhanced
        }
        Channel::WechatH5
        | Channel::StandaloneH5
        | Channel::PcH5
        | Channel::BasicAppSdk
        | Channel::LivenessRecognitionApi
        | Channel::ImageRecognitionApi
        | Channel::LivenessCompareApi
        | Channel::IdCardPhotoApi => Section::Basic,
        Channel::IdentityVerification
        | Channel::IdCardOcrVerification
        | Channel::WechatRealNameAuth
        | Channel::BankCard2E
        | Channel::BankCard3E
        | Channel::BankCard4E
        | Channel::PhoneTwoFactor
        | Channel::PhoneThreeFactor
        | Channel::PhoneTenure
        | Channel::PhoneStatus
        | Channel::BankCardBasic => Section::RealName,
        Channel::Eid => Section::Eid,
    }
}

/// The short name a call log may use for each compare source.
fn short_name(source: Source) -> &'static str {
    match source {
        Source::Authority => "权威库",
        Source::Upload => "上传照片",
    }
}

/// Whether the top tier of each postpaid label is 联系商务 (negotiated) on 2021-06-01;
/// `None` for a label not in force that day.
fn negotiated_on_top(label: PostpaidLabel) -> Option<bool> {
    match label {
        PostpaidLabel::LivenessRecognition
        | PostpaidLabel::ImageRecognition
        | PostpaidLabel::LivenessCompare
        | PostpaidLabel::WechatLivenessRecognition
        | PostpaidLabel::WechatLivenessCompare
        | PostpaidLabel::IdCardInfo
        | PostpaidLabel::BankCardInfo
        | PostpaidLabel::PhoneInfo
        | PostpaidLabel::PhoneTenureStatus
        | PostpaidLabel::BankCardBasic => Some(true),
        PostpaidLabel::EidAuthority => Some(false),
        PostpaidLabel::PhoneTwoFactor | PostpaidLabel::PhoneThreeFactor => None,
    }
}

/// How many pack sizes are on sale for each prepaid label once 三要素 packs went on sale
/// (2022-01-05); `Some(0)` for a label whose packs are no longer sold.
fn pack_sizes(label: PrepaidLabel) -> Option<usize> {
    match label {
        PrepaidLabel::EnhancedAuthorityWechat
        | PrepaidLabel::EnhancedUploadWechat
        | PrepaidLabel::EnhancedAuthorityApp
        | PrepaidLabel::EnhancedUploadApp
        | PrepaidLabel::BasicAuthority
        | PrepaidLabel::BasicUpload
        | PrepaidLabel::IdCardInfo => Some(6),
        PrepaidLabel::BankCardInfo
        | PrepaidLabel::PhoneThreeFactor
        | PrepaidLabel::PhoneTenureStatus
        | PrepaidLabel::BankCardBasic
        | PrepaidLabel::EidAuthority => Some(4),
        PrepaidLabel::LivenessRecognition
        | PrepaidLabel::ImageRecognition
        | PrepaidLabel::LivenessCompare
        | PrepaidLabel::WechatLivenessRecognition
        | PrepaidLabel::WechatLivenessCompare
        | PrepaidLabel::PhoneInfo
        | PrepaidLabel::PhoneTwoFactor => Some(0),
    }
}

/// Whether the family's numeric code 0 (success) is billed; API 3.0 answers with names.
fn zero_is_billed(family: CodeFamily) -> bool {
    match family {
        CodeFamily::ApiFace => false,
        CodeFamily::DetectAuthWechat
        | CodeFamily::DetectAuthH5
        | CodeFamily::AppSdk
        | CodeFamily::IdCardVerification
        | CodeFamily::IdCardOcrVerification
        | CodeFamily::RealNameAuth
        | CodeFamily::BankCard2E
        | CodeFamily::BankCard3E
        | CodeFamily::BankCard4E
        | CodeFamily::PhoneTwoFactor
        | CodeFamily::PhoneThreeFactor
        | CodeFamily::PhoneTenure
        | CodeFamily::PhoneStatus
        | CodeFamily::BankCardBasic
        | CodeFamily::Eid => true,
    }
}

fn main() {
    for section in Section::ALL {
        assert_eq!(
            section.sources().len(),
            compare_columns(section),
            "{section}"
        );
    }
    for channel in Channel::ALL {
        assert_eq!(channel.section(), section_of(channel), "{channel}");
    }
    for source in Source::ALL {
        assert_eq!(short_name(source).parse(), Ok(source));
    }
    let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
    for label in PostpaidLabel::ALL {
        let top = label.tiers_on(day).map(|t| *t.last().expect("tiers"));
        assert_eq!(top.map(|t| t.price.is_none()), negotiated_on_top(label), "{label}");
        assert!(top.is_none_or(|t| t.to.is_none()), "{label}: the top tier is open-ended");
    }
    let sale = chrono::NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
    for label in PrepaidLabel::ALL {
        assert_eq!(label.packs_on(sale).map(<[_]>::len), pack_sizes(label), "{label}");
    }
    for family in CodeFamily::ALL {
        let billed = family.status(Code::Int(0), day).verdict == Verdict::Billed;
        assert_eq!(billed, zero_is_billed(family), "{family}");
    }
}
