package com.example.it;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** Uses only what evolving-v2 keeps: these bindings fit both versions. */
@WasmModule("wasm/evolving.wasm")
public interface Evolving {
    @WasmExport
    int version();

    @WasmExport
    String greet(String name);
}
