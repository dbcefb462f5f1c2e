#!/usr/bin/env bash
# The fuel-metering fuzz corpus and its binaryen oracle. Not part of `mvn verify` (it needs npm's binaryen);
# the committed corpus is, through wasm-eh's FuelMeterFuzzTest (the same modules, run on Chicory).
#
#   scripts/fuel-fuzz.sh              check every committed module against binaryen's validator and interpreter
#   scripts/fuel-fuzz.sh --regenerate write the corpus again from its fixed seeds first
#
# Each module of wasm-eh/src/test/resources/fuel-fuzz is binaryen's random valid module (wasm-opt -ttf) for
# the fixed seed scripts/fuel-fuzz/FuelFuzz.java makes of its number, with exception handling (legacy form
# for even seed numbers, exnref for odd ones), tail calls, multi-value, reference types and bulk memory, and
# a declarative element segment naming every function (FuelFuzz.java, "declare", says why). The check
# instruments each module (FuelMeter.instrument, ample fuel), validates the result with binaryen, and compares
# what binaryen's interpreter does with both (wasm-opt --fuzz-exec-before: every export called, every value
# logged, every trap): they must agree line for line, but for the counter's own export. It does so twice per
# module: as committed, and without that segment ("undeclare"), which binaryen does not need; only then are
# some functions reached by direct calls alone, so flat or passed the counter (about 100 of the 1,376).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

COUNT=40 # modules kept; a seed whose module binaryen's own interpreter cannot run is skipped
CORPUS=wasm-eh/src/test/resources/fuel-fuzz
BINARYEN_VERSION=132.0.0
WASM_OPT=(npx --yes -p "binaryen@$BINARYEN_VERSION" wasm-opt)
FEATURES=(--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-multivalue
  --enable-reference-types --enable-tail-call --enable-exception-handling --enable-mutable-globals)
WORK=target/fuel-fuzz

regenerate=false
[[ "${1:-}" == "--regenerate" ]] && regenerate=true

mvn -B -o -q compile -pl wasm-eh
tool() { java -cp wasm-eh/target/classes scripts/fuel-fuzz/FuelFuzz.java "$@"; }

rm -rf "$WORK"
mkdir -p "$WORK" "$CORPUS"
# binaryen's interpreter runs in node, whose stack a deeply recursive module can exhaust: such a seed is skipped
fuzz_exec() { "${WASM_OPT[@]}" --all-features "$1" --fuzz-exec-before -q 2>&1; }
# The check runs both modules with a larger stack for node, where the shell may raise its limit: the
# instrumented functions take more of node's stack in binaryen's interpreter (a local more, the charges), so
# a module that recurses close to the default limit runs out of it only once instrumented (fuzz-14)
check_exec() {
  (
    if ulimit -s 1000000 2> /dev/null; then
      npx --yes -p "binaryen@$BINARYEN_VERSION" -c \
        "node --stack-size=50000 \"\$(command -v wasm-opt)\" --all-features '$1' --fuzz-exec-before -q" 2>&1
    else
      fuzz_exec "$1"
    fi
  )
}
if $regenerate; then
  rm -f "$CORPUS"/*.wasm
  kept=0
  for ((n = 0; kept < COUNT; n++)); do
    name=$(printf 'fuzz-%02d' "$n")
    tool seed "$n" "$WORK/$name.seed"
    exnref=()
    ((n % 2 == 1)) && exnref=(--emit-exnref)
    "${WASM_OPT[@]}" "$WORK/$name.seed" -ttf "${FEATURES[@]}" "${exnref[@]}" -o "$WORK/$name.ttf.wasm" 2>/dev/null
    # Chicory 1.7.5 counts only element segments as declaring a function for ref.func (the spec counts
    # globals and exports too): a declarative segment naming every function makes it accept the module
    tool declare "$WORK/$name.ttf.wasm" "$WORK/$name.wasm"
    if fuzz_exec "$WORK/$name.wasm" > /dev/null; then
      cp "$WORK/$name.wasm" "$CORPUS/$name.wasm"
      kept=$((kept + 1))
    else
      echo "fuel-fuzz: seed $n skipped: binaryen's interpreter fails on the module itself"
    fi
  done
  echo "fuel-fuzz: wrote $COUNT modules to $CORPUS"
fi

status=0
# Instruments $1 (named $2 in messages) and compares what binaryen's interpreter does with both
check_module() {
  local module=$1 name=$2
  tool instrument "$module" "$WORK/$name.fuel.wasm"
  # the counter's export is the only difference allowed: its line and the value logged after it
  if ! check_exec "$module" > "$WORK/$name.out"; then
    echo "fuel-fuzz: binaryen's interpreter fails on $module itself" >&2
    status=1
    return
  fi
  if ! check_exec "$WORK/$name.fuel.wasm" > "$WORK/$name.fuel.raw"; then
    echo "fuel-fuzz: binaryen refuses or fails on the instrumented $name:" >&2
    tail -5 "$WORK/$name.fuel.raw" >&2
    status=1
    return
  fi
  sed '/^\[fuzz-exec\] export wasmbridge_fuel$/{N;d;}' "$WORK/$name.fuel.raw" > "$WORK/$name.fuel.out"
  if ! cmp -s "$WORK/$name.out" "$WORK/$name.fuel.out"; then
    echo "fuel-fuzz: $name behaves differently once instrumented:" >&2
    diff "$WORK/$name.out" "$WORK/$name.fuel.out" | head -20 >&2
    status=1
  fi
}
for module in "$CORPUS"/*.wasm; do
  name=$(basename "$module" .wasm)
  check_module "$module" "$name"
  # and as binaryen made it, without the segment that declares every function (for Chicory's validator):
  # its functions that only direct calls reach are then flat or passed the counter
  tool undeclare "$module" "$WORK/$name.undeclared.wasm"
  check_module "$WORK/$name.undeclared.wasm" "$name.undeclared"
done
if [[ $status == 0 ]]; then
  echo "fuel-fuzz: $(ls "$CORPUS"/*.wasm | wc -l) modules, with and without the declaring segment, validate and" \
    "behave the same once instrumented"
fi
exit $status
