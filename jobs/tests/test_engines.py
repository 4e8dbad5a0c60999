"""The generated SQL on real engines against `bill` on the raw log, for every edition:
DuckDB, ClickHouse (chDB, in process) and Spark (local mode, through the job in
jobs/spark/usage.py). Each engine's usage bills to `bill`'s statements, to the fen and the
call, and its rejects are `bill`'s rejected and repeated lines, line for line, with the same
field. An engine that is not installed fails the test: nothing is skipped."""

import csv
import glob
import json
import os
import sys
import time
from pathlib import Path

import harness

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "jobs" / "spark"))

import usage as job  # noqa: E402


def check(log, usage_rows, rejects, engine):
    got = harness.bill_usage(log.edition, [harness.write_usage(usage_rows,
                                                               log.work / f"{engine}.csv")])
    harness.assert_same_bill(f"{engine}, {log.edition}", log.bill, got)
    harness.assert_same_rejects(f"{engine}, {log.edition}", log.rejects, rejects)


def test_duckdb(log):
    import duckdb
    setup, view, queries = harness.script(log.edition, "duckdb")
    con = duckdb.connect()
    for statement in setup:
        con.execute(statement)
    con.execute(f"CREATE TABLE calls AS SELECT * FROM read_parquet('{log.parquet}')")
    con.execute(view)
    usage = con.execute(queries["usage"]).fetchall()
    rejects = [r[:3] for r in con.execute(queries["rejects"]).fetchall()]
    check(log, usage, rejects, "duckdb")
    # The billed query counts what the usage counts.
    billed = con.execute(queries["billed"]).fetchall()
    assert sum(r[5] for r in billed) == sum(r[5] for r in usage)


def test_clickhouse(log):
    from chdb import session
    setup, view, queries = harness.script(log.edition, "clickhouse")
    s = session.Session()

    def rows(sql):
        out = s.query(sql, "JSONCompact").bytes()
        return [tuple(r) for r in json.loads(out)["data"]] if out else []

    for statement in setup:
        s.query(statement)
    s.query(f"CREATE TABLE calls ENGINE = Memory AS SELECT * FROM file('{log.parquet}', Parquet)")
    s.query(view)
    usage = rows(queries["usage"])
    rejects = [r[:3] for r in rows(queries["rejects"])]
    check(log, usage, rejects, "clickhouse")
    billed = rows(queries["billed"])
    assert sum(int(r[5]) for r in billed) == sum(int(r[5]) for r in usage)


def read_csv_dir(path):
    rows = []
    for f in sorted(glob.glob(f"{path}/*.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def test_spark_job(log, spark):
    script = harness.run(harness.BIN, "sql", "--edition", log.edition, "--dialect", "spark")
    out = log.work / "spark"
    counts = job.run(spark, script, str(log.work / "log"), "csv", str(out))
    got = harness.bill_usage(log.edition, sorted(glob.glob(f"{out}/usage/*.csv")))
    harness.assert_same_bill(f"spark, {log.edition}", log.bill, got)
    rejects = [(r["file"], r["line"], r["field"]) for r in read_csv_dir(out / "rejects")]
    harness.assert_same_rejects(f"spark, {log.edition}", log.rejects, rejects)
    summary = log.bill["summary"]
    assert counts["read"] == summary["read"]
    assert counts["left_out"] == summary["duplicates"] + summary["rejected"]


def test_spark_submit_on_parquet(tmp_path):
    """The job as a user runs it: spark-submit in local mode, on a Parquet log."""
    edition = harness.editions()[0]
    files = harness.write_log(edition, tmp_path / "log", calls=1500, files=2, seed=5)
    want, want_rejects = harness.bill_log(edition, files, tmp_path)
    (tmp_path / "parquet").mkdir()
    for f in files:
        harness.calls_parquet([f], tmp_path / "parquet" / f"{f.stem}.parquet")
    sql = tmp_path / "script.sql"
    harness.run(harness.BIN, "sql", "--edition", edition, "--dialect", "spark", "-o", sql)
    venv = Path(sys.executable).parent
    # As in an activated virtual environment: spark-submit finds Spark through `python3`.
    env = dict(os.environ, PATH=f"{venv}:{os.environ.get('PATH', '')}",
               PYSPARK_PYTHON=sys.executable)
    submit = venv / "spark-submit"
    started = time.perf_counter()
    said = harness.run(submit, "--master", "local[2]",
                       "--conf", "spark.sql.shuffle.partitions=4",
                       "--conf", "spark.ui.enabled=false",
                       ROOT / "jobs" / "spark" / "usage.py", "--sql", sql,
                       "--calls", tmp_path / "parquet", "--format", "parquet",
                       "--out", tmp_path / "out", env=env)
    print(f"spark-submit: {time.perf_counter() - started:.1f} s")
    assert f"{want['summary']['read']} calls read" in said, said
    got = harness.bill_usage(edition, sorted(glob.glob(f"{tmp_path}/out/usage/*.csv")))
    harness.assert_same_bill(f"spark-submit, {edition}", want, got)
    # A Parquet row's line is its row number: one less than the CSV line it came from.
    rejects = {(Path(r["file"]).stem, int(r["line"]), r["field"])
               for r in read_csv_dir(tmp_path / "out" / "rejects")}
    assert rejects == {(Path(f).stem, line - 1, field) for f, line, field in want_rejects}
