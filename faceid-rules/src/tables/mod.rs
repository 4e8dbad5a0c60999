//! The document editions, each compiled by `billing_table!` into its own module.

include!("legacy.rs");
include!("current.rs");
