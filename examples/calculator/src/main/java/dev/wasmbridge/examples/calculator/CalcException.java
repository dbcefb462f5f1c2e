package dev.wasmbridge.examples.calculator;

/** A Rust {@code Err(String)} from the calculator: a syntax error, an unknown name, a division by zero. */
public class CalcException extends Exception {
    private static final long serialVersionUID = 1L;

    public CalcException(String message) {
        super(message);
    }
}
