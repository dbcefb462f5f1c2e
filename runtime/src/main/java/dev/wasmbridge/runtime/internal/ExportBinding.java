package dev.wasmbridge.runtime.internal;

import java.util.Objects;

/**
 * An export the bindings call, with the Wasm signature checked at compile time. The runtime checks it
 * again when it instantiates the module, in case the {@code .wasm} changed since.
 *
 * @param name the export name
 * @param type the Wasm signature the Java method lowers to (docs/ABI.md)
 */
public record ExportBinding(String name, WasmSignature type) {
    /** Checks that both parts are present. */
    public ExportBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
