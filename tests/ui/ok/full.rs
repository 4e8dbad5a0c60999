// A table that uses every part of the language, and a program that reads every kind of
// generated item back: names, lookups, mappings, tiers, packs, result codes, rows, dated
// changes, serde.
use faceid_rules::{BillingTable, Code, Named, Opened, Period, Settlement, Verdict};

faceid_rules::billing_table! {
    /// A negotiated contract: two face sections and one section without compare source.
    /// Doc comments on the module, entries and sections end up in the generated docs.
    pub mod contract {
        title: "合同价（2021）",
        doc: 56803,
        opened: before "2021-06-22",
        settlement: monthly { bill_days: 2..=5 },
    }

    /// The documents dated changes cite: a doc id, a commit, or both.
    documents {
        Notice = "错误码" (213/32309),
        Split = "手机号要素核验服务变更说明" @ "1b16bbcb",
        Prices = "价格说明（new）" (56804) @ "a1d496ba",
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
        /// A flat price in whole yuan, lowered on a date.
        Eid = "E证通（权威库）" flat 1
        from "2022-03-01" per Prices flat 0.90,
        /// A label that ends, and two that start, on the day a document says.
        Phone = "手机号信息核验" flat 0.40
        until "2022-01-01" per Split,
        PhoneThree = "手机号信息核验（三要素）" from "2022-01-01" per Split flat 1.10
        from "2022-02-01" per Prices named "手机号三要素",
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
        /// No longer sold from a date; packs bought keep covering the calls that moved.
        Phone = "手机号信息核验" packs {
            1_000 => 380,
        }
        from "2022-01-01" per Split packs none
        from "2022-01-01" per Split covers [PhoneThree],
        /// Packs on sale from a time of day.
        PhoneThree = "手机号信息核验（三要素）" from "2022-01-01" per Split packs none
        from "2022-01-04 10:00" per Split packs {
            1_000 => 1_050,
        },
    }

    codes {
        /// Numbers, ranges and names; a code that stops being billed and comes back.
        Face = "API 3.0" {
            billed ["Success", 0, 2006..=2008],
            not_billed [-3..=-1, "FailedOperation.UnKnown"],
            from "2021-07-19" per Notice not_billed [2007],
            from "2021-07-19" per Notice billed [-1],
            from "2022-01-01" per Notice billed [2007],
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
        // A row whose channels map alike until one gets a mapping of its own.
        [
            PhoneTwo = "手机号二要素核验" (50364) codes RealName,
            PhoneThreeApi = "手机号三要素核验" (39765) codes RealName
                from "2022-01-01" per Split => PhoneThree / PhoneThree,
        ] => Phone / Phone
        // A dated change of the whole row (the channel with its own keeps it).
        from "2022-01-01" per Split => IdCard / IdCard,
        /// A channel listed from a date, and no longer from another.
        Nfc = "实证 NFC" (99999) codes RealName
            from "2021-03-01" per Notice until "2023-01-04" per Notice
        => IdCard / IdCard,
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
    assert_eq!(
        Table::INFO.settlement,
        Settlement::Monthly { bill_days: (2, 5) }
    );
    assert_eq!(
        Table::INFO.opened,
        Opened {
            from: None,
            before: Some(day(2021, 6, 22))
        }
    );
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
            Channel::PhoneTwo,
            Channel::PhoneThreeApi,
            Channel::Nfc,
            Channel::Eid
        ]
    );
    assert_eq!(Channel::COUNT, 9);
    assert_eq!(channels_of::<Table>(), 9);
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
        [
            Channel::IdCardCheck,
            Channel::OcrCheck,
            Channel::PhoneTwo,
            Channel::PhoneThreeApi,
            Channel::Nfc
        ]
    );

    // Mapping (channel, source) → labels on a day.
    let on = day(2021, 7, 1);
    let labels = Channel::H5.labels_on(Some(Source::Upload), on).unwrap();
    assert_eq!(
        (labels.postpaid, labels.prepaid),
        (PostpaidLabel::Compare, PrepaidLabel::Free)
    );
    assert_eq!(
        Channel::H5.labels_on(None, on),
        None,
        "two sources: the source must be given"
    );
    assert_eq!(
        Channel::Api.labels_on(Some(Source::Authority), on),
        None,
        "not offered"
    );
    let api = Channel::Api.labels_on(None, on).unwrap();
    assert_eq!(
        api.prepaid,
        PrepaidLabel::Basic,
        "a single offered source may be left out"
    );
    let eid = Table::labels_on(Channel::Eid, Some(Source::Authority), on).unwrap();
    assert_eq!(eid.postpaid, PostpaidLabel::Eid);
    assert_eq!(Channel::Eid.labels_on(Some(Source::Upload), on), None);
    let direct = Channel::OcrCheck.labels_on(None, on).unwrap();
    assert_eq!(
        (direct.postpaid, direct.prepaid),
        (PostpaidLabel::IdCard, PrepaidLabel::IdCard)
    );

    // Dated mappings: a channel's own change, the row's change, a channel's period.
    let phone = |c: Channel, on| c.labels_on(None, on).map(|l| l.postpaid);
    assert_eq!(phone(Channel::PhoneThreeApi, day(2021, 12, 31)), Some(PostpaidLabel::Phone));
    assert_eq!(
        phone(Channel::PhoneThreeApi, day(2022, 1, 1)),
        Some(PostpaidLabel::PhoneThree)
    );
    assert_eq!(phone(Channel::PhoneTwo, day(2022, 1, 1)), Some(PostpaidLabel::IdCard));
    assert_eq!(
        Channel::Nfc.period(),
        Period {
            from: Some(day(2021, 3, 1)),
            until: Some(day(2023, 1, 4))
        }
    );
    assert!(!Channel::Nfc.exists_on(day(2021, 2, 28)));
    assert_eq!(Channel::Nfc.labels_on(None, day(2023, 1, 4)), None);
    assert_eq!(Channel::PhoneThreeApi.mappings().len(), 2);

    // Tiers and packs on a day, exact to the fen.
    let tiers = PostpaidLabel::Liveness.tiers_on(on).unwrap();
    assert_eq!(tiers.len(), 3);
    assert_eq!(PostpaidLabel::Liveness.tier_on(on, 0), None);
    assert_eq!(
        PostpaidLabel::Liveness
            .tier_on(on, 999)
            .unwrap()
            .price
            .unwrap()
            .fen(),
        100
    );
    assert_eq!(
        PostpaidLabel::Liveness
            .tier_on(on, 1_000)
            .unwrap()
            .price
            .unwrap()
            .fen(),
        85
    );
    assert_eq!(
        PostpaidLabel::Liveness.tier_on(on, 10_000).unwrap().price,
        None,
        "negotiated"
    );
    assert_eq!(PostpaidLabel::Liveness.tier_on(on, u64::MAX).unwrap().to, None);
    let eid_on = |d| PostpaidLabel::Eid.tier_on(d, 1).unwrap().price.unwrap().fen();
    assert_eq!(eid_on(day(2022, 2, 28)), 100);
    assert_eq!(eid_on(day(2022, 3, 1)), 90);
    assert!(PostpaidLabel::Phone.exists_on(day(2021, 12, 31)));
    assert!(!PostpaidLabel::Phone.exists_on(day(2022, 1, 1)));
    assert!(!PostpaidLabel::PhoneThree.exists_on(day(2021, 12, 31)));
    assert_eq!(PostpaidLabel::PhoneThree.doc_name_on(day(2022, 1, 1)), "手机号信息核验（三要素）");
    assert_eq!(PostpaidLabel::PhoneThree.doc_name_on(day(2022, 2, 1)), "手机号三要素");
    assert_eq!("手机号三要素".parse::<PostpaidLabel>(), Ok(PostpaidLabel::PhoneThree));
    let packs = PrepaidLabel::Basic.packs_on(on).unwrap();
    assert_eq!((packs[1].size, packs[1].price.fen()), (10_000, 800_050));
    assert!(PrepaidLabel::Free.packs_on(on).unwrap().is_empty());
    assert_eq!(Table::packs_on(PrepaidLabel::IdCard, on).unwrap()[0].price.fen(), 30_000);
    let ten = day(2022, 1, 4).and_hms_opt(10, 0, 0).unwrap();
    assert_eq!(PrepaidLabel::PhoneThree.packs_at(ten - chrono::Duration::seconds(1)), Some(&[][..]));
    assert_eq!(PrepaidLabel::PhoneThree.packs_at(ten).unwrap()[0].price.fen(), 105_000);
    assert_eq!(PrepaidLabel::Phone.covers_on(day(2022, 1, 1)), [PrepaidLabel::PhoneThree]);
    assert!(Table::pack_covers(PrepaidLabel::Phone, PrepaidLabel::PhoneThree, day(2022, 1, 1)));
    assert!(!Table::pack_covers(PrepaidLabel::Phone, PrepaidLabel::PhoneThree, day(2021, 12, 31)));

    // Every dated change, in date order, with its document.
    let changes = Table::changes();
    assert!(changes.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(changes.first().map(|c| c.subject), Some("实证 NFC"));
    let split: Vec<_> = changes.iter().filter(|c| c.per.commit == Some("1b16bbcb")).collect();
    assert!(split.iter().any(|c| c.what == "price: flat ¥1.10" || c.what.contains("flat ¥1.10")));
    assert_eq!(contract::DOCUMENTS.len(), 3);
    assert_eq!(contract::DOCUMENTS[0].to_string(), "错误码 (doc 213/32309)");

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

    // Rows in document order, for rendering the table back: on a day, the channels of a
    // row that map alike form one group.
    assert_eq!(contract::ROWS.len(), 6);
    assert_eq!(contract::ROWS[0].channels, [Channel::H5, Channel::Pc]);
    let groups = contract::ROWS[0].groups_on(on);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].1.len(), 2);
    assert_eq!(contract::ROWS[1].groups_on(on)[0].1[0].labels, None);
    assert_eq!(contract::ROWS[2].groups_on(on)[0].1[0].source, None);
    assert_eq!(contract::ROWS[3].groups_on(day(2021, 12, 31)).len(), 1);
    assert_eq!(contract::ROWS[3].groups_on(day(2022, 1, 1)).len(), 2);
    assert!(contract::ROWS[4].groups_on(day(2021, 1, 1)).is_empty());
    assert_eq!(contract::ROWS[5].section, Section::Eid);

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
