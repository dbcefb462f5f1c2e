#!/usr/bin/env bash
# Rebuilds every committed .wasm from the Rust sources in this repository, offline.
#
#   scripts/build-wasm.sh           rebuild and copy the .wasm files into place
#   scripts/build-wasm.sh --check   rebuild into target/ and fail if a committed .wasm differs
#
# Needs Debian's Rust (apt-get install rustc-web cargo-web rust-web-src lld-19): its std sources come
# with their dependencies vendored, so -Zbuild-std works with no network. See the README, "Rust toolchain".
# The real-crates benchmark module and the crates fixture also need Debian's packaged crates: apt-get install
# librust-serde-json-dev librust-regex-dev librust-semver-dev (in /usr/share/cargo/registry). The WASI
# fixture (target wasm32-wasip1) needs Debian's C library for WASI and more crates: apt-get install wasi-libc
# librust-rand-dev librust-getrandom-dev librust-uuid-dev librust-chrono-dev.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

RUSTC=${RUSTC:-/usr/bin/rustc}
CARGO=${CARGO:-/usr/bin/cargo}
LINKER=${WASM_LD:-wasm-ld-19}
TOOLCHAIN_FILE=scripts/wasm-toolchain.txt

# crate (Cargo package, as its .wasm is named) -> folder its .wasm files are committed in
declare -A DESTINATIONS=(
  [types_fixture]=integration-tests/src/test/resources/wasm
  [panic_fixture]=integration-tests/src/test/resources/wasm
  [rich_fixture]=integration-tests/src/test/resources/wasm
  [objects_fixture]=integration-tests/src/test/resources/wasm
  [unwind_fixture]=integration-tests/src/test/resources/wasm
  [limits_fixture]=integration-tests/src/test/resources/wasm
  [closures_fixture]=integration-tests/src/test/resources/wasm
  [async_fixture]=integration-tests/src/test/resources/wasm
  [evolving_v1]=integration-tests/src/test/resources/wasm
  [evolving_v2]=integration-tests/src/test/resources/wasm
  [big_module]=benchmarks/src/main/resources/wasm
  [demo]=demo/src/main/resources/wasm
  [calculator]=examples/calculator/src/main/resources/wasm
)

# flavour -> RUSTFLAGS and -Zbuild-std crates. rustc (1.96, scripts/wasm-toolchain.txt) turns the
# exception-handling target feature on by itself for -Cpanic=unwind on wasm32, so it is not passed:
# -Ctarget-feature=+exception-handling only printed an unstable-feature warning on every crate, and the
# modules are byte-identical without it (wasmbridge:build does the same, docs/GUIDE.md "Quiet builds").
declare -A FLAGS=(
  [exnref]="-Cpanic=unwind -Cllvm-args=-wasm-use-legacy-eh=false"
  [legacy]="-Cpanic=unwind"
  [abort]="-Cpanic=abort"
)
declare -A STD=(
  [exnref]="std,panic_unwind,panic_abort"
  [legacy]="std,panic_unwind,panic_abort"
  [abort]="std,panic_abort"
)

check=false
locked=()
if [[ "${1:-}" == "--check" ]]; then
  check=true
  locked=(--locked) # CI builds exactly what Cargo.lock says
fi

for tool in "$RUSTC" "$CARGO" "$LINKER"; do
  command -v "$tool" >/dev/null || {
    echo "build-wasm: '$tool' not found. Install Debian's Rust: apt-get install rustc-web cargo-web rust-web-src lld-19" >&2
    exit 1
  }
done

