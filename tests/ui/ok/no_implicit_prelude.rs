// The generated code names nothing through the prelude (the bitflags hygiene test): a crate
// without the implicit prelude, std's or the extern one, can hold a table and use it.
#![no_implicit_prelude]

::faceid_rules::billing_table! {
    /// A contract.
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
        IdCard = "身份证信息核验" tiers {
            1.. => 0.30,
        },
    }

    prepaid {
        Basic = "基础版人脸核身" packs {
            1_000 => 930,
        },
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
        H5 = "独立 H5" (35883) codes Face => {
            Authority => Liveness / Basic,
            Upload => not offered,
        },
    }

    section RealName = "实名信息核验" {
        IdCardCheck = "身份信息认证" (33188) codes Face => IdCard / IdCard,
    }
}

fn main() {
    let h5 = contract::Channel::H5;
    ::std::assert_eq!(::std::string::ToString::to_string(&h5), "独立 H5");
    ::std::assert_eq!(contract::channel!("独立 H5"), h5);
    // One source on offer: it may be left out.
    let day = ::chrono::NaiveDate::from_ymd_opt(2021, 7, 1).unwrap();
    let labels = h5.labels_on(::core::option::Option::None, day);
    ::std::assert_eq!(
        labels.map(|l| l.postpaid),
        ::core::option::Option::Some(contract::PostpaidLabel::Liveness)
    );
}
