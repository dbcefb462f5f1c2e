package dev.wasmbridge.it.stale;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** Uses only what evolving-v2 keeps from evolving-v1: these bindings fit both versions. */
@WasmModule("wasm/evolving_v1.legacy.wasm")
public interface EvolvingLegacy {
    @WasmExport
    int version();

    @WasmExport
    String greet(String name);
}
