package dev.wasmbridge.it.limits;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link HostileRustContract} on the exnref build of the limits fixture. */
class HostileRustExnrefTest extends HostileRustContract {
    @Override
    String resource() {
        return "wasm/limits_fixture.exnref.wasm";
    }

    @Override
    LimitsFixture create(WasmOptions options, LimitsHost host) {
        return LimitsFixtureExnrefBindings.create(options, host);
    }

    @Override
    LimitsFixture create(ModuleSource source, WasmOptions options, LimitsHost host) {
        return LimitsFixtureExnrefBindings.create(source, options, host);
    }
}
