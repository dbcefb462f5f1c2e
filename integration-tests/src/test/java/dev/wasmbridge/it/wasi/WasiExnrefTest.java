package dev.wasmbridge.it.wasi;

import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;

/** {@link WasiContract} on the exnref build. */
class WasiExnrefTest extends WasiContract {
    @Override
    WasiFixture create(WasmOptions options) {
        return WasiFixtureExnrefBindings.create(options);
    }

    @Override
    WasiFixture create() {
        return WasiFixtureExnrefBindings.create();
    }

    @Override
    WasiFixture pool(int size, WasmOptions options) {
        return WasiFixtureExnrefBindings.pool(size, options);
    }

    @Override
    WasiFixture create(ModuleSource source, WasmOptions options) {
        return WasiFixtureExnrefBindings.create(source, options);
    }

    @Override
    String resource() {
        return "wasm/wasi_fixture.exnref.wasm";
    }

    @Override
    boolean unwinds() {
        return true;
    }
}
