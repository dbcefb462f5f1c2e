package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmInterface;

/** The fixture's {@code java_interface! { pub trait Logger { ... } }}: a Java object Rust keeps. */
@WasmInterface
public interface Logger {
    /** {@code fn log(&self, level: i32, message: String)}. */
    void log(int level, String message);

    /** {@code fn name(&self) -> String}. */
    String name();

    /** {@code fn count(&self) -> u32}: how many lines it logged. */
    @Unsigned
    int count();
}
