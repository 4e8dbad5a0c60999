//! The SQL dialects a script is written in, and the building blocks that differ between
//! them: literals, types, string functions, pattern matching, integer casts.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use super::fold::white_space;

/// The SQL dialect a script is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// Standard SQL (PostgreSQL runs it as is).
    Ansi,
    /// ClickHouse (and chDB, ClickHouse in process).
    Clickhouse,
    /// DuckDB.
    Duckdb,
    /// Spark SQL (3.4 and later, ANSI mode on or off).
    Spark,
    /// SQLite (3.35 and later: the queries use `AS MATERIALIZED` and window functions).
    Sqlite,
}

impl Dialect {
    /// Every dialect, in name order.
    pub const ALL: [Dialect; 5] = [
        Dialect::Ansi,
        Dialect::Clickhouse,
        Dialect::Duckdb,
        Dialect::Spark,
        Dialect::Sqlite,
    ];

    /// The dialect's name: `ansi`, `clickhouse`, `duckdb`, `spark`, `sqlite`.
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Ansi => "ansi",
            Dialect::Clickhouse => "clickhouse",
            Dialect::Duckdb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::Sqlite => "sqlite",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dialect name that is not one of [`Dialect::ALL`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownDialect {
    /// The name as given.
    pub given: String,
}

impl fmt::Display for UnknownDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
        write!(
            f,
            "unknown SQL dialect {:?}; expected one of {}",
            self.given,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownDialect {}

impl FromStr for Dialect {
    type Err = UnknownDialect;

    /// Reads a dialect by name, ignoring case and surrounding white space.
    fn from_str(s: &str) -> Result<Dialect, UnknownDialect> {
        let wanted = s.trim();
        Dialect::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownDialect {
                given: s.to_owned(),
            })
    }
}

/// Whether a character can stand as itself in a literal of the generated SQL.
fn printable(c: char) -> bool {
    c == ' ' || !(c.is_control() || c.is_whitespace())
}

/// A string literal in `dialect` whose value is exactly `s`.
pub(crate) fn literal(dialect: Dialect, s: &str) -> String {
    match dialect {
        Dialect::Spark => {
            return backslash_literal(s, |out, c| {
                // Every character that is not printable here is in the BMP.
                let _ = write!(out, "\\u{:04X}", c as u32);
            });
        }
        Dialect::Clickhouse => {
            return backslash_literal(s, |out, c| {
                // ClickHouse strings are bytes: the character's UTF-8 bytes.
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02X}");
                }
            });
        }
        _ => {}
    }
    let mut parts: Vec<String> = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, parts: &mut Vec<String>| {
        if !run.is_empty() {
            parts.push(format!("'{}'", run.replace('\'', "''")));
            run.clear();
        }
    };
    // SQLite's char() takes several code points: consecutive ones share a call.
    let mut codes: Vec<String> = Vec::new();
    let flush_codes = |codes: &mut Vec<String>, parts: &mut Vec<String>| {
        if !codes.is_empty() {
            parts.push(format!("char({})", codes.join(", ")));
            codes.clear();
        }
    };
    for c in s.chars() {
        if printable(c) {
            flush_codes(&mut codes, &mut parts);
            run.push(c);
            continue;
        }
        flush(&mut run, &mut parts);
        match dialect {
            Dialect::Sqlite => codes.push((c as u32).to_string()),
            Dialect::Duckdb => parts.push(format!("chr({})", c as u32)),
            _ if (c as u32) <= 0xFFFF => parts.push(format!("U&'\\{:04X}'", c as u32)),
            _ => parts.push(format!("U&'\\+{:06X}'", c as u32)),
        }
    }
    flush_codes(&mut codes, &mut parts);
    flush(&mut run, &mut parts);
    match parts.len() {
        0 => "''".to_owned(),
        1 => parts.pop().unwrap_or_default(),
        _ => format!("({})", parts.join(" || ")),
    }
}

