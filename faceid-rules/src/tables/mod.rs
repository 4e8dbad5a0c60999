//! The document editions, each compiled by `billing_table!` into its own module, with the
//! definitions they share (`shared.rs`) written once.

include!("shared.rs");
include!("legacy.rs");
include!("monthly.rs");
include!("daily.rs");
