package dev.wasmbridge.benchmarks;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmImport;
import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.runtime.WasmBindings;

/** The part of integration-tests/rust/panic-fixture the boundary benchmark calls. */
@WasmModule(value = "wasm/panic_fixture.exnref.wasm", imports = PanicBench.Host.class)
public interface PanicBench extends WasmBindings {
    @WasmExport
    int divide(int a, int b);

    /** The fixture's imports; the benchmark never makes Rust call them. */
    interface Host {
        @WasmImport(module = "host")
        int hostTransform(int value);

        @WasmImport(module = "host")
        String hostGreeting(String name);

        @WasmImport(module = "host")
        int hostReenter(int a, int b);
    }

    /** Imports that must not be called. */
    final class NoHost implements Host {
        @Override
        public int hostTransform(int value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String hostGreeting(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int hostReenter(int a, int b) {
            throw new UnsupportedOperationException();
        }
    }
}
