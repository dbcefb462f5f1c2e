package dev.wasmbridge.it.stale;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** Uses what evolving-v2 changes: Point gains a field, twice takes an i64. */
@WasmModule("wasm/evolving_v1.exnref.wasm")
public interface Shapes {
    @WasmExport
    String describe(ShapePoint point);

    @WasmExport
    int twice(int value);
}
