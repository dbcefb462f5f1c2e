package dev.wasmbridge.processor;

import java.util.Map;
import java.util.Optional;

/**
 * The imports of module {@code wasmbridge}, which the runtime provides to the Rust support crate
 * (docs/ABI.md, "Panics and aborts"). They mirror {@code dev.wasmbridge.runtime.internal.SupportImports}.
 */
final class SupportImports {
    static final String MODULE = "wasmbridge";

    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("panic", "(i64) -> ()"),
            Map.entry("import_failed", "() -> i32"),
            Map.entry("java_exception_unwound", "() -> ()"),
            Map.entry("error", "(i64, i64) -> ()"),
            Map.entry("poisoned", "(i32) -> ()"),
            Map.entry("out_of_memory", "(i32) -> ()"),
            Map.entry("callback", "(i32, i64) -> i64"),
            Map.entry("release", "(i32) -> ()"),
            Map.entry("call_object", "(i32, i32, i64) -> i64"),
            Map.entry("task_done", "(i64, i32) -> ()"),
            Map.entry("future_dropped", "(i64) -> ()"));

    private SupportImports() {}

    /** The signature of support import {@code name}, if there is one of that name. */
    static Optional<String> signature(String name) {
        return Optional.ofNullable(SIGNATURES.get(name));
    }
}
