package dev.wasmbridge.it.fuel;

import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.ModuleSource;

/** Fuel on the exnref build of the panic fixture. */
class FuelExnrefTest extends FuelContract {
    @Override
    PanicFixture create(PanicHost host) {
        return MeteredPanicExnrefBindings.create(host);
    }

    @Override
    PanicFixture createFrom(ModuleSource source, PanicHost host) {
        return MeteredPanicExnrefBindings.create(source, host);
    }

    @Override
    PanicFixture pool(int size, PanicHost host) {
        return MeteredPanicExnrefBindings.pool(size, host);
    }

    @Override
    String resource() {
        return "wasm/panic_fixture.exnref.wasm";
    }
}
