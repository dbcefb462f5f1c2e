package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmModule;

/** {@link ClosuresFixture} bound to the legacy build of the closures fixture. */
@WasmModule("wasm/closures_fixture.legacy.wasm")
public interface ClosuresFixtureLegacy extends ClosuresFixture {}
