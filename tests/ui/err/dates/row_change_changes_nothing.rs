// A dated mapping that maps the row to what it already maps to.
faceid_rules::billing_table! {
    /// A contract table with dated changes.
    pub mod contract {
        title: "合同价",
        doc: 56803,
        opened: from "2021-06-22",
        settlement: monthly { bill_days: 1..=3 },
    }

    documents {
        Split = "手机号要素核验服务变更说明" @ "1b16bbcb",
    }

    postpaid {
        Phone = "手机号信息核验" flat 0.40
        until "2022-01-01" per Split,
        PhoneThree = "手机号信息核验（三要素）" from "2022-01-01" per Split flat 1.10,
    }

    prepaid {
        Phone = "手机号信息核验" packs {
            1_000 => 380,
        }
        from "2022-01-01" per Split packs none
        from "2022-01-01" per Split covers [PhoneThree],
        PhoneThree = "手机号信息核验（三要素）" from "2022-01-01" per Split packs none
        from "2022-01-04 10:00" per Split packs {
            1_000 => 1_050,
        },
    }

    codes {
        Phone = "PhoneVerification" {
            billed [0, -4],
            not_billed [-13..=-6],
        },
    }

    section RealName = "实名信息核验" {
        PhoneThree = "手机号三要素核验" (39765) codes Phone
        => Phone / Phone
        from "2022-01-01" per Split => PhoneThree / PhoneThree
        from "2022-06-01" per Split => PhoneThree / PhoneThree,
    }
}

fn main() {}
