//! What every compiled billing table provides: the [`BillingTable`] trait that the engine is
//! generic over, the [`Named`] trait of its enums, and the const data types of its rows,
//! tiers, packs and result codes.
//!
//! Labels, prices, packs, channels and mappings change on dated announcements: the table
//! holds each as a timeline ([`Dated`]), and the `…_on(day)` methods answer what was in
//! force on a day (China Standard Time).
//!
//! `billing_table!` generates one implementation per table; nothing here lists channels,
//! labels or prices.

use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};

use crate::dated::{in_force, start_of, Change, Dated, Document, Period};
pub use crate::dated::{Opened, Settlement};
use crate::money::Money;
use crate::names::{fold_char, normalise, suggest, UnknownName};

/// An enum generated from a table: channels, compare sources, labels, sections, code
/// families. Every variant has a doc name (as the document writes it) and an identifier.
pub trait Named:
    Copy + Eq + Ord + Hash + Debug + Display + FromStr<Err = UnknownName> + Send + Sync + 'static
{
    /// What the items are called in messages: `channel`, `postpaid label`, ….
    const KIND: &'static str;
    /// Every variant, in table order.
    const ALL: &'static [Self];
    /// The name as the document writes it.
    fn doc_name(self) -> &'static str;
    /// The Rust identifier of the variant.
    fn ident(self) -> &'static str;
    /// Other spellings the item is known by (and, for channels, its API actions).
    fn aliases(self) -> &'static [&'static str];
    /// The position of the variant in [`Named::ALL`].
    fn index(self) -> usize;

    /// The variant(s) whose doc name, identifier or alias has the comparison form `key`
    /// (see [`normalise`]). Doc names and identifiers win over aliases. Generated as a
    /// `match` on string literals: no allocation, no hashing.
    fn resolve_normalised(key: &str) -> Resolved<Self>;

    /// The one variant named `text` (by doc name, identifier or alias, compared after
    /// [`normalise`]), or `None` when no variant or several have that name. Unlike
    /// [`Named::lookup`] it builds no error and computes no suggestion, so a miss costs no
    /// more than a hit: for names checked against several tables, where a miss is expected.
    fn find(text: &str) -> Option<Self> {
        match with_normalised(text, Self::resolve_normalised) {
            Resolved::One(item) => Some(item),
            Resolved::Several(_) | Resolved::Unknown => None,
        }
    }

    /// Finds the variant named `text` by doc name, identifier or alias, compared after
    /// [`normalise`]. An alias shared by several variants is reported as ambiguous.
    fn lookup(text: &str) -> Result<Self, UnknownName> {
        Self::lookup_where(text, |_| true)
    }

    /// [`Named::lookup`], where an alias shared by several variants resolves to the one of
    /// them that `keep` keeps, if exactly one (e.g. the one channel of an API action listed
    /// on a call's day).
    fn lookup_where(text: &str, keep: impl Fn(Self) -> bool) -> Result<Self, UnknownName> {
        let several = match with_normalised(text, Self::resolve_normalised) {
            Resolved::One(item) => return Ok(item),
            Resolved::Several(items) => {
                let mut kept = items.iter().copied().filter(|&i| keep(i));
                if let (Some(one), None) = (kept.next(), kept.next()) {
                    return Ok(one);
                }
                items
            }
            Resolved::Unknown => &[],
        };
        Err(UnknownName {
            kind: Self::KIND,
            given: text.to_owned(),
            suggestion: if several.is_empty() {
                suggest(text, Self::ALL.iter().map(|i| i.doc_name()))
            } else {
                None
            },
            known: Self::ALL.iter().map(|i| i.doc_name()).collect(),
            ambiguous: several.iter().map(|i| i.doc_name()).collect(),
        })
    }
}

