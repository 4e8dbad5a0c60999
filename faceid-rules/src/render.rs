//! A compiled table rendered back as the document shows it: sections, each a table of
//! channels (grouped as the document's rowspans group them), compare sources and both label
//! columns; then the prices of every label. As Markdown, a standalone HTML page, or JSON.

use std::fmt::Write as _;

use crate::money::Money;
use crate::table::{count_wan, BillingTable, Named, Row};

const DOC_BASE: &str = "https://cloud.tencent.com/document/product/1007/";

fn link<T: BillingTable>(channel: T::Channel) -> String {
    format!("{DOC_BASE}{}", T::channel_doc_id(channel))
}

fn offered<T: BillingTable>(
    row: &Row<T>,
) -> impl Iterator<Item = (Option<T::Source>, T::Postpaid, T::Prepaid)> + '_ {
    row.cells
        .iter()
        .filter_map(|c| c.labels.map(|l| (c.source, l.postpaid, l.prepaid)))
}

/// The whole table as Markdown: one table per section (channels of a row in one cell, one
/// line per compare source), then the postpaid tiers and the resource packs.
pub fn markdown<T: BillingTable>() -> String {
    let info = T::INFO;
    let mut out = format!(
        "# {} (doc {})\n\nAccounts that opened Face ID {}. Bills are issued on days {}–{} of the next month.\n",
        info.title,
        info.doc_id,
        info.opened,
        info.bill_days.0,
        info.bill_days.1
    );
    for &section in T::Section::ALL {
        let compare = !T::section_sources(section).is_empty();
        let _ = write!(out, "\n## {section}\n\n");
        out.push_str(if compare {
            "| 接入渠道 | 比对库源 | 后付费计费标签 | 预付费计费标签 |\n|---|---|---|---|\n"
        } else {
            "| API 接口 | 后付费计费标签 | 预付费计费标签 |\n|---|---|---|\n"
        });
        for row in T::ROWS.iter().filter(|r| r.section == section) {
            let channels: Vec<String> = row
                .channels
                .iter()
                .map(|&c| format!("[{c}]({})", link::<T>(c)))
                .collect();
            for (i, (source, postpaid, prepaid)) in offered(row).enumerate() {
                let first = if i == 0 {
                    channels.join("<br>")
                } else {
                    String::new()
                };
                match source {
                    Some(s) => {
                        let _ = writeln!(out, "| {first} | {s} | {postpaid} | {prepaid} |");
                    }
                    None => {
                        let _ = writeln!(out, "| {first} | {postpaid} | {prepaid} |");
                    }
                }
            }
        }
    }
    out.push_str("\n## 后付费 (元/次)\n\n| 计费标签 | 月调用量 | 单价 |\n|---|---|---|\n");
    for &label in T::Postpaid::ALL {
        for (i, tier) in T::tiers(label).iter().enumerate() {
            let name = if i == 0 {
                label.to_string()
            } else {
                String::new()
            };
            let price = tier
                .price
                .map_or("联系商务".to_owned(), Money::display_grouped);
            let _ = writeln!(out, "| {name} | {} | {price} |", tier.doc_range());
        }
    }
    out.push_str("\n## 预付费资源包 (元)\n\n| 计费标签 | 规格 | 价格 |\n|---|---|---|\n");
    for &label in T::Prepaid::ALL {
        let packs = T::packs(label);
        if packs.is_empty() {
            let _ = writeln!(out, "| {label} | 不提供资源包 | - |");
        }
        for (i, pack) in packs.iter().enumerate() {
            let name = if i == 0 {
                label.to_string()
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {name} | {}次 | {} |",
                count_wan(pack.size),
                pack.price.display_grouped()
            );
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sections' tables in the document's HTML layout: in a section with compare sources a
/// row's channels share one cell spanning its sources; in a section without, each channel
/// has its own line and the label cells span the row's channels.
pub fn html_tables<T: BillingTable>() -> String {
    let mut out = String::new();
    for &section in T::Section::ALL {
        let compare = !T::section_sources(section).is_empty();
        let _ = writeln!(out, "<h3>{}</h3>\n<table>", escape(section.doc_name()));
        out.push_str(if compare {
            "<tr><th>接入渠道</th><th>比对库源</th><th>后付费计费标签</th><th>预付费计费标签</th></tr>\n"
        } else {
            "<tr><th>API 接口</th><th>后付费计费标签</th><th>预付费计费标签</th></tr>\n"
        });
        for row in T::ROWS.iter().filter(|r| r.section == section) {
            let a = |c: T::Channel| {
                format!("<a href=\"{}\">{}</a>", link::<T>(c), escape(c.doc_name()))
            };
            let cells: Vec<_> = offered(row).collect();
            if compare {
                let channels: String = if row.channels.len() == 1 {
                    a(row.channels[0])
                } else {
                    row.channels
                        .iter()
                        .map(|&c| format!("<li>{}</li>", a(c)))
                        .collect()
                };
                for (i, (source, postpaid, prepaid)) in cells.iter().enumerate() {
                    out.push_str("<tr>");
                    if i == 0 {
                        let _ = write!(out, "<td rowspan=\"{}\">{channels}</td>", cells.len());
                    }
                    let source = source.map_or(String::new(), |s| escape(s.doc_name()));
                    let _ = writeln!(
                        out,
                        "<td>{source}</td><td>{}</td><td>{}</td></tr>",
                        escape(postpaid.doc_name()),
                        escape(prepaid.doc_name())
                    );
                }
            } else if let Some((_, postpaid, prepaid)) = cells.first() {
                let n = row.channels.len();
                for (i, &c) in row.channels.iter().enumerate() {
                    let _ = write!(out, "<tr><td>{}</td>", a(c));
                    if i == 0 {
                        let _ = write!(
                            out,
                            "<td rowspan=\"{n}\">{}</td><td rowspan=\"{n}\">{}</td>",
                            escape(postpaid.doc_name()),
                            escape(prepaid.doc_name())
                        );
                    }
                    out.push_str("</tr>\n");
                }
            }
        }
        out.push_str("</table>\n");
    }
    out
}

/// A standalone HTML page: the sections' tables and the price tables.
pub fn html_page<T: BillingTable>() -> String {
    let info = T::INFO;
    let mut prices = String::from(
        "<h3>后付费 (元/次)</h3>\n<table>\n<tr><th>计费标签</th><th>月调用量</th><th>单价</th></tr>\n",
    );
    for &label in T::Postpaid::ALL {
        let tiers = T::tiers(label);
        for (i, tier) in tiers.iter().enumerate() {
            prices.push_str("<tr>");
            if i == 0 {
                let _ = write!(
                    prices,
                    "<td rowspan=\"{}\">{}</td>",
                    tiers.len(),
                    escape(label.doc_name())
                );
            }
            let price = tier
                .price
                .map_or("联系商务".to_owned(), Money::display_grouped);
            let _ = writeln!(
                prices,
                "<td>{}</td><td>{price}</td></tr>",
                escape(&tier.doc_range())
            );
        }
    }
    prices.push_str("</table>\n<h3>预付费资源包 (元)</h3>\n<table>\n<tr><th>计费标签</th><th>规格</th><th>价格</th></tr>\n");
    for &label in T::Prepaid::ALL {
        let packs = T::packs(label);
        if packs.is_empty() {
            let _ = writeln!(
                prices,
                "<tr><td>{}</td><td>不提供资源包</td><td>-</td></tr>",
                escape(label.doc_name())
            );
        }
        for (i, pack) in packs.iter().enumerate() {
            prices.push_str("<tr>");
            if i == 0 {
                let _ = write!(
                    prices,
                    "<td rowspan=\"{}\">{}</td>",
                    packs.len(),
                    escape(label.doc_name())
                );
            }
            let _ = writeln!(
                prices,
                "<td>{}次</td><td>{}</td></tr>",
                count_wan(pack.size),
                pack.price.display_grouped()
            );
        }
    }
    prices.push_str("</table>\n");
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\nbody {{ font-family: sans-serif; margin: 2em; }}\ntable {{ border-collapse: collapse; margin-bottom: 1.5em; }}\nth, td {{ border: 1px solid #999; padding: 0.3em 0.6em; vertical-align: middle; }}\nth {{ background: #eee; }}\nli {{ list-style: none; }}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>Doc {doc}. Accounts that opened Face ID {opened}. Bills are issued on days {b0}–{b1} of the next month.</p>\n{tables}{prices}</body>\n</html>\n",
        title = escape(info.title),
        doc = info.doc_id,
        opened = info.opened,
        b0 = info.bill_days.0,
        b1 = info.bill_days.1,
        tables = html_tables::<T>(),
    )
}

/// The table as JSON: identity, sections with rows, prices and packs.
pub fn json<T: BillingTable>() -> serde_json::Value {
    use serde_json::json;
    let info = T::INFO;
    let sections: Vec<_> = T::Section::ALL
        .iter()
        .map(|&section| {
            let rows: Vec<_> = T::ROWS
                .iter()
                .filter(|r| r.section == section)
                .map(|row| {
                    let channels: Vec<_> = row
                        .channels
                        .iter()
                        .map(|&c| {
                            json!({
                                "name": c.doc_name(),
                                "ident": c.ident(),
                                "doc_id": T::channel_doc_id(c),
                                "url": link::<T>(c),
                                "actions": T::channel_actions(c),
                                "codes": T::code_family(c).doc_name(),
                            })
                        })
                        .collect();
                    let cells: Vec<_> = row
                        .cells
                        .iter()
                        .map(|cell| {
                            json!({
                                "source": cell.source.map(|s| s.doc_name()),
                                "postpaid_label": cell.labels.map(|l| l.postpaid.doc_name()),
                                "prepaid_label": cell.labels.map(|l| l.prepaid.doc_name()),
                            })
                        })
                        .collect();
                    json!({ "channels": channels, "cells": cells })
                })
                .collect();
            json!({
                "name": section.doc_name(),
                "sources": T::section_sources(section).iter().map(|s| s.doc_name()).collect::<Vec<_>>(),
                "rows": rows,
            })
        })
        .collect();
    let postpaid: Vec<_> = T::Postpaid::ALL
        .iter()
        .map(|&l| {
            let tiers: Vec<_> = T::tiers(l)
                .iter()
                .map(|t| json!({ "from": t.from, "to": t.to, "price": t.price.map(|p| p.to_string()), "range": t.doc_range() }))
                .collect();
            json!({ "label": l.doc_name(), "tiers": tiers })
        })
        .collect();
    let prepaid: Vec<_> = T::Prepaid::ALL
        .iter()
        .map(|&l| {
            let packs: Vec<_> = T::packs(l)
                .iter()
                .map(|p| json!({ "size": p.size, "price": p.price.to_string() }))
                .collect();
            json!({ "label": l.doc_name(), "packs": packs })
        })
        .collect();
    let opened = match info.opened {
        crate::table::Opened::Before(d) => json!({ "before": d.to_string() }),
        crate::table::Opened::From(d) => json!({ "from": d.to_string() }),
    };
    json!({
        "edition": info.name,
        "title": info.title,
        "doc_id": info.doc_id,
        "opened": opened,
        "bill_days": [info.bill_days.0, info.bill_days.1],
        "sections": sections,
        "postpaid": postpaid,
        "prepaid": prepaid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy;

    #[test]
    fn markdown_shows_every_channel_and_price() {
        let md = markdown::<legacy::Table>();
        for c in legacy::Channel::ALL {
            assert!(md.contains(c.doc_name()), "{c} missing");
        }
        assert!(
            md.contains("| 活体人脸核身 | 0<调用量<1000 | 1.00 |"),
            "{md}"
        );
        assert!(md.contains("| 20万及以上 | 联系商务 |"));
        assert!(md.contains("| 1万次 | 8,000.00 |"));
    }

    #[test]
    fn html_page_is_standalone() {
        let page = html_page::<legacy::Table>();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<td rowspan=\"2\"><li><a href=\"https://cloud.tencent.com/document/product/1007/42656\">微信原生 H5</a></li>"));
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn json_lists_rows_in_document_order() {
        let v = json::<legacy::Table>();
        assert_eq!(v["edition"], "legacy");
        assert_eq!(
            v["sections"][0]["rows"][0]["channels"][1]["name"],
            "微信小程序"
        );
        assert_eq!(
            v["sections"][1]["rows"][1]["cells"][1]["postpaid_label"],
            serde_json::Value::Null
        );
    }
}
