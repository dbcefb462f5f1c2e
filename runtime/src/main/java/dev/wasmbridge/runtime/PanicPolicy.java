package dev.wasmbridge.runtime;

/**
 * What happens to a Wasm instance after a Rust panic was caught at the boundary ({@code panic=unwind}
 * builds), set with {@link WasmBindings#setPanicPolicy}. Either way the call throws {@link
 * RustPanicException}, Rust's destructors ran, and a panic under {@code panic=abort} stays an abort.
 *
 * <p>The same holds for a Java exception thrown by an import that unwound the Rust frames: it interrupts
 * Rust code half-way just as a panic does. (The exception itself still reaches the caller unchanged.)
 */
public enum PanicPolicy {
    /**
     * The instance stays (the default): Rust state from before the panic is kept, and the objects the
     * panicking call held in a way that could leave them half-updated are poisoned ({@link
     * PoisonedObjectException}). Statics and thread-locals are not checked: a panic half-way through
     * changing one leaves it so.
     */
    RECOVER,
    /**
     * The instance is replaced by a fresh one, as by {@link WasmBindings#resetState()}, when the call that
     * panicked returns to Java (for a call made from inside a Java import, when the outermost call returns):
     * statics and thread-locals that the panic left half-updated can never be observed. Every object of the
     * old instance becomes stale ({@link StaleHandleException}); {@link WasmBindings#generation()} grows by
     * one.
     */
    RESET
}
