package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmCallback;

/** An event listener Rust stores: {@code StoredCallback<(String,), i32>}. */
@WasmCallback
public interface Listener {
    /** Gets the event; the fixture adds up the results. */
    int onEvent(String event);
}
