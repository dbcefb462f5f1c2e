package dev.wasmbridge.it.async;

/** What a Rust {@code Err} of {@link AsyncFixture#compute} becomes. */
public class OddInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public OddInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
