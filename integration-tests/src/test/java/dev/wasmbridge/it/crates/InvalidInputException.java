package dev.wasmbridge.it.crates;

/** A checked exception a Rust {@code Err} (regex's or semver's error) becomes. */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
