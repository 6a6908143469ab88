#!/usr/bin/env bash
# Runs the CI recipes of docs/ci.md and the action's scripts on this machine:
#   - the shell recipe against examples/ (exit 0), a map with an error (1)
#     and a missing path (2);
#   - scripts/action-lint.sh (what action.yml runs): report and outputs;
#   - scripts/action-install.sh from local archives (tar.gz and zip) with
#     their checksums, and a tampered archive it must refuse;
#   - docs/install.md: go install .../cmd/...@v0.9.9 from a local git server
#     standing in for GitHub, and go build in a checkout (journey version);
#   - the pre-commit hooks through `pre-commit try-repo` on a clone of HEAD,
#     when pre-commit is installed (apt-get install pre-commit) and
#     SKIP_PRE_COMMIT is unset.
# Run by .ci/run; a minute or two (it builds journey three times).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "ci-recipes: $*" >&2; exit 1; }

go build -o "$work/bin/" ./cmd/journey
export PATH="$work/bin:$PATH"

# The shell recipe, exactly as docs/ci.md prints it.
awk '/<!-- recipe: shell -->/ { on = 1; next } on && /^```sh$/ { body = 1; next } body && /^```$/ { exit } body { print }' \
  docs/ci.md >"$work/recipe.sh"
[ -s "$work/recipe.sh" ] || fail "no shell recipe in docs/ci.md"

expect() { # expect CODE DIR [ENV...]: run the recipe in DIR, want exit CODE
  local want=$1 dir=$2 code=0
  shift 2
  (cd "$dir" && env "$@" sh "$work/recipe.sh") >"$work/out" 2>"$work/err" || code=$?
  [ "$code" = "$want" ] || { cat "$work/out" "$work/err"; fail "shell recipe in $dir $*: exit $code, want $want"; }
  echo "ok: shell recipe $* -> exit $code: $(cat "$work/out")"
}
cp -R examples "$work/maps"
expect 0 "$work/maps"
[ -s "$work/maps/journey-report.json" ] || fail "the recipe wrote no journey-report.json"
grep -q '"format_version"' "$work/maps/journey-report.json" || fail "journey-report.json is not the JSON report"
mkdir "$work/bad"
cp examples/saas-onboarding.journey.yaml "$work/bad/"
printf 'version: 1\nid: broken\ntitle: Broken\nstages:\n  - id: s\n    name: S\n    touchpoints: []\n' >"$work/bad/broken.journey.yaml"
expect 1 "$work/bad"
expect 2 "$work/maps" JOURNEY_PATHS=no-such-folder
expect 1 "$work/maps" JOURNEY_FAIL_ON=info

# action.yml's lint step.
(
  cd "$work/maps"
  GITHUB_OUTPUT=$work/gh-output JOURNEY_PATHS="seguro-hogar.journey.yaml
  telecom-support.journey.yaml" JOURNEY_FAIL_ON=warning JOURNEY_OUTPUT=reports/journey.sarif \
    "$root/scripts/action-lint.sh" 2>/dev/null
)
grep -qx 'exit-code=1' "$work/gh-output" || fail "action-lint.sh: $(cat "$work/gh-output")"
grep -qx 'report=reports/journey.sarif' "$work/gh-output" || fail "action-lint.sh: no report output"
grep -q '"version": "2.1.0"' "$work/maps/reports/journey.sarif" || fail "action-lint.sh wrote no SARIF"
code=0
(cd "$work/maps" && JOURNEY_PATHS=missing "$root/scripts/action-lint.sh" 2>/dev/null) || code=$?
[ "$code" = 2 ] || fail "action-lint.sh on a missing path: exit $code, want 2"
echo "ok: action-lint.sh (findings -> exit-code=1, SARIF written; missing path -> exit 2)"

