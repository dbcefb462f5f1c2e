package dev.wasmbridge.runtime.internal;

/**
 * The Java side of one function the module imports: decodes the Wasm arguments, calls the user's
 * {@code @WasmImport} method and encodes its result. Generated bindings implement it.
 */
@FunctionalInterface
public interface ImportHandler {
    /**
     * Handles one call from Wasm.
     *
     * @param boundary the boundary of the calling instance, for reading and returning strings and bytes
     * @param args the Wasm arguments, one per parameter (docs/ABI.md)
     * @return the Wasm results: an array of one value, or {@code null} for none
     */
    long[] handle(CallBoundary boundary, long[] args);
}
