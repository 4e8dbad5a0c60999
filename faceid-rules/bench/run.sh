#!/usr/bin/env bash
# Reproducible benchmark of `faceid-rules bill` against DuckDB and polars (when installed:
# `pip install duckdb polars`) on generated call logs.
#
#   faceid-rules/bench/run.sh                 # 1M and 10M calls, 5 rounds, 1 and 2 threads
#   SIZES=10000000 ROUNDS=7 faceid-rules/bench/run.sh
#
# What it does:
# 1. builds the release binaries (the command and the generator example);
# 2. generates the logs with `gen_calls` (deterministic: seed 1) into a temporary directory,
#    with the matching accounts file and contract prices for the negotiated tiers;
# 3. for each log, runs every job once per round, in a rotating order (so that no job always
#    runs first, right after another one warmed the page cache or heated the CPU), and takes
#    the median wall time of the rounds; peak RSS is the largest of the rounds
#    (/usr/bin/time -f %M);
# 4. checks that 1 and 2 threads print the same statements (that the fast path and the
#    sequential reader agree is the property tests' job);
# 5. prints a table: median wall, min–max, peak RSS, and DuckDB's time over each job's —
#    DuckDB's whole run (wall) and its query alone (in-process).
#
# Jobs:
#   bill, N threads    faceid-rules bill CALLS --accounts A --contract-price … --threads N
#                      (all of its work: parse, validate, rate, aggregate, ledger, output)
#   bill from a pipe   cat CALLS | faceid-rules bill - … (standard input, no seeking)
#   DuckDB             read_csv(all_varchar) + GROUP BY account, channel, source, code, day
#                      (the day is the first ten characters of the time), 2 threads
#   polars             the same group-by, streaming engine, 2 threads
#   DuckDB, the SQL    `faceid-rules sql --edition current --dialect duckdb` run on the log:
#                      daily usage with the compiled mapping, every time and name checked
#                      and folded as `bill` does (the path for logs already in a warehouse)
# For DuckDB and polars the wall time includes starting Python and importing the module;
# their in-process query time is shown as well, and the ratios are given against both (the
# query alone is the harder comparison for `bill`, whose wall time is all of its work).
#
# Public tools only: bash, coreutils, GNU time, python3 (optional). The machine should be
# otherwise idle; the script prints the load average before and after.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"1000000 10000000"}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-"1 2"}
ENGINE_THREADS=${ENGINE_THREADS:-2}
PYTHON=${PYTHON:-python3}
TIME=/usr/bin/time

if [ ! -x "$TIME" ]; then
    echo "run.sh: GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time" >&2
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/faceid-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "## building (release)"
(cd "$ROOT" && cargo build --release -q -p faceid-rules --bin faceid-rules --example gen_calls)
BIN=$ROOT/target/release/faceid-rules
GEN=$ROOT/target/release/examples/gen_calls

HAVE_DUCKDB=no
HAVE_POLARS=no
if "$PYTHON" -c 'import duckdb' 2>/dev/null; then HAVE_DUCKDB=yes; fi
if "$PYTHON" -c 'import polars' 2>/dev/null; then HAVE_POLARS=yes; fi

cat > "$WORK/duckdb_groupby.py" <<'EOF'
import sys, time
import duckdb
path, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
start = time.perf_counter()
rows, calls = con.execute(f"""
    SELECT count(*), sum(calls) FROM (
        SELECT account, channel, source, code, substr(time, 1, 10) AS day, count(*) AS calls
        FROM read_csv('{path}', all_varchar = true, header = true)
        GROUP BY account, channel, source, code, day)""").fetchone()
print(f"{time.perf_counter() - start:.4f} {rows} {calls}")
EOF

cat > "$WORK/polars_groupby.py" <<'EOF'
import sys, time
import polars as pl
path = sys.argv[1]
start = time.perf_counter()
df = (pl.scan_csv(path, infer_schema=False)
      .with_columns(pl.col("time").str.slice(0, 10).alias("day"))
      .group_by(["account", "channel", "source", "code", "day"])
      .agg(pl.len().alias("calls"))
      .select(pl.len(), pl.col("calls").sum())
      .collect(engine="streaming"))
print(f"{time.perf_counter() - start:.4f} {df.item(0, 0)} {df.item(0, 1)}")
EOF

cat > "$WORK/duckdb_sql.py" <<'EOF'
import sys, time
import duckdb
script, path, threads, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
start = time.perf_counter()
statements = [s for s in open(script, encoding="utf-8").read().split(";\n") if s.strip()]
usage = next(i for i, s in enumerate(statements) if "Daily usage in the usage file format" in s)
for s in statements[:usage]:
    con.execute(s)
con.execute(f"CREATE VIEW calls AS SELECT * FROM read_csv('{path}', all_varchar = true, header = true)")
con.execute(f"COPY ({statements[usage]}) TO '{out}' (HEADER)")
print(f"{time.perf_counter() - start:.4f}")
EOF

# run NAME COMMAND…: one timed run; appends "wall rss query" to $WORK/NAME.times.
run() {
    local name=$1
    shift
    "$TIME" -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" || {
        echo "run.sh: job '$name' failed:" >&2
        cat "$WORK/err.txt" >&2
        exit 1
    }
    local query=-
    case $name in
        duckdb | polars | duckdb-sql) query=$(cut -d' ' -f1 "$WORK/out.txt") ;;
    esac
    echo "$(tail -1 "$WORK/time.txt") $query" >> "$WORK/$name.times"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$BIN" sql --edition current --dialect duckdb > "$WORK/current.sql"

