//! A compiled table as SQL, so that a warehouse engine (DuckDB, Spark, Trino, SQLite, …)
//! aggregates call logs of any size into daily usage with exactly the table's mapping, and
//! the engine of this crate bills the result.
//!
//! [`sql`] writes a script for one table and one [`Dialect`]. Everything in it is generated
//! from the table through [`BillingTable`]; nothing lists channels by hand. It creates:
//!
//! | relation | columns | what it holds |
//! |---|---|---|
//! | `channel_names` | `name_key`, `channel` | every spelling of a channel a log may use — doc name, identifier, alias, API action — in comparison form ([`normalise`]), with the channel's doc name; spellings shared by several channels (an API action such as `DetectAuth`) are left out, so a call naming one is not resolved, as [`rate`](crate::engine::rate()) does not resolve it |
//! | `source_names` | `name_key`, `source` | the same for compare sources |
//! | `channels` | `channel`, `section`, `code_family`, `only_source` | per channel, its section, its code family and, when it offers exactly one compare source, that source (a call may leave it out) |
//! | `channel_labels` | `channel`, `source`, `postpaid`, `prepaid` | the labels of each (channel, compare source) the table bills; `source` is NULL for a channel without compare source |
//! | `code_verdicts` | `code_family`, `code_from`, `code_to`, `code_name`, `verdict`, `valid_from`, `valid_until` | per code family, numeric codes `code_from..=code_to` or a named code, `billed` or `not_billed`, for calls on days `valid_from <= day < valid_until` (China Standard Time; NULL: unbounded); a code without row is unknown to the family |
//! | `label_map` (view) | `channel_key`, `source_key`, `channel`, `source`, `section`, `postpaid`, `prepaid`, `code_family` | the mapping: one row per (channel, compare source) as a log may write them, normalised (`source_key` is `''` where the source may be left out), to the doc names and labels a call is billed under |
//!
//! and two example queries over a call log `calls(time, account, channel, source, code)`:
//!
//! - the **usage query** ([`SqlScript::usage_query`]) returns daily usage in the usage file
//!   format of [`crate::engine::usage`] — `account, day, channel, source, code, calls` —
//!   which [`read_usage`](crate::pipeline::read_usage) (and `faceid-rules bill --usage`) bills
//!   exactly as it would bill the log itself;
//! - the **billed query** ([`SqlScript::billed_query`]) counts calls per account, day,
//!   postpaid and prepaid label and verdict, with the mapping and the code verdicts alone.
//!
//! # What the queries assume
//!
//! - `calls` has the columns `time`, `account`, `channel`, `source`, `code`, read as text
//!   (NULL counts as empty). `time` is an RFC 3339 timestamp as the call log reader accepts
//!   it (`2026-10-31T09:15:00+08:00`, `2026-10-31 09:15:00.250`, `…Z`; without an offset,
//!   China Standard Time); the query computes its day in China Standard Time by arithmetic
//!   on the text, so neither the session's time zone nor a time-zone database matters.
//! - Names are compared as [`normalise`] compares them: the SQL expression
//!   ([`normalise_sql`]) applies the same character table as [`fold_char`] — white space
//!   (every `char::is_whitespace` character) removed, full-width forms U+FF01–U+FF5E folded
//!   to ASCII, ASCII upper case lowered — and nothing else, so a name resolves in SQL
//!   exactly when it resolves in the engine.
//! - Result codes are trimmed of white space; numeric codes (`-?` and 1 to 18 digits) are
//!   written back canonical (`007` → `7`), named codes compared byte for byte (the engine
//!   compares them case-sensitively; so must the engine's collation).
//!
//! Nothing disappears silently: a call whose channel or source does not resolve keeps the
//! name as written, and a time the query cannot read keeps its text as the day (a date
//! without time of day marked `(no time of day)`, since a usage file may give a day), so that
//! billing the usage reports the row with its line and field; the billed query counts such
//! calls as `unrated`.
//!
//! # Dates
//!
//! A table's labels, channels and mappings change on dated announcements; the relations are
//! not dated yet (except `code_verdicts`). `channel_labels` holds the labels **in force from
//! the table's newest dated change** (the script's header names the day;
//! `faceid-rules changes` lists the changes), and the names of channels listed that day.
//! So:
//!
//! - the **usage query** stays exact for every day: it only canonicalises names, and a
//!   channel it does not resolve keeps its name as written; `bill --usage` rates every usage
//!   row by its own day, with the labels, channels and sources in force that day (and
//!   rejects a call of a channel not listed that day, saying when it was);
//! - the **billed query** counts calls by the newest labels: for calls made before a dated
//!   change of a row's mapping (e.g. 手机号信息核验 before 2022-01-01) its labels are not
//!   those the calls are billed under. Bill the usage query's rows instead.
//!
//! The queries canonicalise names as *this* table knows them: run them on the calls of the
//! accounts billed under the table (the day an account opened the service chooses the
//! edition). Across editions a name can resolve differently: `App SDK（new）` is an alias of
//! the legacy table only, and the action `PhoneVerificationCMCC` is 手机号三要素核验 in the
//! monthly table but a channel of its own, with its own label, in the daily one.
//!
//! # Dialects
//!
//! | | `ansi` | `duckdb` | `spark` | `sqlite` |
//! |---|---|---|---|---|
//! | relations | `CREATE TABLE` + `INSERT` (run in an empty schema) | `CREATE OR REPLACE TABLE` + `INSERT` | `CREATE OR REPLACE TEMPORARY VIEW … AS SELECT * FROM VALUES …` | `DROP … IF EXISTS`, `CREATE TABLE` + `INSERT` |
//! | text, dates | `VARCHAR(n)`, `DATE` | `VARCHAR`, `DATE` | `STRING`, `DATE` | `TEXT`, ISO text |
//! | string literals | `''` doubled; control and non-ASCII spaces as `U&'\XXXX'` | `''` doubled; `chr(n)` | backslash escapes, `\uXXXX` | `''` doubled; `char(n)` |
//! | name folding | nested `REPLACE` | `translate` | `translate` | nested `replace` |
//! | timestamp shape | `SIMILAR TO` | `regexp_full_match` | `RLIKE` | `GLOB` |
//! | day arithmetic | `+ n * INTERVAL '1' DAY` | `date + n` | `date_add` | `date(…, 'n days')` |
//!
//! `ansi` keeps to standard SQL (SQL:2003 `SIMILAR TO`, `SUBSTRING … FROM … FOR`, `U&''`
//! literals) and `TRIM(BOTH … FROM …)` with a set of characters, as PostgreSQL accepts it;
//! an engine that lacks one of these (Trino has no `SIMILAR TO`) takes the closest dialect.
//! In `ansi` and `sqlite` the folding of names nests one `replace` per folded character
//! (about 145); the queries split it into stages of a few nested calls, which old SQLite
//! parsers (a stack of 100 entries) accept, and fold each distinct (account, day, name,
//! code) group once rather than each call.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::dated::newest;
use crate::names::{fold_char, normalise};
use crate::table::{BillingTable, CodePattern, Named, Resolved};

/// The SQL dialect a script is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// Standard SQL (PostgreSQL runs it as is).
    Ansi,
    /// DuckDB.
    Duckdb,
    /// Spark SQL (3.x and 4.x).
    Spark,
    /// SQLite (3.35 and later: the queries use `AS MATERIALIZED`).
    Sqlite,
}

impl Dialect {
    /// Every dialect, in name order.
    pub const ALL: [Dialect; 4] = [
        Dialect::Ansi,
        Dialect::Duckdb,
        Dialect::Spark,
        Dialect::Sqlite,
    ];

    /// The dialect's name: `ansi`, `duckdb`, `spark`, `sqlite`.
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Ansi => "ansi",
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

/// One SQL statement, without its terminating `;`, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// What the statement does, for a comment above it (one or more lines).
    pub about: String,
    /// The statement.
    pub sql: String,
}

/// A table as SQL: statements that create the relations, and the two example queries.
/// Its [`Display`](fmt::Display) is the whole script, statements terminated by `;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlScript {
    /// The dialect it is written in.
    pub dialect: Dialect,
    /// What the script is and assumes, for a comment at its top.
    pub header: String,
    /// Creates the relations, in order: `channel_names`, `source_names`, `channels`,
    /// `channel_labels`, `code_verdicts`, then the view `label_map`.
    pub setup: Vec<Statement>,
    /// Daily usage in the usage file format from `calls(time, account, channel, source,
    /// code)`: `account, day, channel, source, code, calls`.
    pub usage_query: Statement,
    /// Calls per `account, day, postpaid, prepaid, verdict` (`billed`, `not_billed`,
    /// `unknown`: the code is not listed, or `unrated`: the call names no channel and
    /// source the table bills, or its time cannot be read), with `calls`.
    pub billed_query: Statement,
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            out.push_str("--\n");
        } else {
            let _ = writeln!(out, "-- {line}");
        }
    }
}

impl fmt::Display for SqlScript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        comment(&mut out, &self.header);
        for statement in self
            .setup
            .iter()
            .chain([&self.usage_query, &self.billed_query])
        {
            out.push('\n');
            comment(&mut out, &statement.about);
            out.push_str(&statement.sql);
            out.push_str(";\n");
        }
        f.write_str(&out)
    }
}

/// The whole script for table `T` in `dialect`: the relations, the mapping view and the two
/// example queries (see the [module documentation](self)).
pub fn sql<T: BillingTable>(dialect: Dialect) -> String {
    script::<T>(dialect).to_string()
}

