//! `Table` and its `BillingTable` implementation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::docs::*;
use crate::expand::int;
use crate::expand::time::*;
use crate::model::*;

pub(crate) fn table_impl(m: &Model) -> TokenStream {
    let krate = &m.krate;
    let name = m.name.to_string();
    let title = &m.title;
    let doc_id = m.doc_id;
    let doc_id_lit = int(doc_id);
    let (opened, settlement, about) = info_parts(m);
    let about = doc(&format!(
        " {title} ([doc {doc_id}]({})): {about}",
        doc_url(doc_id),
    ));
    quote! {
        #about
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct Table;

        impl Table {
            /// The table's identity: title, document, the accounts it applies to, settlement.
            pub const INFO: TableInfo = TableInfo {
                name: #name,
                title: #title,
                doc_id: #doc_id_lit,
                opened: #opened,
                settlement: #settlement,
            };

            /// Every dated change, in date order, with the document it comes from
            /// ([`CHANGES`]).
            pub const fn changes() -> &'static [Change] {
                CHANGES
            }
        }

        impl #krate::BillingTable for Table {
            type Section = Section;
            type Channel = Channel;
            type Source = Source;
            type Postpaid = PostpaidLabel;
            type Prepaid = PrepaidLabel;
            type CodeFamily = CodeFamily;

            const INFO: TableInfo = Table::INFO;
            const ROWS: &'static [Row<Self>] = ROWS;
            const DOCUMENTS: &'static [Document] = DOCUMENTS;
            const CHANGES: &'static [Change] = CHANGES;

            fn section(channel: Channel) -> Section {
                channel.section()
            }
            fn section_sources(section: Section) -> &'static [Source] {
                section.sources()
            }
            fn channel_sources(channel: Channel) -> &'static [Source] {
                channel.sources()
            }
            fn channel_doc_id(channel: Channel) -> u32 {
                channel.doc_id()
            }
            fn channel_actions(channel: Channel) -> &'static [&'static str] {
                channel.actions()
            }
            fn code_family(channel: Channel) -> CodeFamily {
                channel.code_family()
            }
            fn channel_period(channel: Channel) -> Period {
                channel.period()
            }
            fn mappings(channel: Channel) -> &'static [Dated<&'static [Cell<Self>]>] {
                channel.mappings()
            }
            fn code_status(
                family: CodeFamily,
                code: Code<'_>,
                day: NaiveDate,
            ) -> CodeStatus {
                family.status(code, day)
            }
            fn code_rules(family: CodeFamily) -> &'static [CodeRule] {
                family.rules()
            }
            fn prices(label: PostpaidLabel) -> &'static [Dated<Option<&'static [Tier]>>] {
                label.prices()
            }
            fn postpaid_names(label: PostpaidLabel) -> &'static [Dated<&'static str>] {
                label.names()
            }
            fn pack_lists(label: PrepaidLabel) -> &'static [Dated<Option<&'static [PackOffer]>>] {
                label.pack_lists()
            }
            fn prepaid_names(label: PrepaidLabel) -> &'static [Dated<&'static str>] {
                label.names()
            }
            fn covers(label: PrepaidLabel) -> &'static [Dated<&'static [PrepaidLabel]>] {
                label.covers()
            }
        }
    }
}
