package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmEnum;

/** Rust's {@code Suit} enum. */
@WasmEnum
public enum Suit {
    HEARTS,
    SPADES
}
