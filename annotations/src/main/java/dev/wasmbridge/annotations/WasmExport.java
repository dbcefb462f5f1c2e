package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WasmModule} interface as a call into a function the Rust module exports.
 *
 * <p>Direction: Java calls Rust. (Chicory's own {@code com.dylibso.chicory.annotations.WasmExport} is the
 * opposite direction, a Java method exported to Wasm; the two are unrelated.)
 *
 * <p>Parameter and result types follow docs/ABI.md (primitives, {@code String}, arrays, {@code Optional},
 * {@code List}, {@link WasmEnum} enums, {@link WasmRecord} records and {@link WasmClass} objects). On a
 * {@link WasmClass} interface the method calls a method of the Rust type. A Rust {@code Result} error throws
 * the exception the method declares, if it declares one with a {@code (String)} constructor, or else {@code
 * RustErrorException}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WasmExport {
    /**
     * The export name in the module. Empty (the default) means the method name in lower snake case:
     * {@code greetUser} calls the export {@code greet_user}. On a {@link WasmClass} interface it names the
     * Rust method, and the export is {@code <Rust type>::<name>}: {@code intoTotal} calls {@code
     * Counter::into_total}.
     *
     * @return the export name in the module
     */
    String name() default "";
}
