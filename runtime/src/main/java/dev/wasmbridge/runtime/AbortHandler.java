package dev.wasmbridge.runtime;

/**
 * Decides what happens after an abort. Called once per abort, on the thread whose call aborted, before
 * that call throws its {@link WasmAbortException}; for a call nested in another through a Java import, when
 * the outermost call ends, where the thread's stack is the caller's again. A handler that throws does not
 * hide the abort: its exception is added to the abort as suppressed.
 *
 * <pre>{@code
 * bindings.setOnAbort(event -> {
 *     log.warn("Rust aborted in {}: {}", event.exportName(), event.reason());
 *     event.requestReset(); // the next call runs on a fresh instance
 * });
 * }</pre>
 */
@FunctionalInterface
public interface AbortHandler {
    /**
     * Handles one abort.
     *
     * @param event the abort; {@link AbortEvent#requestReset()} asks for a fresh instance
     */
    void onAbort(AbortEvent event);
}
