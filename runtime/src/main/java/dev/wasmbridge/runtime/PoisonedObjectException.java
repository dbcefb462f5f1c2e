package dev.wasmbridge.runtime;

/**
 * A Rust object ({@link WasmObject}) was used after a call that held it ended by unwinding: a Rust panic, or
 * a Java exception thrown by an import that unwound the Rust frames. The call may have stopped half-way
 * through changing the object, so the object refuses every use from then on, the way a Rust {@code Mutex}
 * is poisoned by a panic while it is locked.
 *
 * <p>Which calls poison an object follows Rust's unwind-safety rules (docs/GUIDE.md, "Unwind safety"): one
 * that held it as {@code &mut self} or a {@code &mut T} argument; one that held it as {@code &self} or
 * {@code &T} when its type has interior mutability ({@code Cell}, {@code RefCell}); never one whose class is
 * declared {@code #[unwind_safe]}.
 *
 * <p>{@link WasmObject#close()} still works on a poisoned object and runs its Rust destructor; so does the
 * garbage collector's drop. Other objects and the instance stay usable.
 */
public class PoisonedObjectException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The object, e.g. {@code "Counter@1048"}. */
    private final String object;

    /** The export whose call poisoned it. */
    private final String poisonedBy;

    /** What ended that call: the panic message with its location, or the Java exception. */
    private final String reason;

    /**
     * @param object the object, e.g. {@code "Counter@1048"}
     * @param use what tried to use it, e.g. {@code "Counter.increment"} or {@code "argument 'c' of Bank.deposit"}
     * @param poisonedBy the Rust export whose call poisoned it, e.g. {@code "Counter::fail"}
     * @param reason what ended that call: {@code "panicked at src/lib.rs:12:5: ..."}, or {@code "a Java
     *     exception (java.lang.IllegalStateException: ...) thrown by an import unwound it"}
     */
    public PoisonedObjectException(String object, String use, String poisonedBy, String reason) {
        super(object + " is poisoned: the call of Rust export '" + poisonedBy + "' held it and did not finish ("
                + reason + "), so it may be half-updated and cannot be used for " + use + ". close() it (its"
                + " destructor still runs) and make a new one.");
        this.object = object;
        this.poisonedBy = poisonedBy;
        this.reason = reason;
    }

    /** {@return the object, e.g. {@code "Counter@1048"}} */
    public String object() {
        return object;
    }

    /** {@return the Rust export whose call poisoned the object, e.g. {@code "Counter::fail"}} */
    public String poisonedBy() {
        return poisonedBy;
    }

    /** {@return what ended that call: the panic message with its location, or the Java exception} */
    public String reason() {
        return reason;
    }
}
