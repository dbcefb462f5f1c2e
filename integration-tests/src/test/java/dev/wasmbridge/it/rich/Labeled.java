package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmRecord;
import java.util.List;
import java.util.Optional;

/** Rust's {@code Labeled}: a record of strings, a nested record, a list, an option and an enum (Java order differs). */
@WasmRecord
public record Labeled(Color color, String label, Point point, List<String> tags, Optional<@Unsigned Integer> weight) {}
