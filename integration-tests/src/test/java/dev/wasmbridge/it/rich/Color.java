package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmEnum;

/** Rust's {@code Color} (discriminants 0, 1 and 7: Java ordinals do not matter). */
@WasmEnum
public enum Color {
    BLUE,
    RED,
    GREEN
}
