//! [`Model`] → Rust, for time: the timelines of labels, channels and mappings as const data,
//! the `…_on(day)` lookups that read them, the documents cited and the list of changes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::check_time::{at_text, describe_price};
use crate::model::*;

fn int(n: impl Into<i128>) -> Literal {
    Literal::i128_unsuffixed(n.into())
}

/// `at(2022, 1, 4, 10, 0)`.
pub(crate) fn at_tokens(((y, mo, d), minute): At) -> TokenStream {
    let (y, mo, d, h, mi) = (int(y), int(mo), int(d), int(minute / 60), int(minute % 60));
    quote!(at(#y, #mo, #d, #h, #mi))
}

/// `Some(ymd(2021, 6, 22))` or `None`.
pub(crate) fn opt_day(day: Option<Ymd>) -> TokenStream {
    match day {
        Some((y, mo, d)) => {
            let (y, mo, d) = (int(y), int(mo), int(d));
            quote!(Some(ymd(#y, #mo, #d)))
        }
        None => quote!(None),
    }
}

fn opt_at(at: Option<At>) -> TokenStream {
    match at {
        Some(at) => {
            let at = at_tokens(at);
            quote!(Some(#at))
        }
        None => quote!(None),
    }
}

fn per(per: Option<usize>) -> TokenStream {
    match per {
        Some(i) => {
            let i = Literal::usize_unsuffixed(i);
            quote!(Some(&DOCUMENTS[#i]))
        }
        None => quote!(None),
    }
}

/// A timeline as a slice of `Dated` entries, each value written by `value`.
pub(crate) fn timeline<V>(line: &[Stamp<V>], value: impl Fn(&V) -> TokenStream) -> TokenStream {
    let entries = line.iter().map(|s| {
        let from = opt_at(s.from);
        let v = value(&s.value);
        let per = per(s.per);
        quote!(Dated { from: #from, value: #v, per: #per })
    });
    quote!(const { &[#(#entries),*] })
}

/// The document of a change, in words: `手机号要素核验服务变更说明 @1b16bbcb`.
pub(crate) fn document_text(m: &Model, i: usize) -> String {
    let d = &m.documents[i];
    let mut text = d.named.doc_name.clone();
    match d.doc_id {
        Some((1007, id)) => text.push_str(&format!(" (doc {id})")),
        Some((product, id)) => text.push_str(&format!(" (doc {product}/{id})")),
        None => {}
    }
    if let Some(commit) = &d.commit {
        text.push_str(&format!(" @{commit}"));
    }
    text
}

/// The heading of a timeline entry in doc comments: `From 2022-01-01 (手机号要素核验服务变更说明
/// @1b16bbcb)`, or `From the start`.
pub(crate) fn since_text<V>(m: &Model, s: &Stamp<V>) -> String {
    match (s.from, s.per) {
        (Some(at), Some(p)) => format!("From {} ({})", at_text(at), document_text(m, p)),
        (Some(at), None) => format!("From {}", at_text(at)),
        (None, _) => "From the start".to_owned(),
    }
}

/// The doc lines of a value over time: the value alone when it never changes, else one
/// paragraph per entry.
pub(crate) fn timeline_doc<V>(
    m: &Model,
    line: &[Stamp<V>],
    describe: impl Fn(&V) -> String,
) -> String {
    match line {
        [only] if only.from.is_none() => describe(&only.value),
        _ => line
            .iter()
            .map(|s| format!("{}:\n\n{}", since_text(m, s), describe(&s.value)))
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// The documents cited and the list of changes, as consts of the table's module.
pub(crate) fn documents_and_changes(m: &Model) -> TokenStream {
    let docs = m.documents.iter().map(|d| {
        let title = &d.named.doc_name;
        let doc_id = match d.doc_id {
            Some((product, id)) => {
                let (product, id) = (int(product), int(id));
                quote!(Some((#product, #id)))
            }
            None => quote!(None),
        };
        let commit = match &d.commit {
            Some(c) => quote!(Some(#c)),
            None => quote!(None),
        };
        quote!(Document { title: #title, doc_id: #doc_id, commit: #commit })
    });
    let listed: Vec<String> = (0..m.documents.len())
        .map(|i| format!("- {}", document_text(m, i)))
        .collect();
    let docs_doc = format!(
        " The documents the dated changes of {} cite.\n\n{}",
        m.title,
        if listed.is_empty() {
            "None.".to_owned()
        } else {
            listed.join("\n")
        }
    );
    let changes = m.changes.iter().map(|c| {
        let at = at_tokens(c.at);
        let (kind, subject, what) = (c.kind, &c.subject, &c.what);
        let i = Literal::usize_unsuffixed(c.per);
        quote! {
            Change { at: #at, kind: #kind, subject: #subject, what: #what, per: &DOCUMENTS[#i] }
        }
    });
    let listed: Vec<String> = m
        .changes
        .iter()
        .map(|c| {
            format!(
                "- {}: {} {}: {} ({})",
                at_text(c.at),
                c.kind,
                c.subject,
                c.what,
                document_text(m, c.per)
            )
        })
        .collect();
    let changes_doc = format!(
        " Every dated change of {}, in date order.\n\n{}",
        m.title,
        if listed.is_empty() {
            "None: what the table states holds on every day.".to_owned()
        } else {
            listed.join("\n")
        }
    );
    quote! {
        #[doc = #docs_doc]
        pub const DOCUMENTS: &[Document] = &[#(#docs),*];

        #[doc = #changes_doc]
        pub const CHANGES: &[Change] = &[#(#changes),*];
    }
}

/// Tier tokens.
fn tiers(price: &PriceM) -> TokenStream {
    let t = price.tiers.iter().map(|t| {
        let from = int(t.from);
        let to = match t.to {
            Some(to) => {
                let to = int(to);
                quote!(Some(#to))
            }
            None => quote!(None),
        };
        let price = match t.price {
            Some(fen) => {
                let fen = int(fen);
                quote!(Some(Money::from_fen(#fen)))
            }
            None => quote!(None),
        };
        quote!(Tier { from: #from, to: #to, price: #price })
    });
    quote!(&[#(#t),*])
}

/// A price as a Markdown table, for doc comments.
pub(crate) fn price_doc(p: &Option<PriceM>) -> String {
    let Some(p) = p else {
        return "Not in force.".to_owned();
    };
    if p.tiers.len() == 1 && p.tiers[0].to.is_none() {
        return format!("{} per call.", describe_price(p));
    }
    let rows: Vec<String> = p
        .tiers
        .iter()
        .map(|t| {
            let price = t.price.map_or("联系商务 (negotiated)".to_owned(), |f| {
                format!("¥{} per call", yuan(f))
            });
            format!("| {} | {} |", t.doc_range(), price)
        })
        .collect();
    format!(
        "| monthly calls | unit price |\n|---|---|\n{}",
        rows.join("\n")
    )
}

/// A pack list for doc comments.
pub(crate) fn packs_doc(p: &Option<Vec<(u64, i64)>>) -> String {
    match p {
        None => "Not in force.".to_owned(),
        Some(list) if list.is_empty() => "Sold without resource packs.".to_owned(),
        Some(list) => {
            let rows: Vec<String> = list
                .iter()
                .map(|&(size, fen)| format!("| {}次 | ¥{} |", wan(size), yuan(fen)))
                .collect();
            format!("| pack | list price |\n|---|---|\n{}", rows.join("\n"))
        }
    }
}

/// The dated methods of `PostpaidLabel`.
pub(crate) fn postpaid_methods(m: &Model) -> TokenStream {
    let v: Vec<_> = m.postpaid.iter().map(|p| &p.named.ident).collect();
    let prices = m.postpaid.iter().map(|p| {
        timeline(&p.prices, |price| match price {
            Some(p) => {
                let t = tiers(p);
                quote!(Some(#t))
            }
            None => quote!(None),
        })
    });
    let names = m
        .postpaid
        .iter()
        .map(|p| timeline(&p.names, |n| quote!(#n)));
    quote! {
        impl PostpaidLabel {
            /// The label's postpaid price over time: its volume tiers, ascending from the
            /// first call of the month (one open tier for a flat price), `None` while the
            /// label is not in force. See each variant for its data.
            #[inline]
            pub const fn prices(self) -> &'static [Dated<Option<&'static [Tier]>>] {
                match self {
                    #(Self::#v => #prices,)*
                }
            }

            /// The tiers in force on `day` (China Standard Time); `None` when the label is
            /// not in force that day.
            #[inline]
            pub fn tiers_on(self, day: NaiveDate) -> Option<&'static [Tier]> {
                <Table as BillingTable>::tiers_on(self, day)
            }

            /// The tier a month of `calls` postpaid calls reaches with the tiers in force on
            /// `day` (none for zero calls, or when the label is not in force).
            #[inline]
            pub fn tier_on(self, day: NaiveDate, calls: u64) -> Option<&'static Tier> {
                ::core::iter::Iterator::find(&mut self.tiers_on(day)?.iter(), |t| t.contains(calls))
            }

            /// Whether the label is in force on `day`.
            #[inline]
            pub fn exists_on(self, day: NaiveDate) -> bool {
                self.tiers_on(day).is_some()
            }

            /// The label's doc name over time (the first one is [`Self::doc_name`]).
            #[inline]
            pub const fn names(self) -> &'static [Dated<&'static str>] {
                match self {
                    #(Self::#v => #names,)*
                }
            }

            /// The label's doc name on `day`.
            #[inline]
            pub fn doc_name_on(self, day: NaiveDate) -> &'static str {
                <Table as BillingTable>::postpaid_name_on(self, day)
            }
        }
    }
}

/// The dated methods of `PrepaidLabel`.
pub(crate) fn prepaid_methods(m: &Model) -> TokenStream {
    let v: Vec<_> = m.prepaid.iter().map(|p| &p.named.ident).collect();
    let packs = m.prepaid.iter().map(|p| {
        timeline(&p.packs, |list| match list {
            Some(list) => {
                let offers = list.iter().map(|&(size, fen)| {
                    let (size, fen) = (int(size), int(fen));
                    quote!(PackOffer { size: #size, price: Money::from_fen(#fen) })
                });
                quote!(Some(&[#(#offers),*]))
            }
            None => quote!(None),
        })
    });
    let names = m.prepaid.iter().map(|p| timeline(&p.names, |n| quote!(#n)));
    let covers = m.prepaid.iter().map(|p| {
        timeline(&p.covers, |list| {
            let labels = list.iter().map(|&i| &m.prepaid[i].named.ident);
            quote!(&[#(PrepaidLabel::#labels),*])
        })
    });
    quote! {
        impl PrepaidLabel {
            /// The resource packs on sale over time, ascending by size (empty: none on
            /// sale), `None` while the label is not in force. See each variant for its data.
            #[inline]
            pub const fn pack_lists(self) -> &'static [Dated<Option<&'static [PackOffer]>>] {
                match self {
                    #(Self::#v => #packs,)*
                }
            }

            /// The packs on sale at `at` (China Standard Time); `None` when the label is not
            /// in force then.
            #[inline]
            pub fn packs_at(self, at: NaiveDateTime) -> Option<&'static [PackOffer]> {
                <Table as BillingTable>::packs_at(self, at)
            }

            /// The packs on sale at 00:00 of `day`; `None` when the label is not in force.
            #[inline]
            pub fn packs_on(self, day: NaiveDate) -> Option<&'static [PackOffer]> {
                <Table as BillingTable>::packs_on(self, day)
            }

            /// Whether the label is in force on `day`.
            #[inline]
            pub fn exists_on(self, day: NaiveDate) -> bool {
                self.packs_on(day).is_some()
            }

            /// The label's doc name over time (the first one is [`Self::doc_name`]).
            #[inline]
            pub const fn names(self) -> &'static [Dated<&'static str>] {
                match self {
                    #(Self::#v => #names,)*
                }
            }

            /// The label's doc name on `day`.
            #[inline]
            pub fn doc_name_on(self, day: NaiveDate) -> &'static str {
                <Table as BillingTable>::prepaid_name_on(self, day)
            }

            /// The other prepaid labels whose calls packs of this label also cover, over
            /// time.
            #[inline]
            pub const fn covers(self) -> &'static [Dated<&'static [PrepaidLabel]>] {
                match self {
                    #(Self::#v => #covers,)*
                }
            }

            /// The other prepaid labels whose calls packs of this label cover on `day`.
            #[inline]
            pub fn covers_on(self, day: NaiveDate) -> &'static [PrepaidLabel] {
                <Table as BillingTable>::covers_on(self, day)
            }
        }
    }
}

/// The doc lines of a prepaid label: its packs, what they cover, its names, over time.
pub(crate) fn prepaid_doc(m: &Model, p: &PrepaidM) -> String {
    let mut doc = timeline_doc(m, &p.packs, packs_doc);
    if p.covers.iter().any(|s| !s.value.is_empty()) {
        let covers = timeline_doc(m, &p.covers, |list| {
            if list.is_empty() {
                "Its packs cover its own calls.".to_owned()
            } else {
                let names: Vec<&str> = list
                    .iter()
                    .map(|&i| m.prepaid[i].named.doc_name.as_str())
                    .collect();
                format!("Its packs also cover the calls of {}.", names.join(", "))
            }
        });
        doc.push_str("\n\n");
        doc.push_str(&covers);
    }
    names_doc(m, &p.names, &mut doc);
    doc
}

/// The doc lines of a postpaid label: its price and names over time.
pub(crate) fn postpaid_doc(m: &Model, p: &PostpaidM) -> String {
    let mut doc = timeline_doc(m, &p.prices, price_doc);
    names_doc(m, &p.names, &mut doc);
    doc
}

fn names_doc(m: &Model, names: &[Stamp<String>], doc: &mut String) {
    for s in names.iter().skip(1) {
        doc.push_str(&format!("\n\n{}: named {}.", since_text(m, s), s.value));
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

/// The doc lines of a channel's mapping over time.
pub(crate) fn mapping_doc(m: &Model, c: &ChannelM) -> String {
    let mut lines = Vec::new();
    if let Some((day, p)) = c.from {
        lines.push(format!(
            "Listed from {} ({}).",
            crate::check::day_text(day),
            document_text(m, p)
        ));
    }
    if let Some((day, p)) = c.until {
        lines.push(format!(
            "No longer listed from {} ({}).",
            crate::check::day_text(day),
            document_text(m, p)
        ));
    }
    let cells = |cells: &Vec<CellM>| {
        cells
            .iter()
            .map(|cell| {
                let source = cell
                    .source
                    .map_or(String::new(), |s| format!("{}: ", m.sources[s].doc_name));
                let labels = cell.labels.map_or("not offered".to_owned(), |(pp, pre)| {
                    format!(
                        "postpaid {}, prepaid {}",
                        m.postpaid[pp].named.doc_name, m.prepaid[pre].named.doc_name
                    )
                });
                format!("- {source}{labels}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    lines.push(timeline_doc(m, &c.mappings, cells));
    lines.join("\n\n")
}

/// `INFO`'s opened range and settlement.
pub(crate) fn info_parts(m: &Model) -> (TokenStream, TokenStream, String) {
    let from = opt_day(m.opened_from);
    let before = opt_day(m.opened_before);
    let opened = quote!(Opened { from: #from, before: #before });
    let day = crate::check::day_text;
    let accounts = match (m.opened_from, m.opened_before) {
        (Some(f), Some(b)) => format!("opened the service from {} before {}", day(f), day(b)),
        (Some(f), None) => format!("opened the service on or after {}", day(f)),
        (None, Some(b)) => format!("opened the service before {}", day(b)),
        (None, None) => "opened the service on any day".to_owned(),
    };
    let (settlement, settles) = match m.settlement {
        SettlementM::Monthly { bill_days: (a, b) } => {
            let (x, y) = (int(a), int(b));
            (
                quote!(Settlement::Monthly { bill_days: (#x, #y) }),
                format!("Postpaid usage is settled monthly; bills are issued on days {a}–{b} of the next month."),
            )
        }
        SettlementM::Daily { bill_hours: (a, b) } => {
            let (ah, am, bh, bm) = (int(a / 60), int(a % 60), int(b / 60), int(b % 60));
            (
                quote!(Settlement::Daily { bill_hours: (hm(#ah, #am), hm(#bh, #bm)) }),
                format!(
                    "Postpaid usage is settled daily; a day's bill is issued {:02}:{:02}–{:02}:{:02} the next day.",
                    a / 60,
                    a % 60,
                    b / 60,
                    b % 60
                ),
            )
        }
    };
    (
        opened,
        settlement,
        format!("accounts that {accounts}. {settles}"),
    )
}
