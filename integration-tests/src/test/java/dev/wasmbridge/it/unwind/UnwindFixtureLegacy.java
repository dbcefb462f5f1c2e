package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmModule;

/** {@link UnwindFixture} bound to the legacy build of the unwind fixture. */
@WasmModule(value = "wasm/unwind_fixture.legacy.wasm", imports = UnwindHost.class)
public interface UnwindFixtureLegacy extends UnwindFixture {}
