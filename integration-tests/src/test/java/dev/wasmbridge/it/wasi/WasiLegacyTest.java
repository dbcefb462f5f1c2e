package dev.wasmbridge.it.wasi;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link WasiContract} on the legacy build (its exception instructions translated to exnref at build time). */
class WasiLegacyTest extends WasiContract {
    @Override
    WasiFixture create(WasmOptions options) {
        return WasiFixtureLegacyBindings.create(options);
    }

    @Override
    WasiFixture create() {
        return WasiFixtureLegacyBindings.create();
    }

    @Override
    WasiFixture pool(int size, WasmOptions options) {
        return WasiFixtureLegacyBindings.pool(size, options);
    }

    @Override
    WasiFixture create(ModuleSource source, WasmOptions options) {
        return WasiFixtureLegacyBindings.create(source, options);
    }

    @Override
    String resource() {
        return "wasm/wasi_fixture.legacy.wasm";
    }

    @Override
    boolean unwinds() {
        return true;
    }
}
