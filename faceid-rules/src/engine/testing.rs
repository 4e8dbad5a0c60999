//! A small billing table written by hand, for testing the engine independently of the
//! documents' tables.
//!
//! - 微信小程序 and 微信原生 H5 (both called through `DetectAuth`, so that action is
//!   ambiguous) compare with either source: 活体人脸核身 / 增强版…-微信 or 活体人脸比对 /
//!   增强版…-微信 (自传照片).
//! - 活体人脸核身 API and 照片人脸核身 API offer one source and share the prepaid label
//!   基础版人脸核身(权威库) under different postpaid labels; 活体人脸核身 is thus the postpaid
//!   label of two prepaid labels.
//! - 活体人脸比对 API offers the other source only.
//! - 银行卡三要素 has no compare source.
//!
//! Tiers follow 价格说明 @0f66dc54 (with a 联系商务 top tier), packs too.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::money::Money;
use crate::names::{normalise, UnknownName};
use crate::table::{
    BillingTable, Cell, Code, CodeChange, CodePattern, CodeRule, CodeStatus, Labels, Named, Opened,
    PackOffer, Resolved, Row, TableInfo, Tier, Verdict,
};

/// The calendar day `y-m-d`.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

macro_rules! named {
    ($ty:ident, $kind:literal { $($v:ident = $doc:literal $([$($alias:literal),*])?),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $ty { $($v),* }

        impl Named for $ty {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = &[$(Self::$v),*];
            fn doc_name(self) -> &'static str {
                match self { $(Self::$v => $doc),* }
            }
            fn ident(self) -> &'static str {
                match self { $(Self::$v => stringify!($v)),* }
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $(Self::$v => &[$($($alias),*)?]),* }
            }
            fn index(self) -> usize {
                self as usize
            }
            fn resolve_normalised(key: &str) -> Resolved<Self> {
                let named = |name: &str| normalise(name) == key;
                if let Some(&item) = Self::ALL.iter().find(|i| named(i.doc_name()) || named(i.ident())) {
                    return Resolved::One(item);
                }
                let by_alias: Vec<Self> = Self::ALL
                    .iter()
                    .copied()
                    .filter(|i| i.aliases().iter().any(|a| named(a)))
                    .collect();
                match by_alias.as_slice() {
                    [] => Resolved::Unknown,
                    [one] => Resolved::One(*one),
                    // Test code: the few shared aliases are leaked once per lookup.
                    _ => Resolved::Several(by_alias.leak()),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.doc_name())
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(text: &str) -> Result<Self, UnknownName> {
                <Self as Named>::lookup(text)
            }
        }
    };
}

named!(Section, "section" {
    Enhanced = "增强版人脸核身",
    Basic = "基础版人脸核身",
    RealName = "实名信息核验",
});

named!(Channel, "channel" {
    MiniProgram = "微信小程序" ["DetectAuth"],
    NativeH5 = "微信原生 H5" ["DetectAuth"],
    LivenessApi = "活体人脸核身 API" ["LivenessRecognition"],
    PhotoApi = "照片人脸核身 API" ["ImageRecognition", "ImageRecognitionV2"],
    CompareApi = "活体人脸比对 API" ["LivenessCompare"],
    BankCard3E = "银行卡三要素" ["BankCardVerification"],
});

named!(Source, "compare source" {
    Authority = "跟权威库比对" ["权威库"],
    Upload = "跟上传照片比对" ["上传照片", "自传照片"],
});

named!(Postpaid, "postpaid label" {
    LivenessRec = "活体人脸核身",
    ImageRec = "照片人脸核身",
    LivenessCmp = "活体人脸比对",
    BankCard = "银行卡信息核验" ["银行卡核验"],
});

named!(Prepaid, "prepaid label" {
    WechatAuthority = "增强版人脸核身(权威库)-微信",
    WechatUpload = "增强版人脸核身(自传照片)-微信",
    BasicAuthority = "基础版人脸核身(权威库)",
    BasicUpload = "基础版人脸核身(自传照片)",
    BankCard = "银行卡信息核验",
});

