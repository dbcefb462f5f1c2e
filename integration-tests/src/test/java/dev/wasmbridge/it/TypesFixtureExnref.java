package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** {@link TypesFixture} bound to the exnref build ({@code panic=unwind}, modern exception handling). */
@WasmModule(value = "wasm/types_fixture.exnref.wasm", imports = FixtureHost.class)
public interface TypesFixtureExnref extends TypesFixture {}
