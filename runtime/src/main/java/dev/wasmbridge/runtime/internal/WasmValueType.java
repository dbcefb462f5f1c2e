package dev.wasmbridge.runtime.internal;

import java.util.Locale;

/**
 * A Wasm value type that crosses the Wasmbridge boundary: the numeric types, which are all the ABI uses
 * (docs/ABI.md). Bindings describe signatures with it instead of the engine's own types, so the engine
 * under them can change without changing generated code.
 */
public enum WasmValueType {
    /** A 32-bit integer: {@code int}, {@code boolean}, an enum discriminant or a handle. */
    I32,
    /** A 64-bit integer: {@code long}, or a slice (pointer and length). */
    I64,
    /** A 32-bit IEEE 754 float. */
    F32,
    /** A 64-bit IEEE 754 float. */
    F64;

    /** The name in the Wasm text format: {@code i32}, {@code i64}, {@code f32} or {@code f64}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
