//! What a table with errors still provides.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::ast;
use crate::expand::lookups::*;
use crate::model::*;

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
