"""Daily usage of Face ID call logs on Spark, with the SQL that faceid-rules generates from a
compiled billing table: every call rated by its day in China Standard Time, repeated request
ids counted once, as `faceid-rules bill` counts them; the calls left out in a rejects output.

    faceid-rules sql --edition legacy --dialect spark -o legacy.sql
    spark-submit jobs/spark/usage.py --sql legacy.sql --calls logs/ --out out/
    faceid-rules bill --usage out/usage/*.csv --edition legacy

--calls is a file, a directory or a glob of call logs: CSV with a header (`time`, `channel`,
`code`, optional `source`, `account`, `request_id`, in any order, other columns ignored), or
Parquet with those columns (--format parquet). Each row gets its file and its line (the
record's number in the file, plus one for the header): the order `bill logs/*.csv` reads
them in, which decides which of two lines with one request id counts. --out gets usage/ (a
usage file per part, for `bill --usage`) and rejects/ (each call left out, with the field
and the reason).
"""

import argparse
import sys

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampNTZType, TimestampType

COLUMNS = ["time", "account", "channel", "source", "code", "request_id"]
REQUIRED = {"time", "channel", "code"}


def statements(script):
    """The script's statements: the relations, the view `rated_calls` over `calls`, and the
    usage, rejects and billed queries."""
    out = []
    for chunk in script.split(";\n"):
        body = "\n".join(l for l in chunk.splitlines() if not l.startswith("--")).strip()
        if body:
            out.append(body)
    views = [i for i, s in enumerate(out) if " VIEW rated_calls AS\n" in s]
    if len(views) != 1 or len(out) != views[0] + 4 or "TEMPORARY VIEW" not in out[views[0]]:
        sys.exit("usage.py: --sql is not a script of `faceid-rules sql --dialect spark`")
    i = views[0]
    return out[:i], out[i], out[i + 1:]


def headers(spark, path):
    """Each CSV file under `path` with its header's column names (as a file system lists
    them: local, HDFS, S3)."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    pattern = jvm.org.apache.hadoop.fs.Path(path)
    fs = pattern.getFileSystem(conf)
    found = []
    for status in fs.globStatus(pattern) or []:
        if status.isDirectory():
            files = fs.listFiles(status.getPath(), True)
            while files.hasNext():
                found.append(files.next().getPath())
        else:
            found.append(status.getPath())
    out = []
    for p in sorted(found, key=lambda p: p.toString()):
        if p.getName().startswith((".", "_")):
            continue
        stream = fs.open(p)
        reader = jvm.java.io.BufferedReader(jvm.java.io.InputStreamReader(stream, "UTF-8"))
        line = reader.readLine()
        reader.close()
        if line is None:
            sys.exit(f"usage.py: {p.toString()}: empty file (expected a header line)")
        names = [n.strip().strip('"').lstrip("\ufeff").strip().lower() for n in line.split(",")]
        out.append((p.toString(), names))
    if not out:
        sys.exit(f"usage.py: --calls {path}: no files")
    return out


def canonical(df, names, where):
    """The columns of the calls relation from a log's columns (names matched ignoring case;
    a missing optional column is empty)."""
    missing = REQUIRED - set(names)
    if missing:
        sys.exit(f"usage.py: {where}: no column {', '.join(sorted(missing))} "
                 f"(the header names {', '.join(names)})")
    cols = []
    for c in COLUMNS:
        if c not in names:
            cols.append(F.lit(None).cast("string").alias(c))
        elif c == "time" and isinstance(df.schema[names.index(c)].dataType, TimestampType):
            # An instant: written in UTC, which the SQL turns into China Standard Time.
            cols.append(F.date_format(F.col(df.columns[names.index(c)]),
                                      "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").alias(c))
        elif c == "time" and isinstance(df.schema[names.index(c)].dataType, TimestampNTZType):
            # A wall-clock time without zone: China Standard Time, as in a CSV log.
            cols.append(F.date_format(F.col(df.columns[names.index(c)]),
                                      "yyyy-MM-dd'T'HH:mm:ss.SSSSSS").alias(c))
        else:
            cols.append(F.col(df.columns[names.index(c)]).cast("string").alias(c))
    return cols


def with_lines(df, header_lines):
    """`file` and `line` for each row: the line of a record is one past the records before
    it in its file (plus the header), counted over the file's splits in offset order."""
    df = df.withColumn("_row", F.monotonically_increasing_id()).persist()
    pieces = (df.groupBy("file", "_block")
                .agg(F.min("_row").alias("_first"), F.count(F.lit(1)).alias("_n")))
    before = Window.partitionBy("file").orderBy("_block") \
                   .rowsBetween(Window.unboundedPreceding, -1)
    pieces = pieces.withColumn("_before", F.coalesce(F.sum("_n").over(before), F.lit(0)))
    return (df.join(F.broadcast(pieces), ["file", "_block"])
              .withColumn("line", F.col("_before") + F.col("_row") - F.col("_first")
                          + F.lit(1 + header_lines))
              .drop("_row", "_block", "_first", "_n", "_before"))


