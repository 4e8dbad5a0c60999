// An edition refers to a shared family by a misspelt name: the error is the edition's.
faceid_rules::billing_shared! {
    /// What the editions share.
    macro contract_table;

    sources {
        Authority = "跟权威库比对",
    }

    codes {
        Face = "API 3.0" {
            billed ["Success", 0],
        },
    }
}

contract_table! {
    /// One edition.
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
        Api = "活体人脸核身 API" (31818) codes Fase => {
            Authority => Liveness / Basic,
        },
    }
}

fn main() {}
