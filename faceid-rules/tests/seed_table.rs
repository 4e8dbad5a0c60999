//! The legacy table, rendered back in the document's HTML layout, matches the document's
//! own tables cell by cell: sections, channels and their links, compare sources, both label
//! columns, and the rowspans that group them.
//!
//! `data/计费概述-legacy.md` is the document (计费概述 @147a80ed) as published. Its HTML has
//! faults (a stray `<tr>`, a `<td>` outside any `<tr>`); both tables are read the way an
//! HTML5 parser reads them: a `<tr>` closes the open row, a `<td>` outside a row opens one,
//! and a row with no cell of its own is dropped once rowspans are laid out.

use faceid_rules::{legacy, render};

/// One cell: its text (list items joined by `、`) and the links in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Cell {
    text: String,
    links: Vec<String>,
}

/// Lays out the `<table>`s of `html` as grids of body rows (header rows dropped).
fn grids(html: &str) -> Vec<Vec<Vec<Cell>>> {
    html.split("<table>")
        .skip(1)
        .map(|t| grid(t.split("</table>").next().unwrap_or("")))
        .collect()
}

fn grid(table: &str) -> Vec<Vec<Cell>> {
    // Own cells per row, with their rowspans.
    let mut rows: Vec<Vec<(Cell, usize)>> = Vec::new();
    let mut open = false;
    let mut header = false;
    let mut rest = table;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let tag_end = rest.find('>').expect("unclosed tag");
        let tag = &rest[1..tag_end];
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "tr" => {
                rows.push(Vec::new());
                open = true;
                header = false;
            }
            "/tr" => open = false,
            "th" => header = true,
            "td" => {
                if !open {
                    rows.push(Vec::new());
                    open = true;
                }
                let span = rowspan(tag);
                let body_end = rest.find("</td>").expect("unclosed <td>");
                let body = &rest[tag_end + 1..body_end];
                rows.last_mut().unwrap().push((cell(body), span));
                rest = &rest[body_end..];
                continue;
            }
            _ => {}
        }
        if header {
            if let Some(r) = rows.last_mut() {
                r.clear();
            }
        }
        rest = &rest[tag_end + 1..];
    }
    // Lay the cells out, honouring rowspans; drop rows with no cell of their own.
    let mut out = Vec::new();
    let mut carried: Vec<(usize, Cell, usize)> = Vec::new(); // (column, cell, rows left)
    for own in rows {
        let has_own = !own.is_empty();
        let mut line: Vec<Option<Cell>> = Vec::new();
        for (col, c, _) in &carried {
            if line.len() <= *col {
                line.resize(col + 1, None);
            }
            line[*col] = Some(c.clone());
        }
        let mut col = 0;
        let mut new_carried = Vec::new();
        for (c, span) in own {
            while line.get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            if line.len() <= col {
                line.resize(col + 1, None);
            }
            line[col] = Some(c.clone());
            if span > 1 {
                new_carried.push((col, c, span - 1));
            }
            col += 1;
        }
        carried.retain_mut(|(_, _, left)| {
            *left -= 1;
            *left > 0
        });
        carried.extend(new_carried);
        if has_own && line.first().is_some_and(Option::is_some) {
            out.push(line.into_iter().map(Option::unwrap_or_default).collect());
        }
    }
    out
}

fn rowspan(tag: &str) -> usize {
    let compact: String = tag
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"')
        .collect();
    compact
        .split("rowspan=")
        .nth(1)
        .and_then(|v| {
            v.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .unwrap_or(1)
}

fn cell(body: &str) -> Cell {
    let mut links = Vec::new();
    for part in body.split("href=\"").skip(1) {
        links.push(part.split('"').next().unwrap_or("").to_owned());
    }
    let mut text = String::new();
    let mut in_tag = false;
    let marked = body.replace("</li>", "、");
    for ch in marked.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Cell {
        text: text.trim_end_matches('、').replace("、 ", "、").to_owned(),
        links,
    }
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/计费概述-legacy.md"
    ))
    .expect("the seed document is in tests/data")
}

#[test]
fn legacy_table_matches_the_document_cell_by_cell() {
    let expected = grids(&seed());
    // The seed is the document as it stood from the enhanced launch on 2021-06-22 until
    // the phone labels split on 2022-01-01.
    // The table adds one row the seed lacks: the enhanced App SDK that 产品变更说明
    // @ee3f121f gives legacy accounts, with its -App packs.
    for day in [(2021, 6, 22), (2021, 12, 31)] {
        let day = chrono::NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap();
        let mut actual = grids(&render::html_tables::<legacy::Table>(day));
        let added: Vec<Vec<Cell>> = actual[0]
            .iter()
            .filter(|row| row[0].text == "增强版 App SDK")
            .cloned()
            .collect();
        assert_eq!(added.len(), 2, "{added:?}");
        assert_eq!(added[0][3].text, "增强版人脸核身（权威库）-App");
        assert_eq!(added[1][3].text, "增强版人脸核身（自传照片）-App");
        actual[0].retain(|row| row[0].text != "增强版 App SDK");
        matches_the_seed(&expected, &actual);
    }
}

fn matches_the_seed(expected: &[Vec<Vec<Cell>>], actual: &[Vec<Vec<Cell>>]) {
    assert_eq!(expected.len(), 4, "the document has four tables");
    assert_eq!(
        expected.iter().map(Vec::len).collect::<Vec<_>>(),
        [2, 6, 11, 1]
    );
    assert_eq!(actual.len(), expected.len(), "one table per section");
    for (t, (want, got)) in expected.iter().zip(actual).enumerate() {
        assert_eq!(got.len(), want.len(), "table {t}: row count");
        for (r, (want_row, got_row)) in want.iter().zip(got).enumerate() {
            assert_eq!(
                got_row.len(),
                want_row.len(),
                "table {t} row {r}: {want_row:?} vs {got_row:?}"
            );
            for (c, (w, g)) in want_row.iter().zip(got_row).enumerate() {
                assert_eq!(g, w, "table {t} row {r} column {c}");
            }
        }
    }
}

#[test]
fn sections_are_the_documents_headings_in_order() {
    let headings: Vec<String> = seed()
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| h.trim().to_owned())
        .collect();
    let sections: Vec<&str> = legacy::Section::ALL.iter().map(|s| s.doc_name()).collect();
    assert_eq!(headings, sections);
}

#[test]
fn the_stray_row_leaves_three_apis_under_identity_verification() {
    let table = &grids(&seed())[2];
    let identity: Vec<&str> = table
        .iter()
        .filter(|row| row[1].text == "身份证信息核验")
        .map(|row| row[0].text.as_str())
        .collect();
    assert_eq!(
        identity,
        [
            "身份信息认证",
            "身份证识别及信息核验",
            "微信实名认证授权 API"
        ]
    );
}
