package dev.wasmbridge.it.rich;

/** A checked exception a Rust {@code Err} becomes, declared on {@link RichFixture#checkedSqrt}. */
public class NegativeInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public NegativeInputException(String message) {
        super(message);
    }
}
