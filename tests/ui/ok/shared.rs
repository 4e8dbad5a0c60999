// Shared definitions written once and used by two editions: both see the same documents,
// compare sources and code families, dated change included.
faceid_rules::billing_shared! {
    /// What the two contract editions share.
    macro contract_table;

    documents {
        Notice = "错误码" (213/32309),
    }

    sources {
        Authority = "跟权威库比对" aka ["权威库"],
        Upload = "跟上传照片比对",
    }

    codes {
        /// Used by both editions.
        Face = "API 3.0" {
            billed ["Success", 0],
            not_billed [-3..=-1],
            from "2021-07-19" per Notice not_billed [0],
        },
        /// Used by the second edition only.
        Bank = "BankCardVerification" {
            billed [0, -1],
        },
    }
}

contract_table! {
    /// The first edition.
    pub mod before {
        title: "合同价（旧）",
        doc: 31005,
        opened: before "2021-06-22",
        settlement: monthly { bill_days: 1..=3 },
    }

    postpaid {
        Liveness = "活体人脸核身" flat 1.00,
    }

    prepaid {
        Basic = "基础版人脸核身" packs none,
    }

    section Basic = "基础版人脸核身" compare [Authority] {
        Api = "活体人脸核身 API" (31818) codes Face => {
            Authority => Liveness / Basic,
        },
    }
}

contract_table! {
    /// The second edition.
    pub mod after {
        title: "合同价（新）",
        doc: 56803,
        opened: from "2021-06-22",
        settlement: daily { bill_hours: "08:00".."12:00" },
    }

    postpaid {
        Liveness = "活体人脸核身" flat 1.20,
        Bank = "银行卡信息核验" flat 0.40,
    }

    prepaid {
        Basic = "基础版人脸核身" packs none,
        Bank = "银行卡信息核验" packs none,
    }

    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        Api = "活体人脸核身 API" (31818) codes Face => {
            Authority => Liveness / Basic,
            Upload => not offered,
        },
    }

    section RealName = "实名信息核验" {
        Bank = "银行卡三要素" (33848) codes Bank => Bank / Bank,
    }
}

fn main() {
    use faceid_rules::{BillingTable, Code, Settlement, Verdict};
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // The shared family, with its dated change, in both editions.
    for status in [
        before::CodeFamily::Face.status(Code::Int(0), day(2021, 7, 19)),
        after::CodeFamily::Face.status(Code::Int(0), day(2021, 7, 19)),
    ] {
        assert_eq!(status.verdict, Verdict::NotBilled);
    }
    // Each edition holds the shared items it uses.
    assert_eq!(before::CodeFamily::ALL, [before::CodeFamily::Face]);
    assert_eq!(after::CodeFamily::COUNT, 2);
    assert_eq!(before::Source::ALL, [before::Source::Authority]);
    assert_eq!(after::Source::COUNT, 2);
    assert!(matches!(
        after::Table::INFO.settlement,
        Settlement::Daily { .. }
    ));
    assert_eq!(<before::Table as BillingTable>::DOCUMENTS.len(), 1);
}
