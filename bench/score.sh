#!/usr/bin/env bash
# Generates a 10-million-row survey export (about 60 touchpoints) and prints
# how fast `journey score` reads it: MB/s and rows/s (best of 3 runs) and
# peak RSS (from /usr/bin/time -v). ROWS=... changes the size.
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
    "$out/journey" score "$map" --responses "$csv" "$@" --format json > "$out/score.json"
    t1=$(date +%s%N)
    (( t1 - t0 < best )) && best=$(( t1 - t0 ))
  done
  /usr/bin/time -v -o "$out/time.txt" "$out/journey" score "$map" --responses "$csv" "$@" --format json > /dev/null
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
  awk -v ns="$best" -v rows="$rows" -v b="$bytes" -v rss="$rss" -v label="$label" -v procs="$(nproc)" 'BEGIN {
    s = ns / 1e9
    printf "%-26s %d rows  %7.1f MB  %6.3f s  %7.1f MB/s  %6.2f M rows/s  peak RSS %.1f MiB  (%d cores)\n",
      label, rows, b/1e6, s, b/1e6/s, rows/1e6/s, rss/1024, procs
  }'
}

measure "score"
measure "score --segment" --segment segment
measure "score --since/--until" --column date=timestamp --since 2026-01-15 --until 2026-03-15
