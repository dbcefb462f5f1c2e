package dev.wasmbridge.benchmarks;

import dev.wasmbridge.annotations.WasmModule;

/**
 * {@link BigModule} with fuel: the same file, instrumented to count the instructions of every call ({@code
 * MeteredBigModuleBindings}), for {@link FuelBenchmark}.
 */
@WasmModule(value = "wasm/big_module.exnref.wasm", fuel = true)
public interface MeteredBigModule extends BigModule {}
