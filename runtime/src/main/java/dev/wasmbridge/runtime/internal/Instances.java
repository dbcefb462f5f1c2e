package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmBindings;

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

    /**
     * Like {@link #enter()}, for a call that passes {@code object} to Rust ({@code &T} or {@code T}): it runs
     * on the instance that made the object. On a single {@link CallBoundary} that is {@link #enter()}. On a
     * {@link BoundaryPool}, when {@code object} is a {@link RustObject} made by one of the pool's instances,
     * it is that instance (waiting until it is free); otherwise it is {@link #enter()}, and the {@link
     * RustObject#borrow} or {@link RustObject#move} that follows throws the exception that says what is wrong.
     *
     * @param object the object the call passes to Rust (any value, null included)
     * @param what names the argument in messages, e.g. {@code "argument 'counter' of Bank.deposit"}
     */
    CallBoundary enterOwner(Object object, String what);
}
