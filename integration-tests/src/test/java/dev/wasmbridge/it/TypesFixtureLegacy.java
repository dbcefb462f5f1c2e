package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** The same exports as {@link TypesFixture}, from the legacy build of the same Rust source. */
@WasmModule(value = "wasm/types_fixture.legacy.wasm", imports = FixtureHost.class)
public interface TypesFixtureLegacy extends TypesFixture {}
