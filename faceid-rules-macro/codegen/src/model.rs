//! The checked table: what expansion sees. Every reference is resolved to an index, every
//! literal to its exact value; nothing here can be wrong in a way the checks catch.

use proc_macro2::TokenStream;
use syn::{Ident, Visibility};

/// A calendar day, `(year, month, day)`, known to be real.
pub type Ymd = (i32, u32, u32);

/// A moment in China Standard Time: a day and the minute of the day (0 for 00:00).
pub type At = (Ymd, u32);

/// One entry of a timeline: `value` holds from `from` (`None`: from the beginning) until
/// the next entry's `from`. `per` is the document (an index into [`Model::documents`]) of
/// the dated change that set it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp<V> {
    /// When it takes effect.
    pub from: Option<At>,
    /// The value.
    pub value: V,
    /// The document of the change.
    pub per: Option<usize>,
}

/// A value over time, entries ascending by `from`, the first one possibly from the
/// beginning.
pub type Timeline<V> = Vec<Stamp<V>>;

/// A document that dated changes cite.
pub struct DocumentM {
    /// Names (the doc name is its title).
    pub named: Named,
    /// Its product on cloud.tencent.com (1007 for Face ID) and id there, if known.
    pub doc_id: Option<(u32, u32)>,
    /// The commit of the version cited, if known.
    pub commit: Option<String>,
}

/// How an edition settles postpaid usage.
#[derive(Clone, Copy)]
pub enum SettlementM {
    /// Per calendar month, the bill issued on these days of the next month.
    Monthly {
        /// First and last bill day.
        bill_days: (u8, u8),
    },
    /// Per day, the bill issued in these minutes of the next day.
    Daily {
        /// First minute and the minute after the last.
        bill_hours: (u32, u32),
    },
}

/// One dated change, for the generated list of changes.
pub struct ChangeM {
    /// When.
    pub at: At,
    /// What kind of thing changes: `postpaid label`, `channel`, ….
    pub kind: &'static str,
    /// The doc name of what changes.
    pub subject: String,
    /// What it becomes, in words.
    pub what: String,
    /// The document.
    pub per: usize,
}

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
    /// Accounts opened on or after this day (`None`: no lower bound).
    pub opened_from: Option<Ymd>,
    /// Accounts opened before this day (`None`: no upper bound).
    pub opened_before: Option<Ymd>,
    /// How postpaid usage is settled.
    pub settlement: SettlementM,
    /// Documents cited by dated changes.
    pub documents: Vec<DocumentM>,
    /// Every dated change, ascending.
    pub changes: Vec<ChangeM>,
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
    /// The day it is listed from, and the document saying so.
    pub from: Option<(Ymd, usize)>,
    /// The day it is no longer listed from, and the document saying so.
    pub until: Option<(Ymd, usize)>,
    /// What each compare source of its section maps to, over time (one cell per source of
    /// the section, or one without source).
    pub mappings: Timeline<Vec<CellM>>,
}

/// A postpaid label.
pub struct PostpaidM {
    /// Names (the dated names are among the aliases).
    pub named: Named,
    /// Its price over time; `None` while the label is not in force.
    pub prices: Timeline<Option<PriceM>>,
    /// Its doc name over time.
    pub names: Timeline<String>,
}

/// A postpaid price.
#[derive(Clone, PartialEq)]
pub struct PriceM {
    /// Its tiers.
    pub tiers: Vec<TierM>,
    /// Written `flat PRICE`.
    pub flat: bool,
}

/// A tier.
#[derive(Clone, Copy, PartialEq)]
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
    /// Names (the dated names are among the aliases).
    pub named: Named,
    /// The packs on sale over time, `(size, price in fen)` ascending (empty: none sold);
    /// `None` while the label is not in force.
    pub packs: Timeline<Option<Vec<(u64, i64)>>>,
    /// Its doc name over time.
    pub names: Timeline<String>,
    /// Other prepaid labels whose calls its packs also cover, over time.
    pub covers: Timeline<Vec<usize>>,
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
    /// Dated changes, ascending by date: from that day on, billed or not, and the
    /// document saying so.
    pub changes: Vec<(Ymd, bool, Option<usize>)>,
}

/// A code or range of codes.
#[derive(Clone, PartialEq, Eq)]
pub enum CodePattern {
    /// A named code.
    Name(String),
    /// An inclusive range of numeric codes.
    Range(i64, i64),
}

/// A row: channels the document groups (each channel's mapping is its own, over time).
pub struct RowM {
    /// Its section.
    pub section: usize,
    /// Its channels.
    pub channels: Vec<usize>,
}

/// What one compare source maps to.
#[derive(Clone, Copy, Debug, PartialEq)]
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
