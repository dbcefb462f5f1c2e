package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.WasmModule;

/** The crates fixture built with the legacy exception instructions (translated to exnref). */
@WasmModule(value = "wasm/crates_fixture.legacy.wasm", imports = CratesHost.class)
public interface CratesFixtureLegacy extends CratesFixture {}