# The C library of wasm32-wasip1 modules (Debian's wasi-libc), linked into them: part of the toolchain.
WASI_LIBC=/usr/lib/wasm32-wasi
[[ -f $WASI_LIBC/libc.a ]] || {
  echo "build-wasm: Debian's C library for WASI is missing ($WASI_LIBC/libc.a): apt-get install wasi-libc" >&2
  exit 1
}
toolchain="$("$RUSTC" --version) / $("$LINKER" --version | head -n 1) / wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc)"
if $check && [[ "$toolchain" != "$(cat "$TOOLCHAIN_FILE")" ]]; then
  echo "build-wasm: the committed .wasm files were built with '$(cat "$TOOLCHAIN_FILE")'" >&2
  echo "build-wasm: this machine has '$toolchain'; byte-for-byte comparison is not meaningful." >&2
  echo "build-wasm: rebuild with scripts/build-wasm.sh and commit the result." >&2
  exit 1
fi

# The real-crates benchmark module (benchmarks/rust/real-crates): a workspace of its own with third-party
# crates, so it is built apart from the root workspace, below. Exnref flavour only: the benchmark runs that
# one, and the legacy and abort builds would add two more minutes for nothing.
REAL_CRATES=benchmarks/rust/real-crates
REAL_CRATES_WASM=benchmarks/src/main/resources/wasm/real_crates.exnref.wasm
STD_VENDOR=/usr/src/rustc-1.96.0/library/vendor
REGISTRY=/usr/share/cargo/registry
COMBINED=$ROOT/target/real-crates-vendor

# A directory of links to every crate of std's vendored sources and of Debian's registry, for cargo's
# source replacement of crates-io. Std's crates come first and win when both have the same crate and
# version (same directory name); other versions of a crate sit side by side and Cargo.lock picks one.
combine_vendor_directories() {
  [[ -d $REGISTRY/serde_json-1.0.87 && -d $REGISTRY/regex-1.7.1 && -d $REGISTRY/semver-1.0.14 ]] || {
    echo "build-wasm: Debian's serde_json, regex and semver crates are missing from $REGISTRY:" >&2
    echo "build-wasm: apt-get install librust-serde-json-dev librust-regex-dev librust-semver-dev" >&2
    exit 1
  }
  rm -rf "$COMBINED"
  mkdir -p "$COMBINED"
  local dir crate
  for dir in "$STD_VENDOR" "$REGISTRY"; do
    for crate in "$dir"/*/; do
      crate=${crate%/}
      [[ -e $COMBINED/${crate##*/} ]] || ln -s "$crate" "$COMBINED/${crate##*/}"
    done
  done
}

status=0
for flavour in exnref legacy abort; do
  target_dir="target/wasm-$flavour"
  echo "build-wasm: building the $flavour flavour"
  RUSTC="$RUSTC" RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LINKER" \
  RUSTFLAGS="${FLAGS[$flavour]} --remap-path-prefix=$ROOT/=" \
    "$CARGO" build --quiet --release --offline "${locked[@]}" \
      --target wasm32-unknown-unknown -Zbuild-std="${STD[$flavour]}" \
      --target-dir "$target_dir"
  for crate in "${!DESTINATIONS[@]}"; do
    built="$target_dir/wasm32-unknown-unknown/release/$crate.wasm"
    committed="${DESTINATIONS[$crate]}/$crate.$flavour.wasm"
    if $check; then
      if ! cmp -s "$built" "$committed"; then
        echo "build-wasm: $committed does not match its Rust source (rebuilt: $built)." >&2
        echo "build-wasm: run scripts/build-wasm.sh and commit the result." >&2
        status=1
      fi
    else
      mkdir -p "${DESTINATIONS[$crate]}"
      cp "$built" "$committed"
    fi
  done
done

