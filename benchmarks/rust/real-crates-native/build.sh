#!/usr/bin/env bash
# Builds the native baseline of the real-crates benchmark (NativeRealCrateBenchmark), offline, with
# Debian's Rust and Debian's packaged crates:
#
#   benchmarks/rust/real-crates-native/build.sh
#
# Needs apt-get install rustc-web cargo-web rust-web-src librust-serde-json-dev librust-regex-dev. It
# compiles this crate for the host (release: opt-level 3, LTO) against the crate versions Cargo.lock pins
# (those of the Wasm module, ../real-crates/Cargo.lock), from a combined vendor directory like the one
# scripts/build-wasm.sh makes (std's vendored crates, then /usr/share/cargo/registry), and copies the
# library to benchmarks/target/native/libreal_crates_native.so, the path NativeRealCrateBenchmark loads by
# default (-Dreal.crates.native.library=... to load another one). Prints that path. No network.
set -euo pipefail

CRATE=$(cd "$(dirname "$0")" && pwd)
BENCHMARKS=$(cd "$CRATE/../.." && pwd)
CARGO=${CARGO:-/usr/bin/cargo}
RUSTC=${RUSTC:-/usr/bin/rustc}
STD_VENDOR=/usr/src/rustc-1.96.0/library/vendor
REGISTRY=/usr/share/cargo/registry

command -v "$CARGO" >/dev/null || {
  echo "real-crates-native: '$CARGO' not found. Install Debian's Rust: apt-get install rustc-web cargo-web rust-web-src" >&2
  exit 1
}
[[ -d $REGISTRY/serde_json-1.0.87 && -d $REGISTRY/regex-1.7.1 ]] || {
  echo "real-crates-native: apt-get install librust-serde-json-dev librust-regex-dev" >&2
  exit 1
}

# Cargo's own output stays under benchmarks/target (mvn clean removes it, git ignores it)
target_dir="$BENCHMARKS/target/real-crates-native-cargo"
combined="$BENCHMARKS/target/real-crates-native-vendor"
out_dir="$BENCHMARKS/target/native"

rm -rf "$combined"
mkdir -p "$combined"
for dir in "$STD_VENDOR" "$REGISTRY"; do
  for crate in "$dir"/*/; do
    crate=${crate%/}
    [[ -e $combined/${crate##*/} ]] || ln -s "$crate" "$combined/${crate##*/}"
  done
done

# --config takes precedence over the repository's .cargo/config.toml, if cargo finds it from here
RUSTC="$RUSTC" "$CARGO" build --quiet --release --offline --locked \
  --manifest-path "$CRATE/Cargo.toml" --target-dir "$target_dir" \
  --config 'source.crates-io.replace-with="combined"' \
  --config "source.combined.directory=\"$combined\""

mkdir -p "$out_dir"
cp "$target_dir/release/libreal_crates_native.so" "$out_dir/libreal_crates_native.so"
echo "$out_dir/libreal_crates_native.so"
