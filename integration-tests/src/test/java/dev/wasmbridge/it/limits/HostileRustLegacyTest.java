package dev.wasmbridge.it.limits;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link HostileRustContract} on the legacy build of the limits fixture. */
class HostileRustLegacyTest extends HostileRustContract {
    @Override
    String resource() {
        return "wasm/limits_fixture.legacy.wasm";
    }

    @Override
    LimitsFixture create(WasmOptions options, LimitsHost host) {
        return LimitsFixtureLegacyBindings.create(options, host);
    }

    @Override
    LimitsFixture create(ModuleSource source, WasmOptions options, LimitsHost host) {
        return LimitsFixtureLegacyBindings.create(source, options, host);
    }
}
