//! Names in comparison form, in SQL: the character table of [`fold_char`] as an
//! expression of each dialect, so that a name resolves in SQL exactly when it resolves in
//! the engine.

use std::sync::OnceLock;

use super::dialect::{literal, Dialect};
use crate::names::fold_char;

#[cfg(doc)]
use crate::names::normalise;

/// The SQL expression (in `dialect`) of the comparison form of the text expression `expr`:
/// what [`normalise`] computes, character for character (see [`fold_char`]).
///
/// In `clickhouse`, `duckdb` and `spark` it is one `translate`; in `ansi` and `sqlite`
/// about 145 nested `replace` calls, more than SQLite builds with a parser stack of 100
/// entries (3.40, for one) parse in one expression — the queries of
/// [`script`](super::script) fold in stages instead.
pub fn normalise_sql(dialect: Dialect, expr: &str) -> String {
    fold_stages(dialect)
        .iter()
        .fold(expr.to_owned(), |inner, stage| stage.replace(HOLE, &inner))
}

/// Where a folding stage takes its argument: a character no generated literal contains.
pub(crate) const HOLE: &str = "\u{0}";

/// How many replacements one folding stage nests: SQLite before 3.46 has a parser stack of
/// about a hundred entries, which a few dozen nested calls exhaust.
const FOLDS_PER_STAGE: usize = 16;

/// The folding of [`normalise_sql`] in stages, each an expression over the previous stage's
/// value ([`HOLE`] stands for it): one stage where the dialect has `translate`, nested
/// replacements in stages of [`FOLDS_PER_STAGE`] elsewhere.
pub(crate) fn fold_stages(d: Dialect) -> Vec<String> {
    let table = fold_table();
    let translate = match d {
        Dialect::Duckdb | Dialect::Spark => "translate",
        // `translate` is for ASCII alone in ClickHouse.
        Dialect::Clickhouse => "translateUTF8",
        Dialect::Sqlite | Dialect::Ansi => {
            let name = if d == Dialect::Ansi {
                "REPLACE"
            } else {
                "replace"
            };
            return table
                .chunks(FOLDS_PER_STAGE)
                .map(|chunk| {
                    chunk.iter().fold(HOLE.to_owned(), |inner, &(c, folded)| {
                        let to = folded.map(String::from).unwrap_or_default();
                        format!(
                            "{name}({inner}, {}, {})",
                            literal(d, &c.to_string()),
                            literal(d, &to)
                        )
                    })
                })
                .collect();
        }
    };
    let mut from = String::new();
    let mut to = String::new();
    for &(c, folded) in table {
        if let Some(f) = folded {
            from.push(c);
            to.push(f);
        }
    }
    // Characters past the end of `to` are deleted by translate.
    from.extend(table.iter().filter(|(_, f)| f.is_none()).map(|(c, _)| c));
    vec![format!(
        "{translate}({HOLE}, {}, {})",
        literal(d, &from),
        literal(d, &to)
    )]
}

/// Every character that [`fold_char`] changes: `Some(c)` it becomes, `None` dropped. Each
/// result is left as it is by [`fold_char`], so the order of replacements does not matter.
pub(crate) fn fold_table() -> &'static [(char, Option<char>)] {
    static TABLE: OnceLock<Vec<(char, Option<char>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ('\0'..=char::MAX)
            .filter_map(|c| match fold_char(c) {
                Some(f) if f == c => None,
                folded => Some((c, folded)),
            })
            .collect()
    })
}

/// The characters that [`fold_char`] drops: white space, as `str::trim` knows it.
pub(crate) fn white_space() -> String {
    fold_table()
        .iter()
        .filter(|(_, f)| f.is_none())
        .map(|(c, _)| *c)
        .collect()
}
