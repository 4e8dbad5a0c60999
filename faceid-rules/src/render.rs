//! A compiled table rendered back as the document shows it, as in force at a moment:
//! sections, each a table of channels (grouped as the document's rowspans group them: the
//! channels of a row that map alike that day), compare sources and both label columns; then
//! the prices of every label in force. As Markdown, a standalone HTML page, or JSON.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::dated::moment_text;
use crate::money::Money;
use crate::table::{count_wan, BillingTable, Cell, Group, Named, Row};

const DOC_BASE: &str = "https://cloud.tencent.com/document/product/1007/";

fn link<T: BillingTable>(channel: T::Channel) -> String {
    format!("{DOC_BASE}{}", T::channel_doc_id(channel))
}

/// The cells of a group that offer something: source and labels.
fn offered<T: BillingTable>(
    cells: &'static [Cell<T>],
) -> impl Iterator<Item = (Option<T::Source>, T::Postpaid, T::Prepaid)> {
    cells
        .iter()
        .filter_map(|c| c.labels.map(|l| (c.source, l.postpaid, l.prepaid)))
}

/// The groups of channels of a section's rows on `day`.
fn groups<T: BillingTable>(section: T::Section, day: NaiveDate) -> Vec<Group<T>> {
    T::ROWS
        .iter()
        .filter(|r: &&Row<T>| r.section == section)
        .flat_map(|r| r.groups_on(day))
        .collect()
}

/// The identity line of a table: whose accounts, how settled, as of when.
fn identity<T: BillingTable>(at: NaiveDateTime) -> String {
    let info = T::INFO;
    format!(
        "Accounts that opened Face ID {}. Settled {}. As in force on {}.",
        info.opened,
        info.settlement,
        moment_text(at)
    )
}