# action.yml's install step, from local archives laid out as a release.
rel=$work/release
mkdir -p "$rel/pkg"
printf '#!/bin/sh\necho "journey v9.9.9"\n' >"$rel/pkg/journey"
printf '#!/bin/sh\necho graphviz\n' >"$rel/pkg/journey-graphviz"
printf '#!/bin/sh\necho xlsx\n' >"$rel/pkg/journey-xlsx"
cp "$rel/pkg/journey-xlsx" "$rel/pkg/journey-xlsx.exe"
cp "$rel/pkg/journey" "$rel/pkg/journey.exe"
cp "$rel/pkg/journey-graphviz" "$rel/pkg/journey-graphviz.exe"
chmod +x "$rel"/pkg/*
(cd "$rel/pkg" && tar -czf ../journey_9.9.9_linux_arm64.tar.gz journey journey-graphviz journey-xlsx)
(cd "$rel/pkg" && zip -q ../journey_9.9.9_windows_amd64.zip journey.exe journey-graphviz.exe journey-xlsx.exe)
(cd "$rel" && sha256sum journey_9.9.9_* >checksums.txt)
for platform in "Linux ARM64 journey" "Windows X64 journey.exe"; do
  read -r os arch exe <<<"$platform"
  out=$(JOURNEY_ARCHIVE_DIR=$rel JOURNEY_OS=$os JOURNEY_ARCH=$arch JOURNEY_BIN=$work/inst-$os \
    scripts/action-install.sh 2>/dev/null)
  [ "$out" = "$work/inst-$os" ] || fail "action-install.sh printed $out"
  [ "$("$out/$exe")" = "journey v9.9.9" ] || fail "action-install.sh: $exe not installed"
  [ -x "$out/${exe/journey/journey-graphviz}" ] || fail "action-install.sh: journey-graphviz not installed"
  [ -x "$out/${exe/journey/journey-xlsx}" ] || fail "action-install.sh: journey-xlsx not installed"
  echo "ok: action-install.sh $os $arch"
done
echo tampered >>"$rel/journey_9.9.9_linux_arm64.tar.gz"
if JOURNEY_ARCHIVE_DIR=$rel JOURNEY_OS=Linux JOURNEY_ARCH=ARM64 JOURNEY_BIN=$work/inst-bad \
  scripts/action-install.sh 2>"$work/err" >/dev/null; then
  fail "action-install.sh installed an archive that does not match checksums.txt"
fi
grep -q 'does not match checksums.txt' "$work/err" || fail "action-install.sh: $(cat "$work/err")"
echo "ok: action-install.sh refuses a tampered archive"
# Downloads go through gh: check what it is asked for (a stand-in gh records
# its arguments and fails, as it would offline).
mkdir "$work/fake-gh"
printf '#!/bin/sh\necho "$*" >"%s/gh-args"\nexit 3\n' "$work" >"$work/fake-gh/gh"
chmod +x "$work/fake-gh/gh"
for case in "latest|Linux|X64|release download --repo journey-cx/journey --dir * --pattern checksums.txt --pattern journey_*_linux_amd64.tar.gz" \
  "1.2.0|macOS|ARM64|release download v1.2.0 --repo journey-cx/journey --dir * --pattern checksums.txt --pattern journey_*_darwin_arm64.tar.gz" \
  "v1.2.0|Windows|ARM64|release download v1.2.0 --repo journey-cx/journey --dir * --pattern checksums.txt --pattern journey_*_windows_arm64.zip"; do
  IFS='|' read -r version os arch want <<<"$case"
  rm -f "$work/gh-args"
  if PATH="$work/fake-gh:$PATH" JOURNEY_VERSION=$version JOURNEY_OS=$os JOURNEY_ARCH=$arch \
    JOURNEY_BIN=$work/inst-gh scripts/action-install.sh >/dev/null 2>&1; then
    fail "action-install.sh succeeded with a failing gh"
  fi
  # shellcheck disable=SC2053 # $want is a pattern
  [[ "$(cat "$work/gh-args")" == $want ]] || fail "action-install.sh ran gh $(cat "$work/gh-args"), want gh $want"
done
echo "ok: action-install.sh asks gh for the right release assets"

# docs/install.md's install paths. go install MODULE/cmd/...@VERSION from a
# local git server standing in for GitHub (a new tag v0.9.N on HEAD): both
# programs, and journey version reports the module version.
git clone -q --bare "$root" "$work/server/journey.git"
# A fresh tag each run: the module cache keeps what it fetched for a version.
tag=v0.9.$(date +%s)
git -C "$work/server/journey.git" tag "$tag" HEAD
printf '[url "file://%s/server/journey.git"]\n\tinsteadOf = https://github.com/journey-cx/journey\n[protocol "file"]\n\tallow = always\n' \
  "$work" >"$work/gitconfig"
GIT_CONFIG_GLOBAL=$work/gitconfig GOPRIVATE=github.com/journey-cx/journey GOFLAGS= GOBIN=$work/go-install \
  go install github.com/journey-cx/journey/cmd/...@$tag 2>/dev/null
[ -x "$work/go-install/journey-graphviz" ] || fail "go install cmd/...@$tag did not install journey-graphviz"
[ -x "$work/go-install/journey-xlsx" ] || fail "go install cmd/...@$tag did not install journey-xlsx"
out=$("$work/go-install/journey" version)
grep -qx "journey $tag" <<<"$out" || fail "go install build: journey version printed $out"
echo "ok: go install github.com/journey-cx/journey/cmd/...@$tag -> journey $tag, journey-graphviz and journey-xlsx"
# From a checkout: Go's VCS stamping gives a pseudo-version of HEAD (the tag
# when HEAD is tagged) and the commit; with -buildvcs=false, "dev".
git clone -q "$root" "$work/checkout"
(cd "$work/checkout" && GOFLAGS= go build -buildvcs=true -o bin/ ./cmd/...)
head=$(git -C "$work/checkout" rev-parse HEAD)
out=$("$work/checkout/bin/journey" version)
grep -qx "journey v0\.0\.0-[0-9]*-${head:0:12}" <<<"$out" && grep -qx "commit:   $head" <<<"$out" ||
  fail "checkout build: journey version printed $out"
[ -x "$work/checkout/bin/journey-graphviz" ] || fail "go build -o bin/ ./cmd/... did not build journey-graphviz"
[ -x "$work/checkout/bin/journey-xlsx" ] || fail "go build -o bin/ ./cmd/... did not build journey-xlsx"
(cd "$work/checkout" && GOFLAGS=-buildvcs=false go build -o bin/ ./cmd/journey)
out=$("$work/checkout/bin/journey" version)
grep -qx 'journey dev' <<<"$out" || fail "checkout build with -buildvcs=false: journey version printed $out"
echo "ok: go build -o bin/ ./cmd/... in a checkout -> $(head -1 <<<"$out") / pseudo-version of HEAD"

# The pre-commit hooks, as a user's repository runs them.
if [ -z "${SKIP_PRE_COMMIT:-}" ] && command -v pre-commit >/dev/null 2>&1; then
  git clone -q "$root" "$work/hooks-repo"
  mkdir "$work/user" && cd "$work/user"
  git init -q
  cp "$root"/examples/saas-onboarding.journey.yaml "$work/bad/broken.journey.yaml" .
  echo 'not: a map' >other.yaml
  git add .
  export PRE_COMMIT_HOME=$work/pre-commit-home GOMODCACHE=${GOMODCACHE:-$(go env GOMODCACHE)}
  code=0
  pre-commit try-repo "$work/hooks-repo" journey-lint --all-files >"$work/out" 2>&1 || code=$?
  [ "$code" = 1 ] && grep -q 'broken.journey.yaml' "$work/out" && ! grep -q 'other.yaml' "$work/out" ||
    { cat "$work/out"; fail "pre-commit journey-lint: exit $code, want 1 with broken.journey.yaml only"; }
  git rm -q --cached broken.journey.yaml && rm broken.journey.yaml
  journey fmt -w saas-onboarding.journey.yaml 2>/dev/null && git add .
  pre-commit try-repo "$work/hooks-repo" journey-fmt --all-files >"$work/out" 2>&1 ||
    { cat "$work/out"; fail "pre-commit journey-fmt failed on a formatted map"; }
  printf '\n\n' >>saas-onboarding.journey.yaml && git add .
  if pre-commit try-repo "$work/hooks-repo" journey-fmt --all-files >"$work/out" 2>&1; then
    fail "pre-commit journey-fmt passed an unformatted map"
  fi
  echo "ok: pre-commit hooks journey-lint and journey-fmt"
else
  echo "skip: pre-commit hooks (pre-commit is not installed, or SKIP_PRE_COMMIT is set)"
fi
echo "--- ci recipes ok"
