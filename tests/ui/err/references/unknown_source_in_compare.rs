// A section compares against a source that is not declared.
faceid_rules::billing_table! {
    /// A one-section contract table.
    pub mod contract {
        title: "合同价",
        doc: 31005,
        opened: from "2021-06-22",
        settlement: monthly { bill_days: 1..=3 },
    }

    sources {
        Authority = "跟权威库比对" aka ["权威库"],
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
    }

    prepaid {
        Basic = "基础版人脸核身" packs {
            1_000 => 930,
            10_000 => 8_000,
        },
        Free = "免费" packs none,
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

    section Basic = "基础版人脸核身" compare [Authority, Upload, Selfie] {
        [
            H5 = "独立 H5" (35883) codes Face actions [DetectAuth],
            Pc = "PC H5" (35893) codes Face,
        ] => {
            Authority => Liveness / Basic,
            Upload => Compare / Free,
        },
        Api = "活体人脸比对 API" (31819) codes Face => {
            Authority => not offered,
            Upload => Compare / Basic,
        },
    }
}

fn main() {}
