package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a Java interface to a Rust module compiled to WebAssembly.
 *
 * <p>The Wasmbridge annotation processor generates, for an interface {@code Greeter}, a class {@code
 * GreeterBindings} that implements it over a Chicory instance of the module. Every abstract method of
 * the interface must carry {@link WasmExport}; the processor reads the {@code .wasm} file at compile time
 * and checks each method against the module's export of that name.
 *
 * <pre>{@code
 * @WasmModule(value = "wasm/greeter.wasm", imports = Host.class)
 * public interface Greeter {
 *     @WasmExport String greet(String name);
 * }
 *
 * Greeter greeter = GreeterBindings.create(new MyHost());
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WasmModule {
    /**
     * The {@code .wasm} file, as a classpath resource path relative to the classpath root, for example
     * {@code "wasm/greeter.wasm"} for {@code src/main/resources/wasm/greeter.wasm}.
     *
     * @return the {@code .wasm} file, as a classpath resource path relative to the classpath root, for example {@code "wasm/greeter.wasm"} for {@code src/main/resources/wasm/greeter.wasm}
     */
    String value();

    /**
     * Interfaces whose {@link WasmImport} methods provide the functions the module imports. The generated
     * {@code create} method takes one implementation of each, in this order.
     *
     * @return interfaces whose {@link WasmImport} methods provide the functions the module imports
     */
    Class<?>[] imports() default {};

    /**
     * Whether the bindings count the fuel of calls: the module is instrumented (at build time, and at load
     * time for a module given at run time) to count the Wasm instructions every call runs, the same on every
     * machine and engine, and {@code WasmBindings.setCallFuel} bounds them: a call that needs more aborts with
     * a {@code FuelExhaustedException}. For modules you do not trust (docs/GUIDE.md, "Running untrusted
     * modules"). Off by default: bindings without it run the module as it is, at full speed.
     *
     * @return whether the bindings count and bound the fuel of calls
     */
    boolean fuel() default false;
}
