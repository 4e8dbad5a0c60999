// Labels and prices belong to each edition, not to the shared definitions.
faceid_rules::billing_shared! {
    /// What the editions share.
    macro contract_table;

    sources {
        Authority = "跟权威库比对",
    }

    postpaid {
        Liveness = "活体人脸核身" flat 1.00,
    }
}

fn main() {}
