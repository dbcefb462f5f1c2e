package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmModule;

/** The objects fixture built with Rust's default (legacy) exception handling. */
@WasmModule(value = "wasm/objects_fixture.legacy.wasm", imports = ObjectsHost.class)
public interface ObjectsFixtureLegacy extends ObjectsFixture {}
