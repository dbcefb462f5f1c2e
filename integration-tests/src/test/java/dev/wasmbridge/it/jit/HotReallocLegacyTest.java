package dev.wasmbridge.it.jit;

import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.ModuleSource;

/** {@link HotReallocContract} on the legacy build of the panic fixture. */
class HotReallocLegacyTest extends HotReallocContract {
    @Override
    String resource() {
        return "wasm/panic_fixture.legacy.wasm";
    }

    @Override
    PanicFixture create(PanicHost host) {
        return HotPanicLegacyBindings.create(host);
    }

    @Override
    PanicFixture create(ModuleSource source, PanicHost host) {
        return HotPanicLegacyBindings.create(source, host);
    }
}
