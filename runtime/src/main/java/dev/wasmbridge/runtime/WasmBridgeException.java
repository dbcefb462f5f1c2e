package dev.wasmbridge.runtime;

/**
 * The root of every exception Wasmbridge throws for a problem crossing the Java/Wasm boundary. Catch it to
 * handle any of them; its subclasses name the kind of problem.
 */
public class WasmBridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that says what went wrong and what to do.
     *
     * @param message the message
     */
    public WasmBridgeException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the lower-level cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public WasmBridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