named!(CodeFamily, "code family" {
    DetectAuth = "DetectAuth",
    Api = "API 3.0 人脸核验类",
    BankCard = "BankCardVerification",
});

/// The hand-written table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mock;

const fn yuan_fen(fen: i64) -> Option<Money> {
    Some(Money::from_fen(fen))
}

const fn tier(from: u64, to: Option<u64>, price: Option<Money>) -> Tier {
    Tier { from, to, price }
}

static FACE_TIERS: [Tier; 5] = [
    tier(1, Some(1_000), yuan_fen(100)),
    tier(1_000, Some(10_000), yuan_fen(85)),
    tier(10_000, Some(100_000), yuan_fen(75)),
    tier(100_000, Some(200_000), yuan_fen(68)),
    tier(200_000, None, None),
];

static COMPARE_TIERS: [Tier; 5] = [
    tier(1, Some(1_000), yuan_fen(15)),
    tier(1_000, Some(10_000), yuan_fen(13)),
    tier(10_000, Some(100_000), yuan_fen(11)),
    tier(100_000, Some(200_000), yuan_fen(11)),
    tier(200_000, None, None),
];

static BANK_TIERS: [Tier; 5] = [
    tier(1, Some(1_000), yuan_fen(40)),
    tier(1_000, Some(10_000), yuan_fen(38)),
    tier(10_000, Some(100_000), yuan_fen(36)),
    tier(100_000, Some(200_000), yuan_fen(34)),
    tier(200_000, None, None),
];

const fn offer(size: u64, yuan: i64) -> PackOffer {
    PackOffer {
        size,
        price: Money::from_yuan(yuan),
    }
}

const AUTHORITY: Source = Source::Authority;
const UPLOAD: Source = Source::Upload;

const fn labels(postpaid: Postpaid, prepaid: Prepaid) -> Option<Labels<Mock>> {
    Some(Labels { postpaid, prepaid })
}

static ROWS: [Row<Mock>; 5] = [
    Row {
        section: Section::Enhanced,
        channels: &[Channel::MiniProgram, Channel::NativeH5],
        cells: &[
            Cell {
                source: Some(AUTHORITY),
                labels: labels(Postpaid::LivenessRec, Prepaid::WechatAuthority),
            },
            Cell {
                source: Some(UPLOAD),
                labels: labels(Postpaid::LivenessCmp, Prepaid::WechatUpload),
            },
        ],
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::LivenessApi],
        cells: &[
            Cell {
                source: Some(AUTHORITY),
                labels: labels(Postpaid::LivenessRec, Prepaid::BasicAuthority),
            },
            Cell {
                source: Some(UPLOAD),
                labels: None,
            },
        ],
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::PhotoApi],
        cells: &[
            Cell {
                source: Some(AUTHORITY),
                labels: labels(Postpaid::ImageRec, Prepaid::BasicAuthority),
            },
            Cell {
                source: Some(UPLOAD),
                labels: None,
            },
        ],
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::CompareApi],
        cells: &[
            Cell {
                source: Some(AUTHORITY),
                labels: None,
            },
            Cell {
                source: Some(UPLOAD),
                labels: labels(Postpaid::LivenessCmp, Prepaid::BasicUpload),
            },
        ],
    },
    Row {
        section: Section::RealName,
        channels: &[Channel::BankCard3E],
        cells: &[Cell {
            source: None,
            labels: labels(Postpaid::BankCard, Prepaid::BankCard),
        }],
    },
];

/// The day from which code 2010 of `DetectAuth` is no longer billed.
pub const CHANGE_2010: NaiveDate = crate::__private::ymd(2021, 7, 19);

impl BillingTable for Mock {
    type Section = Section;
    type Channel = Channel;
    type Source = Source;
    type Postpaid = Postpaid;
    type Prepaid = Prepaid;
    type CodeFamily = CodeFamily;

