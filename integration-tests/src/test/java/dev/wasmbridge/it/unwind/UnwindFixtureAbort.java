package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmModule;

/** {@link UnwindFixture} bound to the abort build of the unwind fixture. */
@WasmModule(value = "wasm/unwind_fixture.abort.wasm", imports = UnwindHost.class)
public interface UnwindFixtureAbort extends UnwindFixture {}
