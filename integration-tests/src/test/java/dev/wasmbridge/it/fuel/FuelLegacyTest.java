package dev.wasmbridge.it.fuel;

import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.ModuleSource;

/** Fuel on the legacy build (metered in its exnref translation) of the panic fixture. */
class FuelLegacyTest extends FuelContract {
    @Override
    PanicFixture create(PanicHost host) {
        return MeteredPanicLegacyBindings.create(host);
    }

    @Override
    PanicFixture createFrom(ModuleSource source, PanicHost host) {
        return MeteredPanicLegacyBindings.create(source, host);
    }

    @Override
    PanicFixture pool(int size, PanicHost host) {
        return MeteredPanicLegacyBindings.pool(size, host);
    }

    @Override
    String resource() {
        return "wasm/panic_fixture.legacy.wasm";
    }
}
