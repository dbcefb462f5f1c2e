package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.WasmModule;

/** {@link LimitsFixture} bound to the exnref build of the limits fixture. */
@WasmModule(value = "wasm/limits_fixture.exnref.wasm", imports = LimitsHost.class)
public interface LimitsFixtureExnref extends LimitsFixture {}
