package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmModule;

/** {@link ClosuresFixture} bound to the exnref build of the closures fixture. */
@WasmModule("wasm/closures_fixture.exnref.wasm")
public interface ClosuresFixtureExnref extends ClosuresFixture {}