/// The script for table `T` in `dialect`, statement by statement.
pub fn script<T: BillingTable>(dialect: Dialect) -> SqlScript {
    let d = dialect;
    let relations = [
        channel_names::<T>(),
        source_names::<T>(),
        channels::<T>(),
        channel_labels::<T>(),
        code_verdicts::<T>(),
    ];
    let mut setup = Vec::new();
    if d == Dialect::Sqlite {
        setup.push(Statement {
            about: "Created anew on every run.".to_owned(),
            sql: "DROP VIEW IF EXISTS label_map".to_owned(),
        });
        for r in &relations {
            setup.push(Statement {
                about: String::new(),
                sql: format!("DROP TABLE IF EXISTS {}", r.name),
            });
        }
    }
    for r in &relations {
        setup.extend(r.statements(d));
    }
    setup.push(Statement {
        about: "The mapping: a channel and a compare source as a log may write them (normalised;\n\
                source_key '' where the source may be left out) -> doc names and labels."
            .to_owned(),
        sql: format!("{} label_map AS\n{LABEL_MAP}", create_view(d)),
    });
    let info = T::INFO;
    let opened = info.opened;
    let newest = newest::<T>().date();
    let header = format!(
        "{title} (doc {doc}, table `{name}`): accounts {opened}.\n\
         The labels are those in force from {newest} (the table's newest dated change); see\n\
         the module documentation for what that means for calls of earlier days.\n\
         Generated from the compiled table; dialect: {d}.\n\
         \n\
         1. Run the statements that create the relations and the view label_map.\n\
         2. Provide the call log as calls(time, account, channel, source, code), text columns;\n   \
            time is RFC 3339 (without an offset: China Standard Time). Keep to the accounts\n   \
            billed under this table.\n\
         3. Run the usage query and save its rows as CSV with a header: that is a usage file\n   \
            (account,day,channel,source,code,calls) for `faceid-rules bill --usage`.\n\
         \n\
         Names are compared after folding (white space removed, full-width forms to ASCII,\n\
         ASCII lower case); days are China Standard Time. Calls whose channel or source does\n\
         not resolve keep their names as written, and unreadable times their text, so that\n\
         billing the usage reports them.",
        title = info.title,
        doc = info.doc_id,
        name = info.name,
    );
    SqlScript {
        dialect,
        header,
        setup,
        usage_query: Statement {
            about:
                "Daily usage in the usage file format: account, day, channel, source, code, calls."
                    .to_owned(),
            sql: usage_query(d),
        },
        billed_query: Statement {
            about:
                "Calls per account, day, labels and verdict (billed, not_billed, unknown, unrated)."
                    .to_owned(),
            sql: billed_query(d),
        },
    }
}

/// The SQL expression (in `dialect`) of the comparison form of the text expression `expr`:
/// what [`normalise`] computes, character for character (see [`fold_char`]).
///
/// In `duckdb` and `spark` it is one `translate`; in `ansi` and `sqlite` about 145 nested
/// `replace` calls, more than SQLite builds with a parser stack of 100 entries (3.40, for
/// one) parse in one expression — the queries of [`script`] fold in stages instead.
pub fn normalise_sql(dialect: Dialect, expr: &str) -> String {
    fold_stages(dialect)
        .iter()
        .fold(expr.to_owned(), |inner, stage| stage.replace(HOLE, &inner))
}

/// Where a folding stage takes its argument: a character no generated literal contains.
const HOLE: &str = "\u{0}";

/// How many replacements one folding stage nests: SQLite before 3.46 has a parser stack of
/// about a hundred entries, which a few dozen nested calls exhaust.
const FOLDS_PER_STAGE: usize = 16;

/// The folding of [`normalise_sql`] in stages, each an expression over the previous stage's
/// value ([`HOLE`] stands for it): one stage where the dialect has `translate`, nested
/// replacements in stages of [`FOLDS_PER_STAGE`] elsewhere.
fn fold_stages(d: Dialect) -> Vec<String> {
    let table = fold_table();
    match d {
        Dialect::Duckdb | Dialect::Spark => {
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
                "translate({HOLE}, {}, {})",
                literal(d, &from),
                literal(d, &to)
            )]
        }
        Dialect::Sqlite | Dialect::Ansi => {
            let name = if d == Dialect::Ansi {
                "REPLACE"
            } else {
                "replace"
            };
            table
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
                .collect()
        }
    }
}

/// Every character that [`fold_char`] changes: `Some(c)` it becomes, `None` dropped. Each
/// result is left as it is by [`fold_char`], so the order of replacements does not matter.
fn fold_table() -> &'static [(char, Option<char>)] {
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
fn white_space() -> String {
    fold_table()
        .iter()
        .filter(|(_, f)| f.is_none())
        .map(|(c, _)| *c)
        .collect()
}

/// Whether a character can stand as itself in a literal of the generated SQL.
fn printable(c: char) -> bool {
    c == ' ' || !(c.is_control() || c.is_whitespace())
}

/// A string literal in `dialect` whose value is exactly `s`.
pub(crate) fn literal(dialect: Dialect, s: &str) -> String {
    if dialect == Dialect::Spark {
        let mut out = String::from("'");
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                c if printable(c) => out.push(c),
                c => {
                    // Every character that is not printable here is in the BMP.
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
            }
        }
        out.push('\'');
        return out;
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

fn create_view(d: Dialect) -> &'static str {
    match d {
        Dialect::Ansi | Dialect::Sqlite => "CREATE VIEW",
        Dialect::Duckdb => "CREATE OR REPLACE VIEW",
        Dialect::Spark => "CREATE OR REPLACE TEMPORARY VIEW",
    }
}

const LABEL_MAP: &str = "\
SELECT cn.name_key AS channel_key, sn.name_key AS source_key, c.channel, l.source, c.section,
       l.postpaid, l.prepaid, c.code_family
FROM channel_names cn
JOIN channels c ON c.channel = cn.channel
JOIN channel_labels l ON l.channel = c.channel
JOIN source_names sn ON sn.source = l.source
UNION ALL
SELECT cn.name_key AS channel_key, '' AS source_key, c.channel, l.source, c.section,
       l.postpaid, l.prepaid, c.code_family
FROM channel_names cn
JOIN channels c ON c.channel = cn.channel
JOIN channel_labels l ON l.channel = c.channel
WHERE l.source IS NULL OR l.source = c.only_source";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Text,
    Int,
    Date,
}

impl Ty {
    fn sql(self, d: Dialect) -> &'static str {
        match (self, d) {
            (Ty::Text, Dialect::Ansi) => "VARCHAR(255)",
            (Ty::Text, Dialect::Duckdb) => "VARCHAR",
            (Ty::Text, Dialect::Spark) => "STRING",
            (Ty::Text, Dialect::Sqlite) => "TEXT",
            (Ty::Int, Dialect::Sqlite) => "INTEGER",
            (Ty::Int, _) => "BIGINT",
            (Ty::Date, Dialect::Sqlite) => "TEXT",
            (Ty::Date, _) => "DATE",
        }
    }
}

/// The type text is cast to in the queries.
fn text_type(d: Dialect) -> &'static str {
    match d {
        Dialect::Ansi => "VARCHAR(4000)",
        _ => Ty::Text.sql(d),
    }
}

enum Value {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Null,
}

impl Value {
    fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.to_owned()))
    }

    fn sql(&self, d: Dialect, ty: Ty) -> String {
        match self {
            Value::Text(s) => literal(d, s),
            Value::Int(n) if d == Dialect::Spark => format!("{n}L"),
            Value::Int(n) => n.to_string(),
            Value::Date(day) if d == Dialect::Sqlite => format!("'{day}'"),
            Value::Date(day) => format!("DATE '{day}'"),
            Value::Null if d == Dialect::Spark => format!("CAST(NULL AS {})", ty.sql(d)),
            Value::Null => "NULL".to_owned(),
        }
    }
}

/// A relation of constant rows.
struct Relation {
    name: &'static str,
    about: String,
    /// Name, type, whether NULL is allowed.
    columns: &'static [(&'static str, Ty, bool)],
    key: Option<&'static str>,
    rows: Vec<Vec<Value>>,
}

impl Relation {
    fn statements(&self, d: Dialect) -> Vec<Statement> {
        let names: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
        let names = names.join(", ");
        let tuples: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let values: Vec<String> = row
                    .iter()
                    .zip(self.columns)
                    .map(|(v, &(_, ty, _))| v.sql(d, ty))
                    .collect();
                format!("  ({})", values.join(", "))
            })
            .collect();
        if d == Dialect::Spark {
            let sql = if tuples.is_empty() {
                let cols: Vec<String> = self
                    .columns
                    .iter()
                    .map(|&(n, ty, _)| format!("CAST(NULL AS {}) AS {n}", ty.sql(d)))
                    .collect();
                format!(
                    "CREATE OR REPLACE TEMPORARY VIEW {} AS SELECT {} WHERE 1 = 0",
                    self.name,
                    cols.join(", ")
                )
            } else {
                format!(
                    "CREATE OR REPLACE TEMPORARY VIEW {} AS SELECT * FROM VALUES\n{}\n  AS t({names})",
                    self.name,
                    tuples.join(",\n")
                )
            };
            return vec![Statement {
                about: self.about.clone(),
                sql,
            }];
        }
        let create = match d {
            Dialect::Duckdb => "CREATE OR REPLACE TABLE",
            _ => "CREATE TABLE",
        };
        let mut defs: Vec<String> = self
            .columns
            .iter()
            .map(|&(n, ty, nullable)| {
                format!(
                    "  {n} {}{}",
                    ty.sql(d),
                    if nullable { "" } else { " NOT NULL" }
                )
            })
            .collect();
        if let Some(key) = self.key {
            defs.push(format!("  PRIMARY KEY ({key})"));
        }
        let mut out = vec![Statement {
            about: self.about.clone(),
            sql: format!("{create} {} (\n{}\n)", self.name, defs.join(",\n")),
        }];
        if !tuples.is_empty() {
            out.push(Statement {
                about: String::new(),
                sql: format!(
                    "INSERT INTO {} ({names}) VALUES\n{}",
                    self.name,
                    tuples.join(",\n")
                ),
            });
        }
        out
    }
}

