#!/usr/bin/env bash
# Checks every Rust source in the repository with rustfmt and clippy, and the support crate's documentation
# with rustdoc, offline, with Debian's toolchain.
#
#   scripts/rust-lint.sh         fail if a file is not formatted (rustfmt.toml), clippy warns, or rustdoc does
#   scripts/rust-lint.sh --fix   format every file in place first, then run clippy
#
# Needs apt-get install rustc-web cargo-web rust-web-src rustfmt-web rust-web-clippy, and for the
# workspaces with Debian's packaged crates librust-serde-json-dev librust-regex-dev librust-semver-dev
# librust-trybuild-dev librust-rand-dev librust-getrandom-dev librust-uuid-dev librust-chrono-dev. Clippy runs for the host target, with every warning an error, on the root workspace
# (the support crate, the fixtures, the demo, the example, the big benchmark module), on the three
# workspaces of their own under benchmarks/rust, on the crates and WASI fixtures, on the macros' compile-fail tests
# (rust/ui-tests: its harness; the cases are meant to fail) and on the archetype's template crate. The tools are called by their Debian paths: a rustup installation in
# ~/.cargo/bin would otherwise win, and its rustfmt or clippy may be another version than rustc's.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

fix=false
[[ "${1:-}" == "--fix" ]] && fix=true

RUSTFMT=/usr/bin/rustfmt
CLIPPY=/usr/bin/cargo-clippy
for tool in /usr/bin/rustc /usr/bin/cargo "$RUSTFMT" "$CLIPPY"; do
  [[ -x $tool ]] || {
    echo "rust-lint: '$tool' not found: apt-get install rustc-web cargo-web rust-web-src rustfmt-web rust-web-clippy" >&2
    exit 1
  }
done

# Every tracked .rs file, the archetype's template crate included (rustfmt finds rustfmt.toml by walking up
# from each file). Untracked build output (target/, the archetype's copy of the support crate) is left out.
mapfile -d '' sources < <(git ls-files -z '*.rs')
if $fix; then
  "$RUSTFMT" "${sources[@]}"
elif ! "$RUSTFMT" --check "${sources[@]}"; then
  echo "rust-lint: the files above are not formatted: run scripts/rust-lint.sh --fix (or cargo fmt)" >&2
  exit 1
fi
echo "rust-lint: rustfmt: every Rust source is formatted"

# The real-crates workspaces use Debian's packaged crates: crates-io is replaced by std's vendored crates
# plus /usr/share/cargo/registry, as scripts/build-wasm.sh does.
combined="$ROOT/target/rust-lint-vendor"
rm -rf "$combined"
mkdir -p "$combined"
for dir in /usr/src/rustc-1.96.0/library/vendor /usr/share/cargo/registry; do
  [[ -d $dir ]] || continue
  for crate in "$dir"/*/; do
    crate=${crate%/}
    [[ -e $combined/${crate##*/} ]] || ln -s "$crate" "$combined/${crate##*/}"
  done
done

clippy() {
  local name=$1
  shift
  echo "rust-lint: clippy: $name"
  CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc "$CLIPPY" clippy --quiet --offline --locked --all-targets \
    --target-dir "target/clippy-$name" "$@" -- -D warnings
}
clippy workspace --workspace
for crate in real-crates real-crates-native compute-native; do
  clippy "$crate" --manifest-path "benchmarks/rust/$crate/Cargo.toml" \
    --config 'source.crates-io.replace-with="combined"' --config "source.combined.directory=\"$combined\""
done
for manifest in integration-tests/rust/crates-fixture integration-tests/rust/wasi-fixture rust/ui-tests; do
  clippy "${manifest##*/}" --manifest-path "$manifest/Cargo.toml" \
    --config 'source.crates-io.replace-with="combined"' --config "source.combined.directory=\"$combined\""
done
# The archetype's template crate, assembled as a generated project has it: the template plus a copy of the
# support crate (archetype/build-prebuilt.sh does the same).
template="$ROOT/target/rust-lint-archetype"
rm -rf "$template"
mkdir -p "$template"
cp -R archetype/src/main/resources/archetype-resources/rust/. "$template/"
rm -rf "$template/target" "$template/wasmbridge"
mkdir -p "$template/wasmbridge"
(cd rust/wasmbridge && tar --exclude=./target -cf - .) | (cd "$template/wasmbridge" && tar -xf -)
clippy archetype-template --manifest-path "$template/Cargo.toml"
echo "rust-lint: clippy: no warnings"

# The support crate's documentation, as users see it and with its private items: no broken links.
for private in "" --document-private-items; do
  RUSTDOCFLAGS="-D warnings $private" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo doc --quiet \
    --offline --locked --no-deps -p wasmbridge --target-dir "target/rustdoc${private:+-private}"
done
echo "rust-lint: rustdoc: the support crate's documentation builds without warnings"
