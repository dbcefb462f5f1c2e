package dev.wasmbridge.runtime;

/**
 * Rust code panicked and the panic was caught at the boundary ({@code panic=unwind} builds). Rust's
 * destructors ran and the instance is still live: later calls work, and state from before the panic is
 * kept.
 *
 * <p>The message is Rust's own, with its location: {@code panicked at src/lib.rs:12:5: index out of
 * bounds: the len is 3 but the index is 7}.
 */
public class RustPanicException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The export that was called. */
    private final String exportName;

    /** The panic message with its location. */
    private final String panicMessage;

    /**
     * @param exportName the export that was called
     * @param panicMessage the panic message with its location
     */
    public RustPanicException(String exportName, String panicMessage) {
        super(panicMessage + " (in Rust export '" + exportName + "')");
        this.exportName = exportName;
        this.panicMessage = panicMessage;
    }

    /** {@return the export whose call panicked} */
    public String exportName() {
        return exportName;
    }

    /** {@return rust's panic message with its location, as the panic hook formatted it} */
    public String panicMessage() {
        return panicMessage;
    }
}
