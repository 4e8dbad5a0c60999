"""What every engine test shares: the log of one edition (written by the `sql_log` example),
`faceid-rules bill` on it, the generated script, and the comparison of the engine's usage
and rejects with `bill`'s.

The binaries are the release builds of the workspace: `cargo build --release -p faceid-rules
--bin faceid-rules --example sql_log` (`.ci/run` builds them before these tests).
"""

import csv
import json
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release"
BIN = TARGET / "faceid-rules"
SQL_LOG = TARGET / "examples" / "sql_log"

#: The columns of the calls relation the script reads.
CALL_COLUMNS = ["file", "line", "time", "account", "channel", "source", "code", "request_id"]
#: The columns of a usage file.
USAGE_COLUMNS = ["account", "day", "channel", "source", "code", "calls"]


def run(*args, **kw):
    """Runs a command; its failure fails the test, with what it said."""
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def editions():
    """Every edition the command knows, as its usage error for an unknown one lists them
    (`expected one of `legacy` for …; `monthly` for …`)."""
    done = subprocess.run([str(BIN), "sql", "--edition", "?"], capture_output=True, text=True)
    names = re.findall(r"`([a-z]+)`", done.stderr.partition("expected")[2])
    assert names, done.stderr
    return names


def write_log(edition, out, calls=3000, files=3, seed=1):
    """The files of the engine tests' log for `edition`, in name order."""
    run(SQL_LOG, "--edition", edition, "--calls", calls, "--files", files, "--seed", seed,
        "--out", out)
    return sorted(Path(out).glob("calls-*.csv"))


def read_calls(files):
    """The rows of the calls relation, as a job reads the files: each field as written
    (untrimmed), with the file's name and the line the record is on."""
    rows = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            at = {name: i for i, name in enumerate(header)}
            for record in reader:
                rows.append([str(path), reader.line_num]
                            + [record[at[c]] for c in CALL_COLUMNS[2:]])
    return rows


def calls_parquet(files, path):
    """The calls relation as a Parquet file, which every engine reads exactly."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    rows = read_calls(files)
    columns = list(zip(*rows))
    table = pa.table({
        name: pa.array(values, pa.int64() if name == "line" else pa.string())
        for name, values in zip(CALL_COLUMNS, columns)
    })
    pq.write_table(table, path)
    return path


def script(edition, dialect):
    """The generated script, split at the statements' ends: the statements that create the
    relations, the one that creates the view rated_calls (once calls exists), and the three
    queries (usage, rejects, billed)."""
    text = run(BIN, "sql", "--edition", edition, "--dialect", dialect)
    statements = []
    for chunk in text.split(";\n"):
        body = "\n".join(l for l in chunk.splitlines() if not l.startswith("--")).strip()
        if body:
            statements.append(body)
    view = [i for i, s in enumerate(statements) if " VIEW rated_calls AS\n" in s]
    assert len(view) == 1 and len(statements) == view[0] + 4, text[:2000]
    i = view[0]
    queries = dict(zip(["usage", "rejects", "billed"], statements[i + 1:]))
    return statements[:i], statements[i], queries


def bill_log(edition, files, work):
    """`bill` on the raw log: its statements (JSON) and its rejects (file, line, field)."""
    rejects = Path(work) / "bill-rejects.csv"
    out = run(BIN, "bill", *files, "--edition", edition, "--format", "json",
              "--rejects", rejects, "--raw", "--quiet")
    with open(rejects, newline="", encoding="utf-8") as f:
        rows = {(Path(r["file"]).name, int(r["line"]), r["field"]) for r in csv.DictReader(f)}
    return json.loads(out), rows


def bill_usage(edition, usage_files):
    """`bill --usage` on usage files: the statements (JSON)."""
    args = []
    for f in usage_files:
        args += ["--usage", f]
    return json.loads(run(BIN, "bill", *args, "--edition", edition, "--format", "json",
                          "--quiet"))


def write_usage(rows, path):
    """Usage rows (tuples in USAGE_COLUMNS order) as a usage file."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(USAGE_COLUMNS)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
    return path


def assert_same_bill(edition, want, got):
    """The statements of the SQL's usage are `bill`'s, to the fen and the call."""
    spend = lambda s: [(a["account"], [m.get("spend") for m in a["months"]])
                       for a in s["accounts"]]
    assert spend(got) == spend(want), f"{edition}: spend per account and month differs"
    assert got["accounts"] == want["accounts"], f"{edition}: statements differ"
    for key in ["billed", "not_billed"]:
        assert got["summary"][key] == want["summary"][key], (edition, key)
    assert want["summary"]["duplicates"] > 0 and want["summary"]["rejected"] > 0


def assert_same_rejects(edition, want, rows):
    """The SQL rejects exactly the lines `bill` rejects, naming the same field.
    `rows`: (file, line, field) with the file as the engine names it."""
    got = {(Path(str(f).replace("file:", "")).name, int(l), fl or "") for f, l, fl in rows}
    assert got == want, (f"{edition}: only in the SQL's rejects {sorted(got - want)[:5]}, "
                         f"only in bill's {sorted(want - got)[:5]}")
    fields = {r[2] for r in want}
    assert {"time", "channel", "code", "source", "request_id"} <= fields, fields
