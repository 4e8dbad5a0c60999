//! A compiled table as SQL, so that a warehouse engine (Spark, DuckDB, ClickHouse, SQLite,
//! PostgreSQL, …) rates call logs of any size into daily usage exactly as `bill` does, and
//! the engine of this crate bills the result.
//!
//! [`sql`] writes a script for one table and one [`Dialect`]. Everything in it is generated
//! from the table through [`BillingTable`]; nothing lists channels by hand. It creates:
//!
//! | relation | columns | what it holds |
//! |---|---|---|
//! | `channel_names` | `name_key`, `channel`, `shared` | every spelling of a channel a log may use — doc name, identifier, alias, API action — in comparison form ([`normalise`]), with the channel's doc name; `shared` = 1 for an API action of several channels, which names the one of them listed on the call's day if only one is (as [`rate`](crate::engine::rate()) resolves it) |
//! | `source_names` | `name_key`, `source` | the same for compare sources (a spelling of several is left out) |
//! | `channels` | `channel`, `section`, `code_family`, `listed_from`, `listed_until` | per channel, its section, its code family and the days it is listed |
//! | `channel_labels` | `channel`, `source`, `postpaid`, `prepaid`, `valid_from`, `valid_until` | the labels of each channel and compare source over time, one row per dated entry of the channel's mapping; `source` is NULL for a channel without compare source |
//! | `code_verdicts` | `code_family`, `code_from`, `code_to`, `code_name`, `verdict`, `valid_from`, `valid_until` | per code family, numeric codes `code_from..=code_to` or a named code, `billed` or `not_billed`; a code without row is unknown to the family |
//!
//! Days are text, `YYYY-MM-DD` (China Standard Time), which compares as the days do, in
//! every dialect; a row holds for calls on `from <= day < until`, NULL unbounded.
//!
//! and three queries over a call log `calls(file, line, time, account, channel, source,
//! code, request_id)`:
//!
//! - the **usage query** ([`SqlScript::usage_query`]) returns daily usage in the usage file
//!   format of [`crate::engine::usage`] — `account, day, channel, source, code, calls` —
//!   which [`read_usage`](crate::pipeline::read_usage) (and `faceid-rules bill --usage`) bills
//!   exactly as `bill` bills the log itself;
//! - the **rejects query** ([`SqlScript::rejects_query`]) returns, one row each, the calls
//!   the usage leaves out — `file, line, field, reason`, then the call's fields — with the
//!   field `bill` names for each (`time`, `channel`, `code`, `source`, or `request_id` for a
//!   repeated request id), so that calls read = billed + not billed + duplicates + rejected
//!   holds for the SQL as for `bill`;
//! - the **billed query** ([`SqlScript::billed_query`]) counts calls per account, day,
//!   postpaid and prepaid label and verdict.
//!
//! # What the queries assume
//!
//! - `calls` has the columns `file`, `line`, `time`, `account`, `channel`, `source`, `code`
//!   and `request_id`, read as text (NULL counts as empty; `line` is a number). `file` and
//!   `line` say where the call was read: they order the calls for the request ids (below)
//!   and locate the rejects. `time` is an RFC 3339 timestamp as the call log reader reads it
//!   (`2026-10-31T09:15:00+08:00`, `2026-10-31 09:15:00.250`, `…Z`; without an offset,
//!   China Standard Time); the query computes its day in China Standard Time by arithmetic
//!   on the text, so neither the session's time zone nor a time-zone database matters.
//!   Years 1970 to 9999 are read, as the reader reads them.
//! - Fields are trimmed of white space (every `char::is_whitespace` character) as the
//!   reader trims them. Names are compared as [`normalise`] compares them: the SQL
//!   expression ([`normalise_sql`]) applies the same character table as
//!   [`fold_char`](crate::names::fold_char) — white space removed, full-width forms
//!   U+FF01–U+FF5E folded to ASCII, ASCII upper case lowered — and nothing else, so a name
//!   resolves in SQL exactly when it resolves in the engine.
//! - Each call is rated by its day: the channel a name names that day (an API action that
//!   several channels share names the one listed that day), whether the channel is listed,
//!   the compare sources it offers and the labels in force that day. Result codes are not
//!   checked against the family (the engine reports unknown codes; `bill --usage --strict`
//!   rejects them).
//! - Numeric codes (`-?` and 1 to 18 digits) are written back canonical (`007` → `7`),
//!   named codes compared byte for byte (the engine compares them case-sensitively; so must
//!   the engine's collation). Accounts and named codes are guarded as the usage writer
//!   guards them (a leading `'` before `=`, `+`, `-`, `@`, `'`).
//!
//! # Request ids and input order
//!
//! `bill` bills a request id once: of the lines that carry it and are rated (billed or not
//! billed), the first in input order is counted and the others are duplicates; a line that
//! cannot be rated claims no id. Ids are compared as [`crate::request_ids`] compares them:
//! an id of 32 hexadecimal digits or a UUID is its 128-bit value (case and hyphens do not
//! matter), any other id its text.
//!
//! A warehouse table has no order of its own, so the queries take *input order* from the
//! data: by `file` (byte order of the names, as `bill` reads files named in that order,
//! e.g. `bill logs/*.csv` in the C locale), then `line`; rows without them (`''`, 0) by
//! their time (the day and time of day in China Standard Time), then by the call's own
//! fields. Two calls equal in all of these are billed alike, so which of them counts does
//! not change a statement. A job that reads log files gives each row its file and line
//! (the Spark job in `jobs/spark/usage.py` does).
//!
//! Each edition's script canonicalises names as *its* table knows them: run it on the calls
//! of the accounts billed under the table (the day an account opened the service chooses
//! the edition). Across editions a name can resolve differently: `App SDK（new）` is an
//! alias of the legacy table only, and the action `PhoneVerificationCMCC` is 手机号三要素核验
//! in the monthly table but a channel of its own, with its own label, in the daily one.
//! Request ids are de-duplicated within the calls a query reads.
//!
//! # Dialects
//!
//! | | `ansi` | `clickhouse` | `duckdb` | `spark` | `sqlite` |
//! |---|---|---|---|---|---|
//! | relations | `CREATE TABLE` + `INSERT` (run in an empty schema) | `CREATE OR REPLACE TABLE … ENGINE = Memory` + `INSERT`, `Nullable(…)` columns | `CREATE OR REPLACE TABLE` + `INSERT` | `CREATE OR REPLACE TEMPORARY VIEW … AS SELECT * FROM VALUES …` | `DROP … IF EXISTS`, `CREATE TABLE` + `INSERT` |
//! | string literals | `''` doubled; control and non-ASCII spaces as `U&'\XXXX'` | backslash escapes, `\xHH` bytes | `''` doubled; `chr(n)` | backslash escapes, `\uXXXX` | `''` doubled; `char(n)` |
//! | name folding | nested `REPLACE` | `translateUTF8` | `translate` | `translate` | character by character through the relation `fold_chars` (`WITH RECURSIVE`) |
//! | trimming | `TRIM(BOTH … FROM …)` | `replaceRegexpAll` (its `trim` takes bytes) | `trim(…, …)` where needed | `TRIM(BOTH … FROM …)` | `trim(…, …)` |
//! | patterns | `SIMILAR TO` | `match` | `regexp_full_match` | `RLIKE` | `GLOB` |
//! | text to number | `CAST` (guarded) | `toInt64OrNull` | `TRY_CAST` | `TRY_CAST` (ANSI mode safe) | `CAST` |
//! | query settings | | `SETTINGS join_use_nulls = 1` | | | `AS MATERIALIZED` |
//!
//! Day arithmetic is integer arithmetic on the text's fields in every dialect (no date
//! functions, whose ranges differ: ClickHouse's `Date` ends in 2149). `ansi` keeps to
//! standard SQL (SQL:2003 `SIMILAR TO`, `SUBSTRING … FROM … FOR`, `U&''` literals) and
//! `TRIM(BOTH … FROM …)` with a set of characters, as PostgreSQL accepts it; an engine that
//! lacks one of these (Trino has no `SIMILAR TO`) takes the closest dialect. In `ansi` the
//! folding of names nests one `REPLACE` per folded character (about 145), in stages of 16;
//! SQLite parsers before 3.46 overflow on such nesting and SQLite from 3.51 limits how deep
//! common table expressions nest, so the `sqlite` queries fold through a relation instead.
//! Every dialect folds each distinct spelling once rather than each call.

