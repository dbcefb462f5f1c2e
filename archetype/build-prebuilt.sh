#!/usr/bin/env bash
# Rebuilds the prebuilt .wasm that the archetype puts in every new project
# (archetype-resources/src/main/resources/wasm/rustlib.wasm), so that a generated project builds and runs
# without Rust. Run it whenever the template crate (archetype-resources/rust) or the support crate
# (rust/wasmbridge, copied into the archetype by its build) changes, and commit the result.
#
#   archetype/build-prebuilt.sh           rebuild; update the .wasm, its Cargo.lock and prebuilt.sha256
#   archetype/build-prebuilt.sh --check   rebuild in a temp dir; fail if a committed file differs
#
# It assembles the crate exactly as a generated project has it (the template crate plus a copy of
# rust/wasmbridge), in a temp dir, and builds it with the generated project's own rust/build.sh on the
# offline Debian route (apt-get install rustc-web cargo-web rust-web-src lld-19), the toolchain that
# builds the repository's other .wasm files (scripts/build-wasm.sh).
#
# prebuilt.sha256 records the SHA-256 of every input file. The archetype's integration test
# (src/test/resources/projects/basic/verify.groovy) recomputes it on the generated project, so a change
# to rust/wasmbridge or the template crate without a rebuilt .wasm fails `mvn verify`, Rust or not.
set -euo pipefail

ARCHETYPE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$ARCHETYPE")
RESOURCES="$ARCHETYPE/src/main/resources/archetype-resources"
PREBUILT="$RESOURCES/src/main/resources/wasm/rustlib.wasm"
LOCKFILE="$RESOURCES/rust/Cargo.lock"
FINGERPRINT="$ARCHETYPE/prebuilt.sha256"
TOOLCHAIN_FILE="$ARCHETYPE/prebuilt-toolchain.txt"

check=false
[[ "${1:-}" == "--check" ]] && check=true

for tool in /usr/bin/rustc /usr/bin/cargo wasm-ld-19; do
  command -v "$tool" >/dev/null || {
    echo "build-prebuilt: '$tool' not found: apt-get install rustc-web cargo-web rust-web-src lld-19" >&2
    exit 1
  }
done
toolchain="$(/usr/bin/rustc --version) / $(wasm-ld-19 --version | head -n 1)"
if $check && [[ "$toolchain" != "$(cat "$TOOLCHAIN_FILE")" ]]; then
  echo "build-prebuilt: the prebuilt .wasm was built with '$(cat "$TOOLCHAIN_FILE")'," >&2
  echo "build-prebuilt: this machine has '$toolchain': rebuild with archetype/build-prebuilt.sh" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
project="$tmp/project"
mkdir -p "$project/rust"
cp -R "$RESOURCES/rust/." "$project/rust/"
mkdir -p "$project/rust/wasmbridge"
(cd "$ROOT/rust/wasmbridge" && tar --exclude=./target -cf - .) | (cd "$project/rust/wasmbridge" && tar -xf -)

# The inputs, as `sha256sum` prints them, sorted by path: what verify.groovy recomputes.
fingerprint() {
  (cd "$project" && find rust -type f -not -path 'rust/target/*' -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum)
}

WASMBRIDGE_RUST=debian bash "$project/rust/build.sh"
built="$project/src/main/resources/wasm/rustlib.wasm"

if $check; then
  status=0
  cmp -s "$built" "$PREBUILT" || { echo "build-prebuilt: $PREBUILT is stale" >&2; status=1; }
  cmp -s "$project/rust/Cargo.lock" "$LOCKFILE" || { echo "build-prebuilt: $LOCKFILE is stale" >&2; status=1; }
  [[ "$(fingerprint)" == "$(cat "$FINGERPRINT")" ]] \
    || { echo "build-prebuilt: $FINGERPRINT is stale" >&2; status=1; }
  if [[ $status != 0 ]]; then
    echo "build-prebuilt: run archetype/build-prebuilt.sh and commit the result" >&2
    exit 1
  fi
  echo "build-prebuilt: the prebuilt .wasm matches its sources"
else
  mkdir -p "$(dirname "$PREBUILT")"
  cp "$built" "$PREBUILT"
  cp "$project/rust/Cargo.lock" "$LOCKFILE"
  fingerprint > "$FINGERPRINT"
  echo "$toolchain" > "$TOOLCHAIN_FILE"
  echo "build-prebuilt: wrote $PREBUILT, $FINGERPRINT; commit them"
fi
