package dev.wasmbridge.it.wasi;

/** What a Rust {@code Err(String)} of the WASI fixture (an {@code io::Error} described, serde_json's error) becomes. */
public class WasiIoException extends Exception {
    private static final long serialVersionUID = 1L;

    public WasiIoException(String message) {
        super(message);
    }
}
