//! The checked table: what expansion sees. Every reference is resolved to an index, every
//! literal to its exact value; nothing here can be wrong in a way the checks catch.

use proc_macro2::TokenStream;
use syn::{Ident, Visibility};

/// A calendar day, `(year, month, day)`, known to be real.
pub type Ymd = (i32, u32, u32);

/// A checked table.
pub struct Model {
    /// The runtime crate's path.
    pub krate: TokenStream,
    /// The module's doc comments.
    pub docs: Vec<String>,
    /// The module's visibility.
    pub vis: Visibility,
    /// The module's name.
    pub name: Ident,
    /// The module's path from the crate root, for the generated lookup macros.
    pub path: TokenStream,
    /// The document's title.
    pub title: String,
    /// The document's id.
    pub doc_id: u32,
    /// `true`: accounts opened before `opened`; `false`: on or after.
    pub opened_before: bool,
    /// The day that splits accounts.
    pub opened: Ymd,
    /// Bill issue days of the next month.
    pub bill_days: (u8, u8),
    /// Compare sources.
    pub sources: Vec<Named>,
    /// Sections, in document order.
    pub sections: Vec<SectionM>,
    /// Channels, in document order.
    pub channels: Vec<ChannelM>,
    /// Postpaid labels.
    pub postpaid: Vec<PostpaidM>,
    /// Prepaid labels.
    pub prepaid: Vec<PrepaidM>,
    /// Code families.
    pub families: Vec<FamilyM>,
    /// Rows, in document order.
    pub rows: Vec<RowM>,
}

/// The names of an item.
#[derive(Clone)]
pub struct Named {
    /// The variant's identifier.
    pub ident: Ident,
    /// The doc name.
    pub doc_name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Doc comments.
    pub docs: Vec<String>,
}

/// A section.
pub struct SectionM {
    /// Names.
    pub named: Named,
    /// Indices of its compare sources.
    pub sources: Vec<usize>,
}

/// A channel.
pub struct ChannelM {
    /// Names (aliases include the API actions).
    pub named: Named,
    /// Its section.
    pub section: usize,
    /// Its row.
    pub row: usize,
    /// Its doc id.
    pub doc_id: u32,
    /// Its code family.
    pub family: usize,
    /// Its API actions.
    pub actions: Vec<String>,
}

/// A postpaid label.
pub struct PostpaidM {
    /// Names.
    pub named: Named,
    /// Its tiers.
    pub tiers: Vec<TierM>,
}

/// A tier.
#[derive(Clone, Copy)]
pub struct TierM {
    /// First monthly call count.
    pub from: u64,
    /// First call count past the tier; `None` for the top.
    pub to: Option<u64>,
    /// Unit price in fen; `None` when negotiated.
    pub price: Option<i64>,
}

/// A prepaid label.
pub struct PrepaidM {
    /// Names.
    pub named: Named,
    /// `(size, price in fen)`, ascending; empty when sold without packs.
    pub packs: Vec<(u64, i64)>,
}

/// A code family.
pub struct FamilyM {
    /// Names.
    pub named: Named,
    /// Its rules, one per group of codes that behave alike.
    pub rules: Vec<CodeRule>,
}

/// Codes that behave alike over time.
pub struct CodeRule {
    /// The codes.
    pub patterns: Vec<CodePattern>,
    /// Whether billed before any dated change; `None`: not listed before the first change.
    pub base: Option<bool>,
    /// Dated changes, ascending by date: from that day on, billed or not.
    pub changes: Vec<(Ymd, bool)>,
}

/// A code or range of codes.
#[derive(Clone, PartialEq, Eq)]
pub enum CodePattern {
    /// A named code.
    Name(String),
    /// An inclusive range of numeric codes.
    Range(i64, i64),
}

/// A row.
pub struct RowM {
    /// Its section.
    pub section: usize,
    /// Its channels.
    pub channels: Vec<usize>,
    /// One cell per compare source of the section, or one without source.
    pub cells: Vec<CellM>,
}

/// A cell of a row.
pub struct CellM {
    /// The compare source, if the section has them.
    pub source: Option<usize>,
    /// `(postpaid, prepaid)`, or `None` when not offered.
    pub labels: Option<(usize, usize)>,
}

impl TierM {
    /// The range as the document writes it: `1000≤调用量<1万`.
    pub fn doc_range(&self) -> String {
        let from = if self.from <= 1 {
            "0<调用量".to_owned()
        } else {
            format!("{}≤调用量", wan(self.from))
        };
        match self.to {
            Some(to) => format!("{from}<{}", wan(to)),
            None if self.from <= 1 => "调用量>0".to_owned(),
            None => format!("{}及以上", wan(self.from)),
        }
    }
}

/// A count written as the documents write it: `1000`, `1万`, `20万`.
pub fn wan(n: u64) -> String {
    if n >= 10_000 && n.is_multiple_of(10_000) {
        format!("{}万", n / 10_000)
    } else {
        n.to_string()
    }
}

/// Fen written as yuan: `0.85`, `1150.00`.
pub fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}
