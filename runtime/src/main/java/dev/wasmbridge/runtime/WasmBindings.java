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

    /**
     * Bounds the fuel of every later call: the number of Wasm instructions it may run, counted the same way on
     * every machine and engine (docs/GUIDE.md, "Running untrusted modules"). A call that needs more aborts the
     * instance with a {@link FuelExhaustedException} ({@link AbortReason#FUEL_EXHAUSTED}). The fuel is per
     * outermost call: what Rust runs to take the arguments and give the result, and calls Rust makes back
     * into the module from a Java import, share the budget of the call they are part of. {@code 0} (the
     * default) is no bound: calls are still counted ({@link #lastCallFuelUsed()}). On a pool, it applies to
     * every instance.
     *
     * @param fuel the fuel each call starts with, positive, or 0 for no bound
     * @throws IllegalArgumentException if {@code fuel} is negative
     * @throws IllegalStateException if the bindings do not count fuel: add {@code fuel = true} to their
     *     {@code @WasmModule}
     */
    void setCallFuel(long fuel);

    /**
     * {@return the fuel the last call this thread made through these bindings left} 0 when it ran out; before
     * any call, the budget of {@link #setCallFuel}. Without a bound, {@link Long#MAX_VALUE} less what the call
     * used.
     *
     * @throws IllegalStateException if the bindings do not count fuel: add {@code fuel = true} to their
     *     {@code @WasmModule}
     */
    long fuelLeft();

    /**
     * {@return the fuel the last call this thread made through these bindings used} The same call with the
     * same input, on an instance in the same state, uses the same fuel on every machine and engine. After it
     * ran out, at least the budget. 0 before any call.
     *
     * @throws IllegalStateException if the bindings do not count fuel: add {@code fuel = true} to their
     *     {@code @WasmModule}
     */
    long lastCallFuelUsed();

    /**
     * Revokes a Java object that Rust holds (a stored callback, or an object of a {@code @WasmInterface}; see
     * docs/GUIDE.md, "Rust holds Java"): Rust's later calls of it get an error it can handle ({@code
     * CallbackGone}, or a panic for an interface object), and the instance no longer keeps a reference to it.
     * Rust's own value stays valid until Rust drops it. Passing the object again gives Rust a new handle. On a
     * pool, it applies to every instance (waiting for each to be free).
     *
     * @param object the object as it was passed to Rust, not null
     * @return whether Rust held it in any instance
     */
    boolean revoke(Object object);

    /**
     * {@return how many Java objects Rust holds now (stored callbacks and interface objects, each object once
     * however often it was passed), over every instance} Revoked objects are not counted.
     */
    int heldObjects();
}
