package dev.wasmbridge.it.wasi;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link WasiContract} on the panic=abort build: a panic aborts the instance. */
class WasiAbortTest extends WasiContract {
    @Override
    WasiFixture create(WasmOptions options) {
        return WasiFixtureAbortBindings.create(options);
    }

    @Override
    WasiFixture create() {
        return WasiFixtureAbortBindings.create();
    }

    @Override
    WasiFixture pool(int size, WasmOptions options) {
        return WasiFixtureAbortBindings.pool(size, options);
    }

    @Override
    WasiFixture create(ModuleSource source, WasmOptions options) {
        return WasiFixtureAbortBindings.create(source, options);
    }

    @Override
    String resource() {
        return "wasm/wasi_fixture.abort.wasm";
    }

    @Override
    boolean unwinds() {
        return false;
    }
}
