package ${package};

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The Rust functions of rust/src/lib.rs, as Java sees them.
 *
 * <p>At compile time the Wasmbridge annotation processor checks every method against the exports of
 * {@code wasm/rustlib.wasm} (a classpath resource: src/main/resources/wasm/rustlib.wasm) and generates
 * {@code RustLibBindings}, whose {@code create()} returns a working implementation. A method whose
 * signature does not match its Rust function is a compile error.
 *
 * <p>To add a function: write it inside {@code wasmbridge::export!} in rust/src/lib.rs, rebuild the
 * {@code .wasm} ({@code mvn -Prust verify}), and declare it here with {@code @WasmExport}; the export
 * name is the method name in snake case ({@code wordCount} calls {@code word_count}).
 */
@WasmModule("wasm/rustlib.wasm")
public interface RustLib extends WasmBindings {
    /** Rust: {@code fn greet(name: &str) -> String}. */
    @WasmExport
    String greet(String name);

    /** Rust: {@code fn word_count(text: &str) -> i32}. */
    @WasmExport
    int wordCount(String text);

    /**
     * Rust: {@code fn checked_divide(a: i32, b: i32) -> i32}, which panics when {@code b} is zero.
     *
     * @throws dev.wasmbridge.runtime.RustPanicException when the Rust code panics
     */
    @WasmExport
    int checkedDivide(int a, int b);
}
