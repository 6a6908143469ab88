#!/usr/bin/env bash
# Generates 1,000 maps of 50 touchpoints and prints how fast `journey
# validate` (and `journey lint`, when present) reads them: maps/s and MB/s,
# best of 5 runs, plus peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/journey" ./cmd/journey
[ -d "$out/maps" ] || go run ./bench/genmaps -n 1000 -touchpoints 50 -out "$out/maps"
count=$(ls "$out/maps" | wc -l)
bytes=$(cat "$out"/maps/* | wc -c)

measure() {
  local best=999999999999
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    "$out/journey" "$@" "$out/maps" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    (( t1 - t0 < best )) && best=$(( t1 - t0 ))
  done
  local rss
  /usr/bin/time -o "$out/time.txt" -f %M "$out/journey" "$@" "$out/maps" >/dev/null 2>&1 || true
  rss=$(tail -1 "$out/time.txt")
  awk -v ns="$best" -v n="$count" -v b="$bytes" -v rss="$rss" -v cmd="$*" 'BEGIN {
    s = ns / 1e9
    printf "%-10s %5d maps %6.1f MB  %7.3f s  %8.0f maps/s  %6.1f MB/s  peak RSS %s KiB\n", cmd, n, b/1e6, s, n/s, b/1e6/s, rss
  }'
}

measure validate
measure lint --fail-on none -f json
measure lint --fail-on none
echo "(lint prints about 100 findings per generated map: the text run includes formatting 100,000"
echo " findings with their source lines; go test -bench 'Validate|Lint' ./journey/lint measures the rules alone)"
