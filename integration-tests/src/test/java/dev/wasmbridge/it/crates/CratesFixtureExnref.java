package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.WasmModule;

/** The crates fixture built with exnref exception handling. */
@WasmModule(value = "wasm/crates_fixture.exnref.wasm", imports = CratesHost.class)
public interface CratesFixtureExnref extends CratesFixture {}
