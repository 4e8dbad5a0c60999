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
    /// `opened: before "…"` (`true`) or `opened: from "…"` (`false`).
    pub opened: Option<(bool, LitStr)>,
    /// `bill_days: 1..=3`.
    pub bill_days: Option<(LitInt, LitInt)>,
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

/// A postpaid label and its tiers.
pub struct Postpaid {
    /// Names.
    pub item: Item,
    /// `tiers { … }`, with the keyword's span; `None` when not written.
    pub tiers: Option<(Span, Vec<TierDef>)>,
    /// `false` when some tier failed to parse (structure checks would be noise).
    pub complete: bool,
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

/// A prepaid label and its packs.
pub struct Prepaid {
    /// Names.
    pub item: Item,
    /// `packs { … }` / `packs none`, with the keyword's span; `None` when not written.
    pub packs: Option<(Span, Packs)>,
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
    /// `from "YYYY-MM-DD"` for a dated change.
    pub from: Option<LitStr>,
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
}
