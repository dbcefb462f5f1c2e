package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmModule;

/** The same exports as {@link TypesFixture}, from the abort build of the same Rust source. */
@WasmModule(value = "wasm/types_fixture.abort.wasm", imports = FixtureHost.class)
public interface TypesFixtureAbort extends TypesFixture {}
