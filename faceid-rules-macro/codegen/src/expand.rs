//! [`Model`] → Rust: the table's module, its enums, const data, lookups and the
//! `BillingTable` implementation. Expansion reports no errors: the model is checked.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::ast;
use crate::expand_time;
use crate::model::*;
use crate::names::normalise;

/// The whole module of a checked table.
pub fn table(m: &Model) -> TokenStream {
    let krate = &m.krate;
    let vis = &m.vis;
    let name = &m.name;
    let docs = docs(&m.docs);
    let title = &m.title;

    let sections = section_enum(m);
    let channels = channel_enum(m);
    let sources = named_enum(
        m,
        "Source",
        "compare source",
        &format!("The compare sources (比对库源) of {title}."),
        &m.sources,
        &m.sources.iter().map(|_| String::new()).collect::<Vec<_>>(),
    );
    let postpaid = postpaid_enum(m);
    let prepaid = prepaid_enum(m);
    let families = family_enum(m);
    let rows = rows(m);
    let table_impl = table_impl(m);
    let lookups = lookups(m);
    let dated = expand_time::documents_and_changes(m);

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
fn int(n: impl Into<i128>) -> Literal {
    Literal::i128_unsuffixed(n.into())
}

/// A possibly negative integer, as tokens (`-7` is `-` then `7`).
fn int_tokens(n: i64) -> TokenStream {
    let abs = int(i128::from(n).abs());
    if n < 0 {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}

fn docs(lines: &[String]) -> TokenStream {
    lines.iter().map(|l| quote!(#[doc = #l])).collect()
}

fn doc(text: &str) -> TokenStream {
    quote!(#[doc = #text])
}

/// The variants' doc comments: the doc name, the item's own docs, then its data.
fn variant_doc(named: &Named, data: &str) -> TokenStream {
    let mut lines = vec![format!(" {}", named.doc_name)];
    if !named.docs.is_empty() {
        lines.push(String::new());
        lines.extend(named.docs.iter().cloned());
    }
    if !data.is_empty() {
        lines.push(String::new());
        lines.extend(data.lines().map(|l| format!(" {l}")));
    }
    docs(&lines)
}

/// An enum of named items with `ALL`, `COUNT`, names, `Named`, `Display`, `FromStr`, serde.
fn named_enum(
    m: &Model,
    ty: &str,
    kind: &str,
    about: &str,
    items: &[Named],
    data: &[String],
) -> TokenStream {
    let krate = &m.krate;
    let ty = Ident::new(ty, Span::call_site());
    let count = Literal::usize_unsuffixed(items.len());
    let variants: Vec<&Ident> = items.iter().map(|i| &i.ident).collect();
    let variant_docs = items.iter().zip(data).map(|(i, d)| variant_doc(i, d));
    let doc_names = items.iter().map(|i| &i.doc_name);
    let idents = items.iter().map(|i| i.ident.to_string());
    let aliases = items.iter().map(|i| &i.aliases);
    let indices = (0..items.len()).map(Literal::usize_unsuffixed);
    let resolve_arms = resolve_arms(items);
    let about = doc(&format!(" {about}"));
    let all_doc = doc(&format!(" Every {kind}, in table order."));
    let count_doc = doc(&format!(" The number of {kind}s: {count}."));
    quote! {
        #about
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #ty {
            #( #variant_docs #variants, )*
        }

        impl #ty {
            #all_doc
            pub const ALL: [Self; #count] = [#(Self::#variants),*];
            #count_doc
            pub const COUNT: usize = #count;

            /// The name as the document writes it.
            #[inline]
            pub const fn doc_name(self) -> &'static str {
                match self {
                    #(Self::#variants => #doc_names,)*
                }
            }

            /// The Rust identifier of the variant.
            #[inline]
            pub const fn ident(self) -> &'static str {
                match self {
                    #(Self::#variants => #idents,)*
                }
            }

            /// Other spellings it is known by.
            #[inline]
            pub const fn aliases(self) -> &'static [&'static str] {
                match self {
                    #(Self::#variants => &[#(#aliases),*],)*
                }
            }

            /// The position of the variant in [`Self::ALL`].
            #[inline]
            pub const fn index(self) -> usize {
                match self {
                    #(Self::#variants => #indices,)*
                }
            }
        }

        impl #krate::Named for #ty {
            const KIND: &'static str = #kind;
            fn resolve_normalised(key: &str) -> Resolved<Self> {
                match key {
                    #resolve_arms
                    _ => Resolved::Unknown,
                }
            }
            const ALL: &'static [Self] = &Self::ALL;
            fn doc_name(self) -> &'static str {
                Self::doc_name(self)
            }
            fn ident(self) -> &'static str {
                Self::ident(self)
            }
            fn aliases(self) -> &'static [&'static str] {
                Self::aliases(self)
            }
            fn index(self) -> usize {
                Self::index(self)
            }
        }

        /// Writes the doc name.
        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.doc_name())
            }
        }

        /// Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup).
        impl ::core::str::FromStr for #ty {
            type Err = #krate::UnknownName;
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as #krate::Named>::lookup(text)
            }
        }

        #krate::__impl_serde!(#ty);
    }
}

