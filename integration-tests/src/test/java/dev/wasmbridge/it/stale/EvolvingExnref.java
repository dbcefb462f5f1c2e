package dev.wasmbridge.it.stale;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** Like {@link EvolvingLegacy}, on the exnref build, which the processor compiles to bytecode. */
@WasmModule("wasm/evolving_v1.exnref.wasm")
public interface EvolvingExnref {
    @WasmExport
    int version();

    @WasmExport
    String greet(String name);
}