/// A literal with backslash escapes (Spark, ClickHouse): `\\`, `\'`, and `escape` for a
/// character that is not printable.
fn backslash_literal(s: &str, escape: impl Fn(&mut String, char)) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            c if printable(c) => out.push(c),
            c => escape(&mut out, c),
        }
    }
    out.push('\'');
    out
}

/// The type of a relation's column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    /// Text; days are text too, `YYYY-MM-DD`, which compare as the days do.
    Text,
    /// A 64-bit integer.
    Int,
}

impl Ty {
    /// The column type in `d`; `nullable` matters to ClickHouse alone.
    pub(crate) fn sql(self, d: Dialect, nullable: bool) -> String {
        let base = match (self, d) {
            (Ty::Text, Dialect::Ansi) => "VARCHAR(255)",
            (Ty::Text, Dialect::Clickhouse) => "String",
            (Ty::Text, Dialect::Duckdb) => "VARCHAR",
            (Ty::Text, Dialect::Spark) => "STRING",
            (Ty::Text, Dialect::Sqlite) => "TEXT",
            (Ty::Int, Dialect::Sqlite) => "INTEGER",
            (Ty::Int, Dialect::Clickhouse) => "Int64",
            (Ty::Int, _) => "BIGINT",
        };
        if d == Dialect::Clickhouse && nullable {
            format!("Nullable({base})")
        } else {
            base.to_owned()
        }
    }
}

/// SQL building blocks that differ by dialect.
pub(crate) struct Sql(pub(crate) Dialect);

/// The shapes of text the queries check, each a regular expression over ASCII matched
/// against the whole text (a `GLOB` expression in SQLite, which has no regular expressions
/// by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// An RFC 3339 timestamp as the call log reader reads it: `YYYY-MM-DD`, `T`, `t` or a
    /// space, `HH:MM:SS`, an optional fraction, an optional `Z`, `z` or `±hh:mm`.
    Timestamp,
    /// A numeric result code as [`crate::table::Code::parse`] reads it: an optional `-` and
    /// 1 to 18 digits.
    IntCode,
    /// A request id of 32 hexadecimal digits.
    HexId,
    /// A request id that is a UUID, `8-4-4-4-12` hexadecimal digits.
    Uuid,
}

impl Pattern {
    /// The regular expression.
    pub(crate) const fn regex(self) -> &'static str {
        match self {
            Pattern::Timestamp => "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?",
            Pattern::IntCode => "-?[0-9]{1,18}",
            Pattern::HexId => "[0-9A-Fa-f]{32}",
            Pattern::Uuid => "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}",
        }
    }
}

impl Sql {
    pub(crate) fn dialect(&self) -> Dialect {
        self.0
    }

    /// A quoted identifier.
    pub(crate) fn ident(&self, name: &str) -> String {
        match self.0 {
            Dialect::Spark | Dialect::Clickhouse => format!("`{name}`"),
            _ => format!("\"{name}\""),
        }
    }

    /// A string literal.
    pub(crate) fn lit(&self, s: &str) -> String {
        literal(self.0, s)
    }

    /// Characters `from` (1-based) to `from + len - 1` of `x`; `x` is ASCII wherever the
    /// result is used (ClickHouse counts bytes).
    pub(crate) fn substr(&self, x: &str, from: &str, len: &str) -> String {
        match self.0 {
            Dialect::Ansi => format!("SUBSTRING({x} FROM {from} FOR {len})"),
            Dialect::Clickhouse => format!("substring({x}, {from}, {len})"),
            _ => format!("substr({x}, {from}, {len})"),
        }
    }

    /// The length of `x`, which is ASCII wherever the result matters.
    pub(crate) fn length(&self, x: &str) -> String {
        match self.0 {
            Dialect::Ansi => format!("CHAR_LENGTH({x})"),
            _ => format!("length({x})"),
        }
    }

