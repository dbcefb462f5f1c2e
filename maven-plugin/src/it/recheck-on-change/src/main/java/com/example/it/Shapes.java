package com.example.it;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** Uses the declarations evolving-v2 changes: javac must reject it once version 2 is in place. */
@WasmModule("wasm/evolving.wasm")
public interface Shapes {
    @WasmExport
    String describe(Point point);

    @WasmExport
    int twice(int value);
}