    const INFO: TableInfo = TableInfo {
        name: "mock",
        title: "测试计费表",
        doc_id: 0,
        opened: Opened::From(crate::__private::ymd(2000, 1, 1)),
        bill_days: (1, 3),
    };
    const ROWS: &'static [Row<Self>] = &ROWS;

    fn section(channel: Channel) -> Section {
        match channel {
            Channel::MiniProgram | Channel::NativeH5 => Section::Enhanced,
            Channel::LivenessApi | Channel::PhotoApi | Channel::CompareApi => Section::Basic,
            Channel::BankCard3E => Section::RealName,
        }
    }

    fn section_sources(section: Section) -> &'static [Source] {
        match section {
            Section::Enhanced | Section::Basic => &[AUTHORITY, UPLOAD],
            Section::RealName => &[],
        }
    }

    fn channel_sources(channel: Channel) -> &'static [Source] {
        match channel {
            Channel::MiniProgram | Channel::NativeH5 => &[AUTHORITY, UPLOAD],
            Channel::LivenessApi | Channel::PhotoApi => &[AUTHORITY],
            Channel::CompareApi => &[UPLOAD],
            Channel::BankCard3E => &[],
        }
    }

    fn channel_doc_id(channel: Channel) -> u32 {
        match channel {
            Channel::MiniProgram => 31071,
            Channel::NativeH5 => 42656,
            Channel::LivenessApi => 31818,
            Channel::PhotoApi => 31820,
            Channel::CompareApi => 31819,
            Channel::BankCard3E => 33848,
        }
    }

    fn channel_actions(channel: Channel) -> &'static [&'static str] {
        channel.aliases()
    }

    fn code_family(channel: Channel) -> CodeFamily {
        match channel {
            Channel::MiniProgram | Channel::NativeH5 => CodeFamily::DetectAuth,
            Channel::LivenessApi | Channel::PhotoApi | Channel::CompareApi => CodeFamily::Api,
            Channel::BankCard3E => CodeFamily::BankCard,
        }
    }

    fn labels(channel: Channel, source: Option<Source>) -> Option<Labels<Mock>> {
        use Channel::*;
        use Source::*;
        match (channel, source) {
            (MiniProgram | NativeH5, Some(Authority)) => {
                labels(Postpaid::LivenessRec, Prepaid::WechatAuthority)
            }
            (MiniProgram | NativeH5, Some(Upload)) => {
                labels(Postpaid::LivenessCmp, Prepaid::WechatUpload)
            }
            (LivenessApi, None | Some(Authority)) => {
                labels(Postpaid::LivenessRec, Prepaid::BasicAuthority)
            }
            (PhotoApi, None | Some(Authority)) => {
                labels(Postpaid::ImageRec, Prepaid::BasicAuthority)
            }
            (CompareApi, None | Some(Upload)) => {
                labels(Postpaid::LivenessCmp, Prepaid::BasicUpload)
            }
            (BankCard3E, None) => labels(Postpaid::BankCard, Prepaid::BankCard),
            _ => None,
        }
    }

    fn code_status(family: CodeFamily, code: Code<'_>, day: NaiveDate) -> CodeStatus {
        let plain = |verdict| CodeStatus {
            verdict,
            since: None,
            until: None,
        };
        match (family, code) {
            (CodeFamily::DetectAuth, Code::Int(2010)) if day >= CHANGE_2010 => CodeStatus {
                verdict: Verdict::NotBilled,
                since: Some(CHANGE_2010),
                until: None,
            },
            (CodeFamily::DetectAuth, Code::Int(2010)) => CodeStatus {
                verdict: Verdict::Billed,
                since: None,
                until: Some(CHANGE_2010),
            },
            (CodeFamily::DetectAuth, Code::Int(0 | 2006 | 2016)) => plain(Verdict::Billed),
            (CodeFamily::DetectAuth, Code::Int(1..=4 | 1001)) => plain(Verdict::NotBilled),
            (CodeFamily::Api, Code::Name("Success" | "FailedOperation.CompareLowSimilarity")) => {
                plain(Verdict::Billed)
            }
            (CodeFamily::Api, Code::Name("FailedOperation.ImageDecodeFailed")) => {
                plain(Verdict::NotBilled)
            }
            (CodeFamily::BankCard, Code::Int(0 | -1)) => plain(Verdict::Billed),
            (CodeFamily::BankCard, Code::Int(-3..=-2)) => plain(Verdict::NotBilled),
            _ => plain(Verdict::Unknown),
        }
    }

    fn code_rules(family: CodeFamily) -> &'static [CodeRule] {
        use CodePattern::{Name, Range};
        match family {
            CodeFamily::DetectAuth => &[
                CodeRule {
                    codes: &[Range(0, 0), Range(2006, 2006), Range(2016, 2016)],
                    billed: Some(true),
                    changes: &[],
                },
                CodeRule {
                    codes: &[Range(1, 4), Range(1001, 1001)],
                    billed: Some(false),
                    changes: &[],
                },
                CodeRule {
                    codes: &[Range(2010, 2010)],
                    billed: Some(true),
                    changes: &[CodeChange {
                        from: CHANGE_2010,
                        billed: false,
                    }],
                },
            ],
            CodeFamily::Api => &[
                CodeRule {
                    codes: &[
                        Name("Success"),
                        Name("FailedOperation.CompareLowSimilarity"),
                    ],
                    billed: Some(true),
                    changes: &[],
                },
                CodeRule {
                    codes: &[Name("FailedOperation.ImageDecodeFailed")],
                    billed: Some(false),
                    changes: &[],
                },
            ],
            CodeFamily::BankCard => &[
                CodeRule {
                    codes: &[Range(-1, 0)],
                    billed: Some(true),
                    changes: &[],
                },
                CodeRule {
                    codes: &[Range(-3, -2)],
                    billed: Some(false),
                    changes: &[],
                },
            ],
        }
    }

    fn tiers(label: Postpaid) -> &'static [Tier] {
        match label {
            Postpaid::LivenessRec | Postpaid::ImageRec => &FACE_TIERS,
            Postpaid::LivenessCmp => &COMPARE_TIERS,
            Postpaid::BankCard => &BANK_TIERS,
        }
    }

    fn packs(label: Prepaid) -> &'static [PackOffer] {
        static WECHAT_AUTHORITY: [PackOffer; 2] = [offer(1_000, 1_150), offer(10_000, 11_000)];
        static WECHAT_UPLOAD: [PackOffer; 1] = [offer(1_000, 280)];
        static BASIC_AUTHORITY: [PackOffer; 2] = [offer(1_000, 930), offer(10_000, 8_000)];
        static BASIC_UPLOAD: [PackOffer; 2] = [offer(1_000, 145), offer(10_000, 1_200)];
        static BANK_CARD: [PackOffer; 1] = [offer(1_000, 380)];
        match label {
            Prepaid::WechatAuthority => &WECHAT_AUTHORITY,
            Prepaid::WechatUpload => &WECHAT_UPLOAD,
            Prepaid::BasicAuthority => &BASIC_AUTHORITY,
            Prepaid::BasicUpload => &BASIC_UPLOAD,
            Prepaid::BankCard => &BANK_CARD,
        }
    }
}

/// `bill_account` for the mock table, whose statements say `legacy`.
pub fn bill_account(
    account: &str,
    usage: &crate::engine::AccountUsage<Mock>,
    packs: &[crate::records::PackRecord],
    contract: &crate::engine::ContractPrices,
    months: Option<std::ops::RangeInclusive<crate::calendar::Month>>,
) -> Result<crate::engine::AccountStatement, crate::engine::EngineError> {
    let packs = crate::engine::resolve_packs::<Mock>(account, packs)?;
    crate::engine::bill::bill_as(
        crate::Edition::Legacy,
        account,
        usage,
        &packs,
        contract,
        months,
    )
}