    pub(crate) fn modulo(&self, a: &str, b: u32) -> String {
        match self.0 {
            Dialect::Ansi => format!("MOD({a}, {b})"),
            _ => format!("{a} % {b}"),
        }
    }

    /// `x` (text of digits, or anything where `guard` is false) as an integer; NULL where it
    /// is not one. Never raises an error, whatever the engine's cast mode.
    pub(crate) fn int(&self, x: &str) -> String {
        match self.0 {
            Dialect::Clickhouse => format!("toInt64OrNull({x})"),
            Dialect::Duckdb | Dialect::Spark => format!("TRY_CAST({x} AS BIGINT)"),
            Dialect::Sqlite => format!("CAST({x} AS INTEGER)"),
            Dialect::Ansi => format!("CAST({x} AS BIGINT)"),
        }
    }

    /// `x` as text; NULL stays NULL.
    pub(crate) fn text(&self, x: &str) -> String {
        match self.0 {
            Dialect::Clickhouse => format!("toString({x})"),
            Dialect::Ansi => format!("CAST({x} AS VARCHAR(4000))"),
            d => format!("CAST({x} AS {})", Ty::Text.sql(d, false)),
        }
    }

    /// A NULL of type `ty`.
    pub(crate) fn null(&self, ty: Ty) -> String {
        match self.0 {
            Dialect::Spark | Dialect::Clickhouse => {
                format!("CAST(NULL AS {})", ty.sql(self.0, true))
            }
            _ => "NULL".to_owned(),
        }
    }

    /// An integer literal.
    pub(crate) fn int_lit(&self, n: i64) -> String {
        match self.0 {
            Dialect::Spark => format!("{n}L"),
            _ => n.to_string(),
        }
    }

    /// `x` in ASCII lower case.
    pub(crate) fn lower(&self, x: &str) -> String {
        match self.0 {
            Dialect::Ansi => format!("LOWER({x})"),
            _ => format!("lower({x})"),
        }
    }

    /// `x` with every `from` replaced by `to` (literals).
    pub(crate) fn replace(&self, x: &str, from: &str, to: &str) -> String {
        let name = if self.0 == Dialect::Ansi {
            "REPLACE"
        } else {
            "replace"
        };
        format!("{name}({x}, {}, {})", self.lit(from), self.lit(to))
    }

