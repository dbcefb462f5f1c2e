package dev.wasmbridge.it.async;

import dev.wasmbridge.annotations.WasmModule;

/** {@link AsyncFixture} bound to the abort build of the async fixture. */
@WasmModule(value = "wasm/async_fixture.abort.wasm", imports = AsyncHost.class)
public interface AsyncFixtureAbort extends AsyncFixture {}
