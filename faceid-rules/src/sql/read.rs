//! Reading the `calls` relation as the call log reader reads a log: fields trimmed, the
//! time read as RFC 3339 and turned into its day in China Standard Time by arithmetic on
//! the text (neither the session's time zone nor a time-zone database is involved), and
//! the request id in the form that decides whether two ids are one request.

use super::dialect::{Pattern, Sql};

/// The common table expressions that read `calls` into `log_calls`, one row per call:
///
/// | column | what |
/// |---|---|
/// | `file_name`, `line_no` | where the call was read (`''` and 0 when not given) |
/// | `t` | the time as written, trimmed |
/// | `acct` | the account, trimmed |
/// | `channel_raw`, `source_raw` | the names as written |
/// | `code_raw`, `rid` | the result code and request id, trimmed |
/// | `rkey` | the request id's key: `''` for none; `x` and 32 lower-case hex digits for an id that is a 128-bit value as written (32 hex digits, or a UUID); `t` and the id for any other |
/// | `day` | the call's day in China Standard Time, `YYYY-MM-DD`; NULL when the time cannot be read |
/// | `clock` | seconds past 00:00 of that day, China Standard Time |
pub(crate) fn log_ctes(s: &Sql) -> String {
    let once = s.once();
    let len = s.length("t");
    let sub = |from: &str, n: &str| s.substr("t", from, n);
    let at_end = |back: u32, n: &str| s.substr("t", &format!("{len} - {back}"), n);
    let guarded =
        |from: &str, n: &str| format!("CASE WHEN shaped = 1 THEN {} END", s.int(&sub(from, n)));
    let leap = |y: &str| {
        format!(
            "({} = 0 AND ({} <> 0 OR {} = 0))",
            s.modulo(y, 4),
            s.modulo(y, 100),
            s.modulo(y, 400)
        )
    };
    let days_in = |y: &str, m: &str| {
        format!(
            "CASE WHEN {m} = 2 THEN CASE WHEN {} THEN 29 ELSE 28 END \
             WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END",
            leap(y)
        )
    };
    let text = |x: &str| format!("COALESCE({}, '')", s.text(x));
    let hex = s.matches("rid", Pattern::HexId);
    let uuid = s.matches("rid", Pattern::Uuid);
    format!(
        "log_raw AS (
  SELECT
    {file} AS file_name,
    COALESCE({line}, 0) AS line_no,
    {t} AS t,
    {acct} AS acct,
    {channel} AS channel_raw,
    {source} AS source_raw,
    {code} AS code_raw,
    {rid} AS rid
  FROM calls
),
log_shape AS {once}(
  SELECT log_raw.*,
    CASE WHEN {shape} THEN 1 ELSE 0 END AS shaped,
    CASE WHEN rid = '' THEN ''
         WHEN {hex} THEN 'x' || {lower_rid}
         WHEN {uuid} THEN 'x' || {lower_uuid}
         ELSE 't' || rid END AS rkey
  FROM log_raw
),
log_zone AS {once}(
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
log_clock AS {once}(
  SELECT log_fields.*,
    CASE WHEN yy BETWEEN 1970 AND 9999 AND mo BETWEEN 1 AND 12 AND dd >= 1
           AND dd <= ({days_this})
           AND hh <= 23 AND mi <= 59 AND ss <= 59 AND oh <= 23 AND om <= 59
      THEN 1 ELSE 0 END AS readable,
    hh * 60 + mi - (CASE WHEN zoned = 1 THEN zsign * (oh * 60 + om)
                         WHEN zulu = 1 THEN 0 ELSE 480 END) + 480 AS cst_minutes
  FROM log_fields
),
log_shift AS {once}(
  SELECT log_clock.*,
    CASE WHEN cst_minutes < 0 THEN -1 WHEN cst_minutes >= 2880 THEN 2
         WHEN cst_minutes >= 1440 THEN 1 ELSE 0 END AS shift,
    CASE WHEN mo = 1 THEN yy - 1 ELSE yy END AS prev_yy,
    CASE WHEN mo = 1 THEN 12 ELSE mo - 1 END AS prev_mo
  FROM log_clock
),
log_roll AS {once}(
  SELECT log_shift.*,
    dd + shift AS moved,
    {days_this} AS days_this,
    {days_prev} AS days_prev
  FROM log_shift
),
log_cst AS {once}(
  SELECT log_roll.*,
    CASE WHEN moved > days_this THEN CASE WHEN mo = 12 THEN yy + 1 ELSE yy END
         WHEN moved < 1 THEN prev_yy ELSE yy END AS cst_yy,
    CASE WHEN moved > days_this THEN CASE WHEN mo = 12 THEN 1 ELSE mo + 1 END
         WHEN moved < 1 THEN prev_mo ELSE mo END AS cst_mo,
    CASE WHEN moved > days_this THEN moved - days_this
         WHEN moved < 1 THEN moved + days_prev ELSE moved END AS cst_dd
  FROM log_roll
),
log_calls AS {once}(
  SELECT file_name, line_no, t, acct, channel_raw, source_raw, code_raw, rid, rkey,
    CASE WHEN readable = 0 OR cst_yy > 9999 THEN NULL
         WHEN shift = 0 THEN {date_part}
         ELSE {cst_text} || '-' || ({cst_mo}) || '-' || ({cst_dd}) END AS day,
    CASE WHEN readable = 1 THEN (cst_minutes - shift * 1440) * 60 + ss END AS clock
  FROM log_cst
)",
        file = text(&s.ident("file")),
        line = s.int(&s.text(&s.ident("line"))),
        t = s.trim(&text(&s.ident("time"))),
        acct = s.trim(&text("account")),
        channel = text("channel"),
        source = text("source"),
        code = s.trim(&text("code")),
        rid = s.trim(&text("request_id")),
        shape = s.matches("t", Pattern::Timestamp),
        lower_rid = s.lower("rid"),
        lower_uuid = s.lower(&s.replace("rid", "-", "")),
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
        days_this = days_in("yy", "mo"),
        days_prev = days_in("prev_yy", "prev_mo"),
        date_part = sub("1", "10"),
        cst_text = s.text("cst_yy"),
        cst_mo = s.two_digits("cst_mo"),
        cst_dd = s.two_digits("cst_dd"),
    )
}
