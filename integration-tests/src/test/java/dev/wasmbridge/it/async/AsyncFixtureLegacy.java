package dev.wasmbridge.it.async;

import dev.wasmbridge.annotations.WasmModule;

/** {@link AsyncFixture} bound to the legacy build of the async fixture. */
@WasmModule(value = "wasm/async_fixture.legacy.wasm", imports = AsyncHost.class)
public interface AsyncFixtureLegacy extends AsyncFixture {}
