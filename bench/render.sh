#!/usr/bin/env bash
# Times journey render on a 200-touchpoint map: the Go benchmarks of the
# render back ends (render/draw: layout, SVG, PDF, PNG, font parsing), then
# the journey binary end to end (process start, load, lint, render, write).
# Budgets: SVG under 50 ms, PDF under 300 ms. Prints best and median of N
# runs in milliseconds, and CPU time for the end-to-end runs (this machine
# is shared: wall time moves with the load, CPU time much less).
#
#   bench/render.sh [runs]     (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
out=bench/out/render
mkdir -p "$out"

echo "== go test -bench (render/draw, 200 touchpoints, $runs runs each)"
go test ./render/draw -run '^$' -bench 'Layout200|SVG200|PDF200|PNG200|Fonts' -benchtime 3x -count "$runs" |
  awk '/^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    ms = $3 / 1e6
    v[name] = v[name] " " ms
    n[name]++
  }
  END {
    printf "%-22s %10s %10s\n", "benchmark", "best ms", "median ms"
    split("BenchmarkLayout200 BenchmarkSVG200 BenchmarkPDF200 BenchmarkPNG200 BenchmarkFonts", order, " ")
    for (o = 1; o <= 5; o++) {
      k = order[o]; if (!(k in v)) continue
      m = split(substr(v[k], 2), a, " ")
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      printf "%-22s %10.1f %10.1f\n", k, a[1], a[int((m + 1) / 2)]
    }
  }'

echo
echo "== journey render end to end ($runs runs each)"
go build -o "$out/journey" ./cmd/journey
go run ./bench/genmaps -n 1 -touchpoints 200 -out "$out/maps" >/dev/null 2>&1
map=$(ls "$out"/maps/*.journey.yaml | head -1)
printf "%-10s %10s %10s %12s\n" "output" "best ms" "median ms" "best cpu ms"
for f in svg pdf png; do
  for _ in $(seq "$runs"); do
    /usr/bin/env time -f "%e %U %S" "$out/journey" render "$map" -o "$out/map.$f" 2>&1 >/dev/null | tail -1
  done | awk -v f="$f" '{ w[NR] = $1 * 1000; c[NR] = ($2 + $3) * 1000 }
    END {
      n = NR
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
        if (w[j] < w[i]) { t = w[i]; w[i] = w[j]; w[j] = t }
        if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
      }
      printf "%-10s %10.0f %10.0f %12.0f\n", f, w[1], w[int((n + 1) / 2)], c[1]
    }'
done
ls -l "$out"/map.* | awk '{ printf "%s %d bytes\n", $NF, $5 }'
