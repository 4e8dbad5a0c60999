//! Time as const data: timelines, moments, the documents cited, the list of changes, the
//! table's opening range and settlement.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::check::dates::at_text;
use crate::expand::docs::*;
use crate::expand::int;
use crate::model::*;

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

pub(crate) fn opt_at(at: Option<At>) -> TokenStream {
    match at {
        Some(at) => {
            let at = at_tokens(at);
            quote!(Some(#at))
        }
        None => quote!(None),
    }
}

pub(crate) fn per(per: Option<usize>) -> TokenStream {
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
