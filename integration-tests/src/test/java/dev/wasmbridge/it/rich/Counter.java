package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Rust's {@code Counter}, an object living in Wasm memory. */
@WasmClass
public interface Counter extends WasmObject {
    /** {@code fn increment(&mut self, by: i64) -> i64}. */
    @WasmExport
    long increment(long by);

    /** {@code fn get(&self) -> i64}. */
    @WasmExport
    long get();

    /** {@code fn name(&self) -> String}. */
    @WasmExport
    String name();

    /** {@code fn into_total(self) -> i64}: consumes the counter. */
    @WasmExport
    long intoTotal();

    /** {@code fn merged(self, other: Counter) -> Counter}: consumes both. */
    @WasmExport
    Counter merged(Counter other);

    /** {@code fn add_from(&mut self, other: &Counter) -> i64}. */
    @WasmExport
    long addFrom(Counter other);

    /** {@code fn poke_host(&mut self) -> i64}: calls the host while borrowed. */
    @WasmExport
    long pokeHost();

    /** {@code fn each_step(&mut self, steps: i32, f: Callback<(i64,), ()>) -> i64}: calls back after each step. */
    @WasmExport
    long eachStep(int steps, Callbacks.StepSink f);

    /** {@code fn fail(&mut self, message: &str) -> i64}: increments, then panics. */
    @WasmExport
    long fail(String message);
}
