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
//! Tiers follow 价格说明 @0f66dc54 (with a 联系商务 top tier), packs too. One dated change,
//! far from the days the other tests use: from 2030-03-16 银行卡信息核验 costs less
//! ([`BANK_CHANGE`]), so that a month can straddle a change of prices.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::dated::{start_of, Change, Dated, Document, Opened, Period, Settlement};
use crate::money::Money;
use crate::names::{normalise, UnknownName};
use crate::table::{
    BillingTable, Cell, Code, CodeChange, CodePattern, CodeRule, CodeStatus, Labels, Named,
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

/// 银行卡信息核验 from [`BANK_CHANGE`].
static BANK_TIERS_2030: [Tier; 2] = [
    tier(1, Some(1_000), yuan_fen(30)),
    tier(1_000, None, yuan_fen(28)),
];

/// The day 银行卡信息核验's prices change.
pub const BANK_CHANGE: NaiveDate = crate::__private::ymd(2030, 3, 16);

/// The document of that change.
pub static NOTICE: Document = Document {
    title: "测试公告",
    doc_id: None,
    commit: Some("0000000"),
};

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
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::LivenessApi],
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::PhotoApi],
    },
    Row {
        section: Section::Basic,
        channels: &[Channel::CompareApi],
    },
    Row {
        section: Section::RealName,
        channels: &[Channel::BankCard3E],
    },
];

/// One mapping from the beginning.
macro_rules! always {
    ($($cell:expr),* $(,)?) => {
        const { &[Dated { from: None, value: &[$($cell),*], per: None }] }
    };
}

const fn cell(source: Option<Source>, labels: Option<Labels<Mock>>) -> Cell<Mock> {
    Cell { source, labels }
}

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
        opened: Opened {
            from: Some(crate::__private::ymd(2000, 1, 1)),
            before: None,
        },
        settlement: Settlement::Monthly { bill_days: (1, 3) },
    };
    const ROWS: &'static [Row<Self>] = &ROWS;
    const DOCUMENTS: &'static [Document] = std::slice::from_ref(&NOTICE);
    const CHANGES: &'static [Change] = &[Change {
        at: start_of(BANK_CHANGE),
        kind: "postpaid label",
        subject: "银行卡信息核验",
        what: "price: tiers ¥0.30 / ¥0.28",
        per: &NOTICE,
    }];

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

    fn channel_period(_: Channel) -> Period {
        Period::ALWAYS
    }

    fn mappings(channel: Channel) -> &'static [Dated<&'static [Cell<Mock>]>] {
        use Channel::*;
        match channel {
            MiniProgram | NativeH5 => always![
                cell(
                    Some(AUTHORITY),
                    labels(Postpaid::LivenessRec, Prepaid::WechatAuthority)
                ),
                cell(
                    Some(UPLOAD),
                    labels(Postpaid::LivenessCmp, Prepaid::WechatUpload)
                ),
            ],
            LivenessApi => always![
                cell(
                    Some(AUTHORITY),
                    labels(Postpaid::LivenessRec, Prepaid::BasicAuthority)
                ),
                cell(Some(UPLOAD), None),
            ],
            PhotoApi => always![
                cell(
                    Some(AUTHORITY),
                    labels(Postpaid::ImageRec, Prepaid::BasicAuthority)
                ),
                cell(Some(UPLOAD), None),
            ],
            CompareApi => always![
                cell(Some(AUTHORITY), None),
                cell(
                    Some(UPLOAD),
                    labels(Postpaid::LivenessCmp, Prepaid::BasicUpload)
                ),
            ],
            BankCard3E => always![cell(None, labels(Postpaid::BankCard, Prepaid::BankCard))],
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

    fn prices(label: Postpaid) -> &'static [Dated<Option<&'static [Tier]>>] {
        const fn from_start(tiers: &'static [Tier]) -> Dated<Option<&'static [Tier]>> {
            Dated {
                from: None,
                value: Some(tiers),
                per: None,
            }
        }
        static FACE: [Dated<Option<&'static [Tier]>>; 1] = [from_start(&FACE_TIERS)];
        static COMPARE: [Dated<Option<&'static [Tier]>>; 1] = [from_start(&COMPARE_TIERS)];
        static BANK: [Dated<Option<&'static [Tier]>>; 2] = [
            from_start(&BANK_TIERS),
            Dated {
                from: Some(start_of(BANK_CHANGE)),
                value: Some(&BANK_TIERS_2030),
                per: Some(&NOTICE),
            },
        ];
        match label {
            Postpaid::LivenessRec | Postpaid::ImageRec => &FACE,
            Postpaid::LivenessCmp => &COMPARE,
            Postpaid::BankCard => &BANK,
        }
    }

    fn postpaid_names(label: Postpaid) -> &'static [Dated<&'static str>] {
        named_from_start(label.doc_name())
    }

    fn pack_lists(label: Prepaid) -> &'static [Dated<Option<&'static [PackOffer]>>] {
        static WECHAT_AUTHORITY: [PackOffer; 2] = [offer(1_000, 1_150), offer(10_000, 11_000)];
        static WECHAT_UPLOAD: [PackOffer; 1] = [offer(1_000, 280)];
        static BASIC_AUTHORITY: [PackOffer; 2] = [offer(1_000, 930), offer(10_000, 8_000)];
        static BASIC_UPLOAD: [PackOffer; 2] = [offer(1_000, 145), offer(10_000, 1_200)];
        static BANK_CARD: [PackOffer; 1] = [offer(1_000, 380)];
        macro_rules! from_start {
            ($packs:expr) => {{
                static LINE: [Dated<Option<&'static [PackOffer]>>; 1] = [Dated {
                    from: None,
                    value: Some(&$packs),
                    per: None,
                }];
                &LINE
            }};
        }
        match label {
            Prepaid::WechatAuthority => from_start!(WECHAT_AUTHORITY),
            Prepaid::WechatUpload => from_start!(WECHAT_UPLOAD),
            Prepaid::BasicAuthority => from_start!(BASIC_AUTHORITY),
            Prepaid::BasicUpload => from_start!(BASIC_UPLOAD),
            Prepaid::BankCard => from_start!(BANK_CARD),
        }
    }

    fn prepaid_names(label: Prepaid) -> &'static [Dated<&'static str>] {
        named_from_start(label.doc_name())
    }

    fn covers(_: Prepaid) -> &'static [Dated<&'static [Prepaid]>] {
        &[]
    }
}

/// A doc name held from the beginning, as a timeline (leaked once per call: test code).
fn named_from_start(name: &'static str) -> &'static [Dated<&'static str>] {
    Box::leak(Box::new([Dated {
        from: None,
        value: name,
        per: None,
    }]))
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
