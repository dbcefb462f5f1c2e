package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java enum as the view of a Rust enum declared with {@code wasmbridge::enumeration!}.
 *
 * <p>Constants match Rust variants by name, ignoring case and underscores ({@code DARK_BLUE} is {@code
 * DarkBlue}); the discriminants are read from the module at compile time, so Java ordinals do not matter.
 * Every Java constant needs a Rust variant and every Rust variant a Java constant; the processor reports a
 * missing one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmEnum {
    /** {@return the Rust enum name; empty (the default) means the Java enum's simple name} */
    String value() default "";
}
