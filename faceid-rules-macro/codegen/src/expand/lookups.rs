//! `channel!`, `source!`, `section!`, `postpaid!`, `prepaid!`: doc names checked at compile
//! time.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::expand::docs::*;
use crate::model::*;

/// `channel!`, `source!`, `section!`, `postpaid!`, `prepaid!`: doc names checked at compile time.
pub(crate) fn lookups(m: &Model) -> TokenStream {
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
pub(crate) fn lookup_macros(
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
