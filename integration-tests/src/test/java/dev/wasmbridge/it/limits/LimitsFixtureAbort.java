package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.WasmModule;

/** {@link LimitsFixture} bound to the abort build of the limits fixture. */
@WasmModule(value = "wasm/limits_fixture.abort.wasm", imports = LimitsHost.class)
public interface LimitsFixtureAbort extends LimitsFixture {}
