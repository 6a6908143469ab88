#!/usr/bin/env bash
# Usage: scripts/release-check.sh [check|snapshot|installed]
#
# installed exit 0 when the pinned goreleaser is installed, 1 when not.
# check     goreleaser check: .goreleaser.yml is valid for the pinned
#           goreleaser (under a second once goreleaser is installed).
# snapshot  check, then `goreleaser release --snapshot --clean` in a clone of
#           HEAD (commit first: uncommitted changes are not in it), copied
#           to dist/ when it passes. Checks what it built: six archives, each with journey,
#           journey-graphviz, journey-xlsx, README, LICENSE, CHANGELOG,
#           completions and man pages; checksums; static, trimmed binaries
#           stamped with version, commit and date; a journey binary without
#           the graph engine or the workbook library.
#
# goreleaser is installed on first use with `go install` at the pinned
# version into $GORELEASER_DIR (default ~/.cache/journey/goreleaser-VERSION),
# never over another goreleaser on PATH. Measured on a 2-core machine:
# installing takes about 4-5 minutes, a snapshot build about 5-12 minutes
# (12 cross-builds). .ci/run runs `check` when goreleaser is installed or
# JOURNEY_RELEASE_CHECK=check, and `snapshot` when JOURNEY_RELEASE_CHECK=snapshot.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode=${1:-check}

# v2.16.0 is the newest release the module proxy serves whole and that
# builds with Go 1.26 (v2.17.0 needs a module the proxy refuses; v2.18 needs
# Go 1.27).
GORELEASER_VERSION=v2.16.0
dir=${GORELEASER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/journey/goreleaser-$GORELEASER_VERSION}
goreleaser=$dir/goreleaser
if [ "$mode" = installed ]; then
  "$goreleaser" --version 2>/dev/null | grep -q "GitVersion: *$GORELEASER_VERSION\$"
  exit
fi
if ! "$goreleaser" --version 2>/dev/null | grep -q "GitVersion: *$GORELEASER_VERSION\$"; then
  echo "--- installing goreleaser $GORELEASER_VERSION (a few minutes, once)"
  start=$SECONDS
  GOBIN=$dir GOFLAGS= go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"
  echo "installed in $((SECONDS - start)) s"
fi

echo "--- goreleaser check"
"$goreleaser" check --quiet 2>&1 || { "$goreleaser" check; exit 1; }
echo "ok: .goreleaser.yml"
case $mode in
check) exit 0 ;;
snapshot) ;;
*) echo "usage: $0 [check|snapshot]" >&2; exit 2 ;;
esac

echo "--- goreleaser release --snapshot (in a clone of HEAD)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --no-hardlinks "$root" "$work/src"
cd "$work/src"
start=$SECONDS
"$goreleaser" release --snapshot --clean >"$work/goreleaser.log" 2>&1 || {
  tail -40 "$work/goreleaser.log"; exit 1; }
echo "snapshot built in $((SECONDS - start)) s"

fail() { echo "release-check: $*" >&2; exit 1; }
cd dist
commit=$(git rev-parse HEAD)
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' metadata.json)
[ -n "$version" ] || fail "no version in dist/metadata.json"
sha256sum --check --quiet checksums.txt || fail "checksums.txt does not match the archives"
for os in linux darwin windows; do
  for arch in amd64 arm64; do
    base=journey_${version}_${os}_${arch}
    exe=
    if [ "$os" = windows ]; then
      archive=$base.zip exe=.exe
      list=$(unzip -Z1 "$archive")
    else
      archive=$base.tar.gz
      list=$(tar -tzf "$archive")
    fi
    grep -q "  $archive\$" checksums.txt || fail "$archive is not in checksums.txt"
    for f in "journey$exe" "journey-graphviz$exe" "journey-xlsx$exe" README.md LICENSE CHANGELOG.md \
      completions/journey.bash completions/_journey completions/journey.fish completions/journey.ps1 \
      manpages/journey.1.gz manpages/journey-lint.1.gz; do
      grep -qx "$f" <<<"$list" || fail "$archive lacks $f"
    done
    echo "ok: $archive"
  done
done

# The binaries: static (CGO_ENABLED=0), -trimpath (which keeps -ldflags out
# of the build info: `journey version` shows the stamp), and journey without
# go-graphviz (its WASM engine starts with every run) or excelize (its
# package init costs every run a few milliseconds).
for b in journey journey-graphviz journey-xlsx; do
  bin=$(ls -d "${b}"_linux_amd64*/)$b
  meta=$(go version -m "$bin")
  grep -q 'CGO_ENABLED=0' <<<"$meta" || fail "$b was built with cgo"
  grep -q -- '-trimpath=true' <<<"$meta" || fail "$b was built without -trimpath"
done
grep -q 'goccy/go-graphviz' <<<"$(go version -m journey_linux_amd64*/journey)" &&
  fail "journey links go-graphviz: only journey-graphviz may"
grep -q 'xuri/excelize' <<<"$(go version -m journey_linux_amd64*/journey)" &&
  fail "journey links excelize: only journey-xlsx may"
xlsx_version=$(journey-xlsx_linux_amd64*/journey-xlsx -V)
[ "$xlsx_version" = "journey-xlsx v$version" ] || fail "journey-xlsx -V printed $xlsx_version, want journey-xlsx v$version"
grep -q 'cobra/doc\|go-md2man' <<<"$(go version -m journey_linux_amd64*/journey)" &&
  fail "journey links the doc generator"
out=$(journey_linux_amd64*/journey version)
for want in "journey v$version" "commit:   $commit" "built:    $(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%d HEAD)"; do
  grep -qF "$want" <<<"$out" || fail "journey version lacks \"$want\":"$'\n'"$out"
done
# Reproducible: binaries carry the commit time, not the build time.
want_mtime=$(git log -1 --format=%ct HEAD)
[ "$(stat -c %Y journey_linux_amd64*/journey)" = "$want_mtime" ] || fail "journey's mtime is not the commit time"
echo "ok: binaries static, trimmed, stamped: $(head -1 <<<"$out")"
rm -rf "$root/dist" && cp -Rp "$work/src/dist" "$root/dist"
echo "--- release check ok: archives in dist/"
