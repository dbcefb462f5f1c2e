package dev.wasmbridge.processor;

import java.util.Map;
import java.util.Optional;

/**
 * The imports of module {@code wasmbridge}, which the runtime provides to the Rust support crate
 * (docs/ABI.md, "Panics and aborts"). They mirror {@code dev.wasmbridge.runtime.internal.SupportImports}.
 */
final class SupportImports {
    static final String MODULE = "wasmbridge";

    private static final Map<String, String> SIGNATURES = Map.of(
            "panic", "(i64) -> ()",
            "import_failed", "() -> i32",
            "java_exception_unwound", "() -> ()",
            "error", "(i64, i64) -> ()",
            "poisoned", "(i32) -> ()",
            "out_of_memory", "(i32) -> ()",
            "callback", "(i32, i64) -> i64",
            "task_done", "(i64, i32) -> ()",
            "future_dropped", "(i64) -> ()");

    private SupportImports() {}

    /** The signature of support import {@code name}, if there is one of that name. */
    static Optional<String> signature(String name) {
        return Optional.ofNullable(SIGNATURES.get(name));
    }
}
