package dev.wasmbridge.processor;

/**
 * The ABI constants the processor checks modules against (docs/ABI.md). They mirror {@code
 * dev.wasmbridge.runtime.internal.Abi}, which the processor does not depend on; a test checks that both agree.
 */
final class AbiVersion {
    static final int VERSION = 3;
    static final String RESERVED_PREFIX = "wasmbridge_";
    /** {@code Type::drop} drops a class object (docs/ABI.md, "Classes"). */
    static final String DROP_SUFFIX = "::drop";
    /** {@code (i32, i32) -> i64}: the next items of a Rust iterator (docs/ABI.md, "Iterators"). */
    static final String ITER_NEXT = "wasmbridge_iter_next";
    /** {@code (i32) -> ()}: drops a Rust iterator (docs/ABI.md, "Iterators"). */
    static final String ITER_DROP = "wasmbridge_iter_drop";

    private AbiVersion() {}
}
