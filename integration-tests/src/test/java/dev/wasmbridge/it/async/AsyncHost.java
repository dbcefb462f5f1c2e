package dev.wasmbridge.it.async;

import dev.wasmbridge.annotations.WasmImport;
import java.util.concurrent.CompletableFuture;

/** The imports of integration-tests/rust/async-fixture: Java futures Rust awaits. */
public interface AsyncHost {
    /** A number, later. */
    @WasmImport(module = "host")
    CompletableFuture<Long> later(long key);

    /** A text, later. */
    @WasmImport(module = "host")
    CompletableFuture<String> fetch(String key);
}
