package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UnsignedCompare} agrees with {@code Integer.compareUnsigned} and {@code Long.compareUnsigned} (run
 * here where C2 has nothing to miscompile) on the values around every sign and width boundary, and on random
 * ones.
 */
class UnsignedCompareTest {
    private static final int[] INTS = {
        0, 1, 2, 10, 11, 0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, -65588, -2, -1
    };

    private static final long[] LONGS = {
        0,
        1,
        2,
        0xFFFF_FFFFL,
        0x1_0000_0000L,
        Long.MAX_VALUE - 1,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        Long.MIN_VALUE + 1,
        -0x1_0000_0000L,
        -2,
        -1
    };

    @Test
    void i32ComparisonsOnBoundaries() {
        for (int a : INTS) {
            for (int b : INTS) {
                checkI32(a, b);
            }
        }
    }

    @Test
    void i64ComparisonsOnBoundaries() {
        for (long a : LONGS) {
            for (long b : LONGS) {
                checkI64(a, b);
            }
        }
    }

    @Test
    void randomValues() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            checkI32(random.nextInt(), random.nextInt());
            checkI64(random.nextLong(), random.nextLong());
        }
    }

    private static void checkI32(int a, int b) {
        int order = Integer.compareUnsigned(a, b);
        String pair = Integer.toUnsignedString(a) + ", " + Integer.toUnsignedString(b);
        assertEquals(order < 0 ? 1 : 0, UnsignedCompare.I32_LT_U(a, b), "lt_u " + pair);
        assertEquals(order > 0 ? 1 : 0, UnsignedCompare.I32_GT_U(a, b), "gt_u " + pair);
        assertEquals(order <= 0 ? 1 : 0, UnsignedCompare.I32_LE_U(a, b), "le_u " + pair);
        assertEquals(order >= 0 ? 1 : 0, UnsignedCompare.I32_GE_U(a, b), "ge_u " + pair);
    }

    private static void checkI64(long a, long b) {
        int order = Long.compareUnsigned(a, b);
        String pair = Long.toUnsignedString(a) + ", " + Long.toUnsignedString(b);
        assertEquals(order < 0 ? 1 : 0, UnsignedCompare.I64_LT_U(a, b), "lt_u " + pair);
        assertEquals(order > 0 ? 1 : 0, UnsignedCompare.I64_GT_U(a, b), "gt_u " + pair);
        assertEquals(order <= 0 ? 1 : 0, UnsignedCompare.I64_LE_U(a, b), "le_u " + pair);
        assertEquals(order >= 0 ? 1 : 0, UnsignedCompare.I64_GE_U(a, b), "ge_u " + pair);
    }
}
