//! Text output: columns that stay aligned with Chinese text (CJK characters are two columns
//! wide in a terminal), money as `¥12,345.67`, counts with thousands separators.

use unicode_width::UnicodeWidthStr;

use faceid_rules::money::group_thousands;

/// A count with thousands separators: `1,234,567`.
pub fn count(n: u64) -> String {
    group_thousands(n)
}

/// How a column is aligned.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers and money.
    Right,
}

/// A table of text cells, printed with columns padded to their display width.
pub struct Grid {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid with these column headings.
    pub fn new(columns: &[(&str, Align)]) -> Grid {
        Grid {
            columns: columns.iter().map(|&(h, a)| (h.to_owned(), a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many cells as columns).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The grid as lines, each prefixed with `indent`.
    pub fn render(&self, indent: &str) -> String {
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r.get(i).map_or(0, |c| c.width()))
                    .chain([self.columns[i].0.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let mut out = String::from(indent);
            for (i, cell) in cells.iter().enumerate() {
                let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
                if i > 0 {
                    out.push_str("  ");
                }
                match self.columns[i].1 {
                    Align::Left => {
                        out.push_str(cell);
                        if i + 1 < cells.len() {
                            out.push_str(&pad);
                        }
                    }
                    Align::Right => {
                        out.push_str(&pad);
                        out.push_str(cell);
                    }
                }
            }
            out.trim_end().to_owned() + "\n"
        };
        let mut out = line(self.columns.iter().map(|c| c.0.as_str()).collect());
        for row in &self.rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_keeps_columns_aligned() {
        let mut grid = Grid::new(&[("label", Align::Left), ("calls", Align::Right)]);
        grid.row(vec!["活体人脸核身".into(), count(1_234)]);
        grid.row(vec!["E证通（权威库）".into(), count(5)]);
        let text = grid.render("");
        let ends: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        assert!(ends.iter().all(|&w| w == ends[0]), "{text}");
    }
}
