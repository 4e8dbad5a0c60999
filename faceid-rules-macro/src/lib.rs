//! The `billing_table!` procedural macro.
//!
//! This crate is a thin shell: the compiler lives in `faceid-rules-codegen`, an ordinary
//! library that can be tested and benchmarked as plain Rust. Use the macro through
//! `faceid_rules::billing_table!`, which passes the runtime crate's path along.

use proc_macro::TokenStream;

/// Compiles a billing table into enums, const data and lookups.
///
/// See the `faceid-rules` crate for the language and an example.
#[proc_macro]
pub fn billing_table(input: TokenStream) -> TokenStream {
    faceid_rules_codegen::expand_table(input.into()).into()
}

/// Compiles shared definitions (documents, compare sources, code families) into a macro
/// that hands them to each edition's `billing_table!`.
///
/// See the `faceid-rules` crate for the language.
#[proc_macro]
pub fn billing_shared(input: TokenStream) -> TokenStream {
    faceid_rules_codegen::expand_shared(input.into()).into()
}

/// Resolves a doc name to an enum variant at compile time (used by the generated
/// `channel!`, `postpaid!`, `prepaid!` and `source!` lookups).
#[doc(hidden)]
#[proc_macro]
pub fn lookup(input: TokenStream) -> TokenStream {
    faceid_rules_codegen::expand_lookup(input.into()).into()
}
