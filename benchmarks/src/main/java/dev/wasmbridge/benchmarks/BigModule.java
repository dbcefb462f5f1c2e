package dev.wasmbridge.benchmarks;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/**
 * The small exports of the benchmark crate (benchmarks/rust/big-module), bound through a generated proxy.
 * {@code BigModuleBindings} is generated at compile time. The exnref build runs on Chicory as it is, so
 * the call benchmarks measure calls only, not the legacy translation.
 */
@WasmModule("wasm/big_module.exnref.wasm")
public interface BigModule {
    /** {@code a + b} (wrapping): the cheapest call there is. */
    @WasmExport
    int add(int a, int b);

    /** The same string back: one string in, one string out. */
    @WasmExport
    String echo(String text);

    /** FNV-1a over {@code data}, {@code rounds} times (for engine comparisons). */
    @WasmExport
    long fnvHashRounds(byte[] data, int rounds);

    /** The wrapping sum of comma-separated integers, -1 if one does not parse (for engine comparisons). */
    @WasmExport
    long parseNumbers(String csv);

    /** How many generated kernels the module has. */
    @WasmExport
    int kernelCount();

    /** Runs generated kernel {@code index} on {@code input}. */
    @WasmExport
    String runKernel(int index, String input);
}
