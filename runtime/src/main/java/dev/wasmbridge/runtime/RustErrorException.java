package dev.wasmbridge.runtime;

/**
 * A Rust export returned {@code Err(e)} (docs/ABI.md, "Results"). Nothing went wrong at the boundary: the
 * Rust function reported an error the normal way, and the instance is live.
 *
 * <p>The message is exactly Rust's {@code Display} text of {@code e} ({@code e.to_string()}), so it reads
 * like the error Rust would print; {@link #errorType()} is Rust's name for the type of {@code e}. Generated
 * methods convert this exception into the user's own exception when the Java method declares one (its
 * constructor gets the message); a method that declares none throws this exception.
 */
public class RustErrorException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The export that returned the error. */
    private final String exportName;

    /** Rust's type name of the error. */
    private final String errorType;

    /** The error's {@code Display} text. */
    private final String errorMessage;

    /**
     * @param exportName the export that returned the error
     * @param errorType Rust's {@code std::any::type_name} of the error type, e.g. {@code
     *     "core::num::error::ParseIntError"}
     * @param errorMessage the error's {@code Display} text, which becomes the message of this exception
     */
    public RustErrorException(String exportName, String errorType, String errorMessage) {
        super(errorMessage);
        this.exportName = exportName;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
    }

    /** {@return the export that returned the error} */
    public String exportName() {
        return exportName;
    }

    /** {@return rust's full name of the error type ({@code std::any::type_name}), e.g. {@code "core::num::error::ParseIntError"}} */
    public String errorType() {
        return errorType;
    }

    /** {@return the error's {@code Display} text: the same as {@link #getMessage()}} */
    public String errorMessage() {
        return errorMessage;
    }

    /** The class, the message, and where it came from: {@code RustErrorException: invalid digit (core::num::error::ParseIntError from Rust export 'parse')}. */
    @Override
    public String toString() {
        return getClass().getName() + ": " + errorMessage + " (" + errorType + " from Rust export '" + exportName
                + "')";
    }
}
