#!/usr/bin/env bash
# Reproducible benchmark of `faceid-rules bill` against DuckDB on generated call logs, with
# and without request ids, unquoted and with every field quoted.
#
#   faceid-rules/bench/run.sh                          # 1M, 5M and 10M calls, 5 rounds
#   SIZES=5000000 ROUNDS=7 faceid-rules/bench/run.sh
#
# What it does:
# 1. builds the release binaries (the command and the generator example), and DuckDB in a
#    Python virtual environment under target/bench-venv (`pip install duckdb`) unless
#    PYTHON names an interpreter that has it;
# 2. generates three logs per size with `gen_calls` (deterministic: seed 1): plain
#    (`time,account,channel,source,code`), with a `request_id` column (32 hex digits, all
#    distinct) and the same with every field quoted; with the matching accounts file and
#    contract prices for the negotiated tiers;
# 3. checks that 1 and 2 threads print the same statements;
# 4. for each size, runs every job once per round, in a rotating order (so that no job
#    always runs first, right after another one warmed the page cache or heated the CPU),
#    and takes the median wall time of the rounds; peak RSS is the largest of the rounds
#    (/usr/bin/time -f %M);
# 5. prints a table: median wall, min–max, peak RSS, and the ratios that matter.
#
# Jobs (2 threads each):
#   bill            faceid-rules bill LOG --accounts A --contract-price … (all of its work:
#                   parse, validate, rate, de-duplicate, aggregate, ledger, output)
#   DuckDB bare     read_csv(all_varchar) + GROUP BY account, channel, source, code, day
#   DuckDB distinct the same over SELECT DISTINCT ON (request_id) * — the de-duplication
#                   bill does
# DuckDB's wall time includes starting Python and importing the module.
#
# Public tools only: bash, coreutils, GNU time, python3. The machine should be otherwise
# idle; the script prints the load average before and after (on a shared machine compare
# the ratios: the jobs alternate, so load hits them alike).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"1000000 5000000 10000000"}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
TIME=/usr/bin/time

if [ ! -x "$TIME" ]; then
    echo "run.sh: GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time" >&2
    exit 1
fi

if [ -z "${PYTHON:-}" ]; then
    PYTHON=$ROOT/target/bench-venv/bin/python
    if ! "$PYTHON" -c 'import duckdb' 2>/dev/null; then
        echo "## installing DuckDB in $ROOT/target/bench-venv"
        python3 -m venv "$ROOT/target/bench-venv"
        "$ROOT/target/bench-venv/bin/pip" install -q duckdb
    fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/faceid-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "## building (release)"
(cd "$ROOT" && cargo build --release -q -p faceid-rules --bin faceid-rules --example gen_calls)
BIN=$ROOT/target/release/faceid-rules
GEN=$ROOT/target/release/examples/gen_calls

cat > "$WORK/duckdb_groupby.py" <<'EOF'
import sys, time
import duckdb
path, threads, distinct = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "distinct"
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
calls = f"read_csv('{path}', all_varchar = true, header = true)"
if distinct:
    calls = f"(SELECT DISTINCT ON (request_id) * FROM {calls})"
start = time.perf_counter()
rows, total = con.execute(f"""
    SELECT count(*), sum(calls) FROM (
        SELECT account, channel, source, code, substr(time, 1, 10) AS day, count(*) AS calls
        FROM {calls}
        GROUP BY account, channel, source, code, day)""").fetchone()
print(f"{time.perf_counter() - start:.4f} {rows} {total}")
EOF

