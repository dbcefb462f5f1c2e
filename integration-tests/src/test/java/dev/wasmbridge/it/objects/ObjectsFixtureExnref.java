package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmModule;

/** The objects fixture built with exnref exception handling. */
@WasmModule(value = "wasm/objects_fixture.exnref.wasm", imports = ObjectsHost.class)
public interface ObjectsFixtureExnref extends ObjectsFixture {}
