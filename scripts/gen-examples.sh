#!/usr/bin/env bash
# Regenerates the bundled event log of the insurer example and the survey of
# the same customers (deterministic: the same seed writes the same files).
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./bench/genlog -model seguro -cases 8000 -seed 2026 \
  -out examples/data/eventos-seguro.csv.gz -survey examples/data/encuesta-clientes.csv