/// The arms of `resolve_normalised`: every name's comparison form, grouped by what it
/// resolves to. Doc names and identifiers win over aliases; a name several variants share
/// resolves to all of them.
fn resolve_arms(items: &[Named]) -> TokenStream {
    let mut keys: Vec<(String, Vec<usize>, Vec<usize>)> = Vec::new();
    let mut add = |key: String, index: usize, primary: bool| {
        let entry = match keys.iter().position(|k| k.0 == key) {
            Some(at) => &mut keys[at],
            None => {
                keys.push((key, Vec::new(), Vec::new()));
                keys.last_mut().expect("just pushed")
            }
        };
        let list = if primary { &mut entry.1 } else { &mut entry.2 };
        if !list.contains(&index) {
            list.push(index);
        }
    };
    for (i, item) in items.iter().enumerate() {
        add(normalise(&item.doc_name), i, true);
        add(normalise(&item.ident.to_string()), i, true);
        for alias in &item.aliases {
            add(normalise(alias), i, false);
        }
    }
    let mut arms: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
    for (key, primary, secondary) in keys {
        let target = if primary.is_empty() {
            secondary
        } else {
            primary
        };
        match arms.iter_mut().find(|a| a.0 == target) {
            Some(arm) => arm.1.push(key),
            None => arms.push((target, vec![key])),
        }
    }
    arms.iter()
        .map(|(target, keys)| {
            let variants = target.iter().map(|&i| &items[i].ident);
            let value = if target.len() == 1 {
                quote!(Resolved::One(#(Self::#variants)*))
            } else {
                quote!(Resolved::Several(&[#(Self::#variants),*]))
            };
            quote!(#(#keys)|* => #value,)
        })
        .collect()
}

fn section_enum(m: &Model) -> TokenStream {
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

fn channel_enum(m: &Model) -> TokenStream {
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
            lines.push(expand_time::mapping_doc(m, c));
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
    let dated = expand_time::channel_methods(m);
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

fn doc_url(id: u32) -> String {
    format!("https://cloud.tencent.com/document/product/1007/{id}")
}

fn postpaid_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m
        .postpaid
        .iter()
        .map(|p| expand_time::postpaid_doc(m, p))
        .collect();
    let base = named_enum(
        m,
        "PostpaidLabel",
        "postpaid label",
        &format!(
            "The postpaid billing labels (后付费计费标签) of {}. A month's calls are all priced at the tier the month's total reaches.",
            m.title
        ),
        &m.postpaid.iter().map(|p| p.named.clone()).collect::<Vec<_>>(),
        &data,
    );
    let dated = expand_time::postpaid_methods(m);
    quote! {
        #base
        #dated
    }
}

fn prepaid_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m
        .prepaid
        .iter()
        .map(|p| expand_time::prepaid_doc(m, p))
        .collect();
    let base = named_enum(
        m,
        "PrepaidLabel",
        "prepaid label",
        &format!(
            "The prepaid billing labels (预付费计费标签) of {}: the labels resource packs are sold for.",
            m.title
        ),
        &m.prepaid.iter().map(|p| p.named.clone()).collect::<Vec<_>>(),
        &data,
    );
    let dated = expand_time::prepaid_methods(m);
    quote! {
        #base
        #dated
    }
}

fn family_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m.families.iter().map(family_doc).collect();
    let base = named_enum(
        m,
        "CodeFamily",
        "code family",
        &format!("The families of billable result codes of {}.", m.title),
        &m.families
            .iter()
            .map(|f| f.named.clone())
            .collect::<Vec<_>>(),
        &data,
    );
    let arms = m.families.iter().map(|f| {
        let v = &f.named.ident;
        let rules = f.rules.iter().map(|r| {
            let pattern = code_pattern(&r.patterns);
            let body = rule_body(r);
            quote!(#pattern => #body,)
        });
        quote! {
            Self::#v => match code {
                #(#rules)*
                _ => CodeStatus {
                    verdict: Verdict::Unknown,
                    since: None,
                    until: None,
                },
            },
        }
    });
    let v = m.families.iter().map(|f| &f.named.ident);
    let rules = m.families.iter().map(|f| {
        let rules = f.rules.iter().map(|r| {
            let codes = r.patterns.iter().map(|p| match p {
                CodePattern::Range(a, b) => {
                    let (a, b) = (int_tokens(*a), int_tokens(*b));
                    quote!(CodePattern::Range(#a, #b))
                }
                CodePattern::Name(n) => quote!(CodePattern::Name(#n)),
            });
            let billed = match r.base {
                Some(b) => quote!(Some(#b)),
                None => quote!(None),
            };
            let changes = r.changes.iter().map(|&((y, mo, d), billed, _)| {
                let (y, mo, d) = (int(y), int(mo), int(d));
                quote!(CodeChange { from: ymd(#y, #mo, #d), billed: #billed })
            });
            quote!(CodeRule { codes: &[#(#codes),*], billed: #billed, changes: &[#(#changes),*] })
        });
        quote!(const { &[#(#rules),*] })
    });
    quote! {
        #base

        impl CodeFamily {
            /// The family's codes as the table lists them, grouped by how they are billed
            /// over time; [`Self::status`] is the same rules as a `match`.
            #[inline]
            pub const fn rules(self) -> &'static [CodeRule] {
                match self {
                    #(Self::#v => #rules,)*
                }
            }

            /// Whether a call that returned `code` on `day` (China Standard Time) is billed,
            /// and which dated change decided it.
            #[inline]
            pub fn status(
                self,
                code: Code<'_>,
                day: NaiveDate,
            ) -> CodeStatus {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn family_doc(f: &FamilyM) -> String {
    let list = |billed: bool, changes: bool| {
        let codes: Vec<String> = f
            .rules
            .iter()
            .filter(|r| r.base == Some(billed) && r.changes.is_empty() != changes)
            .flat_map(|r| r.patterns.iter().map(pattern_text))
            .collect();
        codes.join(", ")
    };
    let mut lines = vec![
        format!("Billed: {}.", or_none(list(true, false))),
        format!("Not billed: {}.", or_none(list(false, false))),
    ];
    for r in f.rules.iter().filter(|r| !r.changes.is_empty()) {
        let codes: Vec<String> = r.patterns.iter().map(pattern_text).collect();
        for &((y, mo, d), billed, _) in &r.changes {
            lines.push(format!(
                "From {y:04}-{mo:02}-{d:02}: {} {}.",
                codes.join(", "),
                if billed { "billed" } else { "not billed" }
            ));
        }
    }
    lines.join("\n\n")
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "none".to_owned()
    } else {
        s
    }
}

fn pattern_text(p: &CodePattern) -> String {
    match p {
        CodePattern::Name(n) => format!("`{n}`"),
        CodePattern::Range(a, b) if a == b => a.to_string(),
        CodePattern::Range(a, b) => format!("{a}–{b}"),
    }
}

fn code_pattern(patterns: &[CodePattern]) -> TokenStream {
    let ints: Vec<TokenStream> = patterns
        .iter()
        .filter_map(|p| match p {
            CodePattern::Range(a, b) if a == b => Some(int_tokens(*a)),
            CodePattern::Range(a, b) => {
                let (a, b) = (int_tokens(*a), int_tokens(*b));
                Some(quote!(#a..=#b))
            }
            CodePattern::Name(_) => None,
        })
        .collect();
    let names: Vec<&String> = patterns
        .iter()
        .filter_map(|p| match p {
            CodePattern::Name(n) => Some(n),
            CodePattern::Range(..) => None,
        })
        .collect();
    let mut alternatives = Vec::new();
    if !ints.is_empty() {
        alternatives.push(quote!(Code::Int(#(#ints)|*)));
    }
    if !names.is_empty() {
        alternatives.push(quote!(Code::Name(#(#names)|*)));
    }
    quote!(#(#alternatives)|*)
}

fn verdict(billed: Option<bool>) -> TokenStream {
    match billed {
        Some(true) => quote!(Verdict::Billed),
        Some(false) => quote!(Verdict::NotBilled),
        None => quote!(Verdict::Unknown),
    }
}

fn rule_body(r: &CodeRule) -> TokenStream {
    let date_const = |i: usize| format_ident!("CHANGE_{}", i + 1);
    let status = |billed: Option<bool>, since: Option<usize>, until: Option<usize>| {
        let verdict = verdict(billed);
        let opt = |i: Option<usize>| match i {
            Some(i) => {
                let c = date_const(i);
                quote!(Some(#c))
            }
            None => quote!(None),
        };
        let (since, until) = (opt(since), opt(until));
        quote!(CodeStatus { verdict: #verdict, since: #since, until: #until })
    };
    if r.changes.is_empty() {
        return status(r.base, None, None);
    }
    let consts = r
        .changes
        .iter()
        .enumerate()
        .map(|(i, &((y, mo, d), _, _))| {
            let c = date_const(i);
            let (y, mo, d) = (int(y), int(mo), int(d));
            quote!(const #c: NaiveDate = ymd(#y, #mo, #d);)
        });
    let n = r.changes.len();
    let mut chain = status(r.base, None, Some(0));
    for (i, &(_, billed, _)) in r.changes.iter().enumerate() {
        let c = date_const(i);
        let until = (i + 1 < n).then_some(i + 1);
        let then = status(Some(billed), Some(i), until);
        chain = quote!(if day >= #c { #then } else { #chain });
    }
    quote! {{
        #(#consts)*
        #chain
    }}
}

fn rows(m: &Model) -> TokenStream {
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

fn table_impl(m: &Model) -> TokenStream {
    let krate = &m.krate;
    let name = m.name.to_string();
    let title = &m.title;
    let doc_id = m.doc_id;
    let doc_id_lit = int(doc_id);
    let (opened, settlement, about) = expand_time::info_parts(m);
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

/// `channel!`, `source!`, `section!`, `postpaid!`, `prepaid!`: doc names checked at compile time.
fn lookups(m: &Model) -> TokenStream {
    lookup_macros(
        &m.krate,
        &m.name,
        &m.path,
        [
            m.channels.iter().map(|c| &c.named).collect(),
            m.sources.iter().collect(),
            m.sections.iter().map(|s| &s.named).collect(),
            m.postpaid.iter().map(|p| &p.named).collect(),
            m.prepaid.iter().map(|p| &p.named).collect(),
        ],
    )
}

/// The lookup macros, given the items of each kind: channels, sources, sections, postpaid
/// and prepaid labels.
fn lookup_macros(
    krate: &TokenStream,
    module: &Ident,
    path: &TokenStream,
    items: [Vec<&Named>; 5],
) -> TokenStream {
    const KINDS: [(&str, &str, &str); 5] = [
        ("channel", "Channel", "channel"),
        ("source", "Source", "compare source"),
        ("section", "Section", "section"),
        ("postpaid", "PostpaidLabel", "postpaid label"),
        ("prepaid", "PrepaidLabel", "prepaid label"),
    ];
    KINDS
        .into_iter()
        .zip(items)
        .map(|((short, ty, kind), items)| {
            let hidden = format_ident!("__faceid_rules_{}_{}", module, short);
            let public = Ident::new(short, Span::call_site());
            let ty = Ident::new(ty, Span::call_site());
            let entries = items.iter().map(|n| {
                let doc_name = &n.doc_name;
                let ident = &n.ident;
                let aliases = &n.aliases;
                quote!((#doc_name #ident [#(#aliases),*]))
            });
            let example = items.first().map_or(String::new(), |n| n.doc_name.clone());
            let about = doc(&format!(
                " The {kind} with a doc name, identifier or alias, checked at compile time: `{module}::{short}!({example:?})` is `{module}::{ty}::{}`. An unknown name does not compile.",
                items.first().map_or(String::new(), |n| n.ident.to_string())
            ));
            // `$crate` takes the span of the module's name, written in the table's crate, so
            // that it names that crate and not the one the macro was called through.
            let here = quote_spanned!(module.span()=> $crate);
            quote! {
                #[doc(hidden)]
                #[macro_export]
                macro_rules! #hidden {
                    ($($name:tt)*) => {
                        #krate::__private::lookup! {
                            #here::#path::#ty, #kind, [#(#entries)*], $($name)*
                        }
                    };
                }
                #about
                pub use #hidden as #public;
            }
        })
        .collect()
}

/// What a table with errors still provides: its module, `Table` and enums with the variants
/// that parsed, so that code using them reports the table's errors and not missing types.
pub fn skeleton(t: &ast::Table) -> TokenStream {
    let vis = &t.vis;
    let name = &t.name;
    let mut seen = std::collections::HashSet::new();
    let mut variants = |items: Vec<&Ident>| -> Vec<Ident> {
        seen.clear();
        items
            .into_iter()
            .filter(|i| seen.insert(i.to_string()))
            .cloned()
            .collect()
    };
    let sections = variants(t.sections.iter().map(|s| &s.item.ident).collect());
    let channels = variants(
        t.sections
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.channels)
            .map(|c| &c.item.ident)
            .collect(),
    );
    let sources = variants(t.sources.iter().map(|s| &s.ident).collect());
    let postpaid = variants(t.postpaid.iter().map(|p| &p.item.ident).collect());
    let prepaid = variants(t.prepaid.iter().map(|p| &p.item.ident).collect());
    let families = variants(t.families.iter().map(|f| &f.item.ident).collect());
    let named = |item: &ast::Item| Named {
        ident: item.ident.clone(),
        doc_name: item.doc_name.value(),
        aliases: item.aliases.iter().map(syn::LitStr::value).collect(),
        docs: Vec::new(),
    };
    let mut seen_names = std::collections::HashSet::new();
    let mut unique = |items: Vec<&ast::Item>| -> Vec<Named> {
        seen_names.clear();
        items
            .into_iter()
            .filter(|i| seen_names.insert(i.ident.to_string()))
            .map(named)
            .collect()
    };
    let kinds = [
        unique(
            t.sections
                .iter()
                .flat_map(|s| &s.rows)
                .flat_map(|r| &r.channels)
                .map(|c| &c.item)
                .collect(),
        ),
        unique(t.sources.iter().collect()),
        unique(t.sections.iter().map(|s| &s.item).collect()),
        unique(t.postpaid.iter().map(|p| &p.item).collect()),
        unique(t.prepaid.iter().map(|p| &p.item).collect()),
    ];
    let lookups = lookup_macros(
        &t.krate,
        name,
        &crate::check::module_path(t),
        kinds.each_ref().map(|k| k.iter().collect()),
    );
    quote! {
        /// A billing table that does not compile: see the errors above.
        #vis mod #name {
            /// The table (it has errors).
            #[derive(Clone, Copy, Debug, Default)]
            pub struct Table;
            /// Sections (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum Section { #(#[allow(missing_docs)] #sections,)* }
            /// Channels (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum Channel { #(#[allow(missing_docs)] #channels,)* }
            /// Compare sources (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum Source { #(#[allow(missing_docs)] #sources,)* }
            /// Postpaid labels (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum PostpaidLabel { #(#[allow(missing_docs)] #postpaid,)* }
            /// Prepaid labels (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum PrepaidLabel { #(#[allow(missing_docs)] #prepaid,)* }
            /// Code families (the table has errors).
            #[derive(Clone, Copy, Debug)]
            #[allow(non_camel_case_types)]
            pub enum CodeFamily { #(#[allow(missing_docs)] #families,)* }
            #lookups
        }
    }
}
