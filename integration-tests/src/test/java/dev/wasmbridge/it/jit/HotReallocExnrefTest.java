package dev.wasmbridge.it.jit;

import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.ModuleSource;

/** {@link HotReallocContract} on the exnref build of the panic fixture. */
class HotReallocExnrefTest extends HotReallocContract {
    @Override
    String resource() {
        return "wasm/panic_fixture.exnref.wasm";
    }

    @Override
    PanicFixture create(PanicHost host) {
        return HotPanicExnrefBindings.create(host);
    }

    @Override
    PanicFixture create(ModuleSource source, PanicHost host) {
        return HotPanicExnrefBindings.create(source, host);
    }
}
