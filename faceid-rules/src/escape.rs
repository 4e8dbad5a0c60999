//! Text from input files, made safe for where it is shown: a terminal, or a spreadsheet that
//! opens a CSV file.
//!
//! Accounts, pack ids, result codes and rejected lines come from files that anyone may have
//! written. Printed raw, an account holding `ESC [ 2 J` clears the screen and one holding a
//! line break forges a line of its own (a fake `Summary:`); written raw into CSV, a cell
//! starting with `=` is a formula to the spreadsheet that opens it (CSV injection).
//!
//! - [`terminal`] escapes control characters (C0, DEL, C1), the Unicode line and paragraph
//!   separators and the bidirectional formatting characters, as Rust writes them in a string
//!   literal: `\n`, `\t`, `\u{1b}`, `\u{202e}`. Other text, Chinese included, is unchanged.
//! - [`spreadsheet_cell`] guards a CSV text cell as OWASP advises: a cell that starts with
//!   `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which spreadsheets
//!   read as "text" and do not show. A cell that already starts with `'` gets one too, so
//!   that [`unguard_spreadsheet_cell`] gives back exactly what was guarded. Numbers the
//!   program writes itself (counts, amounts, `-1.50`) are not text cells and are written as
//!   they are.
//!
//! ```
//! use faceid_rules::escape::{spreadsheet_cell, terminal, unguard_spreadsheet_cell};
//!
//! assert_eq!(terminal("1250000001\x1b[2J"), "1250000001\\u{1b}[2J");
//! assert_eq!(terminal("a\nSummary: ¥0"), "a\\nSummary: ¥0");
//! assert_eq!(terminal("增强版人脸核身(权威库)"), "增强版人脸核身(权威库)");
//! assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
//! assert_eq!(spreadsheet_cell("1250000001"), "1250000001");
//! assert_eq!(unguard_spreadsheet_cell("'=1+1"), "=1+1");
//! ```

use std::borrow::Cow;

/// Whether `c` changes what a terminal shows beyond its own glyph.
fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Line and paragraph separators.
            '\u{2028}' | '\u{2029}'
            // Bidirectional marks, embeddings, overrides and isolates.
            | '\u{061c}' | '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every character that could move the cursor, clear the screen, start a new
/// line or reorder what follows written as an escape (`\n`, `\u{1b}`); borrowed unchanged
/// when there is none.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_for_terminal(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`terminal`], but line breaks stay: for messages of several lines, whose values
/// are already quoted.
pub fn terminal_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe_for_terminal(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(terminal).collect();
    Cow::Owned(lines.join("\n"))
}

/// The characters that make a spreadsheet read a cell as a formula, when they start it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` guarded against formula injection: a leading `'` when it starts with one of
/// `= + - @`, a tab, a carriage return, or `'` itself; borrowed unchanged otherwise.
pub fn spreadsheet_cell(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) || c == '\'' => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The inverse of [`spreadsheet_cell`]: a cell that starts with `'` followed by one of the
/// characters it guards loses the `'`. Any other cell is unchanged.
pub fn unguard_spreadsheet_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .chars()
                .next()
                .is_some_and(|c| FORMULA_STARTS.contains(&c) || c == '\'') =>
        {
            rest
        }
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_other_text_is_not() {
        assert_eq!(terminal("\x1b]0;title\x07"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(
            terminal("a\r\nb\tc\x7f\u{9b}"),
            "a\\r\\nb\\tc\\u{7f}\\u{9b}"
        );
        assert_eq!(terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal("x\u{2028}y"), "x\\u{2028}y");
        for plain in ["", "1250000001", "E证通（权威库）", "pk-1 ¥930.00", "a\\b"] {
            assert!(matches!(terminal(plain), Cow::Borrowed(_)), "{plain}");
        }
        assert_eq!(terminal_lines("one \"\x1b\"\ntwo"), "one \"\\u{1b}\"\ntwo");
    }

    #[test]
    fn formula_cells_are_guarded_and_come_back_as_they_were() {
        for cell in [
            "=1+1", "+1", "-cmd", "@SUM(A1)", "\t=1", "\r=1", "'", "'=x", "''",
        ] {
            let guarded = spreadsheet_cell(cell);
            assert!(guarded.starts_with('\''), "{cell:?}");
            assert_eq!(unguard_spreadsheet_cell(&guarded), cell, "{cell:?}");
        }
        for cell in ["", "1250000001", "微信小程序", "a=b", "'x"] {
            let kept = spreadsheet_cell(cell);
            assert_eq!(unguard_spreadsheet_cell(&kept), cell, "{cell:?}");
        }
        assert_eq!(spreadsheet_cell("'x"), "''x");
        assert_eq!(unguard_spreadsheet_cell("'x"), "'x");
    }
}