def read_calls(spark, path, fmt):
    """The calls relation: file, line and the log's columns as text; and the CSV records
    that are not records of the header's columns (a field too many or too few)."""
    parts, malformed = [], []
    if fmt == "parquet":
        df = spark.read.parquet(path)
        names = [c.lower() for c in df.columns]
        df = df.select(*canonical(df, names, path),
                       F.col("_metadata.file_path").alias("file"),
                       F.col("_metadata.row_index").alias("_row_index"))
        return (df.withColumn("line", F.col("_row_index") + 1).drop("_row_index")), None
    groups = {}
    for file, names in headers(spark, path):
        groups.setdefault(tuple(names), []).append(file)
    for names, files in groups.items():
        schema = StructType([StructField(f"_c{i}", StringType()) for i in range(len(names))]
                            + [StructField("_corrupt", StringType())])
        df = (spark.read.options(header=True, escape='"', multiLine=False, mode="PERMISSIVE",
                                 columnNameOfCorruptRecord="_corrupt", enforceSchema=True)
              .schema(schema).csv(files))
        df = df.select(*canonical(df, list(names), files[0]), F.col("_corrupt"),
                       F.col("_metadata.file_path").alias("file"),
                       F.col("_metadata.file_block_start").alias("_block"))
        parts.append(df)
    df = parts[0]
    for other in parts[1:]:
        df = df.unionByName(other)
    df = with_lines(df, header_lines=1)
    malformed = (df.where(F.col("_corrupt").isNotNull())
                   .select("file", "line", F.lit("").alias("field"),
                           F.lit("not a record of the header's columns (a field too many or "
                                 "too few: quote a value with a comma)").alias("reason"),
                           *[F.col(c) for c in COLUMNS]))
    return df.where(F.col("_corrupt").isNull()).drop("_corrupt"), malformed


def run(spark, script, calls, fmt, out):
    """Rates `calls` with `script` and writes `out`/usage and `out`/rejects; returns the
    counts: calls read, in the usage, left out."""
    setup, view, (usage_sql, rejects_sql, _billed) = statements(script)
    df, malformed = read_calls(spark, calls, fmt)
    df.select("file", "line", *COLUMNS).createOrReplaceTempView("calls")
    for statement in setup:
        spark.sql(statement)
    spark.sql(view)
    # Both queries read every rated call: rated once, kept in memory (and on disk).
    spark.sql("CACHE TABLE rated_calls")
    usage = spark.sql(usage_sql)
    rejects = spark.sql(rejects_sql)
    if malformed is not None:
        rejects = rejects.unionByName(malformed)
    csv = dict(header=True, escape='"', emptyValue="", nullValue="",
               ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False)
    usage.write.mode("overwrite").options(**csv).csv(f"{out}/usage")
    rejects.write.mode("overwrite").options(**csv).csv(f"{out}/rejects")
    written = spark.read.options(header=True, escape='"').csv(f"{out}/usage")
    counted = written.agg(F.sum(F.col("calls").cast("long"))).first()[0] or 0
    left_out = spark.read.options(header=True, escape='"').csv(f"{out}/rejects").count()
    return {"read": df.count() + (malformed.count() if malformed is not None else 0),
            "counted": counted, "left_out": left_out}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sql", required=True, help="the script of `faceid-rules sql --dialect spark`")
    p.add_argument("--calls", required=True, help="a file, directory or glob of call logs")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--out", required=True, help="the directory for usage/ and rejects/")
    args = p.parse_args(argv)
    spark = (SparkSession.builder.appName("faceid-rules usage")
             # Times are turned into China Standard Time by the SQL, from their text; the
             # session's zone only renders Parquet timestamps, in UTC.
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    with open(args.sql, encoding="utf-8") as f:
        script = f.read()
    counts = run(spark, script, args.calls, args.format, args.out)
    print(f"usage.py: {counts['read']} calls read = {counts['counted']} in the usage "
          f"(billed or not billed) + {counts['left_out']} left out (duplicates and rejects, "
          f"in {args.out}/rejects)")
    spark.stop()


if __name__ == "__main__":
    main()
