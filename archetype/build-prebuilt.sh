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
# rust/wasmbridge), in a temp dir, and builds it on the offline Debian route (apt-get install rustc-web
# cargo-web rust-web-src lld-19), the toolchain that builds the repository's other .wasm files
# (scripts/build-wasm.sh). It runs cargo exactly as the goal wasmbridge:build does for the exnref
# flavour, which a generated project's `mvn -Prust` runs; archetype/it-third-party.sh checks that the
# plugin builds the same bytes.
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

# As BuildMojo runs cargo (maven-plugin, dev.wasmbridge.maven): the exnref flavour's flags, without
# -Ctarget-feature=+exception-handling when rustc implies it for panic=unwind (the same bytes, without
# rustc's warning that the feature is unstable), crates-io replaced by std's vendored dependencies.
flags=(-Cpanic=unwind)
cfg=$(RUSTC_BOOTSTRAP=1 /usr/bin/rustc --print cfg --target wasm32-unknown-unknown -Cpanic=unwind)
grep -qx 'target_feature="exception-handling"' <<<"$cfg" || flags+=(-Ctarget-feature=+exception-handling)
# std's vendored dependencies through a directory of links, remapped away, as the plugin combines them
# with its vendorDirectories: panic locations in them read dlmalloc-0.2.11/src/dlmalloc.rs.
vendor="$project/target/rust/vendor"
mkdir -p "$vendor"
ln -s "/usr/src/rustc-$(/usr/bin/rustc --version | cut -d' ' -f2)/library/vendor"/* "$vendor/"
flags+=(-Cllvm-args=-wasm-use-legacy-eh=false "--remap-path-prefix=$vendor/=" "--remap-path-prefix=$project/rust/=")
(cd "$project/rust" && \
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
  CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; echo "${flags[*]}")" \
    /usr/bin/cargo build --quiet --release --manifest-path "$project/rust/Cargo.toml" \
      --target wasm32-unknown-unknown -Zbuild-std=std,panic_unwind,panic_abort \
      --target-dir "$project/target/rust/exnref" --offline \
      --config 'source.crates-io.replace-with="wasmbridge-vendor"' \
      --config "source.wasmbridge-vendor.directory=\"$vendor\"")
built="$project/target/rust/exnref/wasm32-unknown-unknown/release/rustlib.wasm"

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
