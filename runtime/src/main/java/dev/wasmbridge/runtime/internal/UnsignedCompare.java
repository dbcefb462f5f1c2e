package dev.wasmbridge.runtime.internal;

/**
 * Wasm's unsigned integer comparisons ({@code i32.lt_u} ... {@code i64.ge_u}), called by the machines Chicory
 * compiles from a module instead of Chicory's {@code OpcodeImpl} methods of the same names
 * ({@code dev.wasmbridge.wasmeh.UnsignedComparisons} redirects the calls). Not API: generated code calls it.
 *
 * <p>Why: {@code OpcodeImpl} compares with {@code Integer.compareUnsigned} and {@code Long.compareUnsigned},
 * which HotSpot's C2 up to JDK 17 sometimes miscompiles once inlined into a large compiled Wasm function
 * (the comparison gives the wrong answer; Chicory issues 755 and 843). These compare another way: 32-bit
 * values widened to {@code long} without sign, 64-bit values by their signed order corrected where the
 * signs differ. Each returns 1 for true and 0 for false, as Wasm does.
 */
public final class UnsignedCompare {
    private UnsignedCompare() {}

    /** {@return {@code i32.lt_u}: whether {@code a < b} unsigned, 1 or 0} */
    public static int I32_LT_U(int a, int b) {
        return Integer.toUnsignedLong(a) < Integer.toUnsignedLong(b) ? 1 : 0;
    }

    /** {@return {@code i32.gt_u}: whether {@code a > b} unsigned, 1 or 0} */
    public static int I32_GT_U(int a, int b) {
        return Integer.toUnsignedLong(a) > Integer.toUnsignedLong(b) ? 1 : 0;
    }

    /** {@return {@code i32.le_u}: whether {@code a <= b} unsigned, 1 or 0} */
    public static int I32_LE_U(int a, int b) {
        return Integer.toUnsignedLong(a) <= Integer.toUnsignedLong(b) ? 1 : 0;
    }

    /** {@return {@code i32.ge_u}: whether {@code a >= b} unsigned, 1 or 0} */
    public static int I32_GE_U(int a, int b) {
        return Integer.toUnsignedLong(a) >= Integer.toUnsignedLong(b) ? 1 : 0;
    }

    /** {@return {@code i64.lt_u}: whether {@code a < b} unsigned, 1 or 0} */
    public static int I64_LT_U(long a, long b) {
        return lessUnsigned(a, b) ? 1 : 0;
    }

    /** {@return {@code i64.gt_u}: whether {@code a > b} unsigned, 1 or 0} */
    public static int I64_GT_U(long a, long b) {
        return lessUnsigned(b, a) ? 1 : 0;
    }

    /** {@return {@code i64.le_u}: whether {@code a <= b} unsigned, 1 or 0} */
    public static int I64_LE_U(long a, long b) {
        return lessUnsigned(b, a) ? 0 : 1;
    }

    /** {@return {@code i64.ge_u}: whether {@code a >= b} unsigned, 1 or 0} */
    public static int I64_GE_U(long a, long b) {
        return lessUnsigned(a, b) ? 0 : 1;
    }

    /** Whether {@code a < b} as unsigned values: the signed order, reversed when exactly one is negative. */
    private static boolean lessUnsigned(long a, long b) {
        return (a < b) != ((a ^ b) < 0);
    }
}
