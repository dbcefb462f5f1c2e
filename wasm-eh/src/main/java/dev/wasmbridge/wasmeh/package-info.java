/**
 * Reads and writes WebAssembly binaries and translates the legacy exception-handling
 * instructions that Rust {@code panic=unwind} builds emit ({@code try}, {@code catch},
 * {@code catch_all}, {@code delegate}, {@code rethrow}) into the exnref form
 * ({@code try_table}, {@code throw_ref}) that Chicory executes; splits functions too big for
 * the JVM's JIT compiler once Chicory compiles them; instruments modules to count their instructions
 * (fuel).
 *
 * <p>Entry points: {@link dev.wasmbridge.wasmeh.LegacyEh} (translate, detect),
 * {@link dev.wasmbridge.wasmeh.FuelMeter} (instrument for deterministic fuel),
 * {@link dev.wasmbridge.wasmeh.FunctionSplitter} (split, list the functions over a budget as
 * {@link dev.wasmbridge.wasmeh.OversizedFunction}s),
 * {@link dev.wasmbridge.wasmeh.ModuleSkeleton} (the module without its function bodies),
 * {@link dev.wasmbridge.wasmeh.WasmModule} (read and write a module byte for byte) and
 * {@link dev.wasmbridge.wasmeh.MalformedWasmException} (the only exception thrown for bad
 * input). The package has no dependencies.
 */
package dev.wasmbridge.wasmeh;
