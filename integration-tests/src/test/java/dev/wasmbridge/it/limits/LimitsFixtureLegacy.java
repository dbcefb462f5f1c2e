package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.WasmModule;

/** {@link LimitsFixture} bound to the legacy build of the limits fixture. */
@WasmModule(value = "wasm/limits_fixture.legacy.wasm", imports = LimitsHost.class)
public interface LimitsFixtureLegacy extends LimitsFixture {}
