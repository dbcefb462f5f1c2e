package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmModule;

/** The rich fixture built with Rust's default (legacy) exception handling. */
@WasmModule(value = "wasm/rich_fixture.legacy.wasm", imports = RichHost.class)
public interface RichFixtureLegacy extends RichFixture {}