# run NAME COMMAND…: one timed run; appends "wall rss" to $WORK/NAME.times.
run() {
    local name=$1
    shift
    "$TIME" -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2> "$WORK/err.txt" || {
        echo "run.sh: job '$name' failed:" >&2
        cat "$WORK/err.txt" >&2
        exit 1
    }
    tail -1 "$WORK/time.txt" >> "$WORK/$name.times"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall() { cut -d' ' -f1 "$WORK/$1.times" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

echo "## machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## DuckDB: $("$PYTHON" -c 'import duckdb; print(duckdb.__version__)') ($PYTHON)"

for size in $SIZES; do
    plain=$WORK/plain-$size.csv
    ids=$WORK/ids-$size.csv
    quoted=$WORK/quoted-$size.csv
    "$GEN" --calls "$size" --seed 1 --accounts-out "$WORK/accounts.csv" --contract-out "$WORK/contract.txt" > "$plain"
    "$GEN" --calls "$size" --seed 1 --request-ids > "$ids"
    "$GEN" --calls "$size" --seed 1 --request-ids --quote-all > "$quoted"
    mapfile -t prices < "$WORK/contract.txt"
    contract=()
    for p in "${prices[@]}"; do contract+=(--contract-price "$p"); done
    rm -f "$WORK"/*.times

    # Same statements whatever the threads and the quoting.
    a=$("$BIN" bill "$ids" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads 1 --format csv | md5sum)
    b=$("$BIN" bill "$ids" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads 2 --format csv | md5sum)
    c=$("$BIN" bill "$quoted" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads 2 --format csv | md5sum)
    d=$("$BIN" bill "$plain" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads 2 --format csv | md5sum)
    if [ "$a" != "$b" ] || [ "$b" != "$c" ] || [ "$c" != "$d" ]; then
        echo "run.sh: different statements with different threads, quoting or ids" >&2
        exit 1
    fi

    jobs=(bill-plain bill-ids bill-quoted duckdb-plain duckdb-ids duckdb-distinct)
    for ((r = 0; r < ROUNDS; r++)); do
        n=${#jobs[@]}
        for ((j = 0; j < n; j++)); do
            job=${jobs[$(((j + r) % n))]}
            case $job in
                bill-plain) run "$job" "$BIN" bill "$plain" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads "$THREADS" ;;
                bill-ids) run "$job" "$BIN" bill "$ids" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads "$THREADS" ;;
                bill-quoted) run "$job" "$BIN" bill "$quoted" --accounts "$WORK/accounts.csv" "${contract[@]}" --threads "$THREADS" ;;
                duckdb-plain) run "$job" "$PYTHON" "$WORK/duckdb_groupby.py" "$plain" "$THREADS" bare ;;
                duckdb-ids) run "$job" "$PYTHON" "$WORK/duckdb_groupby.py" "$ids" "$THREADS" bare ;;
                duckdb-distinct) run "$job" "$PYTHON" "$WORK/duckdb_groupby.py" "$ids" "$THREADS" distinct ;;
            esac
        done
    done

    echo
    echo "### $size calls (plain $(($(stat -c %s "$plain") / 1000000)) MB, with ids $(($(stat -c %s "$ids") / 1000000)) MB, quoted $(($(stat -c %s "$quoted") / 1000000)) MB), median of $ROUNDS rounds, $THREADS threads"
    echo
    echo "| job | wall (median) | min – max | peak RSS |"
    echo "|---|---|---|---|"
    for job in "${jobs[@]}"; do
        f=$WORK/$job.times
        lo=$(cut -d' ' -f1 "$f" | sort -g | head -1)
        hi=$(cut -d' ' -f1 "$f" | sort -g | tail -1)
        rss=$(cut -d' ' -f2 "$f" | sort -g | tail -1)
        case $job in
            bill-plain) label="faceid-rules bill, no request ids" ;;
            bill-ids) label="faceid-rules bill, request ids" ;;
            bill-quoted) label="faceid-rules bill, request ids, every field quoted" ;;
            duckdb-plain) label="DuckDB bare GROUP BY, no request ids" ;;
            duckdb-ids) label="DuckDB bare GROUP BY, request ids" ;;
            duckdb-distinct) label="DuckDB DISTINCT ON (request_id) + GROUP BY" ;;
        esac
        printf '| %s | %s s | %s – %s s | %d MB |\n' "$label" "$(wall "$job")" "$lo" "$hi" "$((rss / 1024))"
    done
    echo
    echo "- with request ids: bill is $(ratio "$(wall duckdb-ids)" "$(wall bill-ids)") DuckDB's bare GROUP BY and $(ratio "$(wall duckdb-distinct)" "$(wall bill-ids)") DuckDB with DISTINCT ON"
    echo "- without: bill is $(ratio "$(wall duckdb-plain)" "$(wall bill-plain)") DuckDB's bare GROUP BY"
    echo "- every field quoted: $(ratio "$(wall bill-quoted)" "$(wall bill-ids)") the time of the same log unquoted"
done
echo
echo "## load after: $(cut -d' ' -f1-3 /proc/loadavg)"
