package dev.wasmbridge.wasmeh;

/**
 * Thrown when a WebAssembly binary cannot be read or translated because it is malformed or
 * invalid in a way this module detects.
 *
 * <p>The exception carries the byte offset (from the start of the module) at which the problem
 * was found; the message names what was wrong and where.
 */
public final class MalformedWasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The byte offset in the module where the problem was found. */
    private final long offset;

    /** What was wrong, without the offset. */
    private final String problem;

    /**
     * Creates an exception for a problem found at the given byte offset.
     *
     * @param problem what was wrong, e.g. {@code "unknown opcode 0xff in function 3"}
     * @param offset the byte offset in the module where the problem was found
     */
    public MalformedWasmException(String problem, long offset) {
        super(problem + " (at byte offset " + offset + ")");
        this.problem = problem;
        this.offset = offset;
    }

    /**
     * Returns the byte offset in the module where the problem was found.
     *
     * @return the offset, counted from the first byte of the module
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns the description of the problem without the offset.
     *
     * @return the problem description
     */
    public String problem() {
        return problem;
    }
}
