//! The queries of a script over `calls`: daily usage, the rejected calls, and calls per
//! label and verdict. Each is one statement: the reading and rating of
//! [`read`](super::read) and [`rating`](super::rating), the request ids de-duplicated as
//! the call log reader does, and its own last step.

use super::dialect::{Pattern, Sql};
use super::rating::rating_ctes;
use super::read::log_ctes;

/// The order in which calls were read: file, line, then (for rows without them) the
/// earliest time, then the call's own fields, so that the order is total on what a call's
/// billing depends on.
const INPUT_ORDER: &str = "r.file_name, r.line_no, r.day, r.clock, r.t, r.acct, r.channel_raw, \
                           r.source_raw, r.code_raw";

/// The statement that creates the view `rated_calls`: every call of `calls` with its rating
/// and, for the calls with a request id that are rated, `seen` = 1 for the first of each id
/// in input order (1 for every other call). Each expression in it is used once (see
/// [`rating_ctes`]).
pub(crate) fn rated_calls_view(s: &Sql) -> String {
    let once = s.once();
    let keyed = "r.rkey <> '' AND r.day IS NOT NULL AND r.field IS NULL";
    format!(
        "{create} rated_calls AS
{with} {log},
{rating},
rated_log AS {once}(
  SELECT c.file_name AS file_name, c.line_no AS line_no, c.t AS t, c.acct AS acct,
    c.day AS day, c.clock AS clock, c.channel_raw AS channel_raw, c.source_raw AS source_raw,
    c.code_raw AS code_raw, c.rid AS rid, c.rkey AS rkey,
    g.channel AS channel, g.source AS source, g.postpaid AS postpaid, g.prepaid AS prepaid,
    g.code_family AS code_family, g.code_out AS code_out, g.code_int AS code_int,
    g.field AS field, g.reason AS reason
  FROM log_calls c
  LEFT JOIN rating g
    ON g.day = c.day AND g.channel_raw = c.channel_raw AND g.source_raw = c.source_raw
   AND g.code_raw = c.code_raw
),
ranked AS {once}(
  SELECT r.*,
    CASE WHEN {keyed} THEN ROW_NUMBER() OVER (
      PARTITION BY CASE WHEN {keyed} THEN r.rkey ELSE 'n' || r.file_name || ':' || {line} END
      ORDER BY {INPUT_ORDER}) ELSE 1 END AS seen
  FROM rated_log r
)
SELECT * FROM ranked",
        create = s.create_view(),
        with = s.with(),
        log = log_ctes(s),
        rating = rating_ctes(s),
        line = s.text("r.line_no"),
    )
}

/// The calls that are billed or not billed: every rated call without request id, and the
/// first of each request id.
const COUNTED: &str = "day IS NOT NULL AND field IS NULL AND seen = 1";

/// `x` guarded as the usage writer guards a text cell: a leading `'` before `=`, `+`, `-`,
/// `@`, a tab, a carriage return or `'`, which the usage reader takes off again.
fn guarded(s: &Sql, x: &str) -> String {
    let starts: Vec<String> = ["=", "+", "-", "@", "\t", "\r", "'"]
        .iter()
        .map(|c| s.lit(c))
        .collect();
    format!(
        "CASE WHEN {} IN ({}) THEN {} || {x} ELSE {x} END",
        s.first_char(x),
        starts.join(", "),
        s.lit("'")
    )
}

/// Daily usage in the usage file format: `account, day, channel, source, code, calls`.
pub(crate) fn usage_query(s: &Sql) -> String {
    let day = s.ident("day");
    let numeric = s.matches("code_raw", Pattern::IntCode);
    format!(
        "SELECT out_account AS account, out_day AS {day}, out_channel AS channel,
  out_source AS source, out_code AS code, CAST(COUNT(*) AS BIGINT) AS calls
FROM (
  SELECT {account} AS out_account, day AS out_day, channel AS out_channel,
    COALESCE(source, '') AS out_source,
    CASE WHEN {numeric} THEN code_out ELSE {code} END AS out_code
  FROM rated_calls
  WHERE {COUNTED}
) u
GROUP BY out_account, out_day, out_channel, out_source, out_code
ORDER BY out_account, out_day, out_channel, out_source, out_code{settings}",
        account = guarded(s, "acct"),
        code = guarded(s, "code_out"),
        settings = s.query_settings(),
    )
}

