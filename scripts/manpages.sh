#!/usr/bin/env bash
# Usage: scripts/manpages.sh [DIR [VERSION [DATE]]]
# Writes journey's man pages (section 1, gzipped) to DIR (default manpages/)
# for the release archives. VERSION and DATE (YYYY-MM-DD or RFC 3339) go
# into the page header; goreleaser's before hooks pass the release's version
# and commit date, so the pages are reproducible. Safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-manpages}
rm -rf "$out"
go run ./scripts/gendocs -man "$out" -version "${2:-}" -date "${3:-}"
for f in "$out"/*.1; do gzip -9 -n -f "$f"; done
