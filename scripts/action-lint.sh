#!/usr/bin/env bash
# Runs journey lint for the composite action (action.yml). Inputs, from the
# environment:
#   JOURNEY_PATHS    maps or folders, separated by spaces or new lines (default .)
#   JOURNEY_FORMAT   report format (default sarif)
#   JOURNEY_FAIL_ON  error, warning, info or none; empty: the project config's
#   JOURNEY_OUTPUT   report file (default journey.sarif)
# Writes exit-code and report to $GITHUB_OUTPUT when set. Exits 0 when lint
# ran (findings or not: the action fails later, after the upload), 2 when it
# could not run.
set -uo pipefail
format=${JOURNEY_FORMAT:-sarif}
output=${JOURNEY_OUTPUT:-journey.sarif}
read -r -d '' -a paths <<<"${JOURNEY_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)
args=(lint --format "$format")
if [ -n "${JOURNEY_FAIL_ON:-}" ]; then args+=(--fail-on "$JOURNEY_FAIL_ON"); fi
mkdir -p "$(dirname "$output")"

echo "journey ${args[*]} ${paths[*]} > $output" >&2
journey "${args[@]}" -- "${paths[@]}" >"$output"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$code"; echo "report=$output"; } >>"$GITHUB_OUTPUT"
fi
case $code in
0 | 1) exit 0 ;;
*) echo "::error title=journey lint::journey lint could not run (exit $code)" >&2; exit "$code" ;;
esac
