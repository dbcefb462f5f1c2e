package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.Memory;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.Arrays;

/**
 * The memory side of the slices of one instance (docs/ABI.md, "Slices" and "Memory ownership"): copies
 * bytes into and out of Wasm memory, allocates and frees through the module's allocator, and keeps the
 * slices lent to the calls in progress until they exit. Small export parameters go to the instance's
 * {@link LendingArea} instead of an allocation of their own. Not thread-safe: used under the boundary's
 * lock; calls into Wasm (the allocator) go through the boundary, under its rules.
 */
final class Slices {
    /** {@link #lentAlign} of a slice placed in the lending area: given back, not freed. */
    private static final int IN_LENDING_AREA = 0;

    private final CallBoundary boundary;

    /** Slices lent to the current calls, freed by {@link #exit}; a stack because calls nest. */
    private long[] lent = new long[8];

    /**
     * The alignment each slice of {@link #lent} was allocated with, which freeing it must repeat, or
     * {@link #IN_LENDING_AREA}.
     */
    private int[] lentAlign = new int[8];

    /** The call depth each slice of {@link #lent} was lent at: the exit of that call gives it back. */
    private int[] lentDepth = new int[8];

    private int lentCount;

    /** Whether small parameters go to the {@link LendingArea}; off only for tests of the ordinary path. */
    private boolean lendingAreaEnabled = true;

    Slices(CallBoundary boundary) {
        this.boundary = boundary;
    }

    /**
     * A call ends, leaving {@code depth} calls in progress: gives back what it lent to the lending area and
     * frees the rest. A free that fails aborts the instance; it is not thrown (the call is ending, the next
     * one sees the abort).
     */
    void exit(int depth) {
        if (lentCount == 0 || lentDepth[lentCount - 1] <= depth) {
            return; // lent nothing: the common case of a call with scalar arguments
        }
        LiveInstance live = boundary.live();
        while (lentCount > 0 && lentDepth[lentCount - 1] > depth) {
            long slice = lent[--lentCount];
            int align = lentAlign[lentCount];
            if (align == IN_LENDING_AREA) {
                live.lendingArea().release(Abi.slicePointer(slice));
                continue;
            }
            try {
                live.free().apply(Abi.slicePointer(slice), (int) Abi.sliceLength(slice), align);
            } catch (RuntimeException | StackOverflowError e) {
                boundary.abortOutsideCall(Abi.FREE, e);
            }
        }
    }

    /** Forgets every lent slice: the instance is gone (terminated or reset), nothing can be freed in it. */
    void forget() {
        lentCount = 0;
    }

    /**
     * Copies an export parameter into Wasm memory for the duration of the call: into the instance's
     * {@link LendingArea} when it fits, else into a block of its own; {@link #exit} gives either back.
     */
    long lend(byte[] bytes, int align, String what) {
        if (bytes.length == 0) {
            return Abi.slice(Abi.EMPTY_POINTER, 0);
        }
        int pointer =
                lendingAreaEnabled && bytes.length <= LendingArea.SIZE ? reserveInLendingArea(bytes.length, align) : 0;
        if (pointer != 0) {
            long slice = Abi.slice(pointer, bytes.length);
            pushLent(slice, IN_LENDING_AREA); // first: exit() gives the room back even if the write fails
            boundary.live().memory(what).write(pointer, bytes);
            return slice;
        }
        long slice = place(bytes, align, what);
        pushLent(slice, align);
        return slice;
    }

    private void pushLent(long slice, int align) {
        if (lentCount == lent.length) {
            lent = Arrays.copyOf(lent, lentCount * 2);
            lentAlign = Arrays.copyOf(lentAlign, lentCount * 2);
            lentDepth = Arrays.copyOf(lentDepth, lentCount * 2);
        }
        lent[lentCount] = slice;
        lentAlign[lentCount] = align;
        lentDepth[lentCount] = boundary.depth();
        lentCount++;
    }

