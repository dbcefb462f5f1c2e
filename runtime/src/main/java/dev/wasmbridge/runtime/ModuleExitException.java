package dev.wasmbridge.runtime;

/**
 * The module called WASI's {@code proc_exit} (Rust's {@code std::process::exit}, or a C library's {@code
 * exit}): the call ends here, and, as with any abort, the instance is terminated (Rust destructors did not
 * run), the {@link AbortHandler} hears of it with {@link AbortReason#EXIT}, and later calls throw {@link
 * ModuleTerminatedException} until {@link WasmBindings#resetState()} brings up a fresh instance, with fresh
 * WASI state. Exit code 0 is an abort too: a module that exited cannot go on, whatever its code says.
 */
public class ModuleExitException extends WasmAbortException {
    private static final long serialVersionUID = 1L;

    /** The code the module passed to {@code proc_exit}. */
    private final int exitCode;

    /**
     * @param exportName the export whose call exited
     * @param exitCode the code the module passed to {@code proc_exit}
     * @param cause the engine's exception, or null
     */
    public ModuleExitException(String exportName, int exitCode, Throwable cause) {
        super(
                "Rust export '" + exportName + "' ended the Wasm instance: the module exited with code " + exitCode
                        + " (WASI proc_exit, Rust's std::process::exit)" + TERMINATED,
                exportName,
                AbortReason.EXIT,
                null,
                cause);
        this.exitCode = exitCode;
    }

    /** {@return the code the module passed to {@code proc_exit}} */
    public int exitCode() {
        return exitCode;
    }
}
