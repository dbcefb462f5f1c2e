package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.COPY;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.SET_MALLOC_FAILS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.WasmBridgeException;
import dev.wasmbridge.runtime.internal.BoundaryFixture.Block;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Small export parameters are lent from the instance's {@link LendingArea} (one allocation per instance,
 * no allocation or free per call); big ones, and everything whose ownership passes to Rust, from blocks of
 * their own. Checked through a real {@link CallBoundary} on {@code fixtures/boundary.wat}, whose allocator
 * reports every allocation and free.
 */
class LendingAreaTest {
    private BoundaryFixture fixture;
    private CallBoundary boundary;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        boundary = fixture.create();
    }

    /** Lends {@code values}, has the module copy them, takes the copy back; returns the lent slice. */
    private long roundTrip(long[] values) {
        CallBoundary call = boundary.enter();
        try {
            long lent = call.lend(SliceType.LONGS, values, "argument 'values' of Test.copy");
            assertArrayEquals(values, call.take(SliceType.LONGS, call.call(COPY, lent, 8)), "what Rust saw");
            return lent;
        } finally {
            call.exit();
        }
    }

    private static Block area(int base) {
        return new Block(base, LendingArea.SIZE, LendingArea.ALIGN);
    }

    @Test
    void theAreaIsAllocatedOnceAndSmallParametersAreNeitherAllocatedNorFreed() {
        assertNull(boundary.lendingArea(), "nothing is allocated before the first parameter");
        long first = roundTrip(new long[] {1, 2, 3});
        LendingArea area = boundary.lendingArea();
        assertNotNull(area);
        int base = fixture.allocated.get(0).pointer();
        assertEquals(area(base), fixture.allocated.get(0), "the area: one block, aligned for any element");
        assertEquals(base, Abi.slicePointer(first), "the parameter sits at the start of the area");
        for (int i = 0; i < 100; i++) {
            assertEquals(first, roundTrip(new long[] {4, 5, 6}), "every call reuses the same bytes");
        }
        assertEquals(0, area.used(), "all given back");
        // besides the area, only the copies the module made (its results), each freed by take
        List<Block> results = fixture.allocated.subList(1, fixture.allocated.size());
        assertEquals(101, results.size());
        assertEquals(results, fixture.freed, "only results are freed; the area never is");
    }

    @Test
    void parametersInTheAreaAreAlignedAndPackedAndGivenBackInReverseOrder() {
        CallBoundary call = boundary.enter();
        long bytes;
        long longs;
        long shorts;
        long doubles;
        try {
            bytes = call.lend(SliceType.BYTES, new byte[] {1, 2, 3}, "a");
            longs = call.lend(SliceType.LONGS, new long[] {Long.MIN_VALUE}, "b");
            shorts = call.lend(SliceType.SHORTS, new short[] {-1}, "c");
            doubles = call.lend(SliceType.DOUBLES, new double[] {Math.PI}, "d");
            int base = Abi.slicePointer(bytes);
            assertEquals(base + 8, Abi.slicePointer(longs), "3 bytes, then padding to 8");
            assertEquals(base + 16, Abi.slicePointer(shorts));
            assertEquals(base + 24, Abi.slicePointer(doubles), "2 bytes, then padding to 8");
            assertEquals(32, boundary.lendingArea().used());
            assertArrayEquals(new long[] {Long.MIN_VALUE}, call.read(SliceType.LONGS, longs), "the bytes Rust reads");
            assertArrayEquals(new double[] {Math.PI}, call.read(SliceType.DOUBLES, doubles));
        } finally {
            call.exit();
        }
        assertEquals(0, boundary.lendingArea().used());
        assertEquals(1, fixture.allocated.size(), "only the area");
        assertTrue(fixture.freed.isEmpty());
    }

    @Test
    void nestedCallsStackTheirParametersAndGiveBackOnlyTheirOwn() {
        CallBoundary outer = boundary.enter();
        try {
            long a = outer.lend(SliceType.INTS, new int[] {1, 2}, "outer");
            CallBoundary inner = boundary.enter();
            long b;
            try {
                b = inner.lend(SliceType.INTS, new int[] {3}, "inner");
                assertEquals(Abi.slicePointer(a) + 8, Abi.slicePointer(b), "above the outer call's parameter");
            } finally {
                inner.exit();
            }
            assertEquals(8, boundary.lendingArea().used(), "the outer parameter is still lent");
            assertArrayEquals(new int[] {1, 2}, outer.read(SliceType.INTS, a), "and untouched");
            long c = outer.lend(SliceType.INTS, new int[] {4}, "outer again");
            assertEquals(Abi.slicePointer(b), Abi.slicePointer(c), "the inner call's room is reused");
        } finally {
            outer.exit();
        }
        assertEquals(0, boundary.lendingArea().used());
        assertTrue(fixture.freed.isEmpty());
    }

    @Test
    void aParameterBiggerThanTheAreaGetsABlockOfItsOwnFreedAfterTheCall() {
        byte[] big = new byte[LendingArea.SIZE + 1];
        Arrays.fill(big, (byte) 7);
        CallBoundary call = boundary.enter();
        long slice;
        try {
            long small = call.lend(SliceType.BYTES, new byte[] {1}, "small");
            slice = call.lend(SliceType.BYTES, big, "big");
            assertNotEquals(Abi.slicePointer(small) + 1, Abi.slicePointer(slice), "not in the area");
            assertArrayEquals(big, call.read(SliceType.BYTES, slice));
        } finally {
            call.exit();
        }
        Block own = new Block(Abi.slicePointer(slice), big.length, 1);
        assertEquals(own, fixture.allocated.get(fixture.allocated.size() - 1));
        assertEquals(List.of(own), fixture.freed, "freed with its size and alignment; the area is not");
    }

    @Test
    void whenTheAreaIsFullParametersGetBlocksOfTheirOwn() {
        byte[] half = new byte[LendingArea.SIZE / 2];
        CallBoundary call = boundary.enter();
        try {
            long one = call.lend(SliceType.BYTES, half, "one");
            long two = call.lend(SliceType.BYTES, half, "two");
            assertEquals(Abi.slicePointer(one) + half.length, Abi.slicePointer(two), "both fit exactly");
            long three = call.lend(SliceType.BYTES, new byte[] {9}, "three");
            assertEquals(LendingArea.SIZE, boundary.lendingArea().used());
            assertEquals(new Block(Abi.slicePointer(three), 1, 1), fixture.allocated.get(1), "its own block");
        } finally {
            call.exit();
        }
        assertEquals(1, fixture.freed.size(), "only the one outside the area");
        assertEquals(0, boundary.lendingArea().used());
    }

    @Test
    void valuesWhoseOwnershipPassesToRustNeverUseTheArea() {
        CallBoundary call = boundary.enter();
        try {
            call.lend(SliceType.BYTES, new byte[] {1}, "lent"); // makes the area
            long given = call.give(SliceType.STRING, "owned by Rust", "the result of Test.import");
            int base = fixture.allocated.get(0).pointer();
            assertTrue(Abi.slicePointer(given) >= base + LendingArea.SIZE, "a block of its own");
        } finally {
            call.exit();
        }
        assertTrue(fixture.freed.isEmpty(), "Rust frees what it was given, not the host");
    }

    @Test
    void anInstanceWhoseAllocatorCannotSpareTheAreaLendsTheOrdinaryWay() {
        CallBoundary call = boundary.enter();
        try {
            call.call(SET_MALLOC_FAILS, 1);
            WasmBridgeException e = assertThrows(
                    WasmBridgeException.class,
                    () -> call.lend(SliceType.BYTES, new byte[] {1}, "argument 'x' of Test.f"));
            assertTrue(e.getMessage().contains("argument 'x' of Test.f"), e.getMessage());
            call.call(SET_MALLOC_FAILS, 0);
            long slice = call.lend(SliceType.BYTES, new byte[] {2}, "argument 'y' of Test.f");
            assertNull(boundary.lendingArea(), "refused once, not asked again");
            assertEquals(List.of(new Block(Abi.slicePointer(slice), 1, 1)), fixture.allocated);
        } finally {
            call.exit();
        }
        assertEquals(fixture.allocated, fixture.freed);
    }

    @Test
    void resetStateStartsANewAreaInTheNewInstance() {
        roundTrip(new long[] {1});
        LendingArea before = boundary.lendingArea();
        boundary.resetState();
        assertNull(boundary.lendingArea(), "the old area went with the old instance's memory");
        roundTrip(new long[] {2});
        assertNotNull(boundary.lendingArea());
        assertNotEquals(before, boundary.lendingArea());
    }

    @Test
    void reservationsRespectTheSizeAndAlignment() {
        LendingArea area = new LendingArea(8);
        assertEquals(8, area.reserve(1, 1));
        assertEquals(12, area.reserve(4, 4), "aligned up");
        assertEquals(0, area.reserve(LendingArea.SIZE, 1), "does not fit any more");
        assertEquals(16, area.reserve(LendingArea.SIZE - 8, 8), "fits exactly");
        assertEquals(0, area.reserve(1, 1));
        area.release(12);
        assertEquals(4, area.used());
        assertThrows(IllegalArgumentException.class, () -> new LendingArea(0));
        assertThrows(IllegalArgumentException.class, () -> new LendingArea(12), "not aligned to 8");
    }
}
