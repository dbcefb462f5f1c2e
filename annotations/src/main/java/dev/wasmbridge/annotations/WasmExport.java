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
 * <p>Parameter and result types follow docs/ABI.md: {@code int}, {@code long}, {@code float}, {@code
 * double}, {@code boolean}, {@code String}, {@code byte[]} and a {@code void} result.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WasmExport {
    /**
     * The export name in the module. Empty (the default) means the method name in lower snake case:
     * {@code greetUser} calls the export {@code greet_user}.
     */
    String name() default "";
}
