package dev.wasmbridge.benchmarks;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/**
 * Real third-party Rust crates through a generated proxy: {@code serde_json} and {@code regex}, as Debian
 * packages them, behind the exports of {@code benchmarks/rust/real-crates} (exnref build only, by
 * {@code scripts/build-wasm.sh}). {@code RealCratesBindings} is generated at compile time. An {@code Err}
 * of the Rust function (bad JSON, bad pattern) throws {@code RustErrorException}.
 */
@WasmModule("wasm/real_crates.exnref.wasm")
public interface RealCrates {
    /** {@code text} parsed into a {@code serde_json::Value} and serialized again, compact. */
    @WasmExport
    String jsonRoundtrip(String text);

    /** The sum of every number in the JSON document {@code text}. */
    @WasmExport
    double jsonSumNumbers(String text);

    /** How many non-overlapping matches of {@code pattern} {@code text} has ({@code Regex::find_iter}). */
    @WasmExport
    @Unsigned
    int regexCount(String pattern, String text);

    /** Whether {@code pattern} matches somewhere in {@code text}. */
    @WasmExport
    boolean regexIsMatch(String pattern, String text);
}
