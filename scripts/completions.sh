#!/usr/bin/env bash
# Writes journey's shell completion scripts to completions/ (or $1) for the
# release archives: journey.bash, _journey (zsh), journey.fish, journey.ps1.
# Run by goreleaser's before hooks; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-completions}
rm -rf "$out"
mkdir -p "$out"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/journey" ./cmd/journey
"$bin/journey" completion bash >"$out/journey.bash"
"$bin/journey" completion zsh >"$out/_journey"
"$bin/journey" completion fish >"$out/journey.fish"
"$bin/journey" completion powershell >"$out/journey.ps1"
