package dev.wasmbridge.runtime;

import java.util.Optional;

/**
 * A Rust object ({@link WasmObject}) was used after {@link WasmObject#close()} dropped it, or after Rust took
 * it by value (a parameter of type {@code T}, which moves the object into Rust). Its Rust value is gone. The
 * subclass {@link BorrowEndedException} is for an object Rust only lent to Java, used after the call it was
 * lent for.
 */
public class ClosedObjectException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The object, e.g. {@code "Counter@1048"}. */
    private final String object;

    /** What moved the object into Rust, or null when it was closed. */
    private final String movedBy;

    /**
     * @param object the object, e.g. {@code "Counter@1048"}
     * @param use what tried to use it, e.g. {@code "Counter.increment"} or {@code "argument 'c' of Bank.deposit"}
     * @param movedBy what moved it into Rust, e.g. {@code "Counter.into_total"}, or null when it was closed
     */
    public ClosedObjectException(String object, String use, String movedBy) {
        super(message(object, use, movedBy));
        this.object = object;
        this.movedBy = movedBy;
    }

    /**
     * For subclasses that say in their own words why the object is unusable.
     *
     * @param message the message
     * @param object the object, e.g. {@code "Counter@1048"}
     */
    protected ClosedObjectException(String message, String object) {
        super(message);
        this.object = object;
        this.movedBy = null;
    }

    private static String message(String object, String use, String movedBy) {
        if (movedBy == null) {
            return object + " was closed; it cannot be used for " + use + ". Keep an object open until its last"
                    + " use (close() drops the Rust value), or create a new one.";
        }
        return object + " was moved into Rust by " + movedBy + " (Rust took it by value); it cannot be used for " + use
                + ". Rust owns the value now; create a new object if you need one.";
    }

    /** {@return the object, e.g. {@code "Counter@1048"}} */
    public String object() {
        return object;
    }

    /** {@return what moved the object into Rust; empty when it was closed} */
    public Optional<String> movedBy() {
        return Optional.ofNullable(movedBy);
    }
}
