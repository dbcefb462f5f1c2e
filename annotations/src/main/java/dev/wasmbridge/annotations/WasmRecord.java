package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java record as the view of a Rust struct declared with {@code wasmbridge::record!}, copied by value
 * across the boundary.
 *
 * <p>Components match Rust fields by name ({@code firstName} is {@code first_name}), in any order, and their
 * types must match the fields' types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmRecord {
    /** {@return the Rust struct name; empty (the default) means the record's simple name} */
    String value() default "";
}
