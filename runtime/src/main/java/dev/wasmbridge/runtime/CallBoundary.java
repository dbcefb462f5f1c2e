package dev.wasmbridge.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place generated bindings cross into Wasm: it owns the instance, serializes callers, calls
 * exports, and moves strings and bytes across per docs/ABI.md.
 *
 * <p>A generated method follows one pattern:
 *
 * <pre>{@code
 * int mark = boundary.enter();
 * try {
 *     long name$ = boundary.lendString(name, "argument 'name' of Greeter.greet");
 *     return boundary.takeString(boundary.call(GREET, name$));
 * } finally {
 *     boundary.exit(mark);
 * }
 * }</pre>
 *
 * <p>Threads: one caller at a time runs inside the instance (a re-entrant lock, so Rust calling a Java
 * import that calls Rust again works on the same thread); other threads wait.
 */
public final class CallBoundary {
    private final ReentrantLock lock = new ReentrantLock();
    private final LiveInstance live;
    /** Slices lent to the current calls, freed by {@link #exit(int)}; a stack because calls nest. */
    private long[] lent = new long[8];

    private int lentCount;

    private CallBoundary(ModuleSource source, List<ExportBinding> exports, List<ImportBinding> imports) {
        this.live = LiveInstance.start(source, List.copyOf(exports), List.copyOf(imports), this);
    }

    /**
     * Instantiates {@code source} and binds it.
     *
     * @param exports the exports the bindings call, in the order of the indices passed to {@link #call}
     * @param imports the Java implementations of every function the module imports
     * @throws ModuleLoadException if the module cannot be loaded or no longer matches the bindings
     */
    public static CallBoundary create(
            ModuleSource source, List<ExportBinding> exports, List<ImportBinding> imports) {
        Objects.requireNonNull(source, "source");
        return new CallBoundary(source, exports, imports);
    }

    /** Starts a call: waits for the instance, returns a mark for {@link #exit(int)}. */
    public int enter() {
        lock.lock();
        return lentCount;
    }

    /** Ends a call started with {@link #enter()}: frees what it lent and lets the next caller in. */
    public void exit(int mark) {
        try {
            while (lentCount > mark) {
                long slice = lent[--lentCount];
                live.free(Abi.slicePointer(slice), (int) Abi.sliceLength(slice), 1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls the export at {@code index} of the export list; returns its result, or 0 when it has none. */
    public long call(int index, long... args) {
        return live.call(index, args);
    }

    /**
     * Copies {@code value} into Wasm memory for the current call; freed by {@link #exit(int)}.
     *
     * @param what names the argument in messages, e.g. {@code "argument 'name' of Greeter.greet"}
     * @return the slice to pass
     */
    public long lendString(String value, String what) {
        return lend(Utf8.encode(requireValue(value, what, "String"), what), what);
    }

    /** Like {@link #lendString} for bytes. */
    public long lendBytes(byte[] value, String what) {
        return lend(requireValue(value, what, "byte[]"), what);
    }

    private long lend(byte[] bytes, String what) {
        long slice = place(bytes, what);
        if (bytes.length > 0) {
            if (lentCount == lent.length) {
                lent = Arrays.copyOf(lent, lentCount * 2);
            }
            lent[lentCount++] = slice;
        }
        return slice;
    }

    /** Reads a string an export returned and frees it in Wasm (the host owns export results). */
    public String takeString(long slice) {
        return Utf8.decode(takeBytes(slice));
    }

    /** Reads bytes an export returned and frees them in Wasm. */
    public byte[] takeBytes(long slice) {
        byte[] bytes = readBytes(slice);
        if (bytes.length > 0) {
            live.free(Abi.slicePointer(slice), bytes.length, 1);
        }
        return bytes;
    }

    /** Reads a string that Rust lends to a Java import for the duration of the import call. */
    public String readString(long slice) {
        return Utf8.decode(readBytes(slice));
    }

    /** Reads bytes that Rust lends to a Java import for the duration of the import call. */
    public byte[] readBytes(long slice) {
        long length = Abi.sliceLength(slice);
        if (length == 0) {
            return new byte[0];
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new WasmBridgeException(
                    "Rust passed " + length + " bytes, more than a Java array can hold.");
        }
        return live.memory("a string or bytes").readBytes(Abi.slicePointer(slice), (int) length);
    }

    /**
     * Copies the result of a Java import into Wasm memory; Rust owns it from then on (docs/ABI.md).
     *
     * @param what names the import in messages, e.g. {@code "the result of Host.greeting"}
     * @return the slice to return to Rust
     */
    public long giveString(String value, String what) {
        return place(Utf8.encode(requireValue(value, what, "String"), what), what);
    }

    /** Like {@link #giveString} for bytes. */
    public long giveBytes(byte[] value, String what) {
        return place(requireValue(value, what, "byte[]"), what);
    }

    private long place(byte[] bytes, String what) {
        if (bytes.length == 0) {
            return Abi.slice(Abi.EMPTY_POINTER, 0);
        }
        int pointer = live.malloc(bytes.length, 1, what);
        live.memory(what).write(pointer, bytes);
        return Abi.slice(pointer, bytes.length);
    }

    /** The size of the instance's linear memory in bytes (it only ever grows). */
    public long memoryBytes() {
        lock.lock();
        try {
            return live.memoryBytes();
        } finally {
            lock.unlock();
        }
    }

    private static <T> T requireValue(T value, String what, String type) {
        if (value == null) {
            throw new NullPointerException(
                    what + " is null, but the Rust side takes a " + type + " value; pass a non-null one.");
        }
        return value;
    }
}
