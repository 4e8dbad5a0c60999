// Something that is not a table: a table starts with its module and header.
faceid_rules::billing_table! {
    pub struct Contract;
}

fn main() {}
