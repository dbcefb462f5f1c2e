package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Rust's {@code Service}: a class object that keeps a Java {@link Logger}. */
@WasmClass
public interface Service extends WasmObject {
    /** {@code fn work(&mut self, input: String) -> String}: logs, and returns {@code <logger name>:<input>}. */
    @WasmExport
    String work(String input);

    /** {@code fn logger_handle(&self) -> i32}. */
    @WasmExport
    int loggerHandle();
}
