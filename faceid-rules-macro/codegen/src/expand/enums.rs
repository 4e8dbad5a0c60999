//! What every generated enum has: its variants, `ALL` and `COUNT`, its names, `Named`,
//! `Display`, `FromStr` and serde.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::expand::docs::*;
use crate::model::*;
use crate::names::normalise;

/// An enum of named items with `ALL`, `COUNT`, names, `Named`, `Display`, `FromStr`, serde.
pub(crate) fn named_enum(
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
pub(crate) fn resolve_arms(items: &[Named]) -> TokenStream {
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
