#!/usr/bin/env bash
# Generates a 10-million-row survey export (about 60 touchpoints) and prints
# how fast `journey score` reads it: MB/s and rows/s (best of 3 runs) and
# peak RSS (from /usr/bin/time -v), and the CPU time, which does not depend
# on what else the machine runs. ROWS=... changes the size; GZ=1 also
# measures the gzip-compressed file.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
rows=${ROWS:-10000000}
mkdir -p "$out"
go build -o "$out/journey" ./cmd/journey
csv="$out/survey-$rows.csv"
map="$out/survey.journey.yaml"
if [ ! -f "$csv" ] || [ ! -f "$map" ]; then
  echo "generating $csv ..." >&2
  go run ./bench/survey -rows "$rows" -out "$csv" -map "$map"
fi
cat "$csv" > /dev/null # warm the page cache: measure parsing, not the disk
bytes=$(stat -c %s "$csv")

measure() {
  local label=$1; shift
  local best=999999999999
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$out/journey" score "$map" --responses "$csv" "$@" --format json > "$out/score.json" 2> "$out/score.stderr"
    t1=$(date +%s%N)
    (( t1 - t0 < best )) && best=$(( t1 - t0 ))
  done
  /usr/bin/time -v -o "$out/time.txt" "$out/journey" score "$map" --responses "$csv" "$@" --format json > /dev/null 2>&1
  local rss cpu
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$out/time.txt")
  awk -v ns="$best" -v rows="$rows" -v b="$bytes" -v rss="$rss" -v label="$label" -v procs="$(nproc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v cpu="$cpu" 'BEGIN {
    s = ns / 1e9
    printf "%-24s %d rows  %6.1f MB  %6.3f s  %6.1f MB/s  %5.2f M rows/s  peak RSS %5.1f MiB  (%d cores, load %s)\n",
      label, rows, b/1e6, s, b/1e6/s, rows/1e6/s, rss/1024, procs, load
    printf "%-24s CPU %.2f s (user+sys): %.0f MB per CPU-second\n", "", cpu, b/1e6/cpu
  }'
}

measure "score"
measure "score --segment" --segment segment
measure "score --since/--until" --column date=timestamp --since 2026-01-15 --until 2026-03-15
if [ -n "${GZ:-}" ]; then
  [ -f "$csv.gz" ] || gzip -1 -kc "$csv" > "$csv.gz"
  csv="$csv.gz" measure "score (.csv.gz, MB of CSV)"
fi