/// The calls that are not counted, one row each, in input order: `file, line, field,
/// reason`, then the call's fields as read (`time, account, channel, source, code,
/// request_id`). `field` is `time`, `channel`, `code` or `source` for a call that cannot
/// be rated, `request_id` for a repeat of a request id seen before.
pub(crate) fn rejects_query(s: &Sql) -> String {
    format!(
        "SELECT out_file AS {file}, out_line AS {line}, out_field AS field, out_reason AS reason,
  out_time AS {time}, out_account AS account, out_channel AS channel, out_source AS source,
  out_code AS code, out_request_id AS request_id
FROM (
  SELECT file_name AS out_file, line_no AS out_line,
    CASE WHEN day IS NULL THEN 'time' WHEN field IS NOT NULL THEN field
         ELSE 'request_id' END AS out_field,
    CASE WHEN day IS NULL THEN
           '\"' || t || '\" is not a timestamp (expected RFC 3339, e.g. 2026-10-31T09:15:00+08:00; without an offset it is China Standard Time)'
         WHEN field IS NOT NULL THEN reason
         ELSE 'request id \"' || rid || '\" was seen before (not billed again)' END AS out_reason,
    t AS out_time, acct AS out_account, channel_raw AS out_channel, source_raw AS out_source,
    code_raw AS out_code, rid AS out_request_id
  FROM rated_calls
  WHERE NOT ({COUNTED})
) r
ORDER BY out_file, out_line, out_time, out_account, out_channel, out_source, out_code{settings}",
        file = s.ident("file"),
        line = s.ident("line"),
        time = s.ident("time"),
        settings = s.query_settings(),
    )
}

/// Calls per `account, day, postpaid, prepaid, verdict` (`billed`, `not_billed`, or
/// `unknown`: the code is not listed in the channel's family), with `calls`.
pub(crate) fn billed_query(s: &Sql) -> String {
    let day = s.ident("day");
    let in_force = "(v.valid_from IS NULL OR b.day >= v.valid_from) \
                    AND (v.valid_until IS NULL OR b.day < v.valid_until)";
    let matches = "(v.code_name = b.code_out \
                   OR (b.code_int IS NOT NULL AND b.code_int BETWEEN v.code_from AND v.code_to))";
    format!(
        "SELECT out_account AS account, out_day AS {day}, out_postpaid AS postpaid,
  out_prepaid AS prepaid, out_verdict AS verdict, CAST(SUM(n) AS BIGINT) AS calls
FROM (
  SELECT b.acct AS out_account, b.day AS out_day, b.postpaid AS out_postpaid,
    b.prepaid AS out_prepaid, b.code_out AS out_code, b.n AS n,
    COALESCE(MAX(CASE WHEN {matches} AND {in_force} THEN v.verdict END), 'unknown') AS out_verdict
  FROM (
    SELECT acct, day, postpaid, prepaid, code_family, code_out, code_int, COUNT(*) AS n
    FROM rated_calls
    WHERE {COUNTED}
    GROUP BY acct, day, postpaid, prepaid, code_family, code_out, code_int
  ) b
  LEFT JOIN code_verdicts v ON v.code_family = b.code_family
  GROUP BY b.acct, b.day, b.postpaid, b.prepaid, b.code_family, b.code_out, b.code_int, b.n
) v
GROUP BY out_account, out_day, out_postpaid, out_prepaid, out_verdict
ORDER BY out_account, out_day, out_postpaid, out_prepaid, out_verdict{settings}",
        settings = s.query_settings(),
    )
}
