package dev.wasmbridge.it.wasi;

import dev.wasmbridge.annotations.WasmModule;

/** The WASI fixture built with panic=abort. */
@WasmModule("wasm/wasi_fixture.abort.wasm")
public interface WasiFixtureAbort extends WasiFixture {}
