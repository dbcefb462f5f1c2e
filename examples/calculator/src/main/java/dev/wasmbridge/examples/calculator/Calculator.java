package dev.wasmbridge.examples.calculator;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.runtime.WasmBindings;
import java.util.List;

/**
 * The Rust library in examples/calculator/rust/src/lib.rs, as Java sees it. {@code CalculatorBindings}, the
 * implementation, is generated at compile time and checked against the exports of the .wasm.
 */
@WasmModule("wasm/calculator.exnref.wasm")
public interface Calculator extends WasmBindings {
    /** Rust: {@code Session::new() -> Session}. */
    @WasmExport(name = "Session::new")
    Session newSession();

    /** Rust: {@code fn tokenize(text: &str) -> Result<Vec<String>, String>}. */
    @WasmExport
    List<String> tokenize(String text) throws CalcException;

    /** Rust: {@code fn evaluate(text: &str) -> Result<f64, String>}. */
    @WasmExport
    double evaluate(String text) throws CalcException;

    /** Rust: {@code fn format_number(x: f64) -> String}. */
    @WasmExport
    String formatNumber(double x);

    /** Rust: {@code fn token_at(text: &str, index: i32) -> String}; panics on an index out of range. */
    @WasmExport
    String tokenAt(String text, int index);

    /** Rust: {@code fn crash(reason: &str) -> i32}; calls {@code std::process::abort()}. */
    @WasmExport
    int crash(String reason);
}
