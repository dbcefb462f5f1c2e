package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java enum as the view of a Rust enum declared with {@code wasmbridge::enumeration!}, or a sealed
 * interface as the view of a Rust enum with data declared with {@code wasmbridge::data_enum!}.
 *
 * <p><b>On an enum</b>, constants match Rust variants by name, ignoring case and underscores ({@code DARK_BLUE}
 * is {@code DarkBlue}); the discriminants are read from the module at compile time, so Java ordinals do not
 * matter. Every Java constant needs a Rust variant and every Rust variant a Java constant; the processor
 * reports a missing one.
 *
 * <p><b>On a sealed interface</b>, each record the interface permits is one Rust variant, matched by the
 * record's simple name, ignoring case and underscores; a value crosses as a copy of the record. A struct
 * variant's fields match the record's components by name ({@code firstName} is {@code first_name}), a tuple
 * variant's by position; a unit variant is a record without components. Every permitted subtype must be a
 * record with a Rust variant, and every Rust variant needs a record:
 *
 * <pre>{@code
 * // Rust: enum Shape { Circle { r: f64 }, Text(String, Option<Point>), Empty }
 * @WasmEnum
 * public sealed interface Shape {
 *     record Circle(double r) implements Shape {}
 *     record Text(String content, Optional<Point> at) implements Shape {}
 *     record Empty() implements Shape {}
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmEnum {
    /** {@return the Rust enum name; empty (the default) means the Java type's simple name} */
    String value() default "";
}
