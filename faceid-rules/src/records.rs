//! The records read from input files, before rating: a call, a resource pack, an account.
//!
//! Names (channel, source, label) stay text here; which table they are resolved against
//! depends on the account's edition, which the engine decides.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::money::Money;

/// Where a record came from, for messages: `calls.csv:17`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file name as given (`-` for standard input).
    pub file: std::sync::Arc<str>,
    /// The line the record starts on; the header is line 1.
    pub line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One call of a call log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRecord {
    /// The call's time as written (with its offset; China Standard Time when none was given).
    pub at: DateTime<FixedOffset>,
    /// The calendar day of the call in China Standard Time.
    pub day: NaiveDate,
    /// The Tencent account (AppId); empty when the log has no `account` column.
    pub account: String,
    /// The channel or API as written.
    pub channel: String,
    /// The compare source as written, if any.
    pub source: Option<String>,
    /// The result code as written.
    pub code: String,
    /// The request id, if any.
    pub request_id: Option<String>,
}

/// Who paid for a resource pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PackKind {
    /// 赠送的资源包: given free; used before purchased packs.
    Gift,
    /// 购买的资源包: bought.
    Purchased,
}

/// One resource pack of a packs file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackRecord {
    /// The pack's id, unique in the file.
    pub id: String,
    /// The account that owns it.
    pub account: String,
    /// The prepaid label as written.
    pub label: String,
    /// Calls in the pack.
    pub size: u64,
    /// When it was delivered, China Standard Time.
    pub purchased: NaiveDateTime,
    /// Gift or purchased.
    pub kind: PackKind,
    /// What was paid, when the file says; otherwise the table's list price applies.
    pub price: Option<Money>,
    /// Where the pack is written (packs file and line), for messages about it.
    pub origin: Origin,
}

/// One account of an accounts file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRecord {
    /// The Tencent account (AppId).
    pub account: String,
    /// The day (China Standard Time) it opened the Face ID service.
    pub opened: NaiveDate,
    /// Where the account is written (accounts file and line), for messages about it.
    pub origin: Origin,
}
