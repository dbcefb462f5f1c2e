package dev.wasmbridge.runtime;

/**
 * What every generated binding class offers besides the user's own interface. A {@code @WasmModule}
 * interface may extend it to make these methods available through the interface type.
 */
public interface WasmBindings {
    /**
     * The current size of the module's linear memory in bytes. Wasm memory never shrinks, so this is the
     * high-water mark of what the Rust code has needed.
     */
    long memoryBytes();
}
