package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** {@link PanicFixture} bound to the abort build of the panic fixture. */
@WasmModule(value = "wasm/panic_fixture.abort.wasm", imports = PanicHost.class)
public interface PanicFixtureAbort extends PanicFixture {}
