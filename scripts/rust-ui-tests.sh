#!/usr/bin/env bash
# Compile-fail tests of the support crate's macros (rust/ui-tests, trybuild): every case in
# rust/ui-tests/tests/ui/*.rs misuses export!, class!, import! or record!, and must fail to compile with
# exactly the output in its .stderr file, in the manner of wasm-bindgen's ui-tests.
#
#   scripts/rust-ui-tests.sh            check every case against its .stderr
#   scripts/rust-ui-tests.sh --update   rewrite the .stderr files from the compiler's output (read the diff:
#                                       it is what users see)
#
# Offline, with Debian's Rust and packaged crates: apt-get install rustc-web cargo-web librust-trybuild-dev.
# The expected output is the compiler's, so it belongs to the toolchain in scripts/wasm-toolchain.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

[[ -d /usr/share/cargo/registry/trybuild-1.0.76 ]] || {
  echo "rust-ui-tests: Debian's trybuild is missing: apt-get install librust-trybuild-dev" >&2
  exit 1
}

unset TRYBUILD
[[ "${1:-}" == "--update" ]] && export TRYBUILD=overwrite

# From the crate's own folder, so that cargo (and trybuild's cargo, in target/ below it) read
# rust/ui-tests/.cargo/config.toml, which replaces crates-io with Debian's registry.
cd "$ROOT/rust/ui-tests"
RUSTC=/usr/bin/rustc CARGO=/usr/bin/cargo /usr/bin/cargo test --quiet --offline --locked --test ui
