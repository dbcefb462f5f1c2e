package dev.wasmbridge.it.wasi;

import dev.wasmbridge.annotations.WasmModule;

/** The WASI fixture built with the legacy exception instructions (translated to exnref). */
@WasmModule("wasm/wasi_fixture.legacy.wasm")
public interface WasiFixtureLegacy extends WasiFixture {}
