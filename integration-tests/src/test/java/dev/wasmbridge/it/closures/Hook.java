package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmCallback;

/** The aborting callback of the fixture: {@code AbortingCallback<(i32,), i32>}. */
@WasmCallback
public interface Hook {
    /** Maps {@code x}. */
    int apply(int x);
}
