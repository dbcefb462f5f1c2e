package dev.wasmbridge.demo;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** The Rust functions of demo/rust/src/lib.rs, as Java sees them. */
@WasmModule("wasm/demo.exnref.wasm")
public interface Greeter {
    /** Rust: {@code fn greet(name: &str) -> String}. */
    @WasmExport
    String greet(String name);

    /** Rust: {@code fn word_count(text: &str) -> i32}. */
    @WasmExport
    int wordCount(String text);

    /** Rust: {@code fn checked_divide(a: i32, b: i32) -> i32}; panics when {@code b} is 0. */
    @WasmExport
    int checkedDivide(int a, int b);
}
