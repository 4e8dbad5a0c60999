//! A crate that denies missing docs and warnings: every item the table generates is
//! documented, and none warns.
#![deny(missing_docs, warnings)]

faceid_rules::billing_table! {
    /// A contract. The entries below carry no doc comments of their own: the generated
    /// items are documented anyway.
    pub mod contract {
        title: "合同价",
        doc: 31005,
        opened: from "2021-06-22",
        settlement: monthly { bill_days: 1..=3 },
    }

    sources {
        Authority = "跟权威库比对",
        Upload = "跟上传照片比对",
    }

    postpaid {
        Liveness = "活体人脸核身" tiers {
            1..1_000 => 1.00,
            1_000.. => negotiated,
        },
        Compare = "活体人脸比对" tiers {
            1.. => 0.15,
        },
        IdCard = "身份证信息核验" tiers {
            1.. => 0.30,
        },
    }

    prepaid {
        Basic = "基础版人脸核身" packs {
            1_000 => 930,
        },
        Free = "免费" packs none,
        IdCard = "身份证信息核验" packs none,
    }

    documents {
        Notice = "错误码" (213/32309),
    }

    codes {
        Face = "API 3.0" {
            billed ["Success", 0],
            not_billed [-3..=-1],
            from "2021-07-19" per Notice not_billed [0],
        },
    }

    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            H5 = "独立 H5" (35883) codes Face,
            Pc = "PC H5" (35893) codes Face,
        ] => {
            Authority => Liveness / Basic,
            Upload => Compare / Free,
        },
    }

    section RealName = "实名信息核验" {
        IdCardCheck = "身份信息认证" (33188) codes Face => IdCard / IdCard,
    }
}

/// Uses the table, so that nothing is dead code.
pub fn main() {
    let _ = contract::Channel::ALL;
}