/// Calls `f` with the comparison form of `text` (see [`normalise`]), built on the stack for
/// names up to 192 bytes, so that looking up a name allocates nothing.
fn with_normalised<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    const CAPACITY: usize = 192;
    let mut buf = [0u8; CAPACITY];
    let mut len = 0;
    for c in text.chars().filter_map(fold_char) {
        let width = c.len_utf8();
        if len + width > CAPACITY {
            return f(&normalise(text));
        }
        c.encode_utf8(&mut buf[len..len + width]);
        len += width;
    }
    // Whole characters were encoded, so the bytes are UTF-8.
    match std::str::from_utf8(&buf[..len]) {
        Ok(key) => f(key),
        Err(_) => f(&normalise(text)),
    }
}

/// What a name resolves to among the variants of a [`Named`] enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved<T: 'static> {
    /// Exactly one variant.
    One(T),
    /// An alias (e.g. an API action) shared by several variants.
    Several(&'static [T]),
    /// No variant.
    Unknown,
}

/// A compiled billing table: one edition of the documents, or a user's own contract.
///
/// Implemented by the `Table` type that `billing_table!` generates in each table module.
/// What changes over time is given as timelines (the required methods); the `…_on` methods
/// read them for a day.
pub trait BillingTable: Copy + Default + Debug + Send + Sync + 'static {
    /// The document's sections (增强版人脸核身, 基础版人脸核身, …).
    type Section: Named;
    /// Access channels and APIs.
    type Channel: Named;
    /// Compare sources (跟权威库比对, 跟上传照片比对).
    type Source: Named;
    /// Postpaid billing labels, each with its prices.
    type Postpaid: Named;
    /// Prepaid billing labels, each with its resource packs.
    type Prepaid: Named;
    /// Families of billable result codes.
    type CodeFamily: Named;

    /// The table's identity: title, document, the accounts it applies to, settlement.
    const INFO: TableInfo;
    /// The rows in document order, for rendering the table back.
    const ROWS: &'static [Row<Self>];
    /// The documents its dated changes cite.
    const DOCUMENTS: &'static [Document];
    /// Every dated change, in date order, with the document it comes from.
    const CHANGES: &'static [Change];

    /// The section a channel is listed in.
    fn section(channel: Self::Channel) -> Self::Section;
    /// The compare sources a section's table has a column value for (empty: no compare).
    fn section_sources(section: Self::Section) -> &'static [Self::Source];
    /// The compare sources a channel offers on some day.
    fn channel_sources(channel: Self::Channel) -> &'static [Self::Source];
    /// The id of the channel's page, `https://cloud.tencent.com/document/product/1007/<id>`.
    fn channel_doc_id(channel: Self::Channel) -> u32;
    /// The Tencent Cloud API actions the channel is called through.
    fn channel_actions(channel: Self::Channel) -> &'static [&'static str];
    /// The family of result codes that decides whether a call of the channel is billed.
    fn code_family(channel: Self::Channel) -> Self::CodeFamily;
    /// The days the channel is listed.
    fn channel_period(channel: Self::Channel) -> Period;
    /// What each compare source of the channel maps to, over time: one cell per source of
    /// its section (one without source in a section without compare).
    fn mappings(channel: Self::Channel) -> &'static [Dated<&'static [Cell<Self>]>];
    /// Whether `code` is billed in `family` for a call made on `day` (China Standard Time).
    fn code_status(family: Self::CodeFamily, code: Code<'_>, day: NaiveDate) -> CodeStatus;
    /// The rules of a code family, as the table lists them: every code it names, grouped by
    /// how they are billed over time. [`BillingTable::code_status`] is these rules as a `match`.
    fn code_rules(family: Self::CodeFamily) -> &'static [CodeRule];
    /// The postpaid price of a label over time: its volume tiers, ascending from the first
    /// call of the month (one open tier for a flat price); `None` while it is not in force.
    fn prices(label: Self::Postpaid) -> &'static [Dated<Option<&'static [Tier]>>];
    /// The doc name of a postpaid label over time.
    fn postpaid_names(label: Self::Postpaid) -> &'static [Dated<&'static str>];
    /// The resource packs on sale for a prepaid label over time, ascending by size (empty:
    /// none on sale); `None` while the label is not in force.
    fn pack_lists(label: Self::Prepaid) -> &'static [Dated<Option<&'static [PackOffer]>>];
    /// The doc name of a prepaid label over time.
    fn prepaid_names(label: Self::Prepaid) -> &'static [Dated<&'static str>];
    /// The other prepaid labels whose calls packs of a label also cover, over time (the old
    /// packs of a renamed or split label keep deducting).
    fn covers(label: Self::Prepaid) -> &'static [Dated<&'static [Self::Prepaid]>];

    /// Whether the channel is listed on `day`.
    fn channel_exists_on(channel: Self::Channel, day: NaiveDate) -> bool {
        Self::channel_period(channel).contains(day)
    }

    /// The cells of the channel on `day`: one per compare source of its section; `None`
    /// when the channel is not listed that day.
    fn cells_on(channel: Self::Channel, day: NaiveDate) -> Option<&'static [Cell<Self>]> {
        if !Self::channel_exists_on(channel, day) {
            return None;
        }
        in_force(Self::mappings(channel), start_of(day)).map(|d| d.value)
    }

    /// The compare sources the channel offers on `day`, in table order.
    fn sources_on(channel: Self::Channel, day: NaiveDate) -> Vec<Self::Source> {
        Self::cells_on(channel, day)
            .unwrap_or(&[])
            .iter()
            .filter(|c| c.labels.is_some())
            .filter_map(|c| c.source)
            .collect()
    }

    /// The labels a call made on `day` is billed under. `source` must be one the channel
    /// offers that day; it may be `None` for a channel without compare source or offering a
    /// single one. `None` when the channel is not listed that day or does not offer `source`.
    fn labels_on(
        channel: Self::Channel,
        source: Option<Self::Source>,
        day: NaiveDate,
    ) -> Option<Labels<Self>> {
        let cells = Self::cells_on(channel, day)?;
        match source {
            Some(s) => cells.iter().find(|c| c.source == Some(s))?.labels,
            None => {
                let mut offered = cells.iter().filter_map(|c| c.labels);
                let first = offered.next()?;
                offered.next().is_none().then_some(first)
            }
        }
    }

    /// The tiers of a postpaid label on `day`; `None` when it is not in force.
    fn tiers_on(label: Self::Postpaid, day: NaiveDate) -> Option<&'static [Tier]> {
        in_force(Self::prices(label), start_of(day)).and_then(|d| d.value)
    }

    /// Whether a postpaid label is in force on `day`.
    fn postpaid_exists_on(label: Self::Postpaid, day: NaiveDate) -> bool {
        Self::tiers_on(label, day).is_some()
    }

    /// The doc name of a postpaid label on `day`.
    fn postpaid_name_on(label: Self::Postpaid, day: NaiveDate) -> &'static str {
        in_force(Self::postpaid_names(label), start_of(day)).map_or(label.doc_name(), |d| d.value)
    }

    /// The resource packs on sale for a prepaid label at `at`; `None` when the label is not
    /// in force.
    fn packs_at(label: Self::Prepaid, at: NaiveDateTime) -> Option<&'static [PackOffer]> {
        in_force(Self::pack_lists(label), at).and_then(|d| d.value)
    }

    /// The resource packs on sale for a prepaid label at 00:00 of `day`.
    fn packs_on(label: Self::Prepaid, day: NaiveDate) -> Option<&'static [PackOffer]> {
        Self::packs_at(label, start_of(day))
    }

    /// Whether a prepaid label is in force on `day`.
    fn prepaid_exists_on(label: Self::Prepaid, day: NaiveDate) -> bool {
        Self::packs_on(label, day).is_some()
    }

    /// The doc name of a prepaid label on `day`.
    fn prepaid_name_on(label: Self::Prepaid, day: NaiveDate) -> &'static str {
        in_force(Self::prepaid_names(label), start_of(day)).map_or(label.doc_name(), |d| d.value)
    }

    /// The other prepaid labels whose calls packs of `label` cover on `day`.
    fn covers_on(label: Self::Prepaid, day: NaiveDate) -> &'static [Self::Prepaid] {
        in_force(Self::covers(label), start_of(day)).map_or(&[], |d| d.value)
    }

    /// Whether a pack of label `pack` covers a call of prepaid label `call` made on `day`:
    /// its own label's calls, and those of the labels it covers that day.
    fn pack_covers(pack: Self::Prepaid, call: Self::Prepaid, day: NaiveDate) -> bool {
        pack == call || Self::covers_on(pack, day).contains(&call)
    }
}

