package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as the view of a Rust type declared with {@code wasmbridge::class!}: a Rust value
 * that lives in Wasm memory, used from Java through an object with methods.
 *
 * <p>The interface extends {@code dev.wasmbridge.runtime.WasmObject} (so it has {@code close()}); each
 * abstract method carries {@link WasmExport} and calls the Rust method of the same name in snake case
 * ({@code intoTotal} calls {@code Counter::into_total}). Objects come from {@link WasmModule} methods that
 * return the interface (a Rust constructor or factory), and can be passed back to Rust: by reference
 * ({@code &Counter}) the Java object stays usable; by value ({@code Counter}) Rust takes it and the Java
 * object refuses further use.
 *
 * <pre>{@code
 * @WasmClass
 * public interface Counter extends WasmObject {
 *     @WasmExport long increment(long by);   // fn increment(&mut self, by: i64) -> i64
 *     @WasmExport long intoTotal();          // fn into_total(self) -> i64
 * }
 *
 * @WasmModule("wasm/counters.wasm")
 * public interface Counters {
 *     @WasmExport(name = "Counter::new") Counter newCounter(String name, long start);
 * }
 * }</pre>
 *
 * <p>Close objects with {@code close()} (or try-with-resources); a forgotten one is freed in Rust after the
 * garbage collector finds it unreachable. After {@code resetState()} the objects of the old instance are
 * stale: using one throws, closing one does nothing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmClass {
    /** {@return the Rust type name; empty (the default) means the interface's simple name} */
    String value() default "";
}
