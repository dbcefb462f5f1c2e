package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a functional interface whose objects Rust can call back during an export call: the Java side of a
 * Rust parameter {@code wasmbridge::Callback<(A, B), R>}.
 *
 * <p>The interface has exactly one abstract method; its parameters match {@code A, B} and its result
 * matches {@code R} ({@code void} for {@code ()}), each a type of the value encoding (primitives and their
 * boxes, {@code String}, {@code byte[]}, {@code Optional}, {@code List}, records, enums).
 *
 * <pre>{@code
 * @WasmCallback
 * public interface WordFilter {
 *     boolean keep(String word, @Unsigned int index);   // Callback<(String, u32), bool>
 * }
 * }</pre>
 *
 * <p>Rust may call the object only during the export call it was passed to. An exception it throws unwinds
 * the Rust frames (their destructors run) and reaches the Java caller unchanged.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmCallback {}