    /// `UNION` without duplicates.
    pub(crate) fn union_distinct(&self) -> &'static str {
        match self.0 {
            Dialect::Sqlite => "UNION",
            _ => "UNION DISTINCT",
        }
    }

    /// Whether the whole of `x` matches `re` (ASCII classes and repetitions only).
    pub(crate) fn matches(&self, x: &str, pattern: Pattern) -> String {
        let re = pattern.regex();
        match self.0 {
            Dialect::Duckdb => format!("regexp_full_match({x}, {})", self.lit(re)),
            Dialect::Spark => format!("{x} RLIKE {}", self.lit(&format!("^{re}$"))),
            Dialect::Clickhouse => format!("match({x}, {})", self.lit(&format!("^{re}$"))),
            Dialect::Ansi => format!("{x} SIMILAR TO {}", self.lit(re)),
            Dialect::Sqlite => glob_match(x, pattern),
        }
    }

    /// `x` without leading and trailing white space (every `char::is_whitespace`), as
    /// `str::trim` trims it.
    pub(crate) fn trim(&self, x: &str) -> String {
        let ws = white_space();
        let set = self.lit(&ws);
        match self.0 {
            // DuckDB's `trim` with a set of characters costs about 0.4 µs a value (4 s for
            // 10M calls, two columns of them): values are trimmed only when they start or
            // end with white space, which almost none do.
            Dialect::Duckdb => format!(
                "CASE WHEN position(left({x}, 1) IN {set}) = 0 AND position(right({x}, 1) IN {set}) = 0 \
                 THEN {x} ELSE trim({x}, {set}) END"
            ),
            // ClickHouse's trim takes a set of bytes, which would cut characters apart:
            // a regular expression over characters instead, where one is needed.
            Dialect::Clickhouse => {
                let class: String = ws.chars().map(|c| format!("\\x{{{:X}}}", c as u32)).collect();
                let starts_or_ends = self.lit(&format!("^[{class}]|[{class}]$"));
                let ends = self.lit(&format!("^[{class}]+|[{class}]+$"));
                format!(
                    "if(match({x}, {starts_or_ends}), replaceRegexpAll({x}, {ends}, ''), {x})"
                )
            }
            Dialect::Sqlite => format!("trim({x}, {set})"),
            Dialect::Ansi | Dialect::Spark => format!("TRIM(BOTH {set} FROM {x})"),
        }
    }

    /// The first character of `x` (text), for the guard of spreadsheet cells.
    pub(crate) fn first_char(&self, x: &str) -> String {
        self.substr(x, "1", "1")
    }

    /// Two digits of a number from 0 to 99.
    pub(crate) fn two_digits(&self, n: &str) -> String {
        format!(
            "CASE WHEN {n} < 10 THEN '0' ELSE '' END || {}",
            self.text(n)
        )
    }

    /// What ends a query: ClickHouse's LEFT JOINs fill a missing row with NULL only when
    /// asked to.
    pub(crate) fn query_settings(&self) -> &'static str {
        match self.0 {
            Dialect::Clickhouse => "\nSETTINGS join_use_nulls = 1",
            _ => "",
        }
    }

    /// What creates (or replaces) a view.
    pub(crate) fn create_view(&self) -> &'static str {
        match self.0 {
            Dialect::Ansi | Dialect::Sqlite => "CREATE VIEW",
            Dialect::Spark => "CREATE OR REPLACE TEMPORARY VIEW",
            Dialect::Duckdb | Dialect::Clickhouse => "CREATE OR REPLACE VIEW",
        }
    }

    /// What starts the queries' common table expressions: SQLite's folding is recursive.
    pub(crate) fn with(&self) -> &'static str {
        match self.0 {
            Dialect::Sqlite => "WITH RECURSIVE",
            _ => "WITH",
        }
    }

    /// `AS MATERIALIZED` where SQLite would otherwise inline a common table expression
    /// into each of its uses.
    pub(crate) fn once(&self) -> &'static str {
        match self.0 {
            Dialect::Sqlite => "MATERIALIZED ",
            _ => "",
        }
    }
}

/// The SQLite `GLOB` expression of a pattern.
fn glob_match(x: &str, pattern: Pattern) -> String {
    match pattern {
        Pattern::Timestamp => {
            let tail = format!("substr({x}, 20)");
            let fraction = |e: &str| {
                format!(
                    "({e} = '' OR ({e} GLOB '.[0-9]*' AND substr({e}, 2) NOT GLOB '*[^0-9]*'))"
                )
            };
            format!(
                "({x} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*' AND ({} OR ({tail} GLOB '*[Zz]' AND {}) OR ({tail} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' AND {})))",
                fraction(&tail),
                fraction(&format!("substr({tail}, 1, length({tail}) - 1)")),
                fraction(&format!("substr({tail}, 1, length({tail}) - 6)")),
            )
        }
        Pattern::IntCode => format!(
            "((({x} GLOB '[0-9]*' AND length({x}) <= 18) OR ({x} GLOB '-[0-9]*' AND length({x}) <= 19)) AND substr({x}, 2) NOT GLOB '*[^0-9]*')"
        ),
        Pattern::HexId => {
            format!("(length({x}) = 32 AND {x} NOT GLOB '*[^0-9A-Fa-f]*')")
        }
        Pattern::Uuid => format!(
            "(length({x}) = 36 AND {x} GLOB '[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]-[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]-[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]-[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]-*' AND substr({x}, 25) NOT GLOB '*[^0-9A-Fa-f]*')"
        ),
    }
}
