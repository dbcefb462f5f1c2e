package dev.wasmbridge.runtime;

import java.time.Duration;

/**
 * The superclass of every generated binding class: implements {@link WasmBindings} over the {@link
 * CallBoundary} the generated methods call through. Not for use by hand-written code.
 */
public abstract class GeneratedBindings implements WasmBindings {
    /** The boundary generated methods call through. */
    protected final CallBoundary boundary;

    /** @param boundary the instantiated module */
    protected GeneratedBindings(CallBoundary boundary) {
        this.boundary = boundary;
    }

    @Override
    public long memoryBytes() {
        return boundary.memoryBytes();
    }

    @Override
    public void setOnAbort(AbortHandler handler) {
        boundary.setOnAbort(handler);
    }

    @Override
    public void resetState() {
        boundary.resetState();
    }

    @Override
    public int generation() {
        return boundary.generation();
    }

    @Override
    public boolean isTerminated() {
        return boundary.isTerminated();
    }

    @Override
    public void setCallTimeout(Duration timeout) {
        boundary.setCallTimeout(timeout);
    }
}
