package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Rust's {@code Memo}: holds a {@code RefCell}, so a panicking {@code &self} method poisons it. */
@WasmClass
public interface Memo extends WasmObject {
    /** {@code fn remember(&self, entry: &str) -> i32}: an empty entry panics after it was recorded. */
    @WasmExport
    int remember(String entry);

    /** {@code fn size(&self) -> i32}. */
    @WasmExport
    int size();
}