/// The whole table as Markdown, as in force at `at` (China Standard Time): one table per
/// section (channels of a group in one cell, one line per compare source), then the postpaid
/// prices and the resource packs of the labels in force.
pub fn markdown<T: BillingTable>(at: NaiveDateTime) -> String {
    let info = T::INFO;
    let day = at.date();
    let mut out = format!(
        "# {} (doc {})\n\n{}\n",
        info.title,
        info.doc_id,
        identity::<T>(at)
    );
    for &section in T::Section::ALL {
        let groups = groups::<T>(section, day);
        if groups.is_empty() {
            continue;
        }
        let compare = !T::section_sources(section).is_empty();
        let _ = write!(out, "\n## {section}\n\n");
        out.push_str(if compare {
            "| 接入渠道 | 比对库源 | 后付费计费标签 | 预付费计费标签 |\n|---|---|---|---|\n"
        } else {
            "| API 接口 | 后付费计费标签 | 预付费计费标签 |\n|---|---|---|\n"
        });
        for (channels, cells) in groups {
            let channels: Vec<String> = channels
                .iter()
                .map(|&c| format!("[{c}]({})", link::<T>(c)))
                .collect();
            for (i, (source, postpaid, prepaid)) in offered(cells).enumerate() {
                let first = if i == 0 {
                    channels.join("<br>")
                } else {
                    String::new()
                };
                let postpaid = T::postpaid_name_on(postpaid, day);
                let prepaid = T::prepaid_name_on(prepaid, day);
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
        let Some(tiers) = T::tiers_on(label, day) else {
            continue;
        };
        for (i, tier) in tiers.iter().enumerate() {
            let name = if i == 0 {
                T::postpaid_name_on(label, day)
            } else {
                ""
            };
            let price = tier
                .price
                .map_or("联系商务".to_owned(), Money::display_grouped);
            let _ = writeln!(out, "| {name} | {} | {price} |", tier.doc_range());
        }
    }
    out.push_str("\n## 预付费资源包 (元)\n\n| 计费标签 | 规格 | 价格 |\n|---|---|---|\n");
    for &label in T::Prepaid::ALL {
        let Some(packs) = T::packs_at(label, at) else {
            continue;
        };
        let name = T::prepaid_name_on(label, day);
        if packs.is_empty() {
            let _ = writeln!(out, "| {name} | {} | - |", no_packs::<T>(label, day));
        }
        for (i, pack) in packs.iter().enumerate() {
            let name = if i == 0 { name } else { "" };
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

/// What a label without packs on sale says: `不提供资源包`, or the labels its old packs cover.
fn no_packs<T: BillingTable>(label: T::Prepaid, day: NaiveDate) -> String {
    let covers = T::covers_on(label, day);
    if covers.is_empty() {
        "不提供资源包".to_owned()
    } else {
        let names: Vec<&str> = covers.iter().map(|&c| T::prepaid_name_on(c, day)).collect();
        format!("不再销售; 已购资源包抵扣 {}", names.join("、"))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sections' tables in the document's HTML layout, as in force on `day`: in a section
/// with compare sources a group's channels share one cell spanning its sources; in a section
/// without, each channel has its own line and the label cells span the group's channels.
pub fn html_tables<T: BillingTable>(day: NaiveDate) -> String {
    let mut out = String::new();
    for &section in T::Section::ALL {
        let groups = groups::<T>(section, day);
        if groups.is_empty() {
            continue;
        }
        let compare = !T::section_sources(section).is_empty();
        let _ = writeln!(out, "<h3>{}</h3>\n<table>", escape(section.doc_name()));
        out.push_str(if compare {
            "<tr><th>接入渠道</th><th>比对库源</th><th>后付费计费标签</th><th>预付费计费标签</th></tr>\n"
        } else {
            "<tr><th>API 接口</th><th>后付费计费标签</th><th>预付费计费标签</th></tr>\n"
        });
        for (channels, cells) in groups {
            let a = |c: T::Channel| {
                format!("<a href=\"{}\">{}</a>", link::<T>(c), escape(c.doc_name()))
            };
            let cells: Vec<_> = offered(cells).collect();
            let names = |postpaid, prepaid| {
                (
                    escape(T::postpaid_name_on(postpaid, day)),
                    escape(T::prepaid_name_on(prepaid, day)),
                )
            };
            if compare {
                let list: String = if channels.len() == 1 {
                    a(channels[0])
                } else {
                    channels
                        .iter()
                        .map(|&c| format!("<li>{}</li>", a(c)))
                        .collect()
                };
                for (i, &(source, postpaid, prepaid)) in cells.iter().enumerate() {
                    out.push_str("<tr>");
                    if i == 0 {
                        let _ = write!(out, "<td rowspan=\"{}\">{list}</td>", cells.len());
                    }
                    let source = source.map_or(String::new(), |s| escape(s.doc_name()));
                    let (postpaid, prepaid) = names(postpaid, prepaid);
                    let _ = writeln!(
                        out,
                        "<td>{source}</td><td>{postpaid}</td><td>{prepaid}</td></tr>"
                    );
                }
            } else if let Some(&(_, postpaid, prepaid)) = cells.first() {
                let n = channels.len();
                let (postpaid, prepaid) = names(postpaid, prepaid);
                for (i, &c) in channels.iter().enumerate() {
                    let _ = write!(out, "<tr><td>{}</td>", a(c));
                    if i == 0 {
                        let _ = write!(
                            out,
                            "<td rowspan=\"{n}\">{postpaid}</td><td rowspan=\"{n}\">{prepaid}</td>"
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

/// A standalone HTML page, as in force at `at`: the sections' tables and the price tables.
pub fn html_page<T: BillingTable>(at: NaiveDateTime) -> String {
    let info = T::INFO;
    let day = at.date();
    let mut prices = String::from(
        "<h3>后付费 (元/次)</h3>\n<table>\n<tr><th>计费标签</th><th>月调用量</th><th>单价</th></tr>\n",
    );
    for &label in T::Postpaid::ALL {
        let Some(tiers) = T::tiers_on(label, day) else {
            continue;
        };
        for (i, tier) in tiers.iter().enumerate() {
            prices.push_str("<tr>");
            if i == 0 {
                let _ = write!(
                    prices,
                    "<td rowspan=\"{}\">{}</td>",
                    tiers.len(),
                    escape(T::postpaid_name_on(label, day))
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
        let Some(packs) = T::packs_at(label, at) else {
            continue;
        };
        let name = escape(T::prepaid_name_on(label, day));
        if packs.is_empty() {
            let _ = writeln!(
                prices,
                "<tr><td>{name}</td><td>{}</td><td>-</td></tr>",
                escape(&no_packs::<T>(label, day))
            );
        }
        for (i, pack) in packs.iter().enumerate() {
            prices.push_str("<tr>");
            if i == 0 {
                let _ = write!(prices, "<td rowspan=\"{}\">{name}</td>", packs.len());
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
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\nbody {{ font-family: sans-serif; margin: 2em; }}\ntable {{ border-collapse: collapse; margin-bottom: 1.5em; }}\nth, td {{ border: 1px solid #999; padding: 0.3em 0.6em; vertical-align: middle; }}\nth {{ background: #eee; }}\nli {{ list-style: none; }}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>Doc {doc}. {identity}</p>\n{tables}{prices}</body>\n</html>\n",
        title = escape(info.title),
        doc = info.doc_id,
        identity = escape(&identity::<T>(at)),
        tables = html_tables::<T>(day),
    )
}

/// The table as JSON, as in force at `at`: identity, sections with rows, prices and packs.
pub fn json<T: BillingTable>(at: NaiveDateTime) -> serde_json::Value {
    use serde_json::json;
    let info = T::INFO;
    let day = at.date();
    let sections: Vec<_> = T::Section::ALL
        .iter()
        .map(|&section| {
            let rows: Vec<_> = groups::<T>(section, day)
                .into_iter()
                .map(|(channels, cells)| {
                    let channels: Vec<_> = channels
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
                    let cells: Vec<_> = cells
                        .iter()
                        .map(|cell| {
                            json!({
                                "source": cell.source.map(|s| s.doc_name()),
                                "postpaid_label": cell.labels.map(|l| T::postpaid_name_on(l.postpaid, day)),
                                "prepaid_label": cell.labels.map(|l| T::prepaid_name_on(l.prepaid, day)),
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
        .filter(|s| s["rows"].as_array().is_some_and(|r| !r.is_empty()))
        .collect();
    let postpaid: Vec<_> = T::Postpaid::ALL
        .iter()
        .filter_map(|&l| {
            let tiers: Vec<_> = T::tiers_on(l, day)?
                .iter()
                .map(|t| json!({ "from": t.from, "to": t.to, "price": t.price.map(|p| p.to_string()), "range": t.doc_range() }))
                .collect();
            Some(json!({ "label": T::postpaid_name_on(l, day), "tiers": tiers }))
        })
        .collect();
    let prepaid: Vec<_> = T::Prepaid::ALL
        .iter()
        .filter_map(|&l| {
            let packs: Vec<_> = T::packs_at(l, at)?
                .iter()
                .map(|p| json!({ "size": p.size, "price": p.price.to_string() }))
                .collect();
            let covers: Vec<_> = T::covers_on(l, day)
                .iter()
                .map(|&c| T::prepaid_name_on(c, day))
                .collect();
            Some(json!({ "label": T::prepaid_name_on(l, day), "packs": packs, "covers": covers }))
        })
        .collect();
    let opened = json!({
        "from": info.opened.from.map(|d| d.to_string()),
        "before": info.opened.before.map(|d| d.to_string()),
    });
    let settlement = match info.settlement {
        crate::dated::Settlement::Monthly { bill_days } => {
            json!({ "period": "monthly", "bill_days": [bill_days.0, bill_days.1] })
        }
        crate::dated::Settlement::Daily { bill_hours } => json!({
            "period": "daily",
            "bill_hours": [bill_hours.0.format("%H:%M").to_string(), bill_hours.1.format("%H:%M").to_string()],
        }),
    };
    json!({
        "edition": info.name,
        "title": info.title,
        "doc_id": info.doc_id,
        "opened": opened,
        "settlement": settlement,
        "on": moment_text(at),
        "sections": sections,
        "postpaid": postpaid,
        "prepaid": prepaid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dated::start_of;
    use crate::legacy;

    fn on(y: i32, m: u32, d: u32) -> NaiveDateTime {
        start_of(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn markdown_shows_every_channel_and_price() {
        let md = markdown::<legacy::Table>(on(2021, 6, 22));
        for c in legacy::Channel::ALL {
            assert!(md.contains(c.doc_name()), "{c} missing");
        }
        assert!(
            md.contains("| 活体人脸核身 | 0<调用量<1000 | 1.00 |"),
            "{md}"
        );
        assert!(md.contains("| 20万及以上 | 联系商务 |"));
        assert!(md.contains("| 1万次 | 8,000.00 |"));
        assert!(md.contains("As in force on 2021-06-22."), "{md}");
    }

    #[test]
    fn markdown_shows_what_was_in_force_that_day() {
        let january = markdown::<legacy::Table>(on(2021, 1, 31));
        assert!(!january.contains("增强版 App SDK"), "{january}");
        assert!(!january.contains("微信活体人脸核身"), "{january}");
        assert!(january.contains("| 跟权威库比对 | 活体人脸核身 | 活体人脸核身 |"));
        let february = markdown::<legacy::Table>(on(2021, 2, 1));
        assert!(february.contains("| 跟权威库比对 | 微信活体人脸核身 | 微信活体人脸核身 |"));
        assert!(february.contains("| 微信活体人脸核身 | 0<调用量<1000 | 1.20 |"));
        let launch = markdown::<legacy::Table>(on(2021, 6, 22));
        assert!(
            !launch.contains("| 微信活体人脸核身 | 0<调用量"),
            "{launch}"
        );
        assert!(launch.contains("| 活体人脸核身 | 不再销售; 已购资源包抵扣 基础版人脸核身(权威库)、增强版人脸核身(权威库)-微信 | - |"), "{launch}");
        // 三要素 packs go on sale at 10:00 of 2022-01-04.
        let morning = markdown::<legacy::Table>(on(2022, 1, 4));
        assert!(
            morning.contains("| 手机号信息核验（三要素） | 不提供资源包 | - |"),
            "{morning}"
        );
        let ten =
            start_of(NaiveDate::from_ymd_opt(2022, 1, 4).unwrap()) + chrono::Duration::hours(10);
        let later = markdown::<legacy::Table>(ten);
        assert!(
            later.contains("| 手机号信息核验（三要素） | 1000次 | 1,050.00 |"),
            "{later}"
        );
        assert!(later.contains("As in force on 2022-01-04 10:00."));
    }

    #[test]
    fn html_page_is_standalone() {
        let page = html_page::<legacy::Table>(on(2021, 6, 22));
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<td rowspan=\"2\"><li><a href=\"https://cloud.tencent.com/document/product/1007/42656\">微信原生 H5</a></li>"));
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn rows_split_where_their_channels_map_apart() {
        let before = html_tables::<legacy::Table>(NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
        assert!(
            before.contains("<td rowspan=\"2\">手机号信息核验</td>"),
            "{before}"
        );
        let after = html_tables::<legacy::Table>(NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
        assert!(
            after.contains("<td rowspan=\"1\">手机号信息核验（二要素）</td>"),
            "{after}"
        );
        assert!(
            after.contains("<td rowspan=\"1\">手机号信息核验（三要素）</td>"),
            "{after}"
        );
    }

    #[test]
    fn json_lists_rows_in_document_order() {
        let v = json::<legacy::Table>(on(2021, 6, 22));
        assert_eq!(v["edition"], "legacy");
        assert_eq!(v["settlement"]["period"], "monthly");
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
