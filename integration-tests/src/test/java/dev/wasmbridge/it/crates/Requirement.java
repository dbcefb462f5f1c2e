package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.WasmRecord;
import java.util.List;
import java.util.Optional;

/** Rust's {@code Requirement}: a semver requirement taken apart, with its first {@code <} or {@code <=}. */
@WasmRecord
public record Requirement(String text, List<Bound> bounds, Optional<Bound> upper) {}
