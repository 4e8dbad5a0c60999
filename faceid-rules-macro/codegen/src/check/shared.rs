//! Shared definitions an edition is handed: checked on their own where they are written
//! (their errors reported once, there), then kept in an edition's model only where it uses
//! them.

use crate::ast;
use crate::check::names::Scope;
use crate::check::Checker;
use crate::errors::Errors;
use crate::model::*;

/// Checks shared definitions on their own, as the shared-definitions macro does: names
/// unique, documents complete, code families listed once with real dates.
pub fn check_shared(shared: &ast::Shared, errors: &mut Errors) {
    let mut cx = Checker {
        errors,
        parsed_cleanly: true,
        start: None,
        documents: Scope::default(),
    };
    let documents: Vec<&ast::Item> = shared.documents.iter().map(|d| &d.item).collect();
    cx.documents = cx.scope("document", &documents, &[], 0);
    for d in &shared.documents {
        cx.document(d);
    }
    let sources: Vec<&ast::Item> = shared.sources.iter().collect();
    cx.scope("compare source", &sources, &[], 0);
    let families: Vec<&ast::Item> = shared.families.iter().map(|f| &f.item).collect();
    cx.scope("code family", &families, &[], 0);
    let mut changes = Vec::new();
    for f in &shared.families {
        cx.codes(f, false, &mut changes);
    }
}

/// The shared definitions an edition was handed, or none.
pub(crate) struct SharedParts<'a> {
    pub(crate) documents: Vec<&'a ast::DocumentDef>,
    pub(crate) sources: Vec<&'a ast::Item>,
    pub(crate) families: Vec<&'a ast::Family>,
    /// Their errors were reported where they are written: check them silently.
    pub(crate) quiet: bool,
}

impl<'a> SharedParts<'a> {
    pub(crate) fn of(shared: Option<&'a ast::Shared>) -> Self {
        SharedParts {
            documents: shared.map_or(Vec::new(), |s| s.documents.iter().collect()),
            sources: shared.map_or(Vec::new(), |s| s.sources.iter().collect()),
            families: shared.map_or(Vec::new(), |s| s.families.iter().collect()),
            quiet: shared.is_some_and(|s| s.reported),
        }
    }

    /// How many of a scope's first items are shared ones checked silently.
    pub(crate) fn quiet(&self, shared: usize) -> usize {
        if self.quiet {
            shared
        } else {
            0
        }
    }
}

/// Which items of a kind the model keeps, as their new positions: every item from `own` on
/// (the edition's), and the shared ones before it that are used.
pub(crate) fn keep(used: &[bool], own: usize) -> Vec<Option<usize>> {
    let mut next = 0;
    used.iter()
        .enumerate()
        .map(|(i, &u)| {
            (u || i >= own).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// Whether item `i` is kept, by [`keep`]'s numbering.
pub(crate) fn kept(keep: &[Option<usize>], i: usize) -> bool {
    keep.get(i).is_some_and(Option::is_some)
}

/// Renumbers the sections' and channels' sources and families to the kept ones (an index
/// that does not resolve, with errors, is left at 0: there is no model then).
pub(crate) fn renumber(
    sections: &mut [SectionM],
    channels: &mut [ChannelM],
    (sources, families): (&[Option<usize>], &[Option<usize>]),
) {
    let moved = |keep: &[Option<usize>], i: usize| keep.get(i).copied().flatten().unwrap_or(0);
    for section in sections {
        for s in &mut section.sources {
            *s = moved(sources, *s);
        }
    }
    for channel in channels {
        channel.family = moved(families, channel.family);
        for stamp in &mut channel.mappings {
            for cell in &mut stamp.value {
                cell.source = cell.source.map(|s| moved(sources, s));
            }
        }
    }
}
