#!/usr/bin/env bash
# Rebuilds the hand-written modules of the integration tests into src/test/resources/wasm with wabt
# (apt-get install wabt; built with 1.0.32). The .wasm files are committed: wabt is not needed to build or
# test the project.
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "../resources/wasm/${wat%.wat}.wasm"
done
