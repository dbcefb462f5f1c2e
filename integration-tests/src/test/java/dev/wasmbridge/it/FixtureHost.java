package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmImport;

/** The functions integration-tests/rust/types-fixture imports from module "host". */
public interface FixtureHost {
    @WasmImport(module = "host")
    int hostAdd(int a, int b);

    @WasmImport(module = "host")
    void log(String message);

    @WasmImport(module = "host")
    String hostGreeting(String name);

    @WasmImport(module = "host", name = "host_transform")
    byte[] transform(byte[] bytes);

    @WasmImport(module = "host")
    double hostScalars(long a, float b, double c, boolean d);
}
