package dev.wasmbridge.it.jit;

import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;

/**
 * The legacy build of the panic fixture, bound again so that its build-time bytecode is a class of its own,
 * which no other test warms up: {@link HotReallocContract} decides what the JIT sees of it.
 */
@WasmModule(value = "wasm/panic_fixture.legacy.wasm", imports = PanicHost.class)
public interface HotPanicLegacy extends PanicFixture {}
