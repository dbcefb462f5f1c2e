package dev.wasmbridge.runtime;

/**
 * A Wasm module could not be loaded, parsed or instantiated, or it no longer matches the Java interface
 * it was checked against at compile time.
 */
public class ModuleLoadException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that names the module and what to do.
     *
     * @param message the message
     */
    public ModuleLoadException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the lower-level cause (usually the engine's).
     *
     * @param message the message
     * @param cause the cause
     */
    public ModuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
