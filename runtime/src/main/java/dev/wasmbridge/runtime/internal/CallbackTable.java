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
    /** The call depth each callback was lent at: the exit of that call removes it. */
    private int[] depths = new int[4];

    private int count;

    private int nextId = 1;

    /** A call ends, leaving {@code depth} calls in progress: the callbacks it lent are no longer valid. */
    void exit(int depth) {
        while (count > 0 && depths[count - 1] > depth) {
            adapters[--count] = null;
        }
    }

    /**
     * Lends {@code adapter} to the current call, at call depth {@code depth}.
     *
     * @return the callback id to pass to Rust
     */
    int lend(CallbackAdapter adapter, int depth) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            adapters = Arrays.copyOf(adapters, count * 2);
            depths = Arrays.copyOf(depths, count * 2);
        }
        depths[count] = depth;
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
