package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** {@link PanicFixture} bound to the legacy build of the panic fixture. */
@WasmModule(value = "wasm/panic_fixture.legacy.wasm", imports = PanicHost.class)
public interface PanicFixtureLegacy extends PanicFixture {}
