package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an imports interface (listed in {@link WasmModule#imports()}) as the Java
 * implementation of a function the Rust module imports.
 *
 * <p>Direction: Rust calls Java. Parameter and result types follow docs/ABI.md, as for {@link
 * WasmExport}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WasmImport {
    /** {@return the Wasm import module name; {@code env} (Rust's default for {@code extern} blocks) if not given} */
    String module() default "env";

    /**
     * The import field name. Empty (the default) means the method name in lower snake case: {@code
     * hostGreeting} provides the import {@code host_greeting}.
     *
     * @return the import field name
     */
    String name() default "";
}
