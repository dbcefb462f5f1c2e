package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmModule;

/** {@link UnwindFixture} bound to the exnref build of the unwind fixture. */
@WasmModule(value = "wasm/unwind_fixture.exnref.wasm", imports = UnwindHost.class)
public interface UnwindFixtureExnref extends UnwindFixture {}