/// Spellings in comparison form: those naming one item, and those naming several.
type Spellings<N> = (BTreeMap<String, N>, BTreeMap<String, &'static [N]>);

/// Every spelling of the items of `N` (doc name, identifier, aliases, `extra`) in
/// comparison form, with the item it resolves to as [`Named::lookup`] resolves it; keys
/// that resolve to several items are returned apart.
fn spellings<N: Named>(extra: impl Fn(N) -> &'static [&'static str]) -> Spellings<N> {
    let mut one = BTreeMap::new();
    let mut several = BTreeMap::new();
    for &item in N::ALL {
        let names = [item.doc_name(), item.ident()]
            .into_iter()
            .chain(item.aliases().iter().copied())
            .chain(extra(item).iter().copied());
        for name in names {
            let key = normalise(name).into_owned();
            if key.is_empty() {
                continue;
            }
            match N::resolve_normalised(&key) {
                Resolved::One(found) => {
                    one.insert(key, found);
                }
                Resolved::Several(found) => {
                    several.insert(key, found);
                }
                Resolved::Unknown => {}
            }
        }
    }
    (one, several)
}

fn names_relation<N: Named>(
    name: &'static str,
    column: &'static str,
    columns: &'static [(&'static str, Ty, bool)],
    extra: impl Fn(N) -> &'static [&'static str],
) -> Relation {
    let (one, several) = spellings::<N>(extra);
    let mut about = format!(
        "Every spelling of a {} in comparison form -> its doc name ({column}).",
        N::KIND
    );
    for (key, items) in &several {
        let names: Vec<&str> = items.iter().map(|i| i.doc_name()).collect();
        let _ = write!(
            about,
            "\nLeft out, as it names several: {key} ({}).",
            names.join(", ")
        );
    }
    Relation {
        name,
        about,
        columns,
        key: Some("name_key"),
        rows: one
            .into_iter()
            .map(|(key, item)| vec![Value::Text(key), Value::Text(item.doc_name().to_owned())])
            .collect(),
    }
}

fn channel_names<T: BillingTable>() -> Relation {
    names_relation::<T::Channel>(
        "channel_names",
        "channel",
        &[("name_key", Ty::Text, false), ("channel", Ty::Text, false)],
        T::channel_actions,
    )
}

fn source_names<T: BillingTable>() -> Relation {
    names_relation::<T::Source>(
        "source_names",
        "source",
        &[("name_key", Ty::Text, false), ("source", Ty::Text, false)],
        |_| &[],
    )
}

fn channels<T: BillingTable>() -> Relation {
    let rows = T::Channel::ALL
        .iter()
        .map(|&c| {
            let only = match T::channel_sources(c) {
                [only] => Some(only.doc_name()),
                _ => None,
            };
            vec![
                Value::Text(c.doc_name().to_owned()),
                Value::Text(T::section(c).doc_name().to_owned()),
                Value::Text(T::code_family(c).doc_name().to_owned()),
                Value::opt_text(only),
            ]
        })
        .collect();
    Relation {
        name: "channels",
        about: "Per channel: its section, its code family, and its compare source when it offers\n\
                exactly one (a call may then leave the source out)."
            .to_owned(),
        columns: &[
            ("channel", Ty::Text, false),
            ("section", Ty::Text, false),
            ("code_family", Ty::Text, false),
            ("only_source", Ty::Text, true),
        ],
        key: Some("channel"),
        rows,
    }
}

fn channel_labels<T: BillingTable>() -> Relation {
    let mut rows = Vec::new();
    let day = newest::<T>().date();
    for &c in T::Channel::ALL {
        let sources = T::channel_sources(c);
        let cells: Vec<Option<T::Source>> = if sources.is_empty() {
            vec![None]
        } else {
            sources.iter().copied().map(Some).collect()
        };
        for source in cells {
            if let Some(labels) = T::labels_on(c, source, day) {
                rows.push(vec![
                    Value::Text(c.doc_name().to_owned()),
                    Value::opt_text(source.map(Named::doc_name)),
                    Value::Text(labels.postpaid.doc_name().to_owned()),
                    Value::Text(labels.prepaid.doc_name().to_owned()),
                ]);
            }
        }
    }
    Relation {
        name: "channel_labels",
        about: format!(
            "The labels of each channel and compare source the table bills (source NULL: the\n\
             channel has no compare source), as in force from {day}."
        ),
        columns: &[
            ("channel", Ty::Text, false),
            ("source", Ty::Text, true),
            ("postpaid", Ty::Text, false),
            ("prepaid", Ty::Text, false),
        ],
        key: None,
        rows,
    }
}

/// One row of `code_verdicts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CodeVerdict {
    pub(crate) family: &'static str,
    pub(crate) codes: CodePattern,
    pub(crate) billed: bool,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) valid_until: Option<NaiveDate>,
}

/// `lo..=hi` less every range of `taken`.
fn subtract(lo: i64, hi: i64, taken: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut pieces = vec![(lo, hi)];
    for &(a, b) in taken {
        pieces = pieces
            .into_iter()
            .flat_map(|(lo, hi)| {
                if b < lo || a > hi {
                    return vec![(lo, hi)];
                }
                let mut left = Vec::new();
                if a > lo {
                    left.push((lo, a - 1));
                }
                if b < hi {
                    left.push((b + 1, hi));
                }
                left
            })
            .collect();
    }
    pieces
}

/// The verdicts of every code family of `T`, from [`BillingTable::code_rules`]: disjoint in
/// codes (a code listed by two rules takes the first, as the generated `match` does) and,
/// for one code, in days.
pub(crate) fn code_verdict_rows<T: BillingTable>() -> Vec<CodeVerdict> {
    let mut out = Vec::new();
    for &family in T::CodeFamily::ALL {
        let mut taken_ranges: Vec<(i64, i64)> = Vec::new();
        let mut taken_names: BTreeSet<&str> = BTreeSet::new();
        for rule in T::code_rules(family) {
            let mut codes = Vec::new();
            for &pattern in rule.codes {
                match pattern {
                    CodePattern::Range(lo, hi) => {
                        for (a, b) in subtract(lo, hi, &taken_ranges) {
                            codes.push(CodePattern::Range(a, b));
                        }
                        taken_ranges.push((lo, hi));
                    }
                    CodePattern::Name(name) => {
                        if taken_names.insert(name) {
                            codes.push(pattern);
                        }
                    }
                }
            }
            // The verdict before the first change, then after each change.
            let mut segments = Vec::new();
            let first = rule.changes.first().map(|c| c.from);
            if let Some(billed) = rule.billed {
                segments.push((billed, None, first));
            }
            for (i, change) in rule.changes.iter().enumerate() {
                let until = rule.changes.get(i + 1).map(|c| c.from);
                if until.is_some_and(|u| u <= change.from) {
                    continue;
                }
                segments.push((change.billed, Some(change.from), until));
            }
            for &codes in &codes {
                for &(billed, valid_from, valid_until) in &segments {
                    out.push(CodeVerdict {
                        family: family.doc_name(),
                        codes,
                        billed,
                        valid_from,
                        valid_until,
                    });
                }
            }
        }
    }
    out
}

fn code_verdicts<T: BillingTable>() -> Relation {
    let rows = code_verdict_rows::<T>()
        .into_iter()
        .map(|v| {
            let (from, to, name) = match v.codes {
                CodePattern::Range(a, b) => (Value::Int(a), Value::Int(b), Value::Null),
                CodePattern::Name(n) => (Value::Null, Value::Null, Value::Text(n.to_owned())),
            };
            vec![
                Value::Text(v.family.to_owned()),
                from,
                to,
                name,
                Value::Text(if v.billed { "billed" } else { "not_billed" }.to_owned()),
                v.valid_from.map_or(Value::Null, Value::Date),
                v.valid_until.map_or(Value::Null, Value::Date),
            ]
        })
        .collect();
    Relation {
        name: "code_verdicts",
        about:
            "Result codes per code family: numeric codes code_from..=code_to or the named code\n\
                code_name, billed or not for calls on valid_from <= day < valid_until (China\n\
                Standard Time; NULL: unbounded). A code without a row is unknown to the family."
                .to_owned(),
        columns: &[
            ("code_family", Ty::Text, false),
            ("code_from", Ty::Int, true),
            ("code_to", Ty::Int, true),
            ("code_name", Ty::Text, true),
            ("verdict", Ty::Text, false),
            ("valid_from", Ty::Date, true),
            ("valid_until", Ty::Date, true),
        ],
        key: None,
        rows,
    }
}

/// SQL building blocks that differ by dialect.
struct Sql(Dialect);

impl Sql {
    fn ident(&self, name: &str) -> String {
        match self.0 {
            Dialect::Spark => format!("`{name}`"),
            _ => format!("\"{name}\""),
        }
    }

    fn substr(&self, x: &str, from: &str, len: &str) -> String {
        match self.0 {
            Dialect::Ansi => format!("SUBSTRING({x} FROM {from} FOR {len})"),
            _ => format!("substr({x}, {from}, {len})"),
        }
    }

    fn length(&self, x: &str) -> String {
        match self.0 {
            Dialect::Ansi => format!("CHAR_LENGTH({x})"),
            _ => format!("length({x})"),
        }
    }

    fn modulo(&self, a: &str, b: u32) -> String {
        match self.0 {
            Dialect::Ansi => format!("MOD({a}, {b})"),
            _ => format!("{a} % {b}"),
        }
    }

    fn int(&self, x: &str) -> String {
        format!("CAST({x} AS INTEGER)")
    }

    fn text(&self, x: &str) -> String {
        format!("CAST({x} AS {})", text_type(self.0))
    }

