package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmImport;

/** The imports of integration-tests/rust/limits-fixture. */
public interface LimitsHost {
    /** Calls {@code nest(depth)} back. */
    @WasmImport(module = "host")
    @Unsigned
    int hostNest(@Unsigned int depth);

    /** Returns a value, or throws. */
    @WasmImport(module = "host")
    long hostCheck(long value);
}
