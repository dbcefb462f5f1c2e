package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface whose objects Rust can keep and call: the Java side of a Rust type declared with
 * {@code wasmbridge::java_interface!}.
 *
 * <p>The interface declares the Rust trait's methods in the same order, each named as the Rust method in camel
 * case ({@code fn log_line} is {@code logLine}), with parameters and result of the value encoding (primitives
 * and their boxes, {@code String}, {@code byte[]}, {@code Optional}, {@code List}, records, enums), matching
 * the Rust types as a {@link WasmCallback}'s do. Default and static methods are not part of it.
 *
 * <pre>{@code
 * @WasmInterface
 * public interface Logger {
 *     void log(int level, String message);   // fn log(&self, level: i32, message: String);
 *     String name();                         // fn name(&self) -> String;
 * }
 * }</pre>
 *
 * <p>Any implementation can be passed to an export that takes the Rust type. Rust may keep it (in a static, a
 * struct, a class object) and call it from any later export call on the same instance; the instance holds the
 * Java object until Rust drops its value, {@link dev.wasmbridge.annotations.WasmModule the bindings} are reset,
 * or the instance aborts. The same object passed twice while held is one handle in Rust. An exception a
 * method throws unwinds the Rust frames and reaches the Java caller of the export, as one an import throws.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmInterface {
    /** {@return the Rust type name; empty (the default) means the interface's simple name} */
    String value() default "";
}
