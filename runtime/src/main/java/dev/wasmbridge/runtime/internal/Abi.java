package dev.wasmbridge.runtime.internal;

/**
 * The constants and encodings of docs/ABI.md that the Java side needs. One place, so a change to the ABI
 * shows up as a change here.
 */
public final class Abi {
    /** The ABI version this runtime implements (docs/ABI.md). */
    public static final int VERSION = 3;

    /** The custom section in which the Rust support crate records the ABI version. */
    public static final String VERSION_SECTION = "wasmbridge.abi";

    /**
     * The custom section in which the Rust support crate records the Rust-level signature of every export,
     * import, class, enum and record: UTF-8 text, one declaration per line (docs/ABI.md, "Signatures
     * section").
     */
    public static final String SIGNATURES_SECTION = "wasmbridge.signatures";

    /**
     * The end of the name of the export that drops a Rust object: class {@code T} exports {@code T::drop}
     * with Wasm signature {@code (i32) -> ()} (docs/ABI.md, "Classes").
     */
    public static final String DROP_SUFFIX = "::drop";

    /** {@code (size: i32, align: i32) -> i32}: allocates in the module, 0 when out of memory. */
    public static final String MALLOC = "wasmbridge_malloc";

    /** {@code (ptr: i32, size: i32, align: i32) -> ()}: frees what {@link #MALLOC} or an export result gave. */
    public static final String FREE = "wasmbridge_free";

    /**
     * {@code (iterator: i32, max: i32) -> i64}: up to {@code max} items of a Rust iterator, lent until the next
     * call on it (docs/ABI.md, "Iterators").
     */
    public static final String ITER_NEXT = "wasmbridge_iter_next";

    /** {@code (iterator: i32) -> ()}: drops a Rust iterator (docs/ABI.md, "Iterators"). */
    public static final String ITER_DROP = "wasmbridge_iter_drop";

    /** Names starting with this prefix are reserved for the ABI. */
    public static final String RESERVED_PREFIX = "wasmbridge_";

    /** The pointer of an empty slice: never dereferenced, allocated or freed. */
    static final int EMPTY_POINTER = 1;

    private Abi() {}

    /** Packs a slice: {@code (len << 32) | ptr}, both unsigned 32-bit. */
    public static long slice(int pointer, int length) {
        return ((long) length << 32) | (pointer & 0xFFFF_FFFFL);
    }

    /** The pointer half of a slice. */
    public static int slicePointer(long slice) {
        return (int) slice;
    }

    /** The length half of a slice, as a non-negative {@code long} (it is unsigned on the wire). */
    public static long sliceLength(long slice) {
        return slice >>> 32;
    }
}
