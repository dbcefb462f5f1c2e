package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmRecord;

/** Rust's {@code Point { x: f64, y: f64 }}, copied by value. */
@WasmRecord
public record Point(double x, double y) {}