/// Codes of a family that are billed alike over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRule {
    /// The codes.
    pub codes: &'static [CodePattern],
    /// Whether they are billed before any dated change; `None` when the family lists them
    /// only from a change on (before it they are unknown).
    pub billed: Option<bool>,
    /// Dated changes, ascending: from that day on (China Standard Time) billed or not.
    pub changes: &'static [CodeChange],
}

/// A code, or an inclusive range of numeric codes, as a table lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePattern {
    /// Numeric codes `first..=last` (equal for a single code).
    Range(i64, i64),
    /// A named code.
    Name(&'static str),
}

impl CodePattern {
    /// Whether `code` is one of these codes.
    pub fn matches(&self, code: Code<'_>) -> bool {
        match (*self, code) {
            (CodePattern::Range(lo, hi), Code::Int(n)) => lo <= n && n <= hi,
            (CodePattern::Name(a), Code::Name(b)) => a == b,
            _ => false,
        }
    }
}

/// A dated change of a code's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeChange {
    /// The first day (China Standard Time) of the new verdict.
    pub from: NaiveDate,
    /// Billed from that day on, or not.
    pub billed: bool,
}

/// The identity of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableInfo {
    /// The module name: `legacy`, `monthly`, `daily`.
    pub name: &'static str,
    /// The document's title.
    pub title: &'static str,
    /// The document's id (`https://cloud.tencent.com/document/product/1007/<id>`).
    pub doc_id: u32,
    /// Which accounts the table applies to, by the day they opened the service.
    pub opened: Opened,
    /// How postpaid usage is settled, and when bills are issued.
    pub settlement: Settlement,
}

