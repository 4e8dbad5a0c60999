// A table with a header and nothing else has nothing to bill.
faceid_rules::billing_table! {
    /// A one-section contract table.
    pub mod contract {
        title: "合同价",
        doc: 31005,
        opened: from "2021-06-22",
        settlement: monthly { bill_days: 1..=3 },
    }

}

fn main() {}
