//! `Section`, `Channel` (with when each is listed and what it maps to over time) and `ROWS`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::expand::docs::*;
use crate::expand::enums::*;
use crate::expand::int;
use crate::expand::time::*;
use crate::model::*;

pub(crate) fn section_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let channels: Vec<&str> = m
                .channels
                .iter()
                .filter(|c| c.section == i)
                .map(|c| c.named.doc_name.as_str())
                .collect();
            let sources: Vec<&str> = s
                .sources
                .iter()
                .map(|&x| m.sources[x].doc_name.as_str())
                .collect();
            let compare = if sources.is_empty() {
                "no compare source".to_owned()
            } else {
                sources.join(", ")
            };
            format!("Compare: {compare}.\nChannels: {}.", channels.join(", "))
        })
        .collect();
    let base = named_enum(
        m,
        "Section",
        "section",
        &format!("The sections of {}.", m.title),
        &m.sections
            .iter()
            .map(|s| s.named.clone())
            .collect::<Vec<_>>(),
        &data,
    );
    let variants: Vec<&Ident> = m.sections.iter().map(|s| &s.named.ident).collect();
    let sources = m.sections.iter().map(|s| {
        let v = s.sources.iter().map(|&x| &m.sources[x].ident);
        quote!(&[#(Source::#v),*])
    });
    let channels = (0..m.sections.len()).map(|i| {
        let v = m
            .channels
            .iter()
            .filter(|c| c.section == i)
            .map(|c| &c.named.ident);
        quote!(&[#(Channel::#v),*])
    });
    quote! {
        #base

        impl Section {
            /// The compare sources the section's table has a column for (empty: none).
            #[inline]
            pub const fn sources(self) -> &'static [Source] {
                match self {
                    #(Self::#variants => #sources,)*
                }
            }

            /// The channels listed in the section, in document order.
            #[inline]
            pub const fn channels(self) -> &'static [Channel] {
                match self {
                    #(Self::#variants => #channels,)*
                }
            }
        }
    }
}

pub(crate) fn channel_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m
        .channels
        .iter()
        .map(|c| {
            let mut lines = vec![format!(
                "Section {}; [doc {}]({}); result codes: {}.",
                m.sections[c.section].named.doc_name,
                c.doc_id,
                doc_url(c.doc_id),
                m.families[c.family].named.doc_name
            )];
            if !c.actions.is_empty() {
                lines.push(format!("API actions: `{}`.", c.actions.join("`, `")));
            }
            lines.push(mapping_doc(m, c));
            lines.join("\n")
        })
        .collect();
    let base = named_enum(
        m,
        "Channel",
        "channel",
        &format!(
            "The access channels and APIs (接入渠道 / API 接口) of {}.",
            m.title
        ),
        &m.channels
            .iter()
            .map(|c| c.named.clone())
            .collect::<Vec<_>>(),
        &data,
    );
    let v: Vec<&Ident> = m.channels.iter().map(|c| &c.named.ident).collect();
    let section = m
        .channels
        .iter()
        .map(|c| &m.sections[c.section].named.ident);
    let doc_id = m.channels.iter().map(|c| int(c.doc_id));
    let url = m.channels.iter().map(|c| doc_url(c.doc_id));
    let sources = m.channels.iter().map(|c| {
        let offered = m.sections[c.section].sources.iter().filter(|&&s| {
            c.mappings.iter().any(|stamp| {
                stamp
                    .value
                    .iter()
                    .any(|cell| cell.source == Some(s) && cell.labels.is_some())
            })
        });
        let s = offered.map(|&s| &m.sources[s].ident);
        quote!(&[#(Source::#s),*])
    });
    let actions = m.channels.iter().map(|c| &c.actions);
    let family = m.channels.iter().map(|c| &m.families[c.family].named.ident);
    let dated = channel_methods(m);
    quote! {
        #base

        impl Channel {
            /// The section the channel is listed in.
            #[inline]
            pub const fn section(self) -> Section {
                match self {
                    #(Self::#v => Section::#section,)*
                }
            }

            /// The id of the channel's page in the Face ID documentation.
            #[inline]
            pub const fn doc_id(self) -> u32 {
                match self {
                    #(Self::#v => #doc_id,)*
                }
            }

            /// The channel's page in the Face ID documentation.
            #[inline]
            pub const fn doc_url(self) -> &'static str {
                match self {
                    #(Self::#v => #url,)*
                }
            }

            /// The compare sources the channel offers on some day, in table order.
            #[inline]
            pub const fn sources(self) -> &'static [Source] {
                match self {
                    #(Self::#v => #sources,)*
                }
            }

            /// The Tencent Cloud API actions the channel is called through.
            #[inline]
            pub const fn actions(self) -> &'static [&'static str] {
                match self {
                    #(Self::#v => &[#(#actions),*],)*
                }
            }

            /// The family of result codes that decides whether a call is billed.
            #[inline]
            pub const fn code_family(self) -> CodeFamily {
                match self {
                    #(Self::#v => CodeFamily::#family,)*
                }
            }
        }

        #dated
    }
}

