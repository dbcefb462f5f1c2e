package dev.wasmbridge.runtime;

import java.time.Duration;

/**
 * The Wasm instances behind one generated proxy: a single {@link CallBoundary}, or a {@link BoundaryPool}
 * of several for multi-threaded servers. Generated methods call {@link #enter()} for the instance to run
 * on; the control methods of {@link WasmBindings} act on every instance.
 */
public interface Instances {
    /**
     * The instance the current call runs on, already entered: the caller must call {@link
     * CallBoundary#exit()} on it when done. A call made from inside a Java import (Rust → Java → Rust) runs
     * on the same instance as the call that is in progress on this thread.
     */
    CallBoundary enter();

    /** See {@link WasmBindings#memoryBytes()}; for a pool, the sum over its instances. */
    long memoryBytes();

    /** See {@link WasmBindings#setOnAbort(AbortHandler)}. */
    void setOnAbort(AbortHandler handler);

    /** See {@link WasmBindings#resetState()}; a pool resets every instance. */
    void resetState();

    /** See {@link WasmBindings#generation()}; for a pool, the highest of its instances. */
    int generation();

    /** See {@link WasmBindings#isTerminated()}; for a pool, whether any instance is terminated. */
    boolean isTerminated();

    /** See {@link WasmBindings#setCallTimeout(Duration)}. */
    void setCallTimeout(Duration timeout);
}