    /** Reserves room in the lending area (allocating it on first use): the address, or 0 if there is none. */
    private int reserveInLendingArea(int size, int align) {
        LiveInstance live = boundary.live();
        if (live.wantsLendingArea()) {
            int base = (int)
                    boundary.invoke(Abi.MALLOC, live.malloc("the lending area"), LendingArea.SIZE, LendingArea.ALIGN);
            if (base == 0) {
                live.refuseLendingArea();
            } else {
                live.useLendingArea(new LendingArea(base));
            }
        }
        LendingArea area = live.lendingArea();
        return area == null ? 0 : area.reserve(size, align);
    }

    /** Lends every parameter from an allocation of its own, as if there were no lending area (for tests). */
    void disableLendingArea() {
        lendingAreaEnabled = false;
    }

    /**
     * Copies an export result out of Wasm memory, then frees it there with {@code elementBytes} (its
     * alignment): the host owns export results.
     *
     * @throws WasmBridgeException if the byte length is not a multiple of {@code elementBytes} (the slice is
     *     then not freed: a leak is safer than freeing a block Rust did not describe)
     */
    byte[] take(long slice, int elementBytes, String type) {
        byte[] bytes = read(slice, elementBytes, type);
        if (bytes.length > 0) {
            boundary.invoke(Abi.FREE, boundary.live().free(), Abi.slicePointer(slice), bytes.length, elementBytes);
        }
        return bytes;
    }

    /**
     * Copies a slice of {@code elementBytes}-byte elements out of Wasm memory; the memory stays Rust's.
     *
     * @throws WasmBridgeException if the byte length is not a multiple of {@code elementBytes}, or the slice
     *     is not inside the module's memory
     */
    byte[] read(long slice, int elementBytes, String type) {
        long length = Abi.sliceLength(slice);
        if (length % elementBytes != 0) {
            throw new WasmBridgeException("Rust passed a slice of " + length + " bytes as a " + type + ", which is"
                    + " not a whole number of " + elementBytes + "-byte elements (slice lengths are in bytes)."
                    + " The Java and Rust element types disagree: rebuild the bindings against this module.");
        }
        return readBytes(slice);
    }

    /**
     * Copies a slice of bytes out of Wasm memory.
     *
     * @throws WasmBridgeException if the slice is not inside the module's memory
     */
    byte[] readBytes(long slice) {
        long length = Abi.sliceLength(slice);
        if (length == 0) {
            return new byte[0];
        }
        if (length > LittleEndian.MAX_BYTES) {
            throw new WasmBridgeException("Rust passed " + length + " bytes, more than a Java array can hold.");
        }
        LiveInstance live = boundary.live();
        Memory memory = live.memory("a string or bytes");
        int pointer = Abi.slicePointer(slice);
        long memoryBytes = live.memoryBytes();
        if (Integer.toUnsignedLong(pointer) + length > memoryBytes) {
            throw new WasmBridgeException("Rust passed a slice of " + length + " bytes at address "
                    + Integer.toUnsignedString(pointer) + ", which ends past the module's linear memory ("
                    + memoryBytes + " bytes). The Java and Rust signatures disagree, or the Rust side is broken:"
                    + " rebuild the bindings against this module.");
        }
        return memory.readBytes(pointer, (int) length);
    }

    /**
     * Allocates a block of {@code align} in Wasm memory and copies {@code bytes} into it; whoever receives the
     * slice owns the block.
     *
     * @throws WasmBridgeException if the module is out of memory
     */
    long place(byte[] bytes, int align, String what) {
        if (bytes.length == 0) {
            return Abi.slice(Abi.EMPTY_POINTER, 0);
        }
        LiveInstance live = boundary.live();
        int pointer = (int) boundary.invoke(Abi.MALLOC, live.malloc(what), bytes.length, align);
        if (pointer == 0) {
            throw new WasmBridgeException("Wasm module '" + live.moduleName() + "' could not allocate "
                    + bytes.length + " bytes for " + what + ": it is out of memory (" + Abi.MALLOC
                    + " returned 0; its linear memory is " + live.memoryBytes() + " bytes, its limit "
                    + boundary.limits().memoryBytes() + " bytes). The instance is still usable.");
        }
        live.memory(what).write(pointer, bytes);
        return Abi.slice(pointer, bytes.length);
    }
}