/// The dated methods of `Channel`: when it is listed, what it maps to over time.
pub(crate) fn channel_methods(m: &Model) -> TokenStream {
    let v: Vec<_> = m.channels.iter().map(|c| &c.named.ident).collect();
    let periods = m.channels.iter().map(|c| {
        let from = opt_day(c.from.map(|f| f.0));
        let until = opt_day(c.until.map(|u| u.0));
        quote!(Period { from: #from, until: #until })
    });
    let mappings = m.channels.iter().map(|c| {
        timeline(&c.mappings, |cells| {
            let cells = cells.iter().map(|cell| {
                let source = match cell.source {
                    Some(s) => {
                        let s = &m.sources[s].ident;
                        quote!(Some(Source::#s))
                    }
                    None => quote!(None),
                };
                let labels = match cell.labels {
                    Some((pp, pre)) => {
                        let pp = &m.postpaid[pp].named.ident;
                        let pre = &m.prepaid[pre].named.ident;
                        quote!(Some(Labels { postpaid: PostpaidLabel::#pp, prepaid: PrepaidLabel::#pre }))
                    }
                    None => quote!(None),
                };
                quote!(Cell { source: #source, labels: #labels })
            });
            quote!(&[#(#cells),*])
        })
    });
    quote! {
        impl Channel {
            /// The days the channel is listed (see each variant).
            #[inline]
            pub const fn period(self) -> Period {
                match self {
                    #(Self::#v => #periods,)*
                }
            }

            /// Whether the channel is listed on `day` (China Standard Time).
            #[inline]
            pub fn exists_on(self, day: NaiveDate) -> bool {
                self.period().contains(day)
            }

            /// What each compare source of the channel's section maps to, over time (see
            /// each variant).
            #[inline]
            pub const fn mappings(self) -> &'static [Dated<&'static [Cell<Table>]>] {
                match self {
                    #(Self::#v => #mappings,)*
                }
            }

            /// The labels a call made on `day` is billed under: `None` when the channel is
            /// not listed that day or does not offer `source`, or when `source` is `None`
            /// and the channel offers several.
            #[inline]
            pub fn labels_on(self, source: Option<Source>, day: NaiveDate) -> Option<Labels<Table>> {
                <Table as BillingTable>::labels_on(self, source, day)
            }
        }
    }
}

pub(crate) fn rows(m: &Model) -> TokenStream {
    let rows = m.rows.iter().map(|r| {
        let section = &m.sections[r.section].named.ident;
        let channels = r.channels.iter().map(|&c| &m.channels[c].named.ident);
        quote! {
            Row {
                section: Section::#section,
                channels: &[#(Channel::#channels),*],
            }
        }
    });
    let doc = doc(&format!(
        " The rows of {} in document order: each a group of channels the document lists together (a rowspan) or a single API.",
        m.title
    ));
    quote! {
        #doc
        pub const ROWS: &[Row<Table>] = &[#(#rows),*];
    }
}
