//! The doc comments of generated items: the table's data in words, as the document gives it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::dates::at_text;
use crate::check::tiers::describe_price;
use crate::model::*;

pub(crate) fn docs(lines: &[String]) -> TokenStream {
    lines.iter().map(|l| quote!(#[doc = #l])).collect()
}

pub(crate) fn doc(text: &str) -> TokenStream {
    quote!(#[doc = #text])
}

/// The variants' doc comments: the doc name, the item's own docs, then its data.
pub(crate) fn variant_doc(named: &Named, data: &str) -> TokenStream {
    let mut lines = vec![format!(" {}", named.doc_name)];
    if !named.docs.is_empty() {
        lines.push(String::new());
        lines.extend(named.docs.iter().cloned());
    }
    if !data.is_empty() {
        lines.push(String::new());
        lines.extend(data.lines().map(|l| format!(" {l}")));
    }
    docs(&lines)
}

pub(crate) fn doc_url(id: u32) -> String {
    format!("https://cloud.tencent.com/document/product/1007/{id}")
}

pub(crate) fn family_doc(f: &FamilyM) -> String {
    let list = |billed: bool, changes: bool| {
        let codes: Vec<String> = f
            .rules
            .iter()
            .filter(|r| r.base == Some(billed) && r.changes.is_empty() != changes)
            .flat_map(|r| r.patterns.iter().map(pattern_text))
            .collect();
        codes.join(", ")
    };
    let mut lines = vec![
        format!("Billed: {}.", or_none(list(true, false))),
        format!("Not billed: {}.", or_none(list(false, false))),
    ];
    for r in f.rules.iter().filter(|r| !r.changes.is_empty()) {
        let codes: Vec<String> = r.patterns.iter().map(pattern_text).collect();
        for &((y, mo, d), billed, _) in &r.changes {
            lines.push(format!(
                "From {y:04}-{mo:02}-{d:02}: {} {}.",
                codes.join(", "),
                if billed { "billed" } else { "not billed" }
            ));
        }
    }
    lines.join("\n\n")
}

pub(crate) fn or_none(s: String) -> String {
    if s.is_empty() {
        "none".to_owned()
    } else {
        s
    }
}

pub(crate) fn pattern_text(p: &CodePattern) -> String {
    match p {
        CodePattern::Name(n) => format!("`{n}`"),
        CodePattern::Range(a, b) if a == b => a.to_string(),
        CodePattern::Range(a, b) => format!("{a}–{b}"),
    }
}

/// The document of a change, in words: `手机号要素核验服务变更说明 @1b16bbcb`.
pub(crate) fn document_text(m: &Model, i: usize) -> String {
    let d = &m.documents[i];
    let mut text = d.named.doc_name.clone();
    match d.doc_id {
        Some((1007, id)) => text.push_str(&format!(" (doc {id})")),
        Some((product, id)) => text.push_str(&format!(" (doc {product}/{id})")),
        None => {}
    }
    if let Some(commit) = &d.commit {
        text.push_str(&format!(" @{commit}"));
    }
    text
}

/// The heading of a timeline entry in doc comments: `From 2022-01-01 (手机号要素核验服务变更说明
/// @1b16bbcb)`, or `From the start`.
pub(crate) fn since_text<V>(m: &Model, s: &Stamp<V>) -> String {
    match (s.from, s.per) {
        (Some(at), Some(p)) => format!("From {} ({})", at_text(at), document_text(m, p)),
        (Some(at), None) => format!("From {}", at_text(at)),
        (None, _) => "From the start".to_owned(),
    }
}

/// The doc lines of a value over time: the value alone when it never changes, else one
/// paragraph per entry.
pub(crate) fn timeline_doc<V>(
    m: &Model,
    line: &[Stamp<V>],
    describe: impl Fn(&V) -> String,
) -> String {
    match line {
        [only] if only.from.is_none() => describe(&only.value),
        _ => line
            .iter()
            .map(|s| format!("{}:\n\n{}", since_text(m, s), describe(&s.value)))
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// A price as a Markdown table, for doc comments.
pub(crate) fn price_doc(p: &Option<PriceM>) -> String {
    let Some(p) = p else {
        return "Not in force.".to_owned();
    };
    if p.tiers.len() == 1 && p.tiers[0].to.is_none() {
        return format!("{} per call.", describe_price(p));
    }
    let rows: Vec<String> = p
        .tiers
        .iter()
        .map(|t| {
            let price = t.price.map_or("联系商务 (negotiated)".to_owned(), |f| {
                format!("¥{} per call", yuan(f))
            });
            format!("| {} | {} |", t.doc_range(), price)
        })
        .collect();
    format!(
        "| monthly calls | unit price |\n|---|---|\n{}",
        rows.join("\n")
    )
}

/// A pack list for doc comments.
pub(crate) fn packs_doc(p: &Option<Vec<(u64, i64)>>) -> String {
    match p {
        None => "Not in force.".to_owned(),
        Some(list) if list.is_empty() => "Sold without resource packs.".to_owned(),
        Some(list) => {
            let rows: Vec<String> = list
                .iter()
                .map(|&(size, fen)| format!("| {}次 | ¥{} |", wan(size), yuan(fen)))
                .collect();
            format!("| pack | list price |\n|---|---|\n{}", rows.join("\n"))
        }
    }
}

/// The doc lines of a prepaid label: its packs, what they cover, its names, over time.
pub(crate) fn prepaid_doc(m: &Model, p: &PrepaidM) -> String {
    let mut doc = timeline_doc(m, &p.packs, packs_doc);
    if p.covers.iter().any(|s| !s.value.is_empty()) {
        let covers = timeline_doc(m, &p.covers, |list| {
            if list.is_empty() {
                "Its packs cover its own calls.".to_owned()
            } else {
                let names: Vec<&str> = list
                    .iter()
                    .map(|&i| m.prepaid[i].named.doc_name.as_str())
                    .collect();
                format!("Its packs also cover the calls of {}.", names.join(", "))
            }
        });
        doc.push_str("\n\n");
        doc.push_str(&covers);
    }
    names_doc(m, &p.names, &mut doc);
    doc
}

/// The doc lines of a postpaid label: its price and names over time.
pub(crate) fn postpaid_doc(m: &Model, p: &PostpaidM) -> String {
    let mut doc = timeline_doc(m, &p.prices, price_doc);
    names_doc(m, &p.names, &mut doc);
    doc
}

pub(crate) fn names_doc(m: &Model, names: &[Stamp<String>], doc: &mut String) {
    for s in names.iter().skip(1) {
        doc.push_str(&format!("\n\n{}: named {}.", since_text(m, s), s.value));
    }
}

/// The doc lines of a channel's mapping over time.
pub(crate) fn mapping_doc(m: &Model, c: &ChannelM) -> String {
    let mut lines = Vec::new();
    if let Some((day, p)) = c.from {
        lines.push(format!(
            "Listed from {} ({}).",
            crate::check::day_text(day),
            document_text(m, p)
        ));
    }
    if let Some((day, p)) = c.until {
        lines.push(format!(
            "No longer listed from {} ({}).",
            crate::check::day_text(day),
            document_text(m, p)
        ));
    }
    let cells = |cells: &Vec<CellM>| {
        cells
            .iter()
            .map(|cell| {
                let source = cell
                    .source
                    .map_or(String::new(), |s| format!("{}: ", m.sources[s].doc_name));
                let labels = cell.labels.map_or("not offered".to_owned(), |(pp, pre)| {
                    format!(
                        "postpaid {}, prepaid {}",
                        m.postpaid[pp].named.doc_name, m.prepaid[pre].named.doc_name
                    )
                });
                format!("- {source}{labels}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    lines.push(timeline_doc(m, &c.mappings, cells));
    lines.join("\n\n")
}
