package dev.wasmbridge.runtime;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * A call aborted the Wasm instance because the module ran out of memory ({@link AbortReason#OUT_OF_MEMORY}):
 * its linear memory may not grow past its limit (docs/GUIDE.md, "Running untrusted modules"), so {@code
 * memory.grow} failed, Rust's allocator could not allocate and Rust aborted. Rarer: the JVM's heap ran out
 * while the module's memory grew, below the limit; the JVM's {@link OutOfMemoryError} is then the cause, and
 * never reaches the caller itself.
 *
 * <p>As after any abort, the instance is terminated until {@link WasmBindings#resetState()}, which gives
 * its memory back to the JVM: the fresh instance starts with the module's initial memory.
 */
public class WasmOutOfMemoryException extends WasmAbortException {
    private static final long serialVersionUID = 1L;

    /** The size of the allocation that failed, or -1 when Rust did not report one. */
    private final long requestedBytes;

    /** The limit of the module's linear memory, in bytes. */
    private final long memoryLimit;

    /** The size of the module's linear memory when the call aborted, in bytes. */
    private final long memoryBytes;

    /**
     * @param exportName the export whose call aborted
     * @param requestedBytes the size in bytes of the allocation that failed, as Rust reported it, or -1 when
     *     it did not (the JVM ran out of heap)
     * @param memoryLimit the limit of the module's linear memory, in bytes
     * @param memoryBytes the size of the module's linear memory when the call aborted, in bytes
     * @param cause the engine's exception (the trap of Rust's abort), or the JVM's {@link OutOfMemoryError}
     */
    public WasmOutOfMemoryException(
            String exportName, long requestedBytes, long memoryLimit, long memoryBytes, Throwable cause) {
        super(
                "Rust export '" + exportName + "' aborted the Wasm instance"
                        + what(requestedBytes, memoryLimit, memoryBytes, cause) + TERMINATED,
                exportName,
                AbortReason.OUT_OF_MEMORY,
                null,
                cause);
        this.requestedBytes = requestedBytes;
        this.memoryLimit = memoryLimit;
        this.memoryBytes = memoryBytes;
    }

    private static String what(long requestedBytes, long memoryLimit, long memoryBytes, Throwable cause) {
        String memory = "the module's linear memory is " + bytes(memoryBytes) + " and may not grow past its limit of "
                + bytes(memoryLimit);
        if (requestedBytes >= 0) {
            // Rust's own words (its default allocation-error hook prints them)
            return ": memory allocation of " + requestedBytes + " bytes failed: " + memory
                    + ". If the module needs more, raise the limit (WasmOptions.withMemoryLimit)";
        }
        return ": the JVM ran out of heap during the call (" + cause + "), while " + memory
                + ". Lower the limit (WasmOptions.withMemoryLimit) below what the heap can hold, or give the JVM"
                + " more heap (-Xmx)";
    }

    private static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /**
     * {@return the size in bytes of the allocation that failed, as Rust reported it} Empty when the JVM ran
     * out of heap.
     */
    public OptionalLong requestedBytes() {
        return requestedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(requestedBytes);
    }

    /** {@return the limit of the module's linear memory, in bytes} */
    public long memoryLimit() {
        return memoryLimit;
    }

    /** {@return the size of the module's linear memory when the call aborted, in bytes} */
    public long memoryBytes() {
        return memoryBytes;
    }
}
