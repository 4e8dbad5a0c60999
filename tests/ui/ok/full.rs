// A table that uses every part of the language, and a program that reads every kind of
// generated item back: names, lookups, mappings, tiers, packs, result codes, rows, serde.
use faceid_rules::{BillingTable, Code, Named, Opened, Verdict};

faceid_rules::billing_table! {
    /// A negotiated contract: two face sections and one section without compare source.
    /// Doc comments on the module, entries and sections end up in the generated docs.
    pub mod contract {
        title: "合同价（2021）",
        doc: 56803,
        opened: before "2021-06-22",
        bill_days: 2..=5,
    }

    sources {
        /// Compared with the authoritative database.
        Authority = "跟权威库比对" aka ["权威库", "权威"],
        /// Compared with an uploaded photo.
        Upload = "跟上传照片比对" aka ["上传照片"],
    }

    // Plain comments are allowed anywhere.
    postpaid {
        /// Three tiers, the top one negotiated.
        Liveness = "活体人脸核身" aka ["活体核身"] tiers {
            1..1_000 => 1.00,
            1_000..10_000 => 0.85,
            10_000.. => negotiated,
        },
        /// One flat price.
        Compare = "活体人脸比对" tiers {
            1.. => 0.15,
        },
        /// Equal prices in consecutive tiers are allowed.
        IdCard = "身份证信息核验" tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000.. => 0.28,
        },
        /// A top tier in whole yuan.
        Eid = "E证通（权威库）" tiers {
            1.. => 1,
        },
    }

    prepaid {
        /// Sold in packs.
        Basic = "基础版人脸核身(权威库)" aka ["基础版"] packs {
            1_000 => 930,
            10_000 => 8_000.50,
        },
        /// Sold without packs.
        Free = "免费" packs none,
        /// One pack size.
        IdCard = "身份证信息核验" packs {
            1_000 => 300,
        },
    }

    codes {
        /// Numbers, ranges and names; a code that stops being billed and comes back.
        Face = "API 3.0" {
            billed ["Success", 0, 2006..=2008],
            not_billed [-3..=-1, "FailedOperation.UnKnown"],
            from "2021-07-19" not_billed [2007],
            from "2022-01-01" billed [2007],
            from "2021-07-19" billed [-1],
        },
        /// Negative codes only.
        RealName = "实名核验" {
            billed [0, -1],
            not_billed [-7..=-2],
        },
    }

    /// Two compare sources; a row of two channels and a single API.
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            /// A channel with docs, an alias and actions.
            H5 = "独立 H5" aka ["H5"] (35883) codes Face actions [DetectAuth],
            Pc = "PC H5" (35893) codes Face actions [DetectAuth, GetDetectInfo],
        ] => {
            Authority => Liveness / Basic,
            Upload => Compare / Free,
        },
        Api = "活体人脸比对 API" (31819) codes Face actions [LivenessCompare] => {
            Authority => not offered,
            Upload => Compare / Basic,
        },
    }

    /// No compare source: rows map directly.
    section RealName = "实名信息核验" {
        [
            IdCardCheck = "身份信息认证" (33188) codes RealName actions [IdCardVerification],
            OcrCheck = "身份证识别及信息核验" (37980) codes RealName,
        ] => IdCard / IdCard,
    }

    /// One compare source.
    section Eid = "E证通" compare [Authority] {
        Eid = "E证通" (54116) codes Face => {
            Authority => Eid / Basic,
        },
    }
}

