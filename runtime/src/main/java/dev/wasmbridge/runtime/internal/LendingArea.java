package dev.wasmbridge.runtime.internal;

/**
 * A block of one instance's Wasm memory that the host keeps for lending small export parameters, so that
 * passing a string or an array to an export does not cost a {@code wasmbridge_malloc} and a
 * {@code wasmbridge_free} call each time.
 *
 * <p>Export parameters are only borrowed by Rust for the duration of the call and freed by the host
 * afterwards (docs/ABI.md, "Memory ownership"), so where their bytes live is the host's choice. The block
 * is allocated with {@code wasmbridge_malloc} on the first lend and belongs to the instance until it dies
 * (a {@link CallBoundary#resetState() reset} starts a new instance with a new area). Parameters are placed
 * one after the other; calls nest, and the host releases their parameters in the reverse order of
 * placement, so the area is a stack: {@link #release} moves the top back to the released block.
 *
 * <p>A parameter that does not fit in what is left takes the ordinary path (its own allocation), as do
 * all values whose ownership passes to Rust (import results, callback results). Not thread-safe: used
 * under the boundary's lock.
 */
final class LendingArea {
    /** The size of the block: parameters up to this size (less alignment) are lent without an allocation. */
    static final int SIZE = 16 * 1024;

    /** The alignment the block is allocated with: the largest any parameter needs ({@code long}, {@code double}). */
    static final int ALIGN = 8;

    private final int base;
    private int top;

    /** An area over the block at {@code base}, of {@link #SIZE} bytes, aligned to {@link #ALIGN}. */
    LendingArea(int base) {
        if (base == 0 || (base & (ALIGN - 1)) != 0) {
            throw new IllegalArgumentException("The lending area must be a non-null block aligned to " + ALIGN
                    + " bytes; got address " + Integer.toUnsignedString(base) + ".");
        }
        this.base = base;
    }

    /**
     * Reserves {@code size} bytes aligned to {@code align} (a power of two, at most {@link #ALIGN}).
     *
     * @return their address, or 0 if they do not fit in what is left
     */
    int reserve(int size, int align) {
        int start = (top + align - 1) & -align;
        if (size > SIZE - start || start > SIZE) {
            return 0;
        }
        top = start + size;
        return base + start;
    }

    /**
     * Gives back the block at {@code pointer} and everything reserved after it: the next reservation may
     * start there.
     */
    void release(int pointer) {
        top = pointer - base;
    }

    /** Bytes reserved now (for tests). */
    int used() {
        return top;
    }
}