/// The two labels a call is billed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Labels<T: BillingTable> {
    /// The label its postpaid usage is priced under.
    pub postpaid: T::Postpaid,
    /// The label whose resource packs cover it.
    pub prepaid: T::Prepaid,
}

/// One row of a section: a group of channels the document lists together (a rowspan), or a
/// single API. Each channel's mapping is its own ([`BillingTable::mappings`]); on a day,
/// the channels of a row that map alike share the document's rowspan.
#[derive(Debug)]
pub struct Row<T: BillingTable> {
    /// The section the row is in.
    pub section: T::Section,
    /// The channels of the row, in document order.
    pub channels: &'static [T::Channel],
}

/// Consecutive channels of a row that map alike on a day, and their cells.
pub type Group<T> = (Vec<<T as BillingTable>::Channel>, &'static [Cell<T>]);

impl<T: BillingTable> Row<T> {
    /// The row on `day`: its channels listed that day, in groups of consecutive channels
    /// that map alike, each with its cells.
    pub fn groups_on(&self, day: NaiveDate) -> Vec<Group<T>> {
        let mut groups: Vec<Group<T>> = Vec::new();
        for &channel in self.channels {
            let Some(cells) = T::cells_on(channel, day) else {
                continue;
            };
            match groups.last_mut() {
                Some((channels, last)) if *last == cells => channels.push(channel),
                _ => groups.push((vec![channel], cells)),
            }
        }
        groups
    }
}

/// What a channel maps one compare source (or, without compare, itself) to.
#[derive(Debug)]
pub struct Cell<T: BillingTable> {
    /// The compare source, or `None` in a section without compare.
    pub source: Option<T::Source>,
    /// The labels, or `None` when the channel does not offer the source.
    pub labels: Option<Labels<T>>,
}

impl<T: BillingTable> Clone for Cell<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: BillingTable> Copy for Cell<T> {}

impl<T: BillingTable> PartialEq for Cell<T> {
    fn eq(&self, other: &Self) -> bool {
        let same_labels = match (self.labels, other.labels) {
            (Some(a), Some(b)) => a.postpaid == b.postpaid && a.prepaid == b.prepaid,
            (None, None) => true,
            _ => false,
        };
        self.source == other.source && same_labels
    }
}

impl<T: BillingTable> Eq for Cell<T> {}

/// One postpaid volume tier: the calls of a month in `from..to` (or `from..` when `to` is
/// `None`) are all priced at `price` once the month's total reaches the tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    /// The first monthly call count in the tier.
    pub from: u64,
    /// The first monthly call count past the tier; `None` for the open-ended top tier.
    pub to: Option<u64>,
    /// The unit price per call; `None` when the document says 联系商务 (negotiated).
    pub price: Option<Money>,
}

