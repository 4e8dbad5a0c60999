//! Rating in SQL, as [`rate`](crate::engine::rate()) rates: each distinct (day, channel,
//! source, code) of the log resolved once against the dated relations — the channel a name
//! names on that day, whether it is listed, the compare source, the labels in force — to
//! labels, or to the field at fault and why.

use std::fmt::Write as _;

use super::dialect::{Dialect, Pattern, Sql};
use super::fold::{fold_stages, HOLE};

/// The common table expressions, after [`log_ctes`](super::read::log_ctes), that rate each
/// distinct `(day, channel_raw, source_raw, code_raw)` of `log_calls` into `rating`:
///
/// | column | what |
/// |---|---|
/// | `day`, `channel_raw`, `source_raw`, `code_raw` | the key, as in `log_calls` |
/// | `channel`, `source` | the doc names the call is billed under (`source` NULL: none) |
/// | `postpaid`, `prepaid`, `code_family` | its labels and the channel's code family |
/// | `code_out`, `code_int` | the code as a usage file writes it (numeric codes canonical, `007` → `7`) and its number |
/// | `field`, `reason` | NULL for a call that is rated; else the field at fault (`channel`, `code`, `source`) and why |
pub(crate) fn rating_ctes(s: &Sql) -> String {
    let once = s.once();
    let union = s.union_distinct();
    // Folding is costly (a long `translate`, or ~145 nested `replace`s), and a log has few
    // spellings: each distinct spelling of a channel or source is folded once.
    let mut folds = format!(
        "combos AS {once}(
  SELECT DISTINCT day, channel_raw, source_raw, code_raw FROM log_calls WHERE day IS NOT NULL
),
spellings AS {once}(
  SELECT channel_raw AS raw FROM combos
  {union}
  SELECT source_raw AS raw FROM combos
),
"
    );
    let (mut from, mut key) = ("spellings".to_owned(), "raw".to_owned());
    if s.dialect() == Dialect::Sqlite {
        // SQLite from 3.51 counts each level of nested common table expressions against a
        // depth limit that ten folding stages exhaust, and SQLite before 3.46 cannot parse
        // more replacements in one expression: it folds character by character instead,
        // through the relation fold_chars, in one recursive expression.
        let _ = write!(
            folds,
            "spelling_chars AS (
  SELECT raw, 1 AS pos, '' AS acc FROM spellings
  UNION ALL
  SELECT sc.raw, sc.pos + 1, sc.acc || COALESCE(fc.folded, substr(sc.raw, sc.pos, 1))
  FROM spelling_chars sc
  LEFT JOIN fold_chars fc ON fc.c = substr(sc.raw, sc.pos, 1)
  WHERE sc.pos <= length(sc.raw)
),
spelling_fold AS {once}(
  SELECT raw, acc AS folded_key FROM spelling_chars WHERE pos = length(raw) + 1
),
"
        );
        from = "spelling_fold".to_owned();
        key = "folded_key".to_owned();
    } else {
        for (i, stage) in fold_stages(s.dialect()).iter().enumerate() {
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
    }
    let listed = "(c.listed_from IS NULL OR k.day >= c.listed_from) \
                  AND (c.listed_until IS NULL OR k.day < c.listed_until)";
    let in_force = "(l.valid_from IS NULL OR p.day >= l.valid_from) \
                    AND (l.valid_until IS NULL OR p.day < l.valid_until)";
    let quoted = |x: &str| format!("'\"' || {x} || '\"'");
    let int_code = s.matches("f.code_raw", Pattern::IntCode);
    // Each expression below is used once: engines that inline common table expressions
    // (ClickHouse) analyse a tree, not a graph whose shared parts they would repeat.
    format!(
        "{folds}combo_keys AS {once}(
  SELECT c.day AS day, c.channel_raw AS channel_raw, c.source_raw AS source_raw,
    c.code_raw AS code_raw, cf.{key} AS channel_key, sf.{key} AS source_key
  FROM combos c
  JOIN {from} cf ON cf.raw = c.channel_raw
  JOIN {from} sf ON sf.raw = c.source_raw
),
channel_candidates AS {once}(
  SELECT k.day AS day, k.channel_raw AS channel_raw, k.source_raw AS source_raw,
    k.code_raw AS code_raw, k.channel_key AS channel_key, k.source_key AS source_key,
    n.channel AS candidate, n.shared AS is_shared,
    CASE WHEN n.channel IS NULL THEN NULL WHEN {listed} THEN 1 ELSE 0 END AS is_listed
  FROM combo_keys k
  LEFT JOIN channel_names n ON n.name_key = k.channel_key
  LEFT JOIN channels c ON c.channel = n.channel
),
channel_pick AS {once}(
  SELECT day, channel_raw, source_raw, code_raw, channel_key, source_key,
    MAX(is_shared) AS any_shared, SUM(is_listed) AS listed_count,
    MAX(CASE WHEN is_shared = 0 OR is_listed = 1 THEN candidate END) AS picked
  FROM channel_candidates
  GROUP BY day, channel_raw, source_raw, code_raw, channel_key, source_key
),
combo_cells AS {once}(
  SELECT p.day AS day, p.channel_raw AS channel_raw, p.source_raw AS source_raw,
    p.code_raw AS code_raw, p.channel_key AS channel_key, p.source_key AS source_key,
    p.any_shared AS any_shared, p.listed_count AS listed_count, p.picked AS picked,
    sn.source AS named_source,
    CASE WHEN l.channel IS NOT NULL AND {in_force} THEN 1 ELSE 0 END AS in_force,
    l.source AS label_source, l.postpaid AS postpaid, l.prepaid AS prepaid
  FROM channel_pick p
  LEFT JOIN channel_labels l ON l.channel = p.picked
  LEFT JOIN source_names sn ON sn.name_key = p.source_key
),
combo_offer AS {once}(
  SELECT day, channel_raw, source_raw, code_raw, channel_key, source_key, any_shared,
    listed_count, picked, named_source,
    SUM(CASE WHEN in_force = 1 AND label_source IS NOT NULL THEN 1 ELSE 0 END) AS offered,
    MAX(CASE WHEN in_force = 1 AND label_source IS NULL THEN 1 ELSE 0 END) AS plain,
    MAX(CASE WHEN in_force = 1 AND label_source IS NULL THEN postpaid END) AS plain_postpaid,
    MAX(CASE WHEN in_force = 1 AND label_source IS NULL THEN prepaid END) AS plain_prepaid,
    MAX(CASE WHEN in_force = 1 THEN label_source END) AS any_source,
    MAX(CASE WHEN in_force = 1 AND label_source IS NOT NULL THEN postpaid END) AS any_postpaid,
    MAX(CASE WHEN in_force = 1 AND label_source IS NOT NULL THEN prepaid END) AS any_prepaid,
    MAX(CASE WHEN in_force = 1 AND label_source = named_source THEN postpaid END) AS named_postpaid,
    MAX(CASE WHEN in_force = 1 AND label_source = named_source THEN prepaid END) AS named_prepaid
  FROM combo_cells
  GROUP BY day, channel_raw, source_raw, code_raw, channel_key, source_key, any_shared,
    listed_count, picked, named_source
),
rating_field AS {once}(
  SELECT o.*,
    CASE WHEN o.source_key <> '' THEN o.named_source
         WHEN o.plain = 1 THEN NULL
         ELSE o.any_source END AS label_source,
    CASE WHEN o.source_key <> '' THEN o.named_postpaid
         WHEN o.plain = 1 THEN o.plain_postpaid
         WHEN o.offered = 1 THEN o.any_postpaid END AS postpaid,
    CASE WHEN o.source_key <> '' THEN o.named_prepaid
         WHEN o.plain = 1 THEN o.plain_prepaid
         WHEN o.offered = 1 THEN o.any_prepaid END AS prepaid,
    CASE WHEN o.channel_key = '' THEN 'channel empty'
         WHEN o.code_raw = '' THEN 'code empty'
         WHEN o.any_shared IS NULL THEN 'channel unknown'
         WHEN o.any_shared = 1 AND o.listed_count <> 1 THEN 'channel several'
         WHEN o.listed_count = 0 THEN 'channel not listed'
         WHEN o.source_key = '' AND o.plain = 0 AND o.offered <> 1 THEN 'source missing'
         WHEN o.source_key <> '' AND o.offered = 0 THEN 'source not expected'
         WHEN o.source_key <> '' AND o.named_source IS NULL THEN 'source unknown'
         WHEN o.source_key <> '' AND o.named_postpaid IS NULL THEN 'source not offered'
    END AS fault
  FROM combo_offer o
),
rating AS {once}(
  SELECT f.day AS day, f.channel_raw AS channel_raw, f.source_raw AS source_raw,
    f.code_raw AS code_raw, f.picked AS channel, f.label_source AS source,
    f.postpaid AS postpaid, f.prepaid AS prepaid, c.code_family AS code_family,
    CASE WHEN {int_code} THEN {code_canonical} ELSE f.code_raw END AS code_out,
    CASE WHEN {int_code} THEN {code_number} END AS code_int,
    CASE WHEN f.fault IS NULL THEN NULL
         WHEN f.fault LIKE 'channel%' THEN 'channel'
         WHEN f.fault LIKE 'code%' THEN 'code'
         ELSE 'source' END AS field,
    CASE WHEN f.fault = 'channel empty' THEN
           'empty (expected the channel or API as the table names it, e.g. 微信小程序 or LivenessCompare)'
         WHEN f.fault = 'code empty' THEN
           'empty (expected the result code Tencent Cloud returned, e.g. 0 or FailedOperation.CompareLowSimilarity)'
         WHEN f.fault = 'channel unknown' THEN
           'unknown channel ' || {channel} || ' (see the relation channel_names for the spellings this table knows)'
         WHEN f.fault = 'channel several' THEN
           {channel} || ' names several channels listed on ' || f.day || ', or none that day: give the channel'
         WHEN f.fault = 'channel not listed' THEN
           'channel ' || {picked} || ' is not in this table on ' || f.day || ' (see its days in the relation channels)'
         WHEN f.fault = 'source missing' THEN
           'channel ' || {picked} || ' compares with several sources on ' || f.day || '; say which one'
         WHEN f.fault = 'source not expected' THEN
           'channel ' || {picked} || ' has no compare source, but ' || {source} || ' was given; leave the source empty'
         WHEN f.fault = 'source unknown' THEN
           'unknown compare source ' || {source} || ' (for channel ' || {picked} || ')'
         WHEN f.fault = 'source not offered' THEN
           'channel ' || {picked} || ' does not offer ' || {named} || ' on ' || f.day
    END AS reason
  FROM rating_field f
  LEFT JOIN channels c ON c.channel = f.picked
)",
        channel = quoted("f.channel_raw"),
        source = quoted("f.source_raw"),
        picked = quoted("f.picked"),
        named = quoted("f.named_source"),
        code_canonical = s.text(&s.int("f.code_raw")),
        code_number = s.int("f.code_raw"),
    )
}
