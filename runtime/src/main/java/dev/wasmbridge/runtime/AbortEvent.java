package dev.wasmbridge.runtime;

import java.util.Optional;

/** One abort, as an {@link AbortHandler} sees it. */
public final class AbortEvent {
    private final WasmAbortException abort;
    private final int generation;
    private boolean resetRequested;

    AbortEvent(WasmAbortException abort, int generation) {
        this.abort = abort;
        this.generation = generation;
    }

    /** The export whose call aborted. */
    public String exportName() {
        return abort.exportName();
    }

    /** Why the instance aborted. */
    public AbortReason reason() {
        return abort.reason();
    }

    /** The Rust panic message with its location, when a panic caused the abort. */
    public Optional<String> panicMessage() {
        return abort.panicMessage();
    }

    /** The engine's exception, or the Java exception of an import. */
    public Throwable cause() {
        return abort.getCause();
    }

    /** The exception the aborted call throws. */
    public WasmAbortException exception() {
        return abort;
    }

    /** The generation of the instance that aborted. */
    public int generation() {
        return generation;
    }

    /** Asks for a fresh instance right after the handler returns, so the next call works. */
    public void requestReset() {
        resetRequested = true;
    }

    boolean resetRequested() {
        return resetRequested;
    }
}
