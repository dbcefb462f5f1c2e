package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmRecord;

/** Rust's {@code Span { start: usize, end: usize, text: String }}: byte offsets into a text. */
@WasmRecord
public record Span(@Unsigned int start, @Unsigned int end, String text) {}
