//! Collecting every error of a table, so one compile reports them all.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// The errors found so far, in the order found.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    /// Records an error.
    pub fn push(&mut self, error: syn::Error) {
        self.list.push(error);
    }

    /// Records `message` at `span`.
    pub fn at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Records `message` over the whole of `tokens`.
    pub fn over(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records a duplicate: the error on the second occurrence, a note on the first.
    pub fn duplicate(&mut self, second: Span, first: Span, message: impl Display, what: &str) {
        let mut error = syn::Error::new(second, message);
        error.combine(syn::Error::new(first, format!("{what} first defined here")));
        self.push(error);
    }

    /// Records an error over `second` with a note at `first`, both given in full.
    pub fn twice(&mut self, second: impl ToTokens, first: Span, message: impl Display, note: &str) {
        let mut error = syn::Error::new_spanned(second, message);
        error.combine(syn::Error::new(first, note));
        self.push(error);
    }

    /// Records `message` at `at`, with a note at `note_at`.
    pub fn with_note(&mut self, at: Span, message: impl Display, note_at: Span, note: &str) {
        let mut error = syn::Error::new(at, message);
        error.combine(syn::Error::new(note_at, note));
        self.push(error);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many errors were recorded.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The messages recorded, for tests.
    pub fn messages(&self) -> Vec<String> {
        self.list
            .iter()
            .flat_map(|e| e.clone().into_iter().map(|e| e.to_string()))
            .collect()
    }

    /// Every message (notes included) with its span, for tests.
    pub fn located(&self) -> Vec<(String, Span)> {
        self.list
            .iter()
            .flat_map(|e| e.clone().into_iter().map(|e| (e.to_string(), e.span())))
            .collect()
    }

    /// One `compile_error!` per error (and per note), each at its span.
    pub fn to_compile_errors(&self) -> TokenStream {
        self.list.iter().map(syn::Error::to_compile_error).collect()
    }
}
