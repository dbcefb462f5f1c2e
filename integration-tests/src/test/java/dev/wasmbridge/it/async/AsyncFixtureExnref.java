package dev.wasmbridge.it.async;

import dev.wasmbridge.annotations.WasmModule;

/** {@link AsyncFixture} bound to the exnref build of the async fixture. */
@WasmModule(value = "wasm/async_fixture.exnref.wasm", imports = AsyncHost.class)
public interface AsyncFixtureExnref extends AsyncFixture {}
