package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmModule;

/** The rich fixture built with exnref exception handling. */
@WasmModule(value = "wasm/rich_fixture.exnref.wasm", imports = RichHost.class)
public interface RichFixtureExnref extends RichFixture {}