use std::fmt::{self, Write as _};

use crate::table::BillingTable;

mod dialect;
mod fold;
mod queries;
mod rating;
mod read;
mod relations;

#[cfg(test)]
mod tests;

pub use dialect::{Dialect, UnknownDialect};
pub use fold::normalise_sql;

#[cfg(doc)]
use crate::names::normalise;

/// One SQL statement, without its terminating `;`, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// What the statement does, for a comment above it (one or more lines).
    pub about: String,
    /// The statement.
    pub sql: String,
}

/// A table as SQL: statements that create the relations, and the three queries. Its
/// [`Display`](fmt::Display) is the whole script, statements terminated by `;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlScript {
    /// The dialect it is written in.
    pub dialect: Dialect,
    /// What the script is and assumes, for a comment at its top.
    pub header: String,
    /// Creates the relations, in order: `channel_names`, `source_names`, `channels`,
    /// `channel_labels`, `code_verdicts` (and, in SQLite, `fold_chars`).
    pub setup: Vec<Statement>,
    /// Creates the view `rated_calls` over `calls`, which the queries read: run it once
    /// `calls` exists.
    pub view: Statement,
    /// Daily usage in the usage file format from `calls`: `account, day, channel, source,
    /// code, calls`.
    pub usage_query: Statement,
    /// The calls the usage leaves out, one row each: `file, line, field, reason, time,
    /// account, channel, source, code, request_id`.
    pub rejects_query: Statement,
    /// Calls per `account, day, postpaid, prepaid, verdict` (`billed`, `not_billed`,
    /// `unknown`: the code is not listed), with `calls`.
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

