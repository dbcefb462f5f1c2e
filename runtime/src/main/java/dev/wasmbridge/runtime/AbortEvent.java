package dev.wasmbridge.runtime;

import java.util.Optional;

/** One abort, as an {@link AbortHandler} sees it. */
public final class AbortEvent {
    private final WasmAbortException abort;
    private final int generation;
    private boolean resetRequested;

    /**
     * An event for the handler; the runtime makes one per abort.
     *
     * @param abort the exception the aborted call throws
     * @param generation the generation of the instance that aborted
     */
    public AbortEvent(WasmAbortException abort, int generation) {
        this.abort = abort;
        this.generation = generation;
    }

    /** {@return the export whose call aborted} */
    public String exportName() {
        return abort.exportName();
    }

    /** {@return why the instance aborted} */
    public AbortReason reason() {
        return abort.reason();
    }

    /** {@return the Rust panic message with its location, when a panic caused the abort} */
    public Optional<String> panicMessage() {
        return abort.panicMessage();
    }

    /** {@return the engine's exception, or the Java exception of an import} */
    public Throwable cause() {
        return abort.getCause();
    }

    /** {@return the exception the aborted call throws} */
    public WasmAbortException exception() {
        return abort;
    }

    /** {@return the generation of the instance that aborted} */
    public int generation() {
        return generation;
    }

    /** Asks for a fresh instance right after the handler returns, so the next call works. */
    public void requestReset() {
        resetRequested = true;
    }

    /** {@return whether the handler called {@link #requestReset()}} */
    public boolean resetRequested() {
        return resetRequested;
    }
}
