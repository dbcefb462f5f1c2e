package dev.wasmbridge.runtime.internal;

import java.util.Objects;

/**
 * A function the module imports, provided by a Java method.
 *
 * @param module the Wasm import module name
 * @param name the import field name
 * @param type the Wasm signature the Java method lowers to (docs/ABI.md)
 * @param handler the generated code that calls the Java method
 */
public record ImportBinding(String module, String name, WasmSignature type, ImportHandler handler) {
    /** Checks that every part is present. */
    public ImportBinding {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
    }
}
