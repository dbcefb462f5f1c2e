package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmModule;

/** {@link ClosuresFixture} bound to the abort build of the closures fixture. */
@WasmModule("wasm/closures_fixture.abort.wasm")
public interface ClosuresFixtureAbort extends ClosuresFixture {}
