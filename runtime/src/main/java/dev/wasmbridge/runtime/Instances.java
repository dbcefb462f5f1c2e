package dev.wasmbridge.runtime;

/**
 * The Wasm instances behind one generated proxy: a single {@link CallBoundary}, or a {@link BoundaryPool}
 * of several for multi-threaded servers. Generated methods call {@link #enter()} for the instance to run
 * on; the {@link WasmBindings} methods act on every instance.
 */
public interface Instances extends WasmBindings {
    /**
     * The instance the current call runs on, already entered: the caller must call {@link
     * CallBoundary#exit()} on it when done. A call made from inside a Java import (Rust → Java → Rust) runs
     * on the same instance as the call that is in progress on this thread.
     */
    CallBoundary enter();
}
