package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmImport;

/** The imports of integration-tests/rust/panic-fixture. */
public interface PanicHost {
    @WasmImport(module = "host")
    int hostTransform(int value);

    @WasmImport(module = "host")
    String hostGreeting(String name);

    @WasmImport(module = "host")
    int hostReenter(int a, int b);
}
