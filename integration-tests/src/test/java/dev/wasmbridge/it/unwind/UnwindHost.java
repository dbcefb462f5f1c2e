package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmImport;

/** The import of the unwind fixture. */
public interface UnwindHost {
    /** {@code host_amount() -> i64}, called by {@code Account::deposit_from_host} half-way. */
    @WasmImport(module = "host")
    long hostAmount();
}
