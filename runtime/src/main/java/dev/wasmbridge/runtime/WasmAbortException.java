package dev.wasmbridge.runtime;

import java.util.Locale;
import java.util.Optional;

/**
 * A call aborted the Wasm instance: a trap, a panic under {@code panic=abort}, a stack overflow, a timeout
 * or interruption. Rust destructors did not run and the instance's state cannot be trusted, so the
 * instance is terminated: later calls throw {@link ModuleTerminatedException} until {@link
 * WasmBindings#resetState()} brings up a fresh one (or an {@link AbortHandler} asks for that).
 */
public class WasmAbortException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The export whose call aborted. */
    private final String exportName;

    /** Why the instance aborted. */
    private final AbortReason reason;

    /** The Rust panic message, or null when there was no panic. */
    private final String panicMessage;

    /**
     * @param exportName the export whose call aborted
     * @param reason why
     * @param panicMessage the Rust panic message, or null when there was no panic
     * @param cause the engine's exception (a trap), or the Java exception of an import
     */
    public WasmAbortException(String exportName, AbortReason reason, String panicMessage, Throwable cause) {
        this(message(exportName, reason, panicMessage, cause), exportName, reason, panicMessage, cause);
    }

    /** For the subclasses of this package, which word the message themselves. */
    WasmAbortException(String message, String exportName, AbortReason reason, String panicMessage, Throwable cause) {
        super(message, cause);
        this.exportName = exportName;
        this.reason = reason;
        this.panicMessage = panicMessage;
    }

    /** The end of every abort's message. */
    static final String TERMINATED = ". The instance is terminated; call resetState() for a fresh one.";

    private static String message(String exportName, AbortReason reason, String panicMessage, Throwable cause) {
        StringBuilder message =
                new StringBuilder("Rust export '").append(exportName).append("' aborted the Wasm instance");
        switch (reason) {
            case PANIC:
                message.append(": ").append(panicMessage);
                break;
            case IMPORT_EXCEPTION:
                message.append(": a Java import threw ")
                        .append(cause)
                        .append(", and the module was built with panic=abort, so the Rust frames in between were"
                                + " skipped without running their destructors");
                break;
            case TIMEOUT:
                message.append(": the call ran past its time limit and was stopped");
                break;
            case FUEL_EXHAUSTED:
                message.append(": the call used up its fuel (setCallFuel) and was stopped");
                break;
            default:
                message.append(" (")
                        .append(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(")");
                if (cause != null && cause.getMessage() != null) {
                    message.append(": ").append(cause.getMessage());
                }
                if (panicMessage != null) {
                    message.append("; last panic: ").append(panicMessage);
                }
        }
        return message.append(TERMINATED).toString();
    }

    /** {@return the export whose call aborted} */
    public String exportName() {
        return exportName;
    }

    /** {@return why the instance aborted} */
    public AbortReason reason() {
        return reason;
    }

    /** {@return the Rust panic message with its location, when a panic caused the abort} */
    public Optional<String> panicMessage() {
        return Optional.ofNullable(panicMessage);
    }
}