    /// `x` without leading and trailing white space (every `char::is_whitespace`).
    fn trim(&self, x: &str) -> String {
        let ws = literal(self.0, &white_space());
        match self.0 {
            // DuckDB's `trim` with a set of characters costs about 0.4 µs a value (4 s for
            // 10M calls, two columns of them): values are trimmed only when they start or
            // end with white space, which almost none do.
            Dialect::Duckdb => format!(
                "CASE WHEN position(left({x}, 1) IN {ws}) = 0 AND position(right({x}, 1) IN {ws}) = 0 \
                 THEN {x} ELSE trim({x}, {ws}) END"
            ),
            Dialect::Sqlite => format!("trim({x}, {ws})"),
            Dialect::Ansi | Dialect::Spark => format!("TRIM(BOTH {ws} FROM {x})"),
        }
    }

    /// Whether `t` has the shape of an RFC 3339 timestamp as the call log reader reads it:
    /// `YYYY-MM-DD`, `T`, `t` or a space, `HH:MM:SS`, an optional fraction, an optional
    /// `Z`, `z` or `±hh:mm`.
    fn timestamp_shape(&self, t: &str) -> String {
        const REGEX: &str = "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?";
        match self.0 {
            Dialect::Duckdb => format!("regexp_full_match({t}, '{REGEX}')"),
            Dialect::Spark => format!("{t} RLIKE '^{REGEX}$'"),
            Dialect::Ansi => format!("{t} SIMILAR TO '{REGEX}'"),
            Dialect::Sqlite => {
                let tail = format!("substr({t}, 20)");
                let fraction = |e: &str| {
                    format!(
                        "({e} = '' OR ({e} GLOB '.[0-9]*' AND substr({e}, 2) NOT GLOB '*[^0-9]*'))"
                    )
                };
                format!(
                    "({t} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][Tt ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*' AND ({} OR ({tail} GLOB '*[Zz]' AND {}) OR ({tail} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' AND {})))",
                    fraction(&tail),
                    fraction(&format!("substr({tail}, 1, length({tail}) - 1)")),
                    fraction(&format!("substr({tail}, 1, length({tail}) - 6)")),
                )
            }
        }
    }

    /// Whether the code `c` is numeric as [`crate::table::Code::parse`] reads it: an
    /// optional `-` and 1 to 18 digits.
    fn int_code(&self, c: &str) -> String {
        match self.0 {
            Dialect::Duckdb => format!("regexp_full_match({c}, '-?[0-9]{{1,18}}')"),
            Dialect::Spark => format!("{c} RLIKE '^-?[0-9]{{1,18}}$'"),
            Dialect::Ansi => format!("{c} SIMILAR TO '-?[0-9]{{1,18}}'"),
            Dialect::Sqlite => format!(
                "((({c} GLOB '[0-9]*' AND length({c}) <= 18) OR ({c} GLOB '-[0-9]*' AND length({c}) <= 19)) AND substr({c}, 2) NOT GLOB '*[^0-9]*')"
            ),
        }
    }

    /// The day `YYYY-MM-DD` (text) plus `shift` days, as a date.
    fn add_days(&self, date_text: &str, shift: &str) -> String {
        match self.0 {
            Dialect::Sqlite => format!("date({date_text}, CAST({shift} AS TEXT) || ' days')"),
            Dialect::Duckdb => format!("CAST({date_text} AS DATE) + {shift}"),
            Dialect::Spark => format!("date_add(CAST({date_text} AS DATE), {shift})"),
            Dialect::Ansi => {
                format!("CAST(CAST({date_text} AS DATE) + ({shift}) * INTERVAL '1' DAY AS DATE)")
            }
        }
    }
}

/// The common table expressions that read `calls` into `keyed`: calls counted per account,
/// day (China Standard Time; NULL when the time cannot be read, and then `bad_time` holds
/// it), names as written and in comparison form, and code (numeric codes canonical, with
/// their number `code_int`). Everything costly after the day is computed on these groups,
/// not on single calls.
fn keyed_ctes(d: Dialect) -> String {
    let s = Sql(d);
    // SQLite inlines a common table expression into each use of its columns; these are
    // used many times (or joined), so they are computed once.
    let once = if d == Dialect::Sqlite {
        "MATERIALIZED "
    } else {
        ""
    };
    let time = s.ident("time");
    let len = s.length("t");
    let sub = |from: &str, n: &str| s.substr("t", from, n);
    let at_end = |back: u32, n: &str| s.substr("t", &format!("{len} - {back}"), n);
    let guarded =
        |from: &str, n: &str| format!("CASE WHEN shaped = 1 THEN {} END", s.int(&sub(from, n)));
    let days_in_month = format!(
        "CASE WHEN mo = 2 THEN CASE WHEN {} = 0 AND ({} <> 0 OR {} = 0) THEN 29 ELSE 28 END \
         WHEN mo IN (4, 6, 9, 11) THEN 30 ELSE 31 END",
        s.modulo("yy", 4),
        s.modulo("yy", 100),
        s.modulo("yy", 400)
    );
    // Minutes past midnight in China Standard Time, before wrapping into a day.
    let cst_minutes = "(hh * 60 + mi - (CASE WHEN zoned = 1 THEN zsign * (oh * 60 + om) \
                       WHEN zulu = 1 THEN 0 ELSE 480 END) + 480)";
    let shift = format!(
        "CASE WHEN {cst_minutes} < 0 THEN -1 WHEN {cst_minutes} >= 2880 THEN 2 \
         WHEN {cst_minutes} >= 1440 THEN 1 ELSE 0 END"
    );
    // Folding is costly (a long `translate`, or ~145 nested `replace`s), and a log has few
    // spellings: each distinct spelling of a channel or source is folded once, and the
    // groups joined to their folded forms.
    let stages = fold_stages(d);
    let mut folds = String::from(
        "spellings AS (
  SELECT channel_raw AS raw FROM log_groups
  UNION
  SELECT source_raw AS raw FROM log_groups
),
",
    );
    let (mut from, mut key) = ("spellings".to_owned(), "raw".to_owned());
    for (i, stage) in stages.iter().enumerate() {
        let name = format!("spelling_fold_{}", i + 1);
        let _ = write!(
            folds,
            "{name} AS {once}(
  SELECT raw, {} AS key_{n}
  FROM {from}
),
",
            stage.replace(HOLE, &key),
            n = i + 1,
        );
        key = format!("key_{}", i + 1);
        from = name;
    }
    let int_code = s.int_code("code_raw");
    format!(
        "log_raw AS (
  SELECT
    COALESCE({account}, '') AS account,
    {t} AS t,
    COALESCE({channel_col}, '') AS channel_raw,
    COALESCE({source_col}, '') AS source_raw,
    {code} AS code_raw
  FROM calls
),
log_shape AS {once}(
  SELECT log_raw.*,
    CASE WHEN {shape} THEN 1 ELSE 0 END AS shaped
  FROM log_raw
),
log_zone AS (
  SELECT log_shape.*,
    CASE WHEN shaped = 1 AND {len} >= 25 AND {sign} IN ('+', '-') THEN 1 ELSE 0 END AS zoned,
    CASE WHEN {sign} = '-' THEN -1 ELSE 1 END AS zsign,
    CASE WHEN {last} IN ('Z', 'z') THEN 1 ELSE 0 END AS zulu
  FROM log_shape
),
log_fields AS {once}(
  SELECT log_zone.*,
    {yy} AS yy, {mo} AS mo, {dd} AS dd, {hh} AS hh, {mi} AS mi, {ss} AS ss,
    CASE WHEN zoned = 1 THEN {oh} ELSE 0 END AS oh,
    CASE WHEN zoned = 1 THEN {om} ELSE 0 END AS om
  FROM log_zone
),
log_dated AS (
  SELECT account, channel_raw, source_raw, code_raw,
    CASE WHEN yy BETWEEN 1000 AND 9998 AND mo BETWEEN 1 AND 12 AND dd >= 1
           AND dd <= ({days_in_month})
           AND hh <= 23 AND mi <= 59 AND ss <= 59 AND oh <= 23 AND om <= 59
      THEN {day}
    END AS day_value,
    t
  FROM log_fields
),
log_unread AS (
  SELECT account, channel_raw, source_raw, code_raw, day_value,
    CASE WHEN day_value IS NOT NULL THEN ''
         WHEN {len} = 10 THEN t || ' (no time of day)'
         ELSE t END AS bad_time
  FROM log_dated
),
log_groups AS (
  SELECT account, day_value, bad_time, channel_raw, source_raw, code_raw, COUNT(*) AS calls
  FROM log_unread
  GROUP BY account, day_value, bad_time, channel_raw, source_raw, code_raw
),
{folds}keyed AS {once}(
  SELECT g.account, g.day_value, g.bad_time, g.channel_raw, g.source_raw,
    cf.{key} AS channel_key,
    sf.{key} AS source_key,
    CASE WHEN {int_code} THEN {code_text} ELSE g.code_raw END AS code,
    CASE WHEN {int_code} THEN CAST(g.code_raw AS BIGINT) END AS code_int,
    g.calls
  FROM log_groups g
  JOIN {from} cf ON cf.raw = g.channel_raw
  JOIN {from} sf ON sf.raw = g.source_raw
)",
        account = s.text("account"),
        t = s.trim(&format!("COALESCE({}, '')", s.text(&time))),
        channel_col = s.text("channel"),
        source_col = s.text("source"),
        code = s.trim(&format!("COALESCE({}, '')", s.text("code"))),
        shape = s.timestamp_shape("t"),
        sign = at_end(5, "1"),
        last = s.substr("t", &len, "1"),
        yy = guarded("1", "4"),
        mo = guarded("6", "2"),
        dd = guarded("9", "2"),
        hh = guarded("12", "2"),
        mi = guarded("15", "2"),
        ss = guarded("18", "2"),
        oh = s.int(&at_end(4, "2")),
        om = s.int(&at_end(1, "2")),
        day = s.add_days(&sub("1", "10"), &shift),
        code_text = s.text("CAST(code_raw AS BIGINT)"),
    )
}

