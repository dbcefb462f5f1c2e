#!/usr/bin/env bash
# Compiles the Rust crate in rust/ to src/main/resources/wasm/rustlib.wasm, the module the Java bindings
# load. `mvn -Prust verify` runs it before the resources are copied; you can also run it by hand:
#
#   bash rust/build.sh
#
# The module is built in Wasmbridge's "exnref" flavour: panic=unwind with WebAssembly exception handling
# in its exnref form, so a Rust panic reaches Java as a RustPanicException and the module keeps working.
# That needs std rebuilt with panic=unwind (-Zbuild-std; RUSTC_BOOTSTRAP=1 allows it on stable Rust).
#
# Either toolchain works:
#   rustup:           rustup target add wasm32-unknown-unknown && rustup component add rust-src
#   Debian, offline:  apt-get install rustc-web cargo-web rust-web-src lld-19
# By default rustup is used when it has the wasm32 target, Debian's Rust otherwise. Set
# WASMBRIDGE_RUST=rustup or WASMBRIDGE_RUST=debian to choose.
set -euo pipefail

PROJECT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$PROJECT/src/main/resources/wasm/rustlib.wasm"
TARGET_DIR="$PROJECT/target/rust"
BUILT="$TARGET_DIR/wasm32-unknown-unknown/release/rustlib.wasm"
# --remap-path-prefix keeps panic locations short (src/lib.rs:12:5) and the build reproducible.
FLAGS="-Cpanic=unwind -Ctarget-feature=+exception-handling -Cllvm-args=-wasm-use-legacy-eh=false"
FLAGS="$FLAGS --remap-path-prefix=$PROJECT/rust/="
BUILD_STD="-Zbuild-std=std,panic_unwind,panic_abort"

fail() {
  echo "rust/build.sh: $*" >&2
  exit 1
}

route=${WASMBRIDGE_RUST:-}
if [[ -z $route ]]; then
  if command -v rustup >/dev/null 2>&1 \
     && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    route=rustup
  elif [[ -x /usr/bin/cargo && -x /usr/bin/rustc ]] && command -v wasm-ld-19 >/dev/null 2>&1; then
    route=debian
  else
    fail "no Rust toolchain for wasm32-unknown-unknown found. Either run
  rustup target add wasm32-unknown-unknown && rustup component add rust-src
or, on Debian (offline):
  apt-get install rustc-web cargo-web rust-web-src lld-19
Without -Prust, the build uses the prebuilt src/main/resources/wasm/rustlib.wasm."
  fi
fi

case $route in
  rustup)
    rustup component list --installed 2>/dev/null | grep -q '^rust-src' \
      || fail "-Zbuild-std needs std's sources: rustup component add rust-src"
    echo "rust/build.sh: building with rustup's $(rustc --version)"
    # From the project root, so that rust/.cargo/config.toml (Debian's vendored sources) is not read.
    cd "$PROJECT"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="$FLAGS" \
      cargo build --release --target wasm32-unknown-unknown "$BUILD_STD" \
        --manifest-path rust/Cargo.toml --target-dir "$TARGET_DIR"
    ;;
  debian)
    RUSTC=/usr/bin/rustc
    version=$("$RUSTC" --version | cut -d' ' -f2)
    vendor="/usr/src/rustc-$version/library/vendor"
    [[ -d $vendor ]] || fail "$vendor not found: apt-get install rust-web-src"
    echo "rust/build.sh: building with Debian's $("$RUSTC" --version)"
    # From rust/, so that rust/.cargo/config.toml (std's dependencies from the vendored sources) is read.
    cd "$PROJECT/rust"
    RUSTC="$RUSTC" RUSTC_BOOTSTRAP=1 RUSTFLAGS="$FLAGS" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
      /usr/bin/cargo build --release --offline --target wasm32-unknown-unknown "$BUILD_STD" \
        --config "source.vendored.directory=\"$vendor\"" --target-dir "$TARGET_DIR"
    ;;
  *)
    fail "WASMBRIDGE_RUST must be rustup or debian, not '$route'"
    ;;
esac

mkdir -p "$(dirname "$OUT")"
cp "$BUILT" "$OUT"
echo "rust/build.sh: wrote $OUT"