# Builds a workspace of its own that uses Debian's crates (through the combined vendor directory) in one
# flavour, and copies or compares its .wasm: build_vendored <manifest dir> <package> <flavour> <committed>
# [<target>], the target wasm32-unknown-unknown unless given. For wasm32-wasip1, rustc links Debian's
# wasi-libc ($WASI_LIBC) instead of the C library and start files its own WASI toolchain would bring
# (-Clink-self-contained=no), with the same wasm-ld.
# --config on the command line takes precedence over the root .cargo/config.toml (found from the current
# directory), whose crates-io replacement holds std's crates only. The combined directory and the registry
# are remapped out of the module (after $ROOT/, since the last matching prefix wins), so its bytes do not
# depend on where this checkout or Debian's crates are.
build_vendored() {
  local manifest=$1 package=$2 flavour=$3 committed=$4 target=${5:-wasm32-unknown-unknown}
  local target_dir="target/wasm-$flavour-${manifest##*/}" flags=${FLAGS[$flavour]}
  [[ $target == wasm32-wasip1 ]] && flags+=" -Clink-self-contained=no -L$WASI_LIBC"
  local target_env=${target^^}
  env RUSTC="$RUSTC" RUSTC_BOOTSTRAP=1 \
  "CARGO_TARGET_${target_env//-/_}_LINKER=$LINKER" \
  RUSTFLAGS="$flags --remap-path-prefix=$ROOT/= --remap-path-prefix=$COMBINED/= --remap-path-prefix=$REGISTRY/=" \
    "$CARGO" build --quiet --release --offline "${locked[@]}" \
      --manifest-path "$manifest/Cargo.toml" \
      --config 'source.crates-io.replace-with="combined"' \
      --config "source.combined.directory=\"$COMBINED\"" \
      --target "$target" -Zbuild-std="${STD[$flavour]}" \
      --target-dir "$target_dir"
  local built="$target_dir/$target/release/$package.wasm"
  if $check; then
    if ! cmp -s "$built" "$committed"; then
      echo "build-wasm: $committed does not match its Rust source (rebuilt: $built)." >&2
      echo "build-wasm: run scripts/build-wasm.sh and commit the result." >&2
      status=1
    fi
  else
    cp "$built" "$committed"
  fi
}

combine_vendor_directories
echo "build-wasm: building $REAL_CRATES (exnref flavour only)"
build_vendored "$REAL_CRATES" real_crates exnref "$REAL_CRATES_WASM"

# The crates fixture (integration-tests/rust/crates-fixture): Debian's regex and semver, in the two flavours
# its integration tests run (exnref and legacy).
CRATES_FIXTURE=integration-tests/rust/crates-fixture
for flavour in exnref legacy; do
  echo "build-wasm: building $CRATES_FIXTURE ($flavour flavour)"
  build_vendored "$CRATES_FIXTURE" crates_fixture "$flavour" \
    "integration-tests/src/test/resources/wasm/crates_fixture.$flavour.wasm"
done

# The WASI fixture (integration-tests/rust/wasi-fixture): Debian's rand, uuid, chrono and serde_json on
# wasm32-wasip1, in all three flavours. Its Cargo.toml patches getrandom with Debian's sources plus the WASI
# dependency Debian's packaging drops (integration-tests/rust/wasi-fixture/getrandom/Cargo.toml).
WASI_FIXTURE=integration-tests/rust/wasi-fixture
for crate in rand-0.8.5 getrandom-0.2.8 uuid-1.2.1 chrono-0.4.23; do
  [[ -d $REGISTRY/$crate ]] || {
    echo "build-wasm: Debian's $crate is missing from $REGISTRY:" >&2
    echo "build-wasm: apt-get install librust-rand-dev librust-getrandom-dev librust-uuid-dev librust-chrono-dev" >&2
    exit 1
  }
done
for flavour in exnref legacy abort; do
  echo "build-wasm: building $WASI_FIXTURE for wasm32-wasip1 ($flavour flavour)"
  build_vendored "$WASI_FIXTURE" wasi_fixture "$flavour" \
    "integration-tests/src/test/resources/wasm/wasi_fixture.$flavour.wasm" wasm32-wasip1
done

if ! $check; then
  echo "$toolchain" > "$TOOLCHAIN_FILE"
  echo "build-wasm: done; commit the .wasm files and $TOOLCHAIN_FILE"
elif [[ $status == 0 ]]; then
  echo "build-wasm: every committed .wasm matches its source"
fi
exit $status
