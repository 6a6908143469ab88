#!/usr/bin/env bash
# Times journey serve from a file's write to the new picture on screen, in
# headless Chromium, for the 27-touchpoint insurer example and a generated
# 200-touchpoint map, and reads the server's idle memory (VmRSS) once the
# renders are done and the page is connected. Budgets: under 150 ms for the
# example, under 400 ms for 200 touchpoints, under 30 MiB idle.
#
#   bench/serve.sh [writes]     (default 15 per map)
#
# Needs chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
out=bench/out/serve
rm -rf "$out"
mkdir -p "$out/example/data" "$out/big"
go build -o "$out/journey" ./cmd/journey
go build -o "$out/servelat" ./bench/servelat
cp examples/seguro-hogar.journey.yaml "$out/example/"
cp examples/data/encuesta-seguro.csv "$out/example/data/"
go run ./bench/genmaps -n 1 -touchpoints 200 -out "$out/big" >/dev/null 2>&1
big=$(ls "$out"/big/*.journey.yaml | head -1)
echo "== journey serve: write to picture in Chromium ($runs writes each, after one to warm up)"
"$out/servelat" -journey "$out/journey" -runs "$runs" "$out/example/seguro-hogar.journey.yaml" "$big"
