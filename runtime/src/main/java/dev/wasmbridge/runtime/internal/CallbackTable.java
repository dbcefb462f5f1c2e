package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.Arrays;

/**
 * The Java callback objects lent to the calls in progress on one instance (docs/ABI.md, "Callbacks"): a
 * stack of ids and adapters, of which each call's are removed when it exits. Ids are not reused soon, so
 * a stale id that Rust kept finds nothing rather than another object. Not thread-safe: used under the
 * boundary's lock.
 */
final class CallbackTable {
    private int[] ids = new int[4];
    private CallbackAdapter[] adapters = new CallbackAdapter[4];
    private int count;

    /** {@link #count} at each {@link #enter()} of the calls in progress, innermost last. */
    private int[] marks = new int[8];
    private int depth;

    private int nextId = 1;

    /** A call starts: the callbacks it lends are removed by the matching {@link #exit()}. */
    void enter() {
        if (depth == marks.length) {
            marks = Arrays.copyOf(marks, depth * 2);
        }
        marks[depth++] = count;
    }

    /** The call started by the matching {@link #enter()} ends: its callbacks are no longer valid. */
    void exit() {
        int mark = marks[--depth];
        while (count > mark) {
            adapters[--count] = null;
        }
    }

    /**
     * Lends {@code adapter} to the current call.
     *
     * @return the callback id to pass to Rust
     */
    int lend(CallbackAdapter adapter) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            adapters = Arrays.copyOf(adapters, count * 2);
        }
        int id = nextId;
        nextId = id == Integer.MAX_VALUE ? 1 : id + 1;
        ids[count] = id;
        adapters[count++] = adapter;
        return id;
    }

    /**
     * {@return the adapter of callback {@code id}}
     *
     * @throws WasmBridgeException if {@code id} is not a callback of a call in progress
     */
    CallbackAdapter find(int id) {
        for (int i = count - 1; i >= 0; i--) {
            if (ids[i] == id) {
                return adapters[i];
            }
        }
        throw new WasmBridgeException("Rust called callback " + id + ", which is not valid now: a callback can"
                + " only be called during the export call it was passed to.");
    }
}
