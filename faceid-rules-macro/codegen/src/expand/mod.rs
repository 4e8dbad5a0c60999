//! [`Model`] → Rust: the table's module. Expansion reports no errors: the model is checked.
//!
//! One file per part of the module:
//!
//! - [`enums`]: what every generated enum has (variants, names, `Named`, `Display`,
//!   `FromStr`, serde);
//! - [`channels`]: `Section`, `Channel` and `ROWS`; [`labels`]: `PostpaidLabel` and
//!   `PrepaidLabel`, with their prices and packs over time; [`codes`]: `CodeFamily` and its
//!   rules;
//! - [`time`]: timelines as const data, `DOCUMENTS` and `CHANGES`, the table's identity;
//! - [`mod@table`]: `Table` and its `BillingTable` implementation;
//! - [`lookups`]: the `channel!`, `postpaid!`, … macros;
//! - [`docs`]: the doc comments that carry the table's data;
//! - [`fallback`]: what a table with errors still provides.

pub mod channels;
pub mod codes;
pub mod docs;
pub mod enums;
pub mod fallback;
pub mod labels;
pub mod lookups;
pub mod table;
pub mod time;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::*;
pub(crate) use docs::docs;
pub use fallback::skeleton;

/// The whole module of a checked table.
pub fn table(m: &Model) -> TokenStream {
    let krate = &m.krate;
    let vis = &m.vis;
    let name = &m.name;
    let docs = docs(&m.docs);
    let title = &m.title;

    let sections = channels::section_enum(m);
    let channels = channels::channel_enum(m);
    let sources = enums::named_enum(
        m,
        "Source",
        "compare source",
        &format!("The compare sources (比对库源) of {title}."),
        &m.sources,
        &m.sources.iter().map(|_| String::new()).collect::<Vec<_>>(),
    );
    let postpaid = labels::postpaid_enum(m);
    let prepaid = labels::prepaid_enum(m);
    let families = codes::family_enum(m);
    let rows = channels::rows(m);
    let table_impl = table::table_impl(m);
    let lookups = lookups::lookups(m);
    let dated = time::documents_and_changes(m);

    quote! {
        #docs
        #vis mod #name {
            use ::core::option::Option::{self, None, Some};
            use #krate::__private::{at, hm, ymd, NaiveDate, NaiveDateTime};
            use #krate::{
                BillingTable, Cell, Change, Code, CodeChange, CodePattern, CodeRule, CodeStatus, Dated, Document, Labels, Money, Opened,
                PackOffer, Period, Resolved, Row, Settlement, TableInfo, Tier, Verdict,
            };

            #table_impl
            #dated
            #sections
            #channels
            #sources
            #postpaid
            #prepaid
            #families
            #rows
            #lookups
        }
    }
}

/// An integer literal without type suffix, as a person writes it.
pub(crate) fn int(n: impl Into<i128>) -> Literal {
    Literal::i128_unsuffixed(n.into())
}

/// A possibly negative integer, as tokens (`-7` is `-` then `7`).
pub(crate) fn int_tokens(n: i64) -> TokenStream {
    let abs = int(i128::from(n).abs());
    if n < 0 {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}
