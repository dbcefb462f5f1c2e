package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.COPY;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.MAKE;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.SET_MALLOC_FAILS;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.VIA_IMPORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.WasmBridgeException;
import dev.wasmbridge.runtime.internal.BoundaryFixture.Block;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Numeric arrays, buffers and encoded values through a real {@link CallBoundary}: the bytes Rust sees, the
 * alignment of every allocation and free, who frees what (docs/ABI.md, "Memory ownership").
 */
class SlicesTest {
    private BoundaryFixture fixture;
    private CallBoundary boundary;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        boundary = fixture.create();
        boundary.disableLendingArea(); // these tests check each parameter's own allocation (LendingAreaTest: the area)
    }

    /** Lends with {@code lend}, has the module copy it into a block of {@code align}, takes the copy with {@code take}. */
    private <T> T roundTrip(Function<CallBoundary, Long> lend, int align, BiFunction<CallBoundary, Long, T> take) {
        CallBoundary call = boundary.enter();
        try {
            long copy = call.call(COPY, lend.apply(call), align);
            return take.apply(call, copy);
        } finally {
            call.exit();
        }
    }

    private static Block block(long slice, int align) {
        return new Block(Abi.slicePointer(slice), (int) Abi.sliceLength(slice), align);
    }

    @Test
    void intsCrossLittleEndianAndAreFreedWithTheirAlignment() {
        int[] values = {1, -2, 0x12345678, Integer.MIN_VALUE};
        long[] slices = new long[2];
        CallBoundary call = boundary.enter();
        int[] back;
        try {
            slices[0] = call.lend(SliceType.INTS, values, "argument 'values' of Test.ints");
            assertEquals(16, Abi.sliceLength(slices[0]));
            assertArrayEquals(
                    new byte[] {1, 0, 0, 0, -2, -1, -1, -1, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, -128},
                    call.read(SliceType.BYTES, slices[0]),
                    "little-endian, as Rust's &[i32] reads it");
            slices[1] = call.call(COPY, slices[0], 4);
            back = call.take(SliceType.INTS, slices[1]);
            assertEquals(List.of(block(slices[1], 4)), fixture.freed, "the result is freed as soon as it is read");
        } finally {
            call.exit();
        }
        assertArrayEquals(values, back);
        assertEquals(List.of(block(slices[0], 4), block(slices[1], 4)), fixture.allocated);
        assertEquals(
                List.of(block(slices[1], 4), block(slices[0], 4)), fixture.freed, "the argument is freed by exit()");
        assertEquals(0, Abi.slicePointer(slices[0]) % 4);
    }

    @Test
    void everyNumericArrayRoundTrips() {
        short[] shorts = {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE};
        assertArrayEquals(
                shorts,
                roundTrip(c -> c.lend(SliceType.SHORTS, shorts, "shorts"), 2, (c, s) -> c.take(SliceType.SHORTS, s)));
        long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L};
        assertArrayEquals(
                longs,
                roundTrip(c -> c.lend(SliceType.LONGS, longs, "longs"), 8, (c, s) -> c.take(SliceType.LONGS, s)));
        float[] floats = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7FC0_0ABC), Float.NEGATIVE_INFINITY};
        float[] floatsBack =
                roundTrip(c -> c.lend(SliceType.FLOATS, floats, "floats"), 4, (c, s) -> c.take(SliceType.FLOATS, s));
        for (int i = 0; i < floats.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(floatsBack[i]), "raw bits of " + i);
        }
        double[] doubles = {0, -0.0, Math.PI, Double.longBitsToDouble(0x7FF8_0000_0000_1234L), Double.MAX_VALUE};
        double[] doublesBack = roundTrip(
                c -> c.lend(SliceType.DOUBLES, doubles, "doubles"), 8, (c, s) -> c.take(SliceType.DOUBLES, s));
        for (int i = 0; i < doubles.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(doubles[i]),
                    Double.doubleToRawLongBits(doublesBack[i]),
                    "raw bits of " + i);
        }
        assertEquals(
                List.of(2, 2, 8, 8, 4, 4, 8, 8),
                fixture.allocated.stream().map(Block::align).toList());
        assertEquals(List.of(2, 2, 8, 8, 4, 4, 8, 8), alignsInAllocationOrder(), "each block freed with its alignment");
        for (Block b : fixture.allocated) {
            assertEquals(0, b.pointer() % b.align(), "aligned: " + b);
        }
    }

    /** The frees, matched to the allocation they free, in the order of allocation. */
    private List<Integer> alignsInAllocationOrder() {
        return fixture.allocated.stream()
                .map(a -> fixture.freed.stream()
                        .filter(f -> f.pointer() == a.pointer())
                        .findFirst()
                        .orElseThrow())
                .map(Block::align)
                .toList();
    }

    @Test
    void everyLentBlockIsFreedWithItsOwnAlignmentInReverseOrder() {
        CallBoundary call = boundary.enter();
        try {
            call.lend(SliceType.SHORTS, new short[] {1}, "a");
            call.lend(SliceType.LONGS, new long[] {1}, "b");
            call.lend(SliceType.BYTES, new byte[] {1}, "c");
            call.lend(SliceType.DOUBLES, new double[] {1}, "d");
            call.lendEncoded(Codecs.STRING, "x", "e");
        } finally {
            call.exit();
        }
        assertEquals(
                List.of(2, 8, 1, 8, 1),
                fixture.allocated.stream().map(Block::align).toList());
        assertEquals(
                List.of(1, 8, 1, 8, 2), fixture.freed.stream().map(Block::align).toList());
        assertEquals(
                List.of(5, 8, 1, 8, 2), fixture.freed.stream().map(Block::size).toList());
    }

    @Test
    void nestedCallsFreeOnlyTheirOwnSlices() {
        CallBoundary outer = boundary.enter();
        try {
            outer.lend(SliceType.INTS, new int[] {1, 2}, "outer");
            CallBoundary inner = boundary.enter();
            try {
                inner.lend(SliceType.LONGS, new long[] {3}, "inner");
            } finally {
                inner.exit();
            }
            assertEquals(List.of(8), fixture.freed.stream().map(Block::align).toList());
        } finally {
            outer.exit();
        }
        assertEquals(List.of(8, 4), fixture.freed.stream().map(Block::align).toList());
    }

    @Test
    void emptyArraysUseTheEmptySliceAndAllocateNothing() {
        CallBoundary call = boundary.enter();
        try {
            long empty = Abi.slice(1, 0);
            assertEquals(empty, call.lend(SliceType.INTS, new int[0], "ints"));
            assertEquals(empty, call.lend(SliceType.SHORTS, new short[0], "shorts"));
            assertEquals(empty, call.lend(SliceType.LONGS, new long[0], "longs"));
            assertEquals(empty, call.lend(SliceType.FLOATS, new float[0], "floats"));
            assertEquals(empty, call.lend(SliceType.DOUBLES, new double[0], "doubles"));
            assertEquals(empty, call.lend(SliceType.BUFFER, ByteBuffer.allocate(0), "buffer"));
            assertEquals(empty, call.give(SliceType.INTS, new int[0], "ints"));
            assertEquals(empty, call.give(SliceType.DOUBLES, new double[0], "doubles"));
            assertEquals(0, call.take(SliceType.INTS, call.call(COPY, empty, 4)).length);
            assertEquals(0, call.take(SliceType.DOUBLES, empty).length);
            assertEquals(0, call.read(SliceType.SHORTS, empty).length);
        } finally {
            call.exit();
        }
        assertTrue(fixture.allocated.isEmpty(), fixture.allocated.toString());
        assertTrue(fixture.freed.isEmpty(), fixture.freed.toString());
    }

    @Test
    void aSliceThatIsNotWholeElementsIsRefusedAndNotFreed() {
        CallBoundary call = boundary.enter();
        try {
            long seven = call.call(MAKE, 7, 4);
            WasmBridgeException e = assertThrows(WasmBridgeException.class, () -> call.take(SliceType.INTS, seven));
            assertTrue(
                    e.getMessage()
                            .startsWith("Rust passed a slice of 7 bytes as a int[], which is not a whole"
                                    + " number of 4-byte elements"),
                    e.getMessage());
            assertThrows(WasmBridgeException.class, () -> call.take(SliceType.LONGS, call.call(MAKE, 12, 8)));
            assertThrows(WasmBridgeException.class, () -> call.take(SliceType.SHORTS, call.call(MAKE, 3, 2)));
            assertThrows(WasmBridgeException.class, () -> call.take(SliceType.DOUBLES, call.call(MAKE, 4, 8)));
            assertThrows(WasmBridgeException.class, () -> call.read(SliceType.FLOATS, call.call(MAKE, 6, 4)));
            assertEquals(0, call.take(SliceType.BYTES, call.call(MAKE, 7, 1)).length - 7);
        } finally {
            call.exit();
        }
        assertEquals(1, fixture.freed.size(), "only the well-formed byte slice is freed: " + fixture.freed);
    }

    @Test
    void aSliceOutsideTheMemoryIsRefusedAndNotFreed() {
        CallBoundary call = boundary.enter();
        try {
            long memory = boundary.memoryBytes();
            WasmBridgeException e = assertThrows(
                    WasmBridgeException.class, () -> call.take(SliceType.INTS, Abi.slice((int) memory - 4, 8)));
            assertTrue(
                    e.getMessage()
                            .startsWith("Rust passed a slice of 8 bytes at address " + (memory - 4)
                                    + ", which ends past the module's linear memory (" + memory + " bytes)."),
                    e.getMessage());
            assertThrows(WasmBridgeException.class, () -> call.read(SliceType.BYTES, Abi.slice(0x8000_0000, 1)));
            assertThrows(WasmBridgeException.class, () -> call.takeEncoded(Codecs.INT, Abi.slice(-4, 4)));
            assertArrayEquals(
                    new byte[4], call.read(SliceType.BYTES, Abi.slice((int) memory - 4, 4)), "the last bytes are fine");
        } finally {
            call.exit();
        }
        assertTrue(fixture.freed.isEmpty(), fixture.freed.toString());
    }

    @Test
    void importsReadWhatRustLendsAndGiveWhatRustWillOwn() {
        fixture.transform = (b, args) -> {
            int[] in = b.read(SliceType.INTS, args[0]);
            int[] out = new int[in.length + 1];
            for (int i = 0; i < in.length; i++) {
                out[in.length - i] = in[i];
            }
            return new long[] {b.give(SliceType.INTS, out, "the result of Host.transform")};
        };
        int[] back;
        long lent;
        CallBoundary call = boundary.enter();
        try {
            lent = call.lend(SliceType.INTS, new int[] {1, 2, 3}, "values");
            back = call.take(SliceType.INTS, call.call(VIA_IMPORT, lent));
        } finally {
            call.exit();
        }
        assertArrayEquals(new int[] {0, 3, 2, 1}, back);
        Block given = fixture.allocated.get(1);
        assertEquals(new Block(given.pointer(), 16, 4), given, "given with malloc(len, 4)");
        assertEquals(List.of(given, block(lent, 4)), fixture.freed, "Rust's reading is not a free; our take is");
    }

    @Test
    void everyGiveUsesItsElementAlignment() {
        CallBoundary call = boundary.enter();
        try {
            call.give(SliceType.SHORTS, new short[] {1}, "s");
            call.give(SliceType.LONGS, new long[] {1}, "l");
            call.give(SliceType.FLOATS, new float[] {1}, "f");
            call.give(SliceType.DOUBLES, new double[] {1}, "d");
            call.give(SliceType.BYTES, new byte[] {1}, "b");
            call.give(SliceType.BUFFER, ByteBuffer.wrap(new byte[] {1, 2}), "bb");
            call.giveEncoded(Codecs.INT, 5, "e");
            call.give(SliceType.STRING, "é", "t");
        } finally {
            call.exit();
        }
        assertEquals(
                List.of(
                        new Block(0, 2, 2),
                        new Block(0, 8, 8),
                        new Block(0, 4, 4),
                        new Block(0, 8, 8),
                        new Block(0, 1, 1),
                        new Block(0, 2, 1),
                        new Block(0, 4, 1),
                        new Block(0, 2, 1)),
                fixture.allocated.stream()
                        .map(b -> new Block(0, b.size(), b.align()))
                        .toList());
        assertTrue(fixture.freed.isEmpty(), "Rust owns what Java gives");
    }

    @Test
    void importParametersOfEveryTypeAreReadNotFreed() {
        fixture.transform = (b, args) -> {
            assertArrayEquals(new short[] {0x0201}, b.read(SliceType.SHORTS, Abi.slice(Abi.slicePointer(args[0]), 2)));
            assertArrayEquals(new long[] {0x0807060504030201L}, b.read(SliceType.LONGS, args[0]));
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), b.read(SliceType.BUFFER, args[0]));
            assertEquals(Double.longBitsToDouble(0x0807060504030201L), b.read(SliceType.DOUBLES, args[0])[0]);
            assertEquals(Float.intBitsToFloat(0x04030201), b.read(SliceType.FLOATS, args[0])[0]);
            return new long[] {Abi.slice(1, 0)};
        };
        CallBoundary call = boundary.enter();
        try {
            call.call(VIA_IMPORT, call.lend(SliceType.BYTES, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "bytes"));
        } finally {
            call.exit();
        }
        assertEquals(1, fixture.freed.size(), "only the lent argument: " + fixture.freed);
    }

    @Test
    void buffersSendTheirRemainingBytesWithoutMovingTheirPosition() {
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3).slice();
        heap.position(1);
        ByteBuffer direct =
                ByteBuffer.allocateDirect(4).put(new byte[] {5, 6, 7, 8}).flip();
        direct.position(2);
        CallBoundary call = boundary.enter();
        try {
            assertArrayEquals(
                    new byte[] {2, 3},
                    call.take(SliceType.BYTES, call.call(COPY, call.lend(SliceType.BUFFER, heap, "heap"), 1)));
            assertArrayEquals(
                    new byte[] {7, 8},
                    call.take(SliceType.BYTES, call.call(COPY, call.lend(SliceType.BUFFER, direct, "direct"), 1)));
            ByteBuffer taken = call.take(
                    SliceType.BUFFER, call.call(COPY, call.lend(SliceType.BUFFER, direct.asReadOnlyBuffer(), "ro"), 1));
            assertEquals(0, taken.position());
            assertEquals(ByteBuffer.wrap(new byte[] {7, 8}), taken);
        } finally {
            call.exit();
        }
        assertEquals(1, heap.position());
        assertEquals(2, direct.position());
    }

    @Test
    void bigArraysCrossInBulk() {
        int[] big = new int[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 31;
        }
        assertArrayEquals(
                big, roundTrip(c -> c.lend(SliceType.INTS, big, "big"), 4, (c, s) -> c.take(SliceType.INTS, s)));
        double[] doubles = new double[300_000];
        java.util.Arrays.setAll(doubles, i -> i / 3.0);
        assertArrayEquals(
                doubles,
                roundTrip(
                        c -> c.lend(SliceType.DOUBLES, doubles, "doubles"), 8, (c, s) -> c.take(SliceType.DOUBLES, s)));
    }

    @Test
    void encodedValuesCrossAndAreFreed() {
        Codec<List<Optional<String>>> codec = Codecs.list(Codecs.optional(Codecs.STRING));
        List<Optional<String>> value = List.of(Optional.of("a"), Optional.empty(), Optional.of("grüße"));
        assertEquals(value, roundTrip(c -> c.lendEncoded(codec, value, "value"), 1, (c, s) -> c.takeEncoded(codec, s)));
        assertEquals(2, fixture.freed.size());
        assertTrue(fixture.freed.stream().allMatch(b -> b.align() == 1));
    }

    @Test
    void encodedImportParameterAndResult() {
        Codec<List<Integer>> codec = Codecs.list(Codecs.INT);
        fixture.transform = (b, args) -> {
            List<Integer> in = b.readEncoded(codec, args[0]);
            return new long[] {b.giveEncoded(codec, in.stream().map(i -> i * 10).toList(), "the result")};
        };
        assertEquals(List.of(10, 20), roundTripVia(codec, List.of(1, 2)));
    }

    private <T> T roundTripVia(Codec<T> codec, T value) {
        CallBoundary call = boundary.enter();
        try {
            return call.takeEncoded(codec, call.call(VIA_IMPORT, call.lendEncoded(codec, value, "value")));
        } finally {
            call.exit();
        }
    }

    @Test
    void malformedResultIsRefusedAndStillFreed() {
        CallBoundary call = boundary.enter();
        try {
            long bad = call.call(COPY, call.lend(SliceType.BYTES, new byte[] {2, 0, 0, 0, 1}, "bytes"), 1);
            WasmBridgeException e =
                    assertThrows(WasmBridgeException.class, () -> call.takeEncoded(Codecs.list(Codecs.BOOLEAN), bad));
            assertTrue(e.getMessage().startsWith("Malformed value from Rust: "), e.getMessage());
            assertTrue(fixture.freed.contains(block(bad, 1)), "freed although malformed");
            long leftOver = call.call(COPY, call.lend(SliceType.BYTES, new byte[] {1, 0, 0, 0, 7}, "bytes"), 1);
            e = assertThrows(WasmBridgeException.class, () -> call.takeEncoded(Codecs.INT, leftOver));
            assertTrue(e.getMessage().contains("1 bytes are left over"), e.getMessage());
            long badUtf8 =
                    call.call(COPY, call.lend(SliceType.BYTES, new byte[] {1, 0, 0, 0, (byte) 0xC0}, "bytes"), 1);
            e = assertThrows(WasmBridgeException.class, () -> call.readEncoded(Codecs.STRING, badUtf8));
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
            assertFalse(boundary.isTerminated());
        } finally {
            call.exit();
        }
    }

    @Test
    void nullsNameTheArgument() {
        CallBoundary call = boundary.enter();
        try {
            NullPointerException e = assertThrows(
                    NullPointerException.class,
                    () -> call.lendEncoded(Codecs.optional(Codecs.STRING), null, "argument 'label' of Geo.tag"));
            assertTrue(e.getMessage().startsWith("argument 'label' of Geo.tag is null"), e.getMessage());
            e = assertThrows(
                    NullPointerException.class,
                    () -> call.lendEncoded(
                            Codecs.list(Codecs.STRING),
                            java.util.Arrays.asList("a", null),
                            "argument 'names' of Geo.tag"));
            assertTrue(
                    e.getMessage().startsWith("argument 'names' of Geo.tag: element 1 of a List in the value is null"),
                    e.getMessage());
            e = assertThrows(
                    NullPointerException.class,
                    () -> call.giveEncoded(
                            CodecsTest.POINT, new CodecsTest.Point(1, 2, null), "the result of Host.point"));
            assertTrue(
                    e.getMessage().startsWith("the result of Host.point: a String in the value is null"),
                    e.getMessage());
            e = assertThrows(
                    NullPointerException.class, () -> call.lend(SliceType.INTS, null, "argument 'xs' of Stats.sum"));
            assertTrue(
                    e.getMessage().startsWith("argument 'xs' of Stats.sum is null, but the Rust side takes a int[]"),
                    e.getMessage());
            assertThrows(NullPointerException.class, () -> call.lend(SliceType.BUFFER, null, "buffer"));
            assertThrows(NullPointerException.class, () -> call.give(SliceType.DOUBLES, null, "doubles"));
            IllegalArgumentException bad = assertThrows(
                    IllegalArgumentException.class,
                    () -> call.lendEncoded(
                            Codecs.list(Codecs.STRING), List.of("\uD800"), "argument 'names' of Geo.tag"));
            assertTrue(
                    bad.getMessage()
                            .startsWith("argument 'names' of Geo.tag: a String in the value holds an unpaired"
                                    + " surrogate"),
                    bad.getMessage());
        } finally {
            call.exit();
        }
        assertTrue(fixture.allocated.isEmpty(), "nothing allocated for a refused value");
    }

    @Test
    void outOfMemoryNamesTheArgumentAndTheInstanceStaysLive() {
        BoundaryFixture.call(boundary, SET_MALLOC_FAILS, 1);
        CallBoundary call = boundary.enter();
        try {
            WasmBridgeException e = assertThrows(
                    WasmBridgeException.class,
                    () -> call.lend(SliceType.LONGS, new long[3], "argument 'xs' of Stats.sum"));
            assertTrue(
                    e.getMessage()
                            .contains("could not allocate 24 bytes for argument 'xs' of Stats.sum: it is out"
                                    + " of memory"),
                    e.getMessage());
        } finally {
            call.exit();
        }
        assertFalse(boundary.isTerminated());
    }
}
