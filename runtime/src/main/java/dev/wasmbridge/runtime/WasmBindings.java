package dev.wasmbridge.runtime;

import java.time.Duration;

/**
 * What every generated binding class offers besides the user's own interface: control of the Wasm
 * instance behind it. A {@code @WasmModule} interface may extend it to make these methods available through
 * the interface type.
 */
public interface WasmBindings {
    /**
     * The current size of the module's linear memory in bytes. Wasm memory never shrinks, so this is the
     * high-water mark of what the Rust code has needed.
     *
     * @return the current size of the module's linear memory in bytes
     */
    long memoryBytes();

    /**
     * Sets the handler called once per abort, before the aborted call throws its {@link
     * WasmAbortException}; {@code null} removes it. The handler may ask for a fresh instance with {@link
     * AbortEvent#requestReset()}.
     *
     * @param handler the handler, or null
     */
    void setOnAbort(AbortHandler handler);

    /**
     * Sets what happens to the instance after a Rust panic that the boundary caught: {@link PanicPolicy#RECOVER}
     * (the default) keeps it and poisons the objects the panicking call may have left half-updated; {@link
     * PanicPolicy#RESET} replaces it with a fresh one when the call returns, so that nothing the panic left
     * half-updated is ever seen again. On a pool, it applies to every instance.
     *
     * @param policy the policy, not null
     */
    void setPanicPolicy(PanicPolicy policy);

    /**
     * Replaces the Wasm instance with a fresh one made from the already parsed module: new memory, globals
     * and tables, imports bound again. Objects that belonged to the old instance become stale.
     */
    void resetState();

    /** {@return the generation of the instance: 1 at first, one more after each {@link #resetState()}} */
    int generation();

    /**
     * {@return whether an abort terminated the current instance} Calls then throw {@link
     * ModuleTerminatedException}.
     */
    boolean isTerminated();

    /**
     * Bounds every later call: one that runs longer is stopped and aborts the instance with {@link
     * AbortReason#TIMEOUT}. {@code null} removes the bound (the default).
     *
     * @param timeout the longest a call may run, positive, or null for no bound
     */
    void setCallTimeout(Duration timeout);
}
