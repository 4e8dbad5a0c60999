//! `PostpaidLabel` and `PrepaidLabel`, with their prices, packs, names and covers over time.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::docs::*;
use crate::expand::enums::*;
use crate::expand::int;
use crate::expand::time::*;
use crate::model::*;

pub(crate) fn postpaid_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m.postpaid.iter().map(|p| postpaid_doc(m, p)).collect();
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
    let dated = postpaid_methods(m);
    quote! {
        #base
        #dated
    }
}

pub(crate) fn prepaid_enum(m: &Model) -> TokenStream {
    let data: Vec<String> = m.prepaid.iter().map(|p| prepaid_doc(m, p)).collect();
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
    let dated = prepaid_methods(m);
    quote! {
        #base
        #dated
    }
}

/// Tier tokens.
pub(crate) fn tiers(price: &PriceM) -> TokenStream {
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
