package dev.wasmbridge.it.fuel;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmImport;
import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.runtime.WasmBindings;

/** The hand-written module src/test/resources/wasm/hostile.wat: code that never ends by itself. */
@WasmModule(value = "wasm/hostile.wasm", imports = HostileModule.Host.class, fuel = true)
public interface HostileModule extends WasmBindings {
    /** A loop that only branches back with {@code br_if}, forever. */
    @WasmExport
    int loopForever(int x);

    /** Calls {@link Host#tick} in a tight loop, forever. */
    @WasmExport
    int callHostForever();

    /** Recursion without a base case. */
    @WasmExport
    int recurseForever(int x);

    /** {@code return_call} to itself, forever. */
    @WasmExport
    int tailCallForever(int x);

    /** Adds 1 {@code n} times in a loop. */
    @WasmExport
    int count(int n);

    /** The module's import. */
    interface Host {
        /** Called by {@link #callHostForever()} with its last result. */
        @WasmImport(module = "host")
        int tick(int n);
    }
}
