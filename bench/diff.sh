#!/usr/bin/env bash
# Times `journey diff` of two versions of a map (bench/genmaps, then its
# -variant: moves, renames, emotions, added and removed touchpoints) at
# 200, 1,000 and 4,000 touchpoints, interleaved with `journey validate` of
# the same two files and `git diff --no-index`, and prints the wall time
# (best of N) and the ratios. The budget: diff at most 2x validate at
# every size (linear). The Go benchmark is
# go test ./journey/diff -bench DiffOverValidate.
#
#   bench/diff.sh [runs]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=bench/out/diff
mkdir -p "$out"
go build -o "$out/journey" ./cmd/journey
j="$out/journey"

cpu() { # wall seconds of one run of "$@" (best of N below)
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  awk -v ns=$(( t1 - t0 )) 'BEGIN { print ns / 1e9 }'
}

printf "%-6s %12s %12s %12s %10s %10s\n" tps "diff ms" "validate ms" "git diff ms" "/validate" "/git diff"
for n in 200 1000 4000; do
  go run ./bench/genmaps -n 1 -touchpoints "$n" -out "$out/old$n" 2>/dev/null
  go run ./bench/genmaps -n 1 -touchpoints "$n" -variant -out "$out/new$n" 2>/dev/null
  a="$out/old$n/map-0000.journey.yaml" b="$out/new$n/map-0000.journey.yaml"
  d=999 v=999 g=999
  for _ in $(seq "$runs"); do # interleaved: each sees the same machine load
    x=$(cpu "$j" diff "$a" "$b"); d=$(awk -v a="$d" -v b="$x" 'BEGIN { print (b < a ? b : a) }')
    x=$(cpu "$j" validate "$a" "$b"); v=$(awk -v a="$v" -v b="$x" 'BEGIN { print (b < a ? b : a) }')
    x=$(cpu git diff --no-index "$a" "$b"); g=$(awk -v a="$g" -v b="$x" 'BEGIN { print (b < a ? b : a) }')
  done
  awk -v n="$n" -v d="$d" -v v="$v" -v g="$g" 'BEGIN {
    printf "%-6d %12.0f %12.0f %12.0f %9.2fx %9.1fx\n", n, d*1000, v*1000, g*1000, d/(v>0?v:0.001), d/(g>0?g:0.001)
  }'
done
