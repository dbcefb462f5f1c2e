package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Rust's {@code Tally}: declared {@code #[unwind_safe]}, so never poisoned. */
@WasmClass
public interface Tally extends WasmObject {
    /** {@code fn hit(&self, fail: bool) -> i64}. */
    @WasmExport
    long hit(boolean fail);

    /** {@code fn add(&mut self, n: i64, fail: bool) -> i64}. */
    @WasmExport
    long add(long n, boolean fail);

    /** {@code fn hits(&self) -> i64}. */
    @WasmExport
    long hits();
}
