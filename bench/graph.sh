#!/usr/bin/env bash
# Times the graph view's layout step: the journey-graphviz helper's start-up
# (warm and cold WebAssembly cache) and its layout of a 200-node, 400-edge
# graph in 8 clusters, next to Graphviz's own dot when it is installed.
# Prints the best (minimum) and median of N runs, in milliseconds.
#
#   bench/graph.sh [runs]     (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
out=bench/out
mkdir -p "$out"
go build -o "$out/journey-graphviz" ./cmd/journey-graphviz
go build -o "$out/journey" ./cmd/journey

# A graph shaped like journey's own: 8 stage clusters, fixed-size rounded
# boxes with two-line labels, a flow edge to the next node and a second edge
# to a node a little further on or back (loops), 400 edges in all.
gen() {
  awk -v nodes="$1" -v edges="$2" 'BEGIN {
    seed = 42
    print "digraph journey {"
    print "\tgraph [rankdir=LR, nodesep=0.25, ranksep=0.45, fontname=\"Arial\"];"
    print "\tnode [shape=box, style=\"rounded,filled\", fontname=\"Arial\", fontsize=9];"
    per = int(nodes / 8)
    for (s = 0; s < 8; s++) {
      printf "\tsubgraph \"cluster_%d\" {\n\t\tlabel=\"Etapa %d\"; fontsize=11; style=\"rounded,filled\"; fillcolor=\"#e8eef7\";\n", s, s
      for (i = s * per; i < (s + 1) * per && i < nodes; i++)
        printf "\t\t\"tp-%d\" [label=\"Punto de contacto %d\\nWeb · Neutra (3)\", fillcolor=\"#e3b505\", fixedsize=true, width=1.65, height=0.55];\n", i, i
      print "\t}"
    }
    n = 0
    for (i = 0; i + 1 < nodes && n < edges; i++) { printf "\t\"tp-%d\" -> \"tp-%d\";\n", i, i + 1; n++ }
    while (n < edges) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      a = seed % nodes
      seed = (seed * 1103515245 + 12345) % 2147483648
      b = a + (seed % 9) - 3
      if (b < 0 || b >= nodes || b == a + 1) continue
      if (b <= a) printf "\t\"tp-%d\" -> \"tp-%d\" [style=dashed, constraint=false];\n", a, b
      else printf "\t\"tp-%d\" -> \"tp-%d\";\n", a, b
      n++
    }
    print "}"
  }'
}
gen 200 400 > "$out/graph-200.dot"
gen 50 100 > "$out/graph-50.dot"

# time_ms CMD... : runs CMD $runs times (stdin from $in), prints "best median".
time_ms() {
  local ts=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" < "${in:-/dev/null}" > /dev/null 2>&1
    t1=$(date +%s%N)
    ts+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%8.1f %8.1f", a[1] / 1000, a[int((NR + 1) / 2)] / 1000 }'
}

row() { printf '%-46s %s\n' "$1" "$2"; }

printf '%-46s %8s %8s   (ms, %d runs)\n' "" best median "$runs"
row "journey version (no graphviz linked)" "$(time_ms "$out/journey" version)"
row "journey-graphviz -V, warm wasm cache" "$(time_ms "$out/journey-graphviz" -V)"
cold() { local d; d=$(mktemp -d); TMPDIR="$d" "$out/journey-graphviz" -V; rm -rf "$d"; }
row "journey-graphviz -V, cold (empty TMPDIR)" "$(time_ms cold)"
row "helper layout, 50 nodes / 100 edges" "$(in="$out/graph-50.dot" time_ms "$out/journey-graphviz" -Tjson0)"
row "helper layout, 200 nodes / 400 edges" "$(in="$out/graph-200.dot" time_ms "$out/journey-graphviz" -Tjson0)"
if command -v dot > /dev/null; then
  row "dot $(dot -V 2>&1 | awk '{print $5}'), 50 nodes / 100 edges" "$(in="$out/graph-50.dot" time_ms dot -Tjson0)"
  row "dot $(dot -V 2>&1 | awk '{print $5}'), 200 nodes / 400 edges" "$(in="$out/graph-200.dot" time_ms dot -Tjson0)"
else
  row "dot" "not installed"
fi
ls -l "$out/journey" "$out/journey-graphviz" | awk '{ printf "%-46s %8.1f MB\n", $NF, $5 / 1048576 }'
if "$out/journey" render --help 2>/dev/null | grep -q -- '--view'; then
  go run ./bench/genmaps -n 1 -touchpoints 200 -out "$out/graphmap" > /dev/null 2>&1 || true
  map=$(ls "$out"/graphmap/*.yaml 2>/dev/null | head -1 || true)
  if [ -n "$map" ]; then
    row "journey render --view graph, 200 tp, png" "$(time_ms "$out/journey" render --view graph --format png -o "$out/graph.png" "$map")"
    row "journey render --view graph, 200 tp, svg" "$(time_ms "$out/journey" render --view graph --format svg -o "$out/graph.svg" "$map")"
  fi
fi
