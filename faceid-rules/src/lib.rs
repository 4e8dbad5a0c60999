//! Tencent Cloud 慧眼人脸核身 (Face ID) billing documents as checked code, and a biller for
//! call logs.
//!
//! The documents' tables — access channels, compare sources, postpaid and prepaid billing
//! labels, tiered prices, resource packs, billable result codes — are written once, with
//! [`billing_table!`], and compiled into exhaustive enums, const data and `match`es. A table
//! that disagrees with itself does not compile. One module per document edition:
//!
//! - [`legacy`]: accounts that opened the service before 2021-06-22 (计费概述（旧）), settled
//!   monthly.
//! - [`monthly`]: accounts that opened it from 2021-06-22 before 2023-01-04 (计费概述（new）
//!   and 价格说明（new）/（月结）), settled monthly.
//! - [`daily`]: accounts that opened it from 2023-01-04 (价格说明（日结）), settled daily.
//!
//! Each table carries the dated changes its accounts saw, each citing its document; the
//! generated API answers what was in force on a day. Each implements [`BillingTable`], the trait the billing engine is generic over; an
//! [`Edition`] names one of them, and [`with_table!`] turns the name into the table.
//!
//! # Billing a call log
//!
//! Read the log into daily usage ([`call_log::CallLog`]: each call rated against its
//! account's edition), then
//! [`bill()`] every account, month by month:
//!
//! ```
//! use faceid_rules::call_log::{CallLog, Discard, ReadOptions, Source};
//! use faceid_rules::pipeline::Editions;
//! use faceid_rules::{bill, BillOptions, Edition};
//!
//! let log = "time,account,channel,source,code\n\
//!     2026-10-01T09:00:00+08:00,1250000001,微信小程序,权威库,0\n\
//!     2026-10-02T10:30:00+08:00,1250000001,微信小程序,权威库,0\n\
//!     2026-10-02T10:31:00+08:00,1250000001,银行卡三要素,,-1\n";
//! let editions = Editions::all(Edition::Legacy);
//! let reader = CallLog::new(&editions, ReadOptions::default());
//! let usage = reader.read([Source::calls("calls.csv", log.as_bytes())], &mut Discard)?;
//! let statements = bill(&usage, &editions, &[], &BillOptions::default())?;
//! let october = &statements.accounts[0].months[0];
//! assert_eq!(october.lines[0].postpaid_label, "活体人脸核身");
//! // Two calls of 活体人脸核身 at ¥1.00, one of 银行卡信息核验 (code -1 is billed) at ¥0.40.
//! assert_eq!(statements.spend.display_cny(), "¥2.40");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod bill;
pub mod calendar;
pub mod call_log;
pub mod dated;
pub mod diff;
pub mod edition;
pub mod engine;
pub mod escape;
pub mod input;
pub mod money;
pub mod names;
pub mod pipeline;
pub mod plan;
pub mod reconcile;
pub mod records;
pub mod render;
pub mod request_ids;
mod scan;
pub mod sql;
pub mod table;
mod tables;

pub use bill::{bill, BillError, BillOptions, Statements};
pub use dated::{Change, Dated, Document, Opened, Period, Settlement};
pub use edition::Edition;
pub use money::Money;
pub use names::UnknownName;
pub use table::{
    BillingTable, Cell, Code, CodeChange, CodePattern, CodeRule, CodeStatus, Labels, Named,
    PackOffer, Resolved, Row, TableInfo, Tier, Verdict,
};
pub use tables::{daily, legacy, monthly};

/// Compiles a billing table written in the table language into a module of enums, const
/// data and lookups, and an implementation of [`BillingTable`].
///
/// The language is described in the README; [`legacy`], [`monthly`] and [`daily`] are the
/// editions of the documents written in it. Errors in a table are compile errors that point
/// at the token at fault.
#[macro_export]
macro_rules! billing_table {
    ($($table:tt)*) => {
        $crate::__private::billing_table! { crate = $crate; $($table)* }
    };
}

/// Compiles shared definitions — documents, compare sources, code families that several
/// editions share — into a macro that hands them to each edition's [`billing_table!`]:
///
/// ```text
/// faceid_rules::billing_shared! {
///     /// What the editions share.
///     macro face_id_table;
///     documents { PhoneLabels = "手机号要素核验服务变更说明" @ "1b16bbcb", }
///     sources { Authority = "跟权威库比对", }
///     codes { Eid = "E证通" { billed [0], not_billed [1..=4] }, }
/// }
/// face_id_table! { pub mod monthly { … } … }
/// ```
///
/// `pub macro NAME;` exports the macro from the crate. The definitions' errors are reported
/// once, here.
#[macro_export]
macro_rules! billing_shared {
    ($($shared:tt)*) => {
        $crate::__private::billing_shared! { crate = $crate; $($shared)* }
    };
}

/// Implements `serde::Serialize` and `serde::Deserialize` by doc name for a generated enum
/// when the `serde` feature of `faceid-rules` is on.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::Named::doc_name(*self))
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let name: $crate::__private::String =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                <Self as $crate::Named>::lookup(&name)
                    .map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }
    };
}

/// Without the `serde` feature, generated enums get no serde implementations.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {};
}

/// What generated code refers to. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use ::chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    pub use ::core;
    pub use ::faceid_rules_macro::{billing_shared, billing_table, lookup};
    #[cfg(feature = "serde")]
    pub use ::serde;
    pub use ::std::string::String;

    /// A calendar day known valid at compile time (the macro checked it).
    pub const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => panic!("billing_table! emitted an invalid date"),
        }
    }

    /// A moment (China Standard Time) known valid at compile time (the macro checked it).
    pub const fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        match ymd(year, month, day).and_hms_opt(hour, minute, 0) {
            Some(at) => at,
            None => panic!("billing_table! emitted an invalid time"),
        }
    }

    /// A time of day known valid at compile time (`24:00` is the end of the day).
    pub const fn hm(hour: u32, minute: u32) -> NaiveTime {
        match NaiveTime::from_hms_opt(hour, minute, 0) {
            Some(t) => t,
            None => match NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999) {
                Some(t) => t,
                None => panic!("billing_table! emitted an invalid time"),
            },
        }
    }
}
