#!/usr/bin/env bash
# Generates an event log of about 10 million events (500,000 customers, 60
# activities, cases interleaved as real exports are) in CSV, gzip CSV, XES
# and Parquet, and prints how fast `journey mine` reads and mines each
# (summary, variants, directly-follows graph with durations, funnel):
# events/s, MB/s, peak RSS (best of RUNS runs, default 3). When node and
# .ci/node's @duckdb/node-api are there, it times DuckDB's DFG and variant
# query on the same CSV, side by side, and the warehouse path (DuckDB runs
# the SQL of --emit-sql, journey mine --aggregates reads the results).
# Then it times the pictures drawn from the mined log (render --mined): the
# process map (the graph helper's layout included) and the flow of the top
# 50 paths. CASES=... changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
cases=${CASES:-500000}
runs=${RUNS:-3}
mkdir -p "$out"
go build -o "$out/journey" ./cmd/journey
for f in csv csv.gz xes parquet; do
  file="$out/mine-$cases.$f"
  if [ ! -f "$file" ]; then
    echo "generating $file ..." >&2
    format=${f%.gz}
    go run ./bench/genlog -model synthetic -activities 60 -cases "$cases" -format "$format" -out "$file"
  fi
done

# The columns: CSV and Parquet name them as the export does; XES keeps its
# standard keys (the trace's concept:name is the case).
cols=(--case cliente_id --activity evento --timestamp fecha --channel canal)
measure() { # label file [column flags]
  local label=$1 file=$2 best=999999999999 rss=0
  shift 2
  local args=("$@")
  (( ${#args[@]} )) || args=("${cols[@]}")
  cat "$file" > /dev/null # measure mining, not the disk
  for _ in $(seq "$runs"); do
    local t0 t1 kb
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$out/mine.rss" "$out/journey" mine --events "$file" "${args[@]}" \
      -f json -o "$out/mine.json" 2> "$out/mine.stderr" || { cat "$out/mine.stderr" >&2; return 1; }
    t1=$(date +%s%N)
    kb=$(tail -n 1 "$out/mine.rss")
    (( t1 - t0 < best )) && best=$(( t1 - t0 ))
    (( kb > rss )) && rss=$kb
  done
  local events bytes
  events=$(grep -o '"events": [0-9]*' "$out/mine.json" | head -n 1 | grep -o '[0-9]*')
  bytes=$(stat -c %s "$file")
  awk -v l="$label" -v ns="$best" -v ev="$events" -v b="$bytes" -v kb="$rss" 'BEGIN {
    s = ns / 1e9
    printf "%-12s %6.2f s  %12.0f events/s  %8.1f MB/s  peak RSS %6.0f MiB  (%d events, %.0f MB)\n", l, s, ev / s, b / s / 1e6, kb / 1024, ev, b / 1e6 }'
}

echo "journey mine, best of $runs, $(nproc) cores:"
measure "csv" "$out/mine-$cases.csv"
measure "csv.gz" "$out/mine-$cases.csv.gz"
measure "xes" "$out/mine-$cases.xes" --channel channel
measure "parquet" "$out/mine-$cases.parquet"

# The pictures, after mining: best of RUNS renders from the envelope.
"$out/journey" mine --events "$out/mine-$cases.csv" --case cliente_id --activity evento --timestamp fecha --channel canal \
  --top 50 -f json -o "$out/mine-top50.json" 2> /dev/null
view() { # label args...
  local label=$1 best=999999999999
  shift
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$out/journey" render --mined "$out/mine-top50.json" "$@" 2> /dev/null
    t1=$(date +%s%N)
    (( t1 - t0 < best )) && best=$(( t1 - t0 ))
  done
  awk -v l="$label" -v ns="$best" 'BEGIN { printf "%-34s %6.3f s\n", l, ns / 1e9 }'
}
echo "pictures of the mined log (60 activities), best of $runs:"
view "render --view process (SVG)" --view process -o "$out/process.svg"
view "render --view process --top-paths 50" --view process --top-paths 50 -o "$out/process50.svg"
view "render --view flow --top-paths 50" --view flow --top-paths 50 -o "$out/flow50.svg"
view "render --view flow --top-paths 50 (PDF)" --view flow --top-paths 50 -o "$out/flow50.pdf"

if command -v node >/dev/null 2>&1 && [ -d .ci/node/node_modules/@duckdb/node-api ]; then
  cp bench/duckdb/mine.mjs .ci/node/mine.mjs
  best=999999
  for _ in $(seq "$runs"); do
    s=$(node .ci/node/mine.mjs "$out/mine-$cases.csv" cliente_id evento fecha | grep -o '"seconds":[0-9.]*' | cut -d: -f2)
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (b < a) ? b : a }')
  done
  echo "DuckDB (same CSV; DFG counts + variants, no durations): ${best} s"

  # The warehouse path: DuckDB runs journey's own SQL (every aggregate, with
  # durations), then journey mines the results. The in-memory view reads the
  # CSV, as a warehouse would read its table.
  "$out/journey" mine --emit-sql --table eventos --case cliente_id --activity evento --timestamp fecha --channel canal \
    --sequence fila -o "$out/mine.sql" 2> /dev/null
  cp bench/duckdb/aggregates.mjs .ci/node/aggregates.mjs
  rm -rf "$out/agg" && mkdir -p "$out/agg"
  sql=$(node .ci/node/aggregates.mjs "$out/mine.sql" "$out/mine-$cases.csv" fecha UTC "$out/agg" | grep -o '"seconds":[0-9.]*' | cut -d: -f2)
  t0=$(date +%s%N)
  "$out/journey" mine --aggregates "$out/agg" -f json -o "$out/mine-agg.json" 2> /dev/null
  t1=$(date +%s%N)
  echo "warehouse path: DuckDB runs journey's SQL in ${sql} s, journey mine --aggregates takes $(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }') s ($(du -sh "$out/agg" | cut -f1) of aggregates)"
else
  echo "skip: DuckDB comparison (needs node and: npm install --prefix .ci/node @duckdb/node-api)"
fi