impl Tier {
    /// Whether a monthly volume of `calls` falls in this tier.
    pub const fn contains(&self, calls: u64) -> bool {
        calls >= self.from
            && match self.to {
                Some(to) => calls < to,
                None => true,
            }
    }
}

impl Tier {
    /// The tier's range as the price documents write it: `0<调用量<1000`, `1000≤调用量<1万`,
    /// `20万及以上`.
    pub fn doc_range(&self) -> String {
        let from = if self.from <= 1 {
            "0<调用量".to_owned()
        } else {
            format!("{}≤调用量", count_wan(self.from))
        };
        match self.to {
            Some(to) => format!("{from}<{}", count_wan(to)),
            None if self.from <= 1 => "调用量>0".to_owned(),
            None => format!("{}及以上", count_wan(self.from)),
        }
    }
}

/// A call count as the documents write it: `1000`, `1万`, `20万`.
pub fn count_wan(n: u64) -> String {
    if n >= 10_000 && n.is_multiple_of(10_000) {
        format!("{}万", n / 10_000)
    } else {
        n.to_string()
    }
}

/// Whether tiers are a flat price: one open-ended tier from the first call.
pub fn is_flat(tiers: &[Tier]) -> bool {
    matches!(
        tiers,
        [Tier {
            from: 1,
            to: None,
            ..
        }]
    )
}

/// The tier that a monthly volume of `calls` reaches, if any (none for zero calls).
pub fn tier_for(tiers: &'static [Tier], calls: u64) -> Option<(usize, &'static Tier)> {
    tiers.iter().enumerate().find(|(_, t)| t.contains(calls))
}

/// A resource pack size on sale, with its list price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackOffer {
    /// Calls in the pack.
    pub size: u64,
    /// Its list price.
    pub price: Money,
}

/// A result code as Tencent returns it: a number (`0`, `2016`, `-1`) or a name
/// (`Success`, `FailedOperation.CompareLowSimilarity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code<'a> {
    /// A numeric code.
    Int(i64),
    /// A named code.
    Name(&'a str),
}

impl<'a> Code<'a> {
    /// Reads a code: decimal integers (with an optional `-`) are numeric, anything else is a
    /// name. Surrounding whitespace is ignored.
    pub fn parse(text: &'a str) -> Code<'a> {
        let t = text.trim();
        let digits = t.strip_prefix('-').unwrap_or(t);
        if !digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = t.parse() {
                return Code::Int(n);
            }
        }
        Code::Name(t)
    }
}

impl Display for Code<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Name(s) => f.write_str(s),
        }
    }
}

/// Whether a call with some result code is billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Listed as billed.
    Billed,
    /// Listed as not billed.
    NotBilled,
    /// Not listed in the channel's code family at all (counted as not billed, and reported).
    Unknown,
}

/// The verdict on a result code, and the dated rule that gave it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeStatus {
    /// Billed, not billed, or unknown to the family.
    pub verdict: Verdict,
    /// When a dated change decided the verdict: the day it took effect.
    pub since: Option<NaiveDate>,
    /// When a dated change exists for the code but the call predates it: the day it would
    /// take effect.
    pub until: Option<NaiveDate>,
}
