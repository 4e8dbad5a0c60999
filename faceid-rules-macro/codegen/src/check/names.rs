//! Names: identifiers in CamelCase, identifiers, doc names and aliases unique within a kind
//! (compared after normalising), references resolved with "did you mean", items declared
//! but never used.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::Ident;

use crate::ast;
use crate::check::Checker;
use crate::errors::Errors;
use crate::names::{hint, normalise};

/// The identifiers of one kind, for resolving references.
#[derive(Default)]
pub(crate) struct Scope {
    pub(crate) kind: &'static str,
    pub(crate) by_ident: HashMap<String, usize>,
    pub(crate) idents: Vec<String>,
    /// Items whose identifier repeats an earlier one's (reported once, as a duplicate).
    pub(crate) duplicates: Vec<bool>,
}

impl Scope {
    pub(crate) fn resolve(&self, ident: &Ident, errors: &mut Errors) -> Option<usize> {
        self.resolve_or(ident, None, errors)
    }

    /// Resolves `ident`; when it is unknown here but names an item of `other`, says so.
    pub(crate) fn resolve_or(
        &self,
        ident: &Ident,
        other: Option<(&Scope, &str)>,
        errors: &mut Errors,
    ) -> Option<usize> {
        let name = ident.to_string();
        let found = self.by_ident.get(&name).copied();
        if found.is_none() {
            let message = match other {
                Some((scope, order)) if scope.by_ident.contains_key(&name) => {
                    format!("`{name}` is a {}, not a {}: {order}", scope.kind, self.kind)
                }
                _ => format!(
                    "unknown {} `{name}`{}",
                    self.kind,
                    hint(&name, self.idents.iter().map(String::as_str))
                ),
            };
            errors.at(ident.span(), message);
        }
        found
    }
}

impl Checker<'_> {
    /// Checks that identifiers are CamelCase and that identifiers, doc names and aliases
    /// are unique within a kind (after normalising); returns the scope. `extra` are more
    /// names per item (API actions, dated doc names); the first `quiet` items are checked
    /// elsewhere and registered here without errors.
    pub(crate) fn scope(
        &mut self,
        kind: &'static str,
        items: &[&ast::Item],
        extra: &[Vec<(String, Span)>],
        quiet: usize,
    ) -> Scope {
        let mut by_ident: HashMap<String, usize> = HashMap::new();
        let mut duplicates = vec![false; items.len()];
        // Every primary name (doc name and identifier), normalised → (item, span, text).
        let mut names: HashMap<String, (usize, Span, String)> = HashMap::new();
        let mut found = Errors::default();
        for (i, item) in items.iter().enumerate() {
            let ident = item.ident.to_string();
            let errors = if i < quiet {
                &mut found
            } else {
                &mut *self.errors
            };
            camel_case(errors, &item.ident, kind);
            if let Some(&first) = by_ident.get(&ident) {
                duplicates[i] = true;
                errors.duplicate(
                    item.ident.span(),
                    items[first].ident.span(),
                    format!("the {kind} `{ident}` is defined twice"),
                    &format!("`{ident}`"),
                );
                continue;
            }
            by_ident.insert(ident.clone(), i);
            let doc_name = item.doc_name.value();
            // Two versions of one document share its title: documents are told apart by
            // identifier only.
            let titled = kind != "document";
            let primary = [
                (doc_name.clone(), item.doc_name.span(), "doc name"),
                (ident.clone(), item.ident.span(), "identifier"),
            ];
            for (text, span, what) in primary.into_iter().filter(|p| titled || p.2 != "doc name") {
                let key = normalise(&text);
                match names.get(&key) {
                    Some((first, first_span, first_text)) if *first != i => {
                        let first_span = *first_span;
                        let spelt = if first_text == &text {
                            String::new()
                        } else {
                            format!("{first_text:?}; ")
                        };
                        let message = format!(
                            "the {kind} {what} {text:?} is already the name of `{}` ({spelt}names are compared ignoring spaces, case and full-width forms)",
                            items[*first].ident
                        );
                        errors.duplicate(span, first_span, message, &format!("{first_text:?}"));
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, (i, span, text));
                    }
                }
            }
        }
        for (i, item) in items.iter().enumerate() {
            let errors = if i < quiet {
                &mut found
            } else {
                &mut *self.errors
            };
            let aliases = item
                .aliases
                .iter()
                .map(|a| (a.value(), a.span()))
                .chain(extra.get(i).into_iter().flatten().cloned());
            for (alias, span) in aliases {
                if alias.trim().is_empty() {
                    errors.at(span, "an alias cannot be empty");
                    continue;
                }
                if let Some((owner, first_span, text)) = names.get(&normalise(&alias)) {
                    if *owner != i {
                        errors.duplicate(
                            span,
                            *first_span,
                            format!(
                                "the alias {alias:?} is already a name of another {kind}, `{}`",
                                items[*owner].ident
                            ),
                            &format!("{text:?}"),
                        );
                    }
                }
            }
        }
        Scope {
            kind,
            idents: items.iter().map(|i| i.ident.to_string()).collect(),
            by_ident,
            duplicates,
        }
    }

    pub(crate) fn unused(&mut self, kind: &str, items: &[&ast::Item], used: &[bool], by: &str) {
        if !self.parsed_cleanly {
            return;
        }
        for (item, &used) in items.iter().zip(used) {
            if !used {
                self.errors.at(
                    item.ident.span(),
                    format!(
                        "the {kind} `{}` is not used {by}; remove it, or use it",
                        item.ident
                    ),
                );
            }
        }
    }
}

/// Identifiers become enum variants: CamelCase, as rustc expects.
fn camel_case(errors: &mut Errors, ident: &Ident, kind: &str) {
    let text = ident.to_string();
    let camel = text.starts_with(|c: char| c.is_ascii_uppercase()) && !text.contains('_');
    if !camel {
        let suggestion: String = text
            .trim_start_matches("r#")
            .split('_')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(cs).collect())
            })
            .collect();
        errors.at(
            ident.span(),
            format!("the {kind} identifier `{text}` becomes an enum variant: write it in CamelCase, e.g. `{suggestion}`"),
        );
    }
}

pub(crate) fn list_idents<'a>(idents: impl Iterator<Item = &'a String>) -> String {
    idents
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
