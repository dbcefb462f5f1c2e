package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The hand-written module integration-tests/src/test/resources/wasm/hostile_limits.wat: what Rust does not write, linear memory
 * and a table grown in a loop until the engine refuses.
 */
@WasmModule("wasm/hostile_limits.wasm")
public interface HostileWat extends WasmBindings {
    /** Grows memory by {@code pages} until refused; returns the pages reached. */
    @WasmExport
    int growMemoryForever(int pages);

    /** Grows the table by {@code count} elements until refused; returns the size reached. */
    @WasmExport
    int growTableForever(int count);

    /** {@return the memory's size in pages} */
    @WasmExport
    int memoryPages();

    /** {@return the table's size in elements} */
    @WasmExport
    int tableSize();
}
