package dev.wasmbridge.runtime;

/** Why a Wasm instance was aborted. */
public enum AbortReason {
    /** A Rust panic in a {@code panic=abort} build: the panic hook ran, then the instance trapped. */
    PANIC,
    /** A trap: {@code unreachable}, an integer divided by zero, an access out of bounds, and the like. */
    TRAP,
    /** The Wasm call stack (or the Java stack under the engine) ran out. */
    STACK_OVERFLOW,
    /** The call ran past the time set with {@link WasmBindings#setCallTimeout}. */
    TIMEOUT,
    /**
     * The call used up the fuel set with {@link WasmBindings#setCallFuel} (bindings with {@code
     * fuel = true}); the exception is a {@link FuelExhaustedException}.
     */
    FUEL_EXHAUSTED,
    /** The calling thread was interrupted. */
    INTERRUPTED,
    /**
     * A Java {@code @WasmImport} method threw and the module cannot unwind Rust frames ({@code
     * panic=abort}), so they were skipped.
     */
    IMPORT_EXCEPTION,
    /** A Wasm exception escaped the module (code not built with the wasmbridge support crate). */
    UNCAUGHT_WASM_EXCEPTION,
    /**
     * The module ran out of memory: its linear memory could not grow past its limit (or the JVM's heap ran out
     * during the call), an allocation failed and Rust aborted. The exception is a {@link
     * WasmOutOfMemoryException}.
     */
    OUT_OF_MEMORY,
    /** The engine failed in another way, or the JVM threw an error inside the call. */
    ENGINE_FAILURE,
    /**
     * The module called WASI's {@code proc_exit} (Rust's {@code std::process::exit}), with any exit code,
     * 0 too: the module cannot go on after it. The exception is a {@link ModuleExitException}, which has
     * the code.
     */
    EXIT
}
