package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** {@link PanicFixture} bound to the exnref build of the panic fixture. */
@WasmModule(value = "wasm/panic_fixture.exnref.wasm", imports = PanicHost.class)
public interface PanicFixtureExnref extends PanicFixture {}
