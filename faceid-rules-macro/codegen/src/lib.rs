//! The compiler behind `billing_table!`, as an ordinary library so that it can be tested and
//! benchmarked as plain Rust.
//!
//! A table goes through three passes, one folder each, with one file per concern of the
//! language inside:
//!
//! 1. [`parse`]: tokens → [`ast`], recovering at every entry so one syntax error does not
//!    hide the rest;
//! 2. [`check`]: [`ast`] → [`model`], resolving every name and running every check, all
//!    errors collected in [`errors::Errors`];
//! 3. [`expand`]: [`model`] → the table's module; with errors, [`expand::fallback`] gives
//!    the module's skeleton instead, so that code using the table reports the table's
//!    errors and nothing else.
//!
//! [`shared`] compiles shared definitions into the macro that hands them to each edition;
//! [`lookup`] resolves the doc names of the generated `channel!`, `postpaid!`, … macros.
//!
//! No pass panics on any input: every failure is a `compile_error!` at the token at fault.

pub mod ast;
pub mod check;
pub mod errors;
pub mod expand;
pub mod literals;
pub mod lookup;
pub mod model;
pub mod names;
pub mod parse;
pub mod shared;

use proc_macro2::TokenStream;

/// Compiles a table: its module, or the errors found (with a skeleton of the module so that
/// code using it does not pile up secondary errors).
///
/// With the environment variable `FACEID_RULES_DEBUG` set, the expansion is printed to
/// standard error at compile time.
pub fn expand_table(input: TokenStream) -> TokenStream {
    let mut errors = errors::Errors::default();
    let Some(table) = parse::table(input, &mut errors) else {
        return errors.to_compile_errors();
    };
    let out = match check::check(&table, &mut errors) {
        Some(model) => expand::table(&model),
        None => {
            let mut out = errors.to_compile_errors();
            out.extend(expand::skeleton(&table));
            out
        }
    };
    if std::env::var_os("FACEID_RULES_DEBUG").is_some() {
        eprintln!("{out}");
    }
    out
}

/// Compiles shared definitions into the macro that hands them to each edition's table.
pub fn expand_shared(input: TokenStream) -> TokenStream {
    shared::expand(input)
}

/// Resolves a name for the generated lookup macros (`channel!("微信小程序")`).
pub fn expand_lookup(input: TokenStream) -> TokenStream {
    lookup::expand(input)
}

/// Parses and checks a table, returning the messages of every error found (empty when the
/// table is valid). For tests and tools.
pub fn diagnose(input: TokenStream) -> Vec<String> {
    let mut errors = errors::Errors::default();
    if let Some(table) = parse::table(input, &mut errors) {
        let _ = check::check(&table, &mut errors);
    }
    errors.messages()
}

/// Parses and checks a table, returning every error with its span. For tests and tools.
pub fn diagnostics(input: TokenStream) -> Vec<(String, proc_macro2::Span)> {
    let mut errors = errors::Errors::default();
    if let Some(table) = parse::table(input, &mut errors) {
        let _ = check::check(&table, &mut errors);
    }
    errors.located()
}