impl SqlScript {
    /// The three queries, in the order the script prints them.
    pub fn queries(&self) -> [&Statement; 3] {
        [&self.usage_query, &self.rejects_query, &self.billed_query]
    }
}

impl fmt::Display for SqlScript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        comment(&mut out, &self.header);
        for statement in self.setup.iter().chain([&self.view]).chain(self.queries()) {
            out.push('\n');
            comment(&mut out, &statement.about);
            out.push_str(&statement.sql);
            out.push_str(";\n");
        }
        f.write_str(&out)
    }
}

/// The whole script for table `T` in `dialect`: the relations and the three queries (see
/// the [module documentation](self)).
pub fn sql<T: BillingTable>(dialect: Dialect) -> String {
    script::<T>(dialect).to_string()
}

/// The script for table `T` in `dialect`, statement by statement.
pub fn script<T: BillingTable>(dialect: Dialect) -> SqlScript {
    let d = dialect;
    let s = dialect::Sql(d);
    let mut relations = relations::relations::<T>();
    if d == Dialect::Sqlite {
        relations.push(relations::fold_chars());
    }
    let mut setup = Vec::new();
    if d == Dialect::Sqlite {
        setup.push(Statement {
            about: "Created anew on every run.".to_owned(),
            sql: "DROP VIEW IF EXISTS rated_calls".to_owned(),
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
    let info = T::INFO;
    let header = format!(
        "{title} (doc {doc}, table `{name}`): accounts {opened}.\n\
         Generated from the compiled table, with every dated change; dialect: {d}.\n\
         \n\
         1. Run the statements that create the relations.\n\
         2. Provide the call log as calls(file, line, time, account, channel, source, code,\n   \
            request_id), text columns but line (a number): file and line say where each call\n   \
            was read (they order the calls for the request ids; '' and 0 order them by time).\n   \
            time is RFC 3339 text (without an offset: China Standard Time). Keep to the\n   \
            accounts billed under this table.\n\
         3. Create the view rated_calls (every call rated; materialize it where the engine can,\n   \
            e.g. Spark's CACHE TABLE, since the queries below all read it).\n\
         4. Run the usage query and save its rows as CSV with a header: that is a usage file\n   \
            (account,day,channel,source,code,calls) for `faceid-rules bill --usage`.\n\
         5. Run the rejects query: the calls left out, each with its field and reason\n   \
            (a repeated request id, a time, channel or source that cannot be read).\n\
         \n\
         Names are compared after folding (white space removed, full-width forms to ASCII,\n\
         ASCII lower case); days are China Standard Time, computed from the text.",
        title = info.title,
        doc = info.doc_id,
        name = info.name,
        opened = info.opened,
    );
    SqlScript {
        dialect,
        header,
        setup,
        view: Statement {
            about:
                "Every call of calls, read, rated by its day and ranked by request id: what the\n\
                    queries below count (create it once calls exists)."
                    .to_owned(),
            sql: queries::rated_calls_view(&s),
        },
        usage_query: Statement {
            about:
                "Daily usage in the usage file format: account, day, channel, source, code, calls."
                    .to_owned(),
            sql: queries::usage_query(&s),
        },
        rejects_query: Statement {
            about:
                "The calls the usage leaves out: file, line, field, reason, and the call as read."
                    .to_owned(),
            sql: queries::rejects_query(&s),
        },
        billed_query: Statement {
            about: "Calls per account, day, labels and verdict (billed, not_billed, unknown)."
                .to_owned(),
            sql: queries::billed_query(&s),
        },
    }
}
