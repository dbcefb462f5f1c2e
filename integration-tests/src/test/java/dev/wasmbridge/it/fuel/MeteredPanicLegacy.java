package dev.wasmbridge.it.fuel;

import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;

/** The legacy build of the panic fixture, counting fuel (metered in its exnref translation). */
@WasmModule(value = "wasm/panic_fixture.legacy.wasm", imports = PanicHost.class, fuel = true)
public interface MeteredPanicLegacy extends PanicFixture {}