echo "## machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## DuckDB: $HAVE_DUCKDB, polars: $HAVE_POLARS (python: $PYTHON)"

for size in $SIZES; do
    calls=$WORK/calls-$size.csv
    "$GEN" --calls "$size" --seed 1 --accounts-out "$WORK/accounts.csv" --contract-out "$WORK/contract.txt" > "$calls"
    mapfile -t prices < "$WORK/contract.txt"
    contract=()
    for p in "${prices[@]}"; do contract+=(--contract-price "$p"); done
    bytes=$(stat -c %s "$calls")
    rm -f "$WORK"/*.times

    # Same statements whatever the threads; on the smallest log, the same as sequentially.
    declare -A digest=()
    for t in $THREADS; do
        digest[$t]=$("$BIN" bill "$calls" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads "$t" --format csv | md5sum | cut -d' ' -f1)
    done
    if [ "$(printf '%s\n' "${digest[@]}" | sort -u | wc -l)" != 1 ]; then
        echo "run.sh: different statements with different thread counts" >&2
        exit 1
    fi

    jobs=()
    for t in $THREADS; do jobs+=("bill-$t"); done
    jobs+=("pipe-${THREADS##* }")
    [ $HAVE_DUCKDB = yes ] && jobs+=(duckdb)
    [ $HAVE_POLARS = yes ] && jobs+=(polars)
    [ $HAVE_DUCKDB = yes ] && jobs+=(duckdb-sql)

    for ((r = 0; r < ROUNDS; r++)); do
        n=${#jobs[@]}
        for ((j = 0; j < n; j++)); do
            job=${jobs[$(((j + r) % n))]}
            case $job in
                bill-*) run "$job" "$BIN" bill "$calls" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads "${job#bill-}" ;;
                pipe-*) run "$job" bash -c 'cat "$1" | "$2" bill - --accounts "$3" "${@:5}" --threads "$4"' _ \
                    "$calls" "$BIN" "$WORK/accounts.csv" "${job#pipe-}" "${contract[@]}" ;;
                duckdb) run duckdb "$PYTHON" "$WORK/duckdb_groupby.py" "$calls" "$ENGINE_THREADS" ;;
                polars) run polars env POLARS_MAX_THREADS="$ENGINE_THREADS" "$PYTHON" "$WORK/polars_groupby.py" "$calls" ;;
                duckdb-sql) run duckdb-sql "$PYTHON" "$WORK/duckdb_sql.py" "$WORK/current.sql" "$calls" "$ENGINE_THREADS" "$WORK/usage.csv" ;;
            esac
        done
    done

    reference=
    reference_wall=
    if [ $HAVE_DUCKDB = yes ]; then
        reference=$(cut -d' ' -f3 "$WORK/duckdb.times" | median)
        reference_wall=$(cut -d' ' -f1 "$WORK/duckdb.times" | median)
    fi
    echo
    echo "### $size calls ($((bytes / 1000000)) MB), median of $ROUNDS rounds"
    echo
    echo "| job | wall (median) | min – max | query (in-process) | peak RSS | DuckDB wall ÷ job wall | DuckDB query ÷ job |"
    echo "|---|---|---|---|---|---|---|"
    for job in "${jobs[@]}"; do
        f=$WORK/$job.times
        wall=$(cut -d' ' -f1 "$f" | median)
        lo=$(cut -d' ' -f1 "$f" | sort -g | head -1)
        hi=$(cut -d' ' -f1 "$f" | sort -g | tail -1)
        rss=$(cut -d' ' -f2 "$f" | sort -g | tail -1)
        query=-
        ratio=-
        ratio_wall=-
        [ -n "$reference_wall" ] && ratio_wall=$(awk -v a="$reference_wall" -v b="$wall" 'BEGIN { printf "%.2f×", a / b }')
        case $job in
            duckdb | polars | duckdb-sql)
                query=$(cut -d' ' -f3 "$f" | median)
                [ -n "$reference" ] && ratio=$(awk -v a="$reference" -v b="$query" 'BEGIN { printf "%.2f×", a / b }')
                query="$query s"
                ;;
            *) [ -n "$reference" ] && ratio=$(awk -v a="$reference" -v b="$wall" 'BEGIN { printf "%.2f×", a / b }') ;;
        esac
        case $job in
            bill-1) label="faceid-rules bill, 1 thread" ;;
            bill-*) label="faceid-rules bill, ${job#bill-} threads" ;;
            pipe-*) label="cat \| faceid-rules bill -, ${job#pipe-} threads" ;;
            duckdb) label="DuckDB, $ENGINE_THREADS threads, bare GROUP BY" ;;
            polars) label="polars streaming, $ENGINE_THREADS threads, same group-by" ;;
            duckdb-sql) label="DuckDB, $ENGINE_THREADS threads, the generated SQL to usage" ;;
        esac
        printf '| %s | %s s | %s – %s s | %s | %d MB | %s | %s |\n' "$label" "$wall" "$lo" "$hi" "$query" "$((rss / 1024))" "$ratio_wall" "$ratio"
    done
done
echo
echo "## load after: $(cut -d' ' -f1-3 /proc/loadavg)"