fn usage_query(d: Dialect) -> String {
    let s = Sql(d);
    let day = s.ident("day");
    format!(
        "WITH {ctes}
SELECT account, {day}, channel, source, code, CAST(SUM(calls) AS BIGINT) AS calls
FROM (
  SELECT k.account,
    CASE WHEN k.day_value IS NULL THEN k.bad_time ELSE {day_text} END AS {day},
    COALESCE(cn.channel, k.channel_raw) AS channel,
    CASE WHEN k.source_key = '' THEN COALESCE(c.only_source, '')
         ELSE COALESCE(sn.source, k.source_raw) END AS source,
    k.code, k.calls
  FROM keyed k
  LEFT JOIN channel_names cn ON cn.name_key = k.channel_key
  LEFT JOIN channels c ON c.channel = cn.channel
  LEFT JOIN source_names sn ON sn.name_key = k.source_key
) u
GROUP BY account, {day}, channel, source, code
ORDER BY account, {day}, channel, source, code",
        ctes = keyed_ctes(d),
        day_text = s.text("k.day_value"),
    )
}

fn billed_query(d: Dialect) -> String {
    let s = Sql(d);
    let day = s.ident("day");
    format!(
        "WITH {ctes},
rated AS (
  SELECT k.account, k.day_value, k.code, k.code_int, k.calls, m.postpaid, m.prepaid,
    m.code_family
  FROM keyed k
  LEFT JOIN label_map m ON m.channel_key = k.channel_key AND m.source_key = k.source_key
)
SELECT account, {day}, postpaid, prepaid, verdict, CAST(SUM(calls) AS BIGINT) AS calls
FROM (
  SELECT r.account, {day_text} AS {day}, r.postpaid, r.prepaid,
    CASE WHEN r.postpaid IS NULL OR r.day_value IS NULL THEN 'unrated'
         ELSE COALESCE(v.verdict, 'unknown') END AS verdict,
    r.calls
  FROM rated r
  LEFT JOIN code_verdicts v
    ON v.code_family = r.code_family
   AND r.day_value IS NOT NULL
   AND (v.code_name = r.code
        OR (r.code_int IS NOT NULL AND r.code_int BETWEEN v.code_from AND v.code_to))
   AND (v.valid_from IS NULL OR r.day_value >= v.valid_from)
   AND (v.valid_until IS NULL OR r.day_value < v.valid_until)
) b
GROUP BY account, {day}, postpaid, prepaid, verdict
ORDER BY account, {day}, postpaid, prepaid, verdict",
        ctes = keyed_ctes(d),
        day_text = s.text("r.day_value"),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use proptest::prelude::*;
    use rusqlite::Connection;

    use super::*;
    use crate::calendar::parse_timestamp_and_day;
    use crate::engine::{bill_account, rate, ContractPrices, Usage};
    use crate::input::UsageReader;
    use crate::table::{Code, Verdict};
    use crate::{daily, legacy, monthly};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A call as a log writes it: time, account, channel, source, code.
    #[derive(Clone, Debug)]
    struct Call {
        time: String,
        account: String,
        channel: Option<String>,
        source: Option<String>,
        code: String,
    }

    fn call(time: &str, account: &str, channel: &str, source: Option<&str>, code: &str) -> Call {
        Call {
            time: time.to_owned(),
            account: account.to_owned(),
            channel: Some(channel.to_owned()),
            source: source.map(str::to_owned),
            code: code.to_owned(),
        }
    }

    /// An in-memory database with the relations of `T` and a table `calls`.
    fn database<T: crate::edition::EditionTable>(calls: &[Call]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for statement in &script::<T>(Dialect::Sqlite).setup {
            conn.execute_batch(&statement.sql)
                .unwrap_or_else(|e| panic!("{e}\n{}", statement.sql));
        }
        load_calls(&conn, calls);
        conn
    }

    fn load_calls(conn: &Connection, calls: &[Call]) {
        conn.execute_batch(
            "DROP TABLE IF EXISTS calls;
             CREATE TABLE calls (time TEXT, account TEXT, channel TEXT, source TEXT, code TEXT)",
        )
        .unwrap();
        let mut insert = conn
            .prepare("INSERT INTO calls (time, account, channel, source, code) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for c in calls {
            insert
                .execute((&c.time, &c.account, &c.channel, &c.source, &c.code))
                .unwrap();
        }
    }

    /// The rows of a query, every column as text (NULL as `None`).
    fn rows(conn: &Connection, sql: &str) -> Vec<Vec<Option<String>>> {
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..n)
                    .map(|i| {
                        Ok(match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => None,
                            rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                            rusqlite::types::ValueRef::Text(t) => {
                                Some(String::from_utf8(t.to_vec()).unwrap())
                            }
                            other => panic!("unexpected value {other:?}"),
                        })
                    })
                    .collect::<Result<Vec<_>, rusqlite::Error>>()
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    }

    /// The usage query's rows as a usage file.
    fn usage_csv<T: crate::edition::EditionTable>(conn: &Connection) -> String {
        let query = script::<T>(Dialect::Sqlite).usage_query.sql;
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(["account", "day", "channel", "source", "code", "calls"])
            .unwrap();
        for row in rows(conn, &query) {
            out.write_record(row.iter().map(|v| v.as_deref().expect("no NULL in usage")))
                .unwrap();
        }
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    }

    /// Rejected calls by field, `time` errors counted as `day` (the usage file's field).
    type Rejected = BTreeMap<&'static str, u64>;

    /// Bills a log directly: each call read, rated and counted.
    fn direct<T: crate::edition::EditionTable>(calls: &[Call]) -> (Usage<T>, Rejected) {
        let mut usage = Usage::new();
        let mut rejected = Rejected::new();
        for c in calls {
            let day = match parse_timestamp_and_day(&c.time) {
                Ok((_, day)) => day,
                Err(_) => {
                    *rejected.entry("day").or_default() += 1;
                    continue;
                }
            };
            let channel = c.channel.as_deref().unwrap_or("");
            if channel.trim().is_empty() {
                *rejected.entry("channel").or_default() += 1;
                continue;
            }
            // The call log reader rejects an empty code, as the usage reader does.
            if c.code.trim().is_empty() {
                *rejected.entry("code").or_default() += 1;
                continue;
            }
            if let Err(e) = usage.add_call(
                &c.account,
                day,
                channel,
                c.source.as_deref(),
                &c.code,
                false,
            ) {
                *rejected.entry(e.field().unwrap_or("?")).or_default() += 1;
            }
        }
        (usage, rejected)
    }

    /// Reads a usage file row by row, as `bill --usage` does, keeping the rejected calls.
    fn from_usage<T: crate::edition::EditionTable>(text: &str) -> (Usage<T>, Rejected) {
        let mut usage = Usage::new();
        let mut rejected = Rejected::new();
        for record in UsageReader::new("usage.csv", text.as_bytes()).unwrap() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    // A row the reader rejects (an empty day or channel): its calls are
                    // the last field.
                    let raw = e.raw_text();
                    let calls: u64 = raw.rsplit(',').next().unwrap().parse().unwrap();
                    *rejected.entry(e.field.unwrap_or("?")).or_default() += calls;
                    continue;
                }
            };
            if let Err(e) = crate::pipeline::add_usage_record(&mut usage, &record, false) {
                *rejected.entry(e.field.unwrap_or("?")).or_default() += record.calls;
            }
        }
        (usage, rejected)
    }

    fn statements<T: crate::edition::EditionTable>(
        usage: &Usage<T>,
    ) -> Vec<crate::engine::AccountStatement> {
        usage
            .accounts()
            .map(|(account, u)| {
                bill_account(account, u, &[], &ContractPrices::new(), None).unwrap()
            })
            .collect()
    }

    /// `name` as a careless log writes it: ASCII in full-width forms, spaces in the middle and
    /// around, letters in other case.
    fn messy(name: &str, variant: usize) -> String {
        match variant % 4 {
            0 => name
                .chars()
                .map(|c| {
                    if c.is_ascii_graphic() {
                        char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                    } else if c == ' ' {
                        '\u{3000}'
                    } else {
                        c
                    }
                })
                .collect(),
            1 => format!(" {} ", name.to_ascii_uppercase().replace(' ', "\t")),
            2 => {
                let mut chars: Vec<char> = name.chars().collect();
                chars.insert(chars.len() / 2, ' ');
                chars.into_iter().collect::<String>().to_ascii_lowercase()
            }
            _ => name.replace('(', "（").replace(')', "）"),
        }
    }

    /// Every spelling a log may use for a channel, including ambiguous API actions.
    fn channel_spellings<T: crate::edition::EditionTable>(c: T::Channel) -> Vec<String> {
        let mut names: Vec<String> = [c.doc_name(), c.ident()]
            .into_iter()
            .chain(c.aliases().iter().copied())
            .chain(T::channel_actions(c).iter().copied())
            .map(str::to_owned)
            .collect();
        for v in 0..4 {
            names.push(messy(c.doc_name(), v));
        }
        names.push(messy(c.ident(), 1));
        names
    }

    fn source_spellings<T: crate::edition::EditionTable>(c: T::Channel) -> Vec<Option<String>> {
        let mut out = vec![None, Some(String::new()), Some(" ".to_owned())];
        for &s in T::Source::ALL {
            out.push(Some(s.doc_name().to_owned()));
            out.push(Some(messy(s.doc_name(), 0)));
            out.extend(s.aliases().iter().map(|a| Some(messy(a, 1))));
        }
        // Sources a channel without compare source must not be given.
        if T::channel_sources(c).is_empty() {
            out.truncate(4);
        }
        out
    }

    /// Codes of a family as logs carry them: listed ones, padded, with leading zeros, and
    /// unknown ones.
    fn codes_of<T: crate::edition::EditionTable>(family: T::CodeFamily) -> Vec<String> {
        let mut out = vec!["99999".to_owned(), "Unlisted.Code".to_owned()];
        for rule in T::code_rules(family) {
            for &p in rule.codes {
                match p {
                    CodePattern::Range(lo, hi) => {
                        out.push(lo.to_string());
                        out.push(format!(" {hi} "));
                        if lo >= 0 {
                            out.push(format!("00{lo}"));
                        }
                    }
                    CodePattern::Name(n) => out.push(n.to_owned()),
                }
            }
        }
        out
    }

    /// A deterministic pseudo-random sequence (a linear congruential generator).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as usize
        }

        fn pick<'a, X>(&mut self, items: &'a [X]) -> &'a X {
            &items[self.next(items.len())]
        }
    }

    /// Times on days around 2021-07-19 (a dated code change) and in October 2026, written
    /// with every offset form, near midnight in China Standard Time and elsewhere.
    fn times(rng: &mut Lcg, n: usize) -> Vec<String> {
        let days = [
            "2021-07-17",
            "2021-07-18",
            "2021-07-19",
            "2021-07-20",
            "2026-09-30",
            "2026-10-01",
            "2026-10-15",
            "2026-10-31",
            "2026-11-01",
        ];
        let clocks = [
            "00:00:00", "07:59:59", "08:00:00", "15:59:59", "16:00:00", "23:59:59",
        ];
        let zones = [
            "", "+08:00", "Z", "z", "-05:00", "+14:00", "+00:00", "-11:30",
        ];
        let seps = ["T", "t", " "];
        let fractions = ["", ".5", ".123456789123"];
        (0..n)
            .map(|_| {
                format!(
                    "{}{}{}{}{}",
                    rng.pick(&days),
                    rng.pick(&seps),
                    rng.pick(&clocks),
                    rng.pick(&fractions),
                    rng.pick(&zones)
                )
            })
            .collect()
    }

    /// A call log over every channel of `T` and the ways a log names channels, sources and
    /// codes; with `bad`, also calls that cannot be billed.
    fn call_log<T: crate::edition::EditionTable>(seed: u64, n: usize, bad: bool) -> Vec<Call> {
        let mut rng = Lcg(seed);
        let accounts = ["1250000000", "1250000001", "1300000042"];
        let mut calls = Vec::new();
        let when = times(&mut rng, n);
        for (i, time) in when.into_iter().enumerate() {
            let c = T::Channel::ALL[i % T::Channel::ALL.len()];
            let channel = rng.pick(&channel_spellings::<T>(c)).clone();
            let source = rng.pick(&source_spellings::<T>(c)).clone();
            let code = rng.pick(&codes_of::<T>(T::code_family(c))).clone();
            let account = rng.pick(&accounts).to_string();
            calls.push(Call {
                time,
                account,
                channel: Some(channel),
                source,
                code,
            });
        }
        if !bad {
            calls.retain(|c| {
                let day = parse_timestamp_and_day(&c.time).unwrap().1;
                rate::<T>(
                    c.channel.as_deref().unwrap(),
                    c.source.as_deref(),
                    &c.code,
                    day,
                )
                .is_ok()
            });
            return calls;
        }
        let first = T::Channel::ALL[0];
        calls.extend([
            call(
                "2026-10-01T09:00:00",
                "1250000000",
                "微信小成序",
                Some("权威库"),
                "0",
            ),
            call(
                "2026-10-01T09:00:00",
                "1250000000",
                "微信小成序",
                Some("权威库"),
                "0",
            ),
            call("2026-10-01T09:00:00", "1250000001", "", None, "0"),
            call(
                "2026-10-32T09:00:00",
                "1250000001",
                first.doc_name(),
                None,
                "0",
            ),
            call(
                "2026-10-01T24:00:00",
                "1250000001",
                first.doc_name(),
                None,
                "0",
            ),
            call(" 2026-10-01 ", "1250000001", first.doc_name(), None, "0"),
            call(
                "2026-10-01 09:00",
                "1250000001",
                first.doc_name(),
                None,
                "0",
            ),
            call(
                "2026-10-01T09:00:00",
                "1250000001",
                first.doc_name(),
                Some("公安库"),
                "0",
            ),
            call(
                "2026-10-01T09:00:00",
                "1250000001",
                first.doc_name(),
                None,
                "",
            ),
            Call {
                channel: None,
                ..call("2026-10-02T09:00:00", "1250000001", "", None, "0")
            },
        ]);
        calls
    }

    fn bills_a_clean_log_identically<T: crate::edition::EditionTable>() {
        let calls = call_log::<T>(7, 4000, false);
        assert!(calls.len() > 1000, "{}", calls.len());
        let conn = database::<T>(&calls);
        let text = usage_csv::<T>(&conn);
        let from_sql = crate::pipeline::read_usage::<T, _>("usage.csv", text.as_bytes(), false)
            .unwrap_or_else(|e| panic!("{e}"));
        let (direct, rejected) = direct::<T>(&calls);
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(from_sql, direct);
        let statements = statements(&direct);
        assert_eq!(statements, self::statements(&from_sql));
        assert_eq!(statements.len(), 3);
        // The query merges what the log spells differently: every channel and source is
        // written by its doc name, and codes canonical.
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut lines = 0;
        for record in reader.records() {
            let record = record.unwrap();
            lines += 1;
            assert!(
                T::Channel::ALL.iter().any(|c| c.doc_name() == &record[2]),
                "{record:?}"
            );
            assert!(
                record[3].is_empty() || T::Source::ALL.iter().any(|s| s.doc_name() == &record[3]),
                "{record:?}"
            );
            assert_eq!(&record[4], record[4].trim());
            assert!(!record[4].starts_with("00"), "{record:?}");
        }
        assert!(
            lines < calls.len(),
            "{lines} rows for {} calls",
            calls.len()
        );
    }

    #[test]
    fn usage_from_sql_bills_like_the_log_legacy() {
        bills_a_clean_log_identically::<legacy::Table>();
    }

    #[test]
    fn usage_from_sql_bills_like_the_log_monthly() {
        bills_a_clean_log_identically::<monthly::Table>();
    }

    #[test]
    fn usage_from_sql_bills_like_the_log_daily() {
        bills_a_clean_log_identically::<daily::Table>();
    }

    fn reports_what_cannot_be_billed<T: crate::edition::EditionTable>() {
        let calls = call_log::<T>(11, 3000, true);
        let conn = database::<T>(&calls);
        let text = usage_csv::<T>(&conn);
        let (direct, direct_rejected) = direct::<T>(&calls);
        let (from_sql, sql_rejected) = from_usage::<T>(&text);
        assert_eq!(from_sql, direct);
        assert_eq!(sql_rejected, direct_rejected);
        assert!(direct_rejected["channel"] >= 3, "{direct_rejected:?}");
        assert!(direct_rejected["source"] >= 1, "{direct_rejected:?}");
        assert_eq!(direct_rejected["day"], 4, "{direct_rejected:?}");
        assert_eq!(direct_rejected["code"], 1, "{direct_rejected:?}");
        // The unknown channel keeps its name, with both calls.
        assert!(
            text.contains("1250000000,2026-10-01,微信小成序,跟权威库比对,0,2\n"),
            "{text}"
        );
        // A time the query cannot read keeps its text, so the reader names it; a day
        // without time is marked, since a usage file may give a day alone.
        assert!(text.contains("2026-10-32T09:00:00"), "{text}");
        assert!(text.contains(",2026-10-01 (no time of day),"), "{text}");
        let err = crate::pipeline::read_usage::<T, _>("usage.csv", text.as_bytes(), false)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("usage.csv:"), "{err}");
        assert_eq!(statements(&from_sql), statements(&direct));
    }

    #[test]
    fn unbillable_calls_are_kept_and_reported_legacy() {
        reports_what_cannot_be_billed::<legacy::Table>();
    }

    #[test]
    fn unbillable_calls_are_kept_and_reported_monthly() {
        reports_what_cannot_be_billed::<monthly::Table>();
    }

    #[test]
    fn unbillable_calls_are_kept_and_reported_daily() {
        reports_what_cannot_be_billed::<daily::Table>();
    }

    /// Every channel spelling with every source spelling, one account each: the mapping
    /// resolves in SQL exactly what [`rate`] rates, to the same labels.
    fn mapping_agrees_with_rate<T: crate::edition::EditionTable>() {
        let mut calls = Vec::new();
        let mut expected = BTreeMap::new();
        let on = day(2026, 10, 1);
        for &c in T::Channel::ALL {
            for channel in channel_spellings::<T>(c)
                .into_iter()
                .chain(["微信小成序".to_owned()])
            {
                let mut sources = source_spellings::<T>(c);
                sources.push(Some("公安库".to_owned()));
                for &s in T::Source::ALL {
                    sources.push(Some(s.doc_name().to_owned()));
                }
                for source in sources {
                    let account = calls.len().to_string();
                    let rated = rate::<T>(&channel, source.as_deref(), "0", on).ok();
                    expected.insert(
                        account.clone(),
                        rated.map(|r| {
                            (
                                r.labels.postpaid.doc_name().to_owned(),
                                r.labels.prepaid.doc_name().to_owned(),
                                r.channel,
                                r.source,
                            )
                        }),
                    );
                    calls.push(Call {
                        time: "2026-10-01T10:00:00+08:00".to_owned(),
                        account,
                        channel: Some(channel.clone()),
                        source,
                        code: "0".to_owned(),
                    });
                }
            }
        }
        let conn = database::<T>(&calls);
        let billed = rows(&conn, &script::<T>(Dialect::Sqlite).billed_query.sql);
        assert_eq!(billed.len(), calls.len());
        let mut unrated = 0;
        for row in &billed {
            let account = row[0].clone().unwrap();
            let want = &expected[&account];
            match want {
                None => {
                    unrated += 1;
                    assert_eq!(
                        row[4].as_deref(),
                        Some("unrated"),
                        "{:?}",
                        calls[account.parse::<usize>().unwrap()]
                    );
                }
                Some((postpaid, prepaid, _, _)) => {
                    assert_eq!(row[2].as_deref(), Some(postpaid.as_str()), "{account}");
                    assert_eq!(row[3].as_deref(), Some(prepaid.as_str()), "{account}");
                    assert_ne!(row[4].as_deref(), Some("unrated"));
                }
            }
        }
        assert!(unrated > 0 && unrated < calls.len(), "{unrated}");
        // The usage rows name the same channel and source as the rating.
        let (usage, _) = from_usage::<T>(&usage_csv::<T>(&conn));
        for (account, u) in usage.accounts() {
            let rows: Vec<_> = u.rows().collect();
            assert_eq!(rows.len(), 1);
            let (_, _, channel, source) = expected[account].as_ref().expect("rated");
            assert_eq!((rows[0].channel, rows[0].source), (*channel, *source));
        }
        let rated = expected.values().filter(|v| v.is_some()).count();
        assert_eq!(usage.accounts().count(), rated);
    }

    #[test]
    fn mapping_agrees_with_rate_legacy() {
        mapping_agrees_with_rate::<legacy::Table>();
    }

    #[test]
    fn mapping_agrees_with_rate_monthly() {
        mapping_agrees_with_rate::<monthly::Table>();
    }

    #[test]
    fn mapping_agrees_with_rate_daily() {
        mapping_agrees_with_rate::<daily::Table>();
    }

    /// Every listed code (range ends and middles, one past them), named codes and unknown
    /// ones, on days around each dated change: the billed query's verdict is
    /// [`BillingTable::code_status`]'s.
    fn verdicts_agree_with_code_status<T: crate::edition::EditionTable>() {
        let mut calls = Vec::new();
        let mut expected = Vec::new();
        for &family in T::CodeFamily::ALL {
            let Some(&(channel, source)) = T::Channel::ALL
                .iter()
                .filter(|&&c| T::code_family(c) == family)
                .flat_map(|&c| {
                    let sources: Vec<Option<T::Source>> = match T::channel_sources(c) {
                        [] => vec![None],
                        s => s.iter().copied().map(Some).collect(),
                    };
                    sources
                        .into_iter()
                        .filter(move |&s| T::labels_on(c, s, newest::<T>().date()).is_some())
                        .map(move |s| (c, s))
                })
                .collect::<Vec<_>>()
                .first()
            else {
                continue;
            };
            let mut days = vec![day(2020, 1, 1), day(2030, 1, 1)];
            let mut codes = vec!["Unlisted".to_owned(), "123456789".to_owned()];
            for rule in T::code_rules(family) {
                for change in rule.changes {
                    days.extend([change.from, change.from.pred_opt().unwrap()]);
                }
                for &p in rule.codes {
                    match p {
                        CodePattern::Range(lo, hi) => {
                            for n in [lo - 1, lo, lo + (hi - lo) / 2, hi, hi + 1] {
                                codes.push(n.to_string());
                            }
                        }
                        CodePattern::Name(n) => codes.push(n.to_owned()),
                    }
                }
            }
            for &on in &days {
                for code in &codes {
                    let status = T::code_status(family, Code::parse(code), on);
                    expected.push(match status.verdict {
                        Verdict::Billed => "billed",
                        Verdict::NotBilled => "not_billed",
                        Verdict::Unknown => "unknown",
                    });
                    calls.push(Call {
                        time: format!("{on}T12:00:00"),
                        account: format!("{:06}", calls.len()),
                        channel: Some(channel.doc_name().to_owned()),
                        source: source.map(|s| s.doc_name().to_owned()),
                        code: code.clone(),
                    });
                }
            }
        }
        let conn = database::<T>(&calls);
        let billed = rows(&conn, &script::<T>(Dialect::Sqlite).billed_query.sql);
        assert_eq!(billed.len(), calls.len());
        for (row, want) in billed.iter().zip(&expected) {
            let i: usize = row[0].as_deref().unwrap().parse().unwrap();
            assert_eq!(row[4].as_deref(), Some(*want), "{:?}", calls[i]);
        }
        for verdict in ["billed", "not_billed", "unknown"] {
            assert!(expected.contains(&verdict), "{verdict}");
        }
    }

    #[test]
    fn code_verdicts_agree_with_code_status_legacy() {
        verdicts_agree_with_code_status::<legacy::Table>();
    }

    #[test]
    fn code_verdicts_agree_with_code_status_monthly() {
        verdicts_agree_with_code_status::<monthly::Table>();
    }

    #[test]
    fn code_verdicts_agree_with_code_status_daily() {
        verdicts_agree_with_code_status::<daily::Table>();
    }

    #[test]
    fn ambiguous_actions_are_left_out_of_the_names() {
        let script = sql::<legacy::Table>(Dialect::Sqlite);
        assert!(
            script.contains("Left out, as it names several: detectauth ("),
            "{script}"
        );
        let (one, several) = spellings::<<legacy::Table as BillingTable>::Channel>(
            <legacy::Table as BillingTable>::channel_actions,
        );
        assert!(several.contains_key("detectauth"));
        assert!(!one.contains_key("detectauth"));
        for (key, channel) in &one {
            assert_eq!(
                <legacy::Table as BillingTable>::Channel::lookup(key).as_ref(),
                Ok(channel),
                "{key}"
            );
        }
        assert_eq!(
            one.get("livenesscompare").map(|c| c.doc_name()),
            Some("活体人脸比对 API")
        );
        assert_eq!(one.get("e证通").map(|c| c.doc_name()), Some("E证通"));
    }

    #[test]
    fn overlapping_rules_give_disjoint_rows() {
        assert_eq!(subtract(1, 10, &[]), vec![(1, 10)]);
        assert_eq!(subtract(1, 10, &[(3, 4), (8, 20)]), vec![(1, 2), (5, 7)]);
        assert_eq!(subtract(1, 10, &[(0, 10)]), vec![]);
        assert_eq!(subtract(5, 5, &[(6, 9), (1, 4)]), vec![(5, 5)]);
        // Within one family no code and day is in two rows.
        for rows in [
            code_verdict_rows::<legacy::Table>(),
            code_verdict_rows::<monthly::Table>(),
            code_verdict_rows::<daily::Table>(),
        ] {
            for (i, a) in rows.iter().enumerate() {
                for b in &rows[i + 1..] {
                    let codes = match (a.codes, b.codes) {
                        (CodePattern::Range(a0, a1), CodePattern::Range(b0, b1)) => {
                            a0 <= b1 && b0 <= a1
                        }
                        (x, y) => x == y,
                    };
                    let days = a
                        .valid_from
                        .is_none_or(|f| b.valid_until.is_none_or(|u| f < u))
                        && b.valid_from
                            .is_none_or(|f| a.valid_until.is_none_or(|u| f < u));
                    assert!(a.family != b.family || !codes || !days, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn fold_table_is_fold_char() {
        let table = fold_table();
        for &(c, folded) in table {
            assert_eq!(fold_char(c), folded);
            if let Some(f) = folded {
                assert_eq!(fold_char(f), Some(f), "{c:?} folds to a fixed point");
            }
        }
        assert!(table.contains(&('（', Some('('))));
        assert!(table.contains(&('Ａ', Some('a'))));
        assert!(table.contains(&('A', Some('a'))));
        assert!(table.contains(&('\u{3000}', None)));
        assert!(table.contains(&('\t', None)));
        // 26 ASCII capitals, 94 full-width forms, the white space.
        let ws = table.iter().filter(|(_, f)| f.is_none()).count();
        assert_eq!(table.len(), 26 + 94 + ws);
    }

    fn sqlite_value(conn: &Connection, expr: &str, arg: &str) -> Option<String> {
        conn.query_row(&format!("SELECT {expr}"), [arg], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}\n{expr}"))
    }

    #[test]
    fn literals_keep_every_character() {
        let conn = Connection::open_in_memory().unwrap();
        for s in [
            "",
            "it's",
            "tab\there",
            "\u{3000}全角\u{85}\r\n",
            "\\ back ' slash",
            "😀 E证通",
        ] {
            let got: String = conn
                .query_row(
                    &format!("SELECT {}", literal(Dialect::Sqlite, s)),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(got, s);
        }
        assert_eq!(literal(Dialect::Spark, "a'\\\t"), "'a\\'\\\\\\u0009'");
        assert_eq!(literal(Dialect::Ansi, "a\tb"), "('a' || U&'\\0009' || 'b')");
        assert_eq!(literal(Dialect::Duckdb, "a\t"), "('a' || chr(9))");
        assert_eq!(literal(Dialect::Sqlite, "x"), "'x'");
        assert_eq!(
            literal(Dialect::Sqlite, "\t\n x\u{3000}"),
            "(char(9, 10) || ' x' || char(12288))"
        );
    }

    fn name_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(fold_table().iter().map(|(c, _)| *c).collect::<Vec<_>>()),
            prop::sample::select(vec![
                '微', '信', '证', '（', '）', '-', '_', 'a', 'z', '0', '9', 'é', 'É', 'K'
            ]),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn normalise_sql_is_normalise(names in prop::collection::vec(
            prop::collection::vec(name_char(), 0..12).prop_map(|v| v.into_iter().collect::<String>()),
            1..16,
        )) {
            let conn = Connection::open_in_memory().unwrap();
            let expr = normalise_sql(Dialect::Sqlite, "?1");
            for name in &names {
                let got = sqlite_value(&conn, &expr, name);
                prop_assert_eq!(got.as_deref(), Some(&*normalise(name)), "{:?}", name);
            }
        }

        #[test]
        fn days_are_china_standard_time(stamps in prop::collection::vec(
            (
                1990i32..2100, 1u32..=12, 1u32..=31, 0u32..24, 0u32..60, 0u32..60,
                prop::sample::select(vec!["T", "t", " "]),
                prop::sample::select(vec!["", ".0", ".250", ".1234567891234"]),
                prop_oneof![
                    Just(String::new()),
                    Just("Z".to_owned()),
                    Just("z".to_owned()),
                    (prop::sample::select(vec!['+', '-']), 0u32..24, 0u32..60)
                        .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
                ],
            ),
            1..40,
        )) {
            let texts: Vec<String> = stamps
                .iter()
                .map(|(y, mo, d, h, mi, s, sep, frac, zone)| {
                    let d = (*d).min(crate::calendar::days_in_month(*y, *mo));
                    format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}")
                })
                .collect();
            let calls: Vec<Call> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| call(&format!(" {t} "), &i.to_string(), "x", None, "0"))
                .collect();
            let conn = Connection::open_in_memory().unwrap();
            load_calls(&conn, &calls);
            let got = rows(&conn, &format!("WITH {} SELECT account, day_value FROM keyed", keyed_ctes(Dialect::Sqlite)));
            for row in got {
                let i: usize = row[0].as_deref().unwrap().parse().unwrap();
                let want = parse_timestamp_and_day(&texts[i]).unwrap().1.to_string();
                prop_assert_eq!(row[1].as_deref(), Some(want.as_str()), "{}", texts[i]);
            }
        }
    }

    #[test]
    fn times_the_reader_rejects_are_not_read() {
        let bad = [
            "2026-02-29T10:00:00",
            "2026-04-31T10:00:00",
            "2026-13-01T10:00:00",
            "2026-10-01T24:00:00",
            "2026-10-01T23:60:00",
            "2026-10-01T23:59:60",
            "2026-10-01T10:00:00+24:00",
            "2026-10-01T10:00:00+08:60",
            "2026-10-01T10:00:00+0800",
            "2026-10-01T10:00:00.",
            "2026-10-01T10:00:00.5x",
            "2026-10-01T10:00:00 +08:00",
            "2026-10-01X10:00:00",
            "2026-10-01T10:00",
            "2026-10-01",
            "2026/10/01 10:00:00",
            "",
            "yesterday",
        ];
        let calls: Vec<Call> = bad
            .iter()
            .enumerate()
            .map(|(i, t)| call(t, &i.to_string(), "x", None, "0"))
            .collect();
        let conn = Connection::open_in_memory().unwrap();
        load_calls(&conn, &calls);
        let got = rows(
            &conn,
            &format!(
                "WITH {} SELECT account, day_value FROM keyed",
                keyed_ctes(Dialect::Sqlite)
            ),
        );
        for row in got {
            let i: usize = row[0].as_deref().unwrap().parse().unwrap();
            assert!(parse_timestamp_and_day(bad[i]).is_err(), "{}", bad[i]);
            assert_eq!(row[1], None, "{}", bad[i]);
        }
        // Leap days and the turn of a day in China Standard Time are read.
        let good = [
            ("2024-02-29T23:59:59", "2024-02-29"),
            ("2024-02-29T16:00:00Z", "2024-03-01"),
            ("2026-01-01T00:00:00+14:00", "2025-12-31"),
            ("2025-12-31T23:30:00-11:30", "2026-01-01"),
            ("2026-01-01T07:59:59.999+00:00", "2026-01-01"),
            ("2000-02-29 12:00:00", "2000-02-29"),
        ];
        let calls: Vec<Call> = good
            .iter()
            .enumerate()
            .map(|(i, (t, _))| call(t, &i.to_string(), "x", None, "0"))
            .collect();
        load_calls(&conn, &calls);
        let got = rows(
            &conn,
            &format!(
                "WITH {} SELECT account, day_value FROM keyed",
                keyed_ctes(Dialect::Sqlite)
            ),
        );
        for row in got {
            let i: usize = row[0].as_deref().unwrap().parse().unwrap();
            assert_eq!(row[1].as_deref(), Some(good[i].1), "{}", good[i].0);
            assert_eq!(
                parse_timestamp_and_day(good[i].0).unwrap().1.to_string(),
                good[i].1
            );
        }
    }

    #[test]
    fn dialects_parse_and_display() {
        for d in Dialect::ALL {
            assert_eq!(d.to_string().parse::<Dialect>(), Ok(d));
        }
        assert_eq!(" DuckDB ".parse::<Dialect>(), Ok(Dialect::Duckdb));
        let e = "postgres".parse::<Dialect>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown SQL dialect \"postgres\"; expected one of ansi, duckdb, spark, sqlite"
        );
    }

    /// Each dialect's script has every relation, the view and both queries, in its own syntax.
    #[test]
    fn dialects_write_their_own_syntax() {
        let scripts: BTreeMap<Dialect, (SqlScript, String)> = Dialect::ALL
            .into_iter()
            .map(|d| {
                let s = script::<monthly::Table>(d);
                let text = s.to_string();
                (d, (s, text))
            })
            .collect();
        for (d, (script, text)) in &scripts {
            for relation in [
                "channel_names",
                "source_names",
                "channels",
                "channel_labels",
                "code_verdicts",
                "label_map",
            ] {
                let created = script.setup.iter().any(|s| {
                    s.sql.contains(&format!("TABLE {relation} ("))
                        || s.sql.contains(&format!("VIEW {relation} AS"))
                });
                assert!(created, "{d}: {relation}");
            }
            assert!(text.contains(&format!("dialect: {d}.")));
            assert!(script.usage_query.sql.contains("FROM calls"));
            assert!(script.usage_query.sql.contains("COUNT(*) AS calls"));
            assert!(script
                .billed_query
                .sql
                .contains("LEFT JOIN code_verdicts v"));
            // Every statement of the text is terminated.
            let ends = text
                .lines()
                .filter(|l| !l.starts_with("--") && l.ends_with(';'))
                .count();
            assert_eq!(ends, script.setup.len() + 2, "{d}");
            assert!(text.contains("微信原生h5"), "{d}: normalised keys");
            assert!(
                text.contains("E证通（权威库）"),
                "{d}: doc names as written"
            );
        }
        let text = |d: Dialect| scripts[&d].1.as_str();
        let has = |d: Dialect, what: &str| text(d).contains(what);
        // Relations.
        assert!(has(
            Dialect::Spark,
            "CREATE OR REPLACE TEMPORARY VIEW channel_names AS SELECT * FROM VALUES"
        ));
        assert!(has(
            Dialect::Duckdb,
            "CREATE OR REPLACE TABLE channel_names ("
        ));
        assert!(has(Dialect::Sqlite, "DROP TABLE IF EXISTS channel_names"));
        assert!(has(
            Dialect::Ansi,
            "CREATE TABLE channel_names (\n  name_key VARCHAR(255) NOT NULL"
        ));
        assert!(!has(Dialect::Ansi, "OR REPLACE") && !has(Dialect::Ansi, "IF EXISTS"));
        assert!(has(Dialect::Spark, "CAST(NULL AS BIGINT)") && has(Dialect::Spark, "0L"));
        assert!(
            has(Dialect::Spark, "DATE '2021-07-19'") && has(Dialect::Duckdb, "DATE '2021-07-19'")
        );
        assert!(has(Dialect::Sqlite, "'2021-07-19'") && !has(Dialect::Sqlite, "DATE '"));
        // Name folding, once per distinct spelling.
        for d in [Dialect::Duckdb, Dialect::Spark] {
            assert!(has(d, "translate(raw, ") && !has(d, "replace("), "{d}");
        }
        for d in [
            Dialect::Duckdb,
            Dialect::Spark,
            Dialect::Sqlite,
            Dialect::Ansi,
        ] {
            assert!(has(d, "FROM spellings\n"), "{d}");
        }
        assert!(has(Dialect::Sqlite, "replace(replace(") && !has(Dialect::Sqlite, "translate("));
        assert!(has(Dialect::Ansi, "REPLACE(REPLACE(") && !has(Dialect::Ansi, "translate("));
        assert!(has(Dialect::Spark, "\\u3000") && has(Dialect::Duckdb, "chr(12288)"));
        assert!(
            has(Dialect::Ansi, "U&'\\3000'") && has(Dialect::Sqlite, "char(9, 10, 11, 12, 13)")
        );
        // Timestamps, codes, days.
        assert!(has(Dialect::Duckdb, "regexp_full_match(t, "));
        assert!(has(Dialect::Spark, "t RLIKE '^[0-9]{4}"));
        assert!(has(Dialect::Ansi, "t SIMILAR TO '[0-9]{4}"));
        assert!(has(Dialect::Sqlite, "t GLOB '[0-9][0-9][0-9][0-9]-"));
        assert!(has(Dialect::Spark, "date_add(CAST("));
        assert!(has(Dialect::Ansi, "* INTERVAL '1' DAY AS DATE)"));
        assert!(has(Dialect::Sqlite, "|| ' days')"));
        assert!(
            has(Dialect::Ansi, "SUBSTRING(t FROM 1 FOR 10)") && has(Dialect::Ansi, "MOD(yy, 4)")
        );
        assert!(has(Dialect::Spark, "`day`") && has(Dialect::Duckdb, "\"day\""));
        assert!(has(Dialect::Spark, "TRIM(BOTH ") && has(Dialect::Duckdb, "trim(COALESCE("));
        for d in Dialect::ALL {
            let others = Dialect::ALL.into_iter().filter(|&o| o != d);
            for o in others {
                assert_ne!(
                    scripts[&d].0.usage_query, scripts[&o].0.usage_query,
                    "{d} {o}"
                );
            }
        }
    }
}
