#!/usr/bin/env bash
# Builds the native baseline of the engine comparison (NativeComputeBenchmark), offline, with Debian's Rust:
#
#   benchmarks/rust/compute-native/build.sh
#
# It compiles this crate for the host (release: opt-level 3, LTO) and copies the library to
# benchmarks/target/native/libcompute_native.so, the path NativeComputeBenchmark loads by default
# (-Dcompute.native.library=... to load another one). Prints that path. No dependencies, no network.
set -euo pipefail

CRATE=$(cd "$(dirname "$0")" && pwd)
BENCHMARKS=$(cd "$CRATE/../.." && pwd)
CARGO=${CARGO:-/usr/bin/cargo}
RUSTC=${RUSTC:-/usr/bin/rustc}

command -v "$CARGO" >/dev/null || {
  echo "compute-native: '$CARGO' not found. Install Debian's Rust: apt-get install rustc-web cargo-web" >&2
  exit 1
}

# Cargo's own output stays under benchmarks/target (mvn clean removes it, git ignores it)
target_dir="$BENCHMARKS/target/compute-native-cargo"
out_dir="$BENCHMARKS/target/native"

RUSTC="$RUSTC" "$CARGO" build --quiet --release --offline --locked \
  --manifest-path "$CRATE/Cargo.toml" --target-dir "$target_dir"

mkdir -p "$out_dir"
cp "$target_dir/release/libcompute_native.so" "$out_dir/libcompute_native.so"
echo "$out_dir/libcompute_native.so"
