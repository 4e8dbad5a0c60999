// Crate-local items named like the paths and prelude names generated code could use:
// `core`, `std`, `faceid_rules`, `Option`, `Some`, `None`, `Result`, `Ok`, `Err`, `String`,
// `str`-like helpers. The generated code still means the real ones.
#![allow(dead_code, non_camel_case_types, non_snake_case)]

mod core {}
mod std {}
mod faceid_rules {}
mod chrono {}
mod serde {}

struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Err;
struct String;
struct Vec;
struct Box;
trait Clone {}
trait Copy {}
trait Default {}
trait Iterator {}
trait Into {}
trait From {}
trait Display {}
trait FromStr {}
trait Named {}
trait BillingTable {}
struct Money;
struct Tier;
struct Labels;
struct Table;
struct NaiveDate;

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
        Compare = "活体人脸比对" tiers {
            1.. => 0.15,
        },
    }

    prepaid {
        Basic = "基础版人脸核身" packs {
            1_000 => 930,
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

    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        H5 = "独立 H5" (35883) codes Face => {
            Authority => Liveness / Basic,
            Upload => Compare / Free,
        },
    }
}

fn main() {
    let labels =
        contract::Channel::H5.labels_on(::core::option::Option::Some(contract::Source::Upload), ::chrono::NaiveDate::from_ymd_opt(2021, 7, 1).unwrap());
    ::std::assert_eq!(
        labels.map(|l| l.prepaid),
        ::core::option::Option::Some(contract::PrepaidLabel::Free)
    );
    ::std::assert_eq!(contract::channel!("独立 H5"), contract::Channel::H5);
}
