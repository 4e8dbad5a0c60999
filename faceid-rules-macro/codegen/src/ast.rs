//! The syntax tree of a table, as written. Every node keeps the tokens it came from, so the
//! checks can point at the culprit.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, Lit, LitInt, LitStr, Visibility};

/// A whole `billing_table!` invocation.
pub struct Table {
    /// The path of the runtime crate (`$crate` forwarded by `faceid_rules::billing_table!`).
    pub krate: TokenStream,
    /// Doc comments on the module.
    pub docs: Vec<String>,
    /// The module's visibility.
    pub vis: Visibility,
    /// The module's name.
    pub name: Ident,
    /// The header block.
    pub header: Header,
    /// The shared definitions handed over by a shared-definitions macro, if any.
    pub shared: Option<Shared>,
    /// Declared documents that dated changes cite.
    pub documents: Vec<DocumentDef>,
    /// Declared compare sources.
    pub sources: Vec<Item>,
    /// Declared postpaid labels.
    pub postpaid: Vec<Postpaid>,
    /// Declared prepaid labels.
    pub prepaid: Vec<Prepaid>,
    /// Declared families of result codes.
    pub families: Vec<Family>,
    /// Sections, in document order.
    pub sections: Vec<Section>,
}

/// The table's identity block.
pub struct Header {
    /// The brace of the block, for "missing key" errors.
    pub span: Span,
    /// `title: "…"`.
    pub title: Option<LitStr>,
    /// `doc: 31005`.
    pub doc: Option<LitInt>,
    /// `opened: from "…" before "…"` (either bound may be left out).
    pub opened: Option<OpenedDef>,
    /// `settlement: monthly { bill_days: 1..=3 }` or `settlement: daily { bill_hours: … }`.
    pub settlement: Option<SettlementDef>,
    /// `path: tables::contract`: where the module is, from the crate root (default: its name
    /// at the root), for the generated lookup macros.
    pub path: Option<syn::Path>,
    /// `false` when some entry of the header failed to parse.
    pub complete: bool,
}

/// What every declared thing has: an identifier, a doc name, aliases, doc comments.
pub struct Item {
    /// Doc comments.
    pub docs: Vec<String>,
    /// The Rust identifier.
    pub ident: Ident,
    /// The name as the document writes it.
    pub doc_name: LitStr,
    /// Other spellings.
    pub aliases: Vec<LitStr>,
}

/// A postpaid label and its prices over time.
pub struct Postpaid {
    /// Names.
    pub item: Item,
    /// `from "DATE" per DOCUMENT` right after the names: the label starts then.
    pub start: Option<When>,
    /// `tiers { … }` or `flat PRICE`; `None` when not written.
    pub price: Option<PriceDef>,
    /// Dated changes, in the order written.
    pub changes: Vec<Dated<LabelChange>>,
    /// `until "DATE" per DOCUMENT`: the label ends then.
    pub end: Option<When>,
    /// Part of the entry failed to parse (its error is reported).
    pub broken: bool,
}

/// A postpaid price as written.
pub struct PriceDef {
    /// The keyword (`tiers` or `flat`), for errors about the whole price.
    pub keyword: Ident,
    /// The tiers: those written, or one open tier for a flat price.
    pub tiers: Vec<TierDef>,
    /// `flat PRICE` rather than `tiers { … }`.
    pub flat: bool,
    /// `false` when some tier failed to parse (structure checks would be noise).
    pub complete: bool,
}

/// When a dated entry takes effect, and the document that says so.
pub struct When {
    /// `from` or `until`.
    pub keyword: Ident,
    /// `"YYYY-MM-DD"` or `"YYYY-MM-DD HH:MM"` (China Standard Time).
    pub date: LitStr,
    /// `per DOCUMENT`: the declared document the change comes from.
    pub per: Option<Ident>,
}

/// A dated change of something.
pub struct Dated<T> {
    /// When, and per which document.
    pub when: When,
    /// What changes.
    pub what: T,
}

/// What a dated change of a label sets.
pub enum LabelChange {
    /// A postpaid price: `tiers { … }` or `flat PRICE`.
    Price(PriceDef),
    /// A pack list: `packs { … }` or `packs none`.
    Packs(PacksDef),
    /// `named "…"`: the doc name from then on.
    Named(Ident, LitStr),
    /// `covers [A, B]`: packs of the label also cover calls of these prepaid labels.
    Covers(Ident, Vec<Ident>),
}

/// `opened: from "…" before "…"`.
pub struct OpenedDef {
    /// The key, for errors about the whole range.
    pub key: Ident,
    /// `from "…"`: accounts opened on or after the day.
    pub from: Option<LitStr>,
    /// `before "…"`: accounts opened before the day.
    pub before: Option<LitStr>,
}

/// How postpaid usage is settled.
pub enum SettlementDef {
    /// `monthly { bill_days: 1..=3 }`.
    Monthly {
        /// The keyword.
        keyword: Ident,
        /// The bill days of the next month.
        bill_days: Option<(LitInt, LitInt)>,
    },
    /// `daily { bill_hours: "08:00".."12:00" }`.
    Daily {
        /// The keyword.
        keyword: Ident,
        /// The hours of the next day in which a day's bill is issued.
        bill_hours: Option<(LitStr, LitStr)>,
    },
}

/// A document that dated changes cite: `Name = "title" (doc id) @ "commit"`.
pub struct DocumentDef {
    /// Names (the title is the doc name).
    pub item: Item,
    /// `(56804)` or `(213/32309)`: product (1007 unless given) and doc id.
    pub doc_id: Option<(Option<LitInt>, LitInt)>,
    /// `@ "0e629ca4"`: the commit of the document's version.
    pub commit: Option<LitStr>,
}

