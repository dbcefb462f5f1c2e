package dev.wasmbridge.it.fuel;

import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;

/**
 * The exnref build of the panic fixture, counting fuel: the same file as {@code PanicFixtureExnref} binds
 * without fuel, so one compilation writes both forms of it.
 */
@WasmModule(value = "wasm/panic_fixture.exnref.wasm", imports = PanicHost.class, fuel = true)
public interface MeteredPanicExnref extends PanicFixture {}
