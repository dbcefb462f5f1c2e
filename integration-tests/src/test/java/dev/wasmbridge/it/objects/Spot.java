package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmRecord;

/** Rust's {@code Spot} record. */
@WasmRecord
public record Spot(int x, int y) {}
