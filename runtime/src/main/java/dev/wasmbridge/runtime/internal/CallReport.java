package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import java.time.Duration;
import java.util.Arrays;

/**
 * What the Rust side reports during the innermost running call of one instance (a panic message, an
 * {@code Err}, the exception of a Java import and whether Rust unwound it, the objects it poisoned, a failed
 * allocation), and the
 * call's deadline. Calls
 * nest (Rust → Java import → Rust), so {@link #begin} saves the report of the call it is nested in and
 * {@link #end} restores it. One frame per call level, reused, so a call allocates nothing. Not thread-safe:
 * used under the boundary's lock.
 */
final class CallReport {
    /** The panic message with its location, set by {@code wasmbridge.panic}, or null. */
    String panicMessage;

    /** The exception a Java import threw during the call, or null. */
    Throwable importException;

    /** Whether Rust unwound its frames for {@link #importException} ({@code wasmbridge.unwound}). */
    boolean importExceptionUnwound;

    /** Rust's type name of the {@code Err} the export returned ({@code wasmbridge.error}), or null. */
    String errorType;

    /** The {@code Display} text of that {@code Err}, or null. */
    String errorMessage;

    /** The handles of the Rust objects the call poisoned ({@code wasmbridge.poisoned}); the first {@link #poisonedCount}. */
    int[] poisoned = NO_HANDLES;

    /** The number of handles in {@link #poisoned}. */
    int poisonedCount;

    /** The size of the allocation Rust reported failed ({@code wasmbridge.out_of_memory}), or -1. */
    long outOfMemory = -1;

    private static final int[] NO_HANDLES = new int[0];

    private Frame[] frames = new Frame[4];
    private int frameCount;

    /** The report of a call level saved while a nested call runs, and the level's deadline. */
    private static final class Frame {
        String panicMessage;
        Throwable importException;
        boolean importExceptionUnwound;
        String errorType;
        String errorMessage;
        int[] poisoned;
        int poisonedCount;
        long outOfMemory;
        CallTimer.Deadline deadline;
    }

    /**
     * Starts a call: saves the report of the call it is nested in, clears it, and starts the deadline.
     *
     * @param timeout the longest the call may run, or null for no bound
     */
    void begin(Duration timeout) {
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        Frame frame = frames[frameCount];
        if (frame == null) {
            frame = frames[frameCount] = new Frame();
        }
        frame.panicMessage = panicMessage;
        frame.importException = importException;
        frame.importExceptionUnwound = importExceptionUnwound;
        frame.errorType = errorType;
        frame.errorMessage = errorMessage;
        frame.poisoned = poisoned;
        frame.poisonedCount = poisonedCount;
        frame.outOfMemory = outOfMemory;
        panicMessage = null;
        importException = null;
        importExceptionUnwound = false;
        errorType = null;
        errorMessage = null;
        poisoned = NO_HANDLES;
        poisonedCount = 0;
        outOfMemory = -1;
        frame.deadline = timeout == null ? null : CallTimer.start(timeout);
        frameCount++;
    }

    /** Records a handle Rust reported poisoned during the current call. */
    void addPoisoned(int handle) {
        if (poisonedCount == poisoned.length) {
            poisoned = Arrays.copyOf(poisoned, Math.max(4, poisonedCount * 2));
        }
        poisoned[poisonedCount++] = handle;
    }

    /**
     * {@return why the current call poisoned objects, for {@link dev.wasmbridge.runtime.PoisonedObjectException}}
     * The panic message, or the Java exception that unwound Rust; null when the call did neither (the host then
     * ignores the handles).
     */
    String poisonReason() {
        if (importExceptionUnwound) {
            return "a Java exception (" + importException + ") thrown by an import unwound it";
        }
        return panicMessage;
    }

    /** {@return whether the current call ended by unwinding Rust: a panic, or a Java import's exception} */
    boolean unwound() {
        return importExceptionUnwound || panicMessage != null;
    }

    /** {@return whether the current call's deadline had expired} Cancels the deadline; false when there is none. */
    boolean stopDeadline() {
        Frame frame = frames[frameCount - 1];
        CallTimer.Deadline deadline = frame.deadline;
        if (deadline == null) {
            return false;
        }
        frame.deadline = null;
        boolean expired = deadline.expired();
        deadline.cancel();
        return expired;
    }

    /**
     * After the Wasm call returned: throws what Rust reported during it, the import's own exception first.
     *
     * @throws RustPanicException if Rust panicked
     * @throws RustErrorException if the export returned {@code Err(e)}
     */
    void throwReported(String exportName) {
        if (importExceptionUnwound) {
            throw Sneaky.<RuntimeException>rethrow(importException);
        }
        if (panicMessage != null) {
            throw new RustPanicException(exportName, panicMessage);
        }
        if (errorMessage != null) {
            throw new RustErrorException(exportName, errorType, errorMessage);
        }
    }

    /** Ends the current call: stops its deadline and restores the report of the call it is nested in. */
    void end() {
        stopDeadline();
        Frame frame = frames[--frameCount];
        panicMessage = frame.panicMessage;
        importException = frame.importException;
        importExceptionUnwound = frame.importExceptionUnwound;
        errorType = frame.errorType;
        errorMessage = frame.errorMessage;
        poisoned = frame.poisoned;
        poisonedCount = frame.poisonedCount;
        outOfMemory = frame.outOfMemory;
        frame.importException = null; // keep no exception reachable after the call
        frame.poisoned = null;
    }
}
