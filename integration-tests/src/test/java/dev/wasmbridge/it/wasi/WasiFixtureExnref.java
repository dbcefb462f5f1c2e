package dev.wasmbridge.it.wasi;

import dev.wasmbridge.annotations.WasmModule;

/** The WASI fixture built with exnref exception handling. */
@WasmModule("wasm/wasi_fixture.exnref.wasm")
public interface WasiFixtureExnref extends WasiFixture {}