/// What several editions share, handed to an edition by a shared-definitions macro.
pub struct Shared {
    /// The macro's name.
    pub name: Ident,
    /// `true` when the shared-definitions macro already reported the errors of these
    /// definitions (the edition does not report them again).
    pub reported: bool,
    /// Shared documents.
    pub documents: Vec<DocumentDef>,
    /// Shared compare sources.
    pub sources: Vec<Item>,
    /// Shared code families.
    pub families: Vec<Family>,
}

/// One tier: `1_000..10_000 => 0.85`.
pub struct TierDef {
    /// The range's start.
    pub from: LitInt,
    /// The range's end, if written.
    pub to: Option<LitInt>,
    /// The range operator when it is `..=` (tiers are half-open).
    pub closed: Option<TokenStream>,
    /// The whole range, for errors about it.
    pub range_tokens: TokenStream,
    /// The unit price.
    pub price: Price,
}

/// A unit price or pack price.
pub enum Price {
    /// A money literal, possibly with a minus sign.
    Money {
        /// The sign and the literal, if a sign was written.
        minus: Option<TokenStream>,
        /// The literal.
        lit: Lit,
    },
    /// `negotiated` (联系商务).
    Negotiated(Ident),
}

/// A prepaid label and its packs over time.
pub struct Prepaid {
    /// Names.
    pub item: Item,
    /// `from "DATE" per DOCUMENT` right after the names: the label starts then.
    pub start: Option<When>,
    /// `packs { … }` / `packs none`; `None` when not written.
    pub packs: Option<PacksDef>,
    /// Dated changes, in the order written.
    pub changes: Vec<Dated<LabelChange>>,
    /// `until "DATE" per DOCUMENT`: the label ends then.
    pub end: Option<When>,
    /// Part of the entry failed to parse (its error is reported).
    pub broken: bool,
}

/// A pack list as written.
pub struct PacksDef {
    /// The `packs` keyword.
    pub keyword: Span,
    /// The list.
    pub packs: Packs,
    /// `false` when some pack failed to parse.
    pub complete: bool,
}

/// The packs of a prepaid label.
pub enum Packs {
    /// `packs none`: sold without resource packs.
    None,
    /// `packs { size => price, … }`.
    List(Vec<PackDef>),
}

/// One pack size: `10_000 => 8_000`.
pub struct PackDef {
    /// Calls in the pack.
    pub size: LitInt,
    /// Its list price.
    pub price: Price,
}

/// A family of result codes.
pub struct Family {
    /// Names.
    pub item: Item,
    /// `billed […]`, `not_billed […]` and `from "date" …` entries, in order.
    pub entries: Vec<FamilyEntry>,
    /// `false` when some entry or code failed to parse.
    pub complete: bool,
}

/// One entry of a code family.
pub struct FamilyEntry {
    /// `from "YYYY-MM-DD" per DOCUMENT` for a dated change.
    pub from: Option<When>,
    /// `billed` or `not_billed`.
    pub keyword: Ident,
    /// Whether the listed codes are billed.
    pub billed: bool,
    /// The codes.
    pub codes: Vec<CodeItem>,
}

/// A code or a range of codes.
pub enum CodeItem {
    /// `"Success"`.
    Name(LitStr),
    /// `2016` or `2009..=2015` (also negative).
    Int {
        /// The first code.
        lo: i64,
        /// The last code (equal to `lo` for a single code).
        hi: i64,
        /// The tokens, for errors.
        tokens: TokenStream,
    },
}

/// A section and its rows.
pub struct Section {
    /// Names.
    pub item: Item,
    /// `compare [A, B]`; `None` when the section has no compare source.
    pub compare: Option<Vec<Ident>>,
    /// Rows in document order.
    pub rows: Vec<RowDef>,
}

/// One row: channels sharing mappings.
pub struct RowDef {
    /// The channels.
    pub channels: Vec<ChannelDef>,
    /// The `=>` token, for errors about the whole row.
    pub arrow: Span,
    /// What the row maps to.
    pub mapping: Mapping,
    /// `from "DATE" per DOCUMENT => …`: what it maps to from then on (the sources named).
    pub changes: Vec<Dated<Mapping>>,
    /// `false` when part of the row failed to parse.
    pub complete: bool,
}

/// A row's mapping.
pub enum Mapping {
    /// `=> Postpaid / Prepaid` (a section without compare source).
    Direct(LabelPair),
    /// `=> { Source => Postpaid / Prepaid, Source => not offered, … }`.
    BySource(Vec<SourceMap>),
}

/// One source's mapping.
pub struct SourceMap {
    /// The source.
    pub source: Ident,
    /// The labels; `None` for `not offered`.
    pub labels: Option<LabelPair>,
}

/// `Postpaid / Prepaid`.
pub struct LabelPair {
    /// The postpaid label.
    pub postpaid: Ident,
    /// The prepaid label.
    pub prepaid: Ident,
}

/// A channel or API.
pub struct ChannelDef {
    /// Names.
    pub item: Item,
    /// The doc id in `(…)`.
    pub doc_id: LitInt,
    /// `codes Family`.
    pub codes: Option<Ident>,
    /// `actions [A, B]`.
    pub actions: Vec<Ident>,
    /// `from "DATE" per DOCUMENT`: the channel is listed from then on.
    pub start: Option<When>,
    /// `until "DATE" per DOCUMENT`: the channel is no longer listed from then on.
    pub end: Option<When>,
    /// `from "DATE" per DOCUMENT => …` within a group: this channel's own mapping from then
    /// on, replacing the row's for the sources named.
    pub changes: Vec<Dated<Mapping>>,
}
