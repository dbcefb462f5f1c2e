package dev.wasmbridge.it.limits;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link HostileRustContract} on the abort build of the limits fixture. */
class HostileRustAbortTest extends HostileRustContract {
    @Override
    String resource() {
        return "wasm/limits_fixture.abort.wasm";
    }

    @Override
    LimitsFixture create(WasmOptions options, LimitsHost host) {
        return LimitsFixtureAbortBindings.create(options, host);
    }

    @Override
    LimitsFixture create(ModuleSource source, WasmOptions options, LimitsHost host) {
        return LimitsFixtureAbortBindings.create(source, options, host);
    }
}
