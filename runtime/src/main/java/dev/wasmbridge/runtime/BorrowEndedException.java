package dev.wasmbridge.runtime;

/**
 * A Rust object that Rust lent to Java for one call was used after that call returned. Rust lends an object
 * when it passes {@code &T} or {@code &mut T} to a {@code @WasmImport} method or a {@code @WasmCallback}
 * (docs/ABI.md, "Classes"): the Java object is a view of a value Rust owns, valid only until the method
 * returns, because Rust may change, move or drop the value afterwards. Using the view later, or from
 * another thread after the call, throws this; it never touches Wasm memory.
 *
 * <p>Copy what you need out of the object during the call, or have Rust give it to Java instead (a Rust
 * parameter of type {@code T}, which makes an object Java owns).
 */
public class BorrowEndedException extends ClosedObjectException {
    private static final long serialVersionUID = 1L;

    /** What Rust lent the object to, e.g. {@code "Host.inspect"}. */
    private final String lentTo;

    /**
     * @param object the object, e.g. {@code "Token@1048"}
     * @param use what tried to use it, e.g. {@code "Token.label"}
     * @param lentTo the import or callback method Rust lent it to, e.g. {@code "Host.inspect"}
     */
    public BorrowEndedException(String object, String use, String lentTo) {
        super(
                object + " was lent by Rust to " + lentTo + " for that call only, which has returned, so it cannot"
                        + " be used for " + use + ": Rust may have changed, moved or dropped the value since. Use"
                        + " the object during the call only (copy what you need out of it), or have Rust give it"
                        + " to Java (a parameter of type T instead of &T).",
                object);
        this.lentTo = lentTo;
    }

    /** {@return the import or callback method Rust lent the object to, e.g. {@code "Host.inspect"}} */
    public String lentTo() {
        return lentTo;
    }
}
