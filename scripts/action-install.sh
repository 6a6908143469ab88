#!/usr/bin/env bash
# Installs journey, journey-graphviz and journey-xlsx for the composite action (action.yml)
# and prints the folder they are in. Inputs, from the environment:
#   JOURNEY_VERSION  latest, or a release tag such as v1.2.0
#   JOURNEY_INSTALL  release (download the release archive and check its
#                    SHA-256 against checksums.txt) or go (go install; needs Go)
#   JOURNEY_REPO     owner/name of the releases (default journey-cx/journey)
#   JOURNEY_BIN      where to put the binaries (default $RUNNER_TEMP/journey-bin)
#   JOURNEY_ARCHIVE_DIR  use the archives and checksums.txt in this folder
#                    instead of downloading them (tests, mirrors)
# Release downloads use the gh CLI, present on GitHub-hosted runners, with
# GH_TOKEN set by the action.
set -euo pipefail
version=${JOURNEY_VERSION:-latest}
method=${JOURNEY_INSTALL:-release}
repo=${JOURNEY_REPO:-journey-cx/journey}
bin=${JOURNEY_BIN:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/journey-bin}
mkdir -p "$bin"

case $method in
go)
  GOBIN=$bin go install "github.com/journey-cx/journey/cmd/...@$version" >&2
  echo "$bin"
  exit 0
  ;;
release) ;;
*) echo "journey: unknown install method \"$method\" (want release or go)" >&2; exit 2 ;;
esac

os=${JOURNEY_OS:-${RUNNER_OS:-$(uname -s)}}
arch=${JOURNEY_ARCH:-${RUNNER_ARCH:-$(uname -m)}}
case $os in
Linux | linux) os=linux ;;
macOS | Darwin | darwin) os=darwin ;;
Windows | windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) echo "journey: no release for OS $os" >&2; exit 2 ;;
esac
case $arch in
X64 | x86_64 | amd64) arch=amd64 ;;
ARM64 | arm64 | aarch64) arch=arm64 ;;
*) echo "journey: no release for architecture $arch" >&2; exit 2 ;;
esac
ext=tar.gz exe=
if [ "$os" = windows ]; then ext=zip exe=.exe; fi

dl=$(mktemp -d)
trap 'rm -rf "$dl"' EXIT
if [ -n "${JOURNEY_ARCHIVE_DIR:-}" ]; then
  cp "$JOURNEY_ARCHIVE_DIR"/checksums.txt "$JOURNEY_ARCHIVE_DIR"/journey_*_"${os}_${arch}.$ext" "$dl"/
else
  tag=()
  if [ "$version" != latest ]; then tag=("v${version#v}"); fi
  # ${tag[@]+...}: an empty array under set -u on macOS's bash 3.2
  gh release download ${tag[@]+"${tag[@]}"} --repo "$repo" --dir "$dl" \
    --pattern checksums.txt --pattern "journey_*_${os}_${arch}.$ext" >&2
fi

archive=$(cd "$dl" && ls journey_*_"${os}_${arch}.$ext")
want=$(awk -v f="$archive" '$2 == f { print $1 }' "$dl/checksums.txt")
if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$dl/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$dl/$archive" | awk '{ print $1 }')
fi
if [ -z "$want" ] || [ "$got" != "$want" ]; then
  echo "journey: $archive does not match checksums.txt (want ${want:-nothing}, got $got)" >&2
  exit 1
fi

mkdir -p "$dl/x"
if [ "$ext" = zip ]; then
  unzip -q -o "$dl/$archive" -d "$dl/x"
else
  tar -xzf "$dl/$archive" -C "$dl/x"
fi
for b in journey journey-graphviz journey-xlsx; do
  cp "$dl/x/$b$exe" "$bin/"
  chmod +x "$bin/$b$exe"
done
echo "journey: installed $archive into $bin" >&2
echo "$bin"