/// Any table, through the trait the engine is generic over.
fn channels_of<T: BillingTable>() -> usize {
    T::Channel::ALL.len()
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn main() {
    use contract::{Channel, CodeFamily, PostpaidLabel, PrepaidLabel, Section, Source, Table};

    // Identity.
    assert_eq!(Table::INFO.name, "contract");
    assert_eq!(Table::INFO.title, "合同价（2021）");
    assert_eq!(Table::INFO.doc_id, 56803);
    assert_eq!(Table::INFO.bill_days, (2, 5));
    assert_eq!(Table::INFO.opened, Opened::Before(day(2021, 6, 22)));
    assert!(Table::INFO.opened.covers(day(2021, 6, 21)));
    assert!(!Table::INFO.opened.covers(day(2021, 6, 22)));

    // Enums: order, names, Display, FromStr by doc name / ident / alias / full-width form.
    assert_eq!(
        Channel::ALL,
        [
            Channel::H5,
            Channel::Pc,
            Channel::Api,
            Channel::IdCardCheck,
            Channel::OcrCheck,
            Channel::Eid
        ]
    );
    assert_eq!(Channel::COUNT, 6);
    assert_eq!(channels_of::<Table>(), 6);
    assert_eq!(
        Section::ALL,
        [Section::Basic, Section::RealName, Section::Eid]
    );
    assert_eq!(Channel::Pc.to_string(), "PC H5");
    assert_eq!("pc h5".parse::<Channel>(), Ok(Channel::Pc));
    assert_eq!("LivenessCompare".parse::<Channel>(), Ok(Channel::Api));
    assert_eq!("H5".parse::<Channel>(), Ok(Channel::H5));
    assert_eq!(
        " 基础版人脸核身（权威库） ".parse::<PrepaidLabel>(),
        Ok(PrepaidLabel::Basic)
    );
    assert_eq!(
        "E证通(权威库)".parse::<PostpaidLabel>(),
        Ok(PostpaidLabel::Eid)
    );
    assert_eq!("权威".parse::<Source>(), Ok(Source::Authority));
    let unknown = "活体人脸核生".parse::<PostpaidLabel>().unwrap_err();
    assert_eq!(unknown.suggestion, Some("活体人脸核身"));
    let ambiguous = "DetectAuth".parse::<Channel>().unwrap_err();
    assert_eq!(ambiguous.ambiguous, ["独立 H5", "PC H5"]);
    assert_eq!(Channel::H5.aliases(), ["H5", "DetectAuth"]);
    assert_eq!(PostpaidLabel::Liveness.ident(), "Liveness");
    assert_eq!(CodeFamily::RealName.doc_name(), "实名核验");
    assert!(Channel::H5 < Channel::Eid);

    // Channels.
    assert_eq!(Channel::OcrCheck.section(), Section::RealName);
    assert_eq!(
        Channel::Pc.doc_url(),
        "https://cloud.tencent.com/document/product/1007/35893"
    );
    assert_eq!(Channel::Pc.actions(), ["DetectAuth", "GetDetectInfo"]);
    assert_eq!(Channel::H5.sources(), [Source::Authority, Source::Upload]);
    assert_eq!(Channel::Api.sources(), [Source::Upload]);
    assert_eq!(Channel::IdCardCheck.sources(), []);
    assert_eq!(Channel::IdCardCheck.code_family(), CodeFamily::RealName);
    assert_eq!(Section::Eid.sources(), [Source::Authority]);
    assert_eq!(
        Section::RealName.channels(),
        [Channel::IdCardCheck, Channel::OcrCheck]
    );

    // Mapping (channel, source) → labels, as a const.
    const H5_UPLOAD: Option<faceid_rules::Labels<Table>> = Channel::H5.labels(Some(Source::Upload));
    let labels = H5_UPLOAD.unwrap();
    assert_eq!(
        (labels.postpaid, labels.prepaid),
        (PostpaidLabel::Compare, PrepaidLabel::Free)
    );
    assert_eq!(
        Channel::H5.labels(None),
        None,
        "two sources: the source must be given"
    );
    assert_eq!(
        Channel::Api.labels(Some(Source::Authority)),
        None,
        "not offered"
    );
    let api = Channel::Api.labels(None).unwrap();
    assert_eq!(
        api.prepaid,
        PrepaidLabel::Basic,
        "a single offered source may be left out"
    );
    let eid = Table::labels(Channel::Eid, Some(Source::Authority)).unwrap();
    assert_eq!(eid.postpaid, PostpaidLabel::Eid);
    assert_eq!(Channel::Eid.labels(Some(Source::Upload)), None);
    let direct = Channel::OcrCheck.labels(None).unwrap();
    assert_eq!(
        (direct.postpaid, direct.prepaid),
        (PostpaidLabel::IdCard, PrepaidLabel::IdCard)
    );

    // Tiers and packs, exact to the fen.
    let tiers = PostpaidLabel::Liveness.tiers();
    assert_eq!(tiers.len(), 3);
    assert_eq!(PostpaidLabel::Liveness.tier(0), None);
    assert_eq!(
        PostpaidLabel::Liveness
            .tier(999)
            .unwrap()
            .price
            .unwrap()
            .fen(),
        100
    );
    assert_eq!(
        PostpaidLabel::Liveness
            .tier(1_000)
            .unwrap()
            .price
            .unwrap()
            .fen(),
        85
    );
    assert_eq!(
        PostpaidLabel::Liveness.tier(10_000).unwrap().price,
        None,
        "negotiated"
    );
    assert_eq!(PostpaidLabel::Liveness.tier(u64::MAX).unwrap().to, None);
    assert_eq!(
        PostpaidLabel::Eid.tier(1).unwrap().price.unwrap().fen(),
        100
    );
    let packs = PrepaidLabel::Basic.packs();
    assert_eq!((packs[1].size, packs[1].price.fen()), (10_000, 800_050));
    assert!(PrepaidLabel::Free.packs().is_empty());
    assert_eq!(Table::packs(PrepaidLabel::IdCard)[0].price.fen(), 30_000);

    // Result codes and their dated changes.
    let face = CodeFamily::Face;
    assert_eq!(
        face.status(Code::Name("Success"), day(2021, 1, 1)).verdict,
        Verdict::Billed
    );
    assert_eq!(
        face.status(Code::Int(-2), day(2021, 1, 1)).verdict,
        Verdict::NotBilled
    );
    assert_eq!(
        face.status(Code::Int(42), day(2021, 1, 1)).verdict,
        Verdict::Unknown
    );
    assert_eq!(
        face.status(Code::parse("FailedOperation.UnKnown"), day(2021, 1, 1))
            .verdict,
        Verdict::NotBilled
    );
    let before = face.status(Code::Int(2007), day(2021, 7, 18));
    assert_eq!(before.verdict, Verdict::Billed);
    assert_eq!(before.until, Some(day(2021, 7, 19)));
    let stopped = face.status(Code::Int(2007), day(2021, 7, 19));
    assert_eq!(
        (stopped.verdict, stopped.since),
        (Verdict::NotBilled, Some(day(2021, 7, 19)))
    );
    let back = face.status(Code::Int(2007), day(2022, 1, 1));
    assert_eq!(
        (back.verdict, back.since, back.until),
        (Verdict::Billed, Some(day(2022, 1, 1)), None)
    );
    assert_eq!(
        face.status(Code::Int(2008), day(2021, 7, 19)).verdict,
        Verdict::Billed
    );
    assert_eq!(
        face.status(Code::Int(-1), day(2021, 7, 19)).verdict,
        Verdict::Billed
    );
    assert_eq!(
        face.status(Code::Int(-1), day(2021, 7, 18)).verdict,
        Verdict::NotBilled
    );
    let real = Table::code_status(
        Table::code_family(Channel::OcrCheck),
        Code::Int(-7),
        day(2021, 1, 1),
    );
    assert_eq!(real.verdict, Verdict::NotBilled);

    // Rows in document order, for rendering the table back.
    assert_eq!(contract::ROWS.len(), 4);
    assert_eq!(contract::ROWS[0].channels, [Channel::H5, Channel::Pc]);
    assert_eq!(contract::ROWS[0].cells.len(), 2);
    assert_eq!(contract::ROWS[1].cells[0].labels, None);
    assert_eq!(contract::ROWS[2].cells[0].source, None);
    assert_eq!(contract::ROWS[3].section, Section::Eid);

    // Lookups checked at compile time, usable in consts.
    const API: Channel = contract::channel!("活体人脸比对 API");
    assert_eq!(API, Channel::Api);
    assert_eq!(contract::section!("E证通"), Section::Eid);
    assert_eq!(contract::postpaid!("活体核身"), PostpaidLabel::Liveness);
    assert_eq!(
        contract::prepaid!("基础版人脸核身（权威库）"),
        PrepaidLabel::Basic
    );
    assert_eq!(contract::source!("上传照片"), Source::Upload);

    // serde, by doc name.
    assert_eq!(serde_json::to_string(&Channel::Pc).unwrap(), "\"PC H5\"");
    assert_eq!(
        serde_json::from_str::<Source>("\"权威库\"").unwrap(),
        Source::Authority
    );
    assert!(serde_json::from_str::<Source>("\"身份证\"").is_err());
}
