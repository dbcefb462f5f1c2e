package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The value encoding of docs/ABI.md: exact bytes, round trips, and every malformed input refused clearly. */
class CodecsTest {
    /** What a generated record codec looks like. */
    record Point(double x, double y, String label) {}

    static final Codec<Point> POINT = Codecs.of(
            (p, out) -> {
                out.writeDouble(p.x());
                out.writeDouble(p.y());
                Codecs.STRING.write(p.label(), out);
            },
            in -> new Point(in.readDouble(), in.readDouble(), in.readString()));

    /** What a generated enum codec looks like: discriminants from the signatures section, not ordinals. */
    enum Color {
        RED(0),
        GREEN(1),
        BLUE(7);

        final int discriminant;

        Color(int discriminant) {
            this.discriminant = discriminant;
        }
    }

    static final Codec<Color> COLOR = Codecs.of((c, out) -> out.writeInt(c.discriminant), in -> {
        int d = in.readInt();
        return Arrays.stream(Color.values())
                .filter(c -> c.discriminant == d)
                .findFirst()
                .orElseThrow(() -> in.malformed(d + " is not a discriminant of enum Color"));
    });

    static <T> byte[] encode(Codec<T> codec, T value) {
        ValueWriter out = new ValueWriter();
        codec.write(value, out);
        return out.toByteArray();
    }

    static <T> T decode(Codec<T> codec, byte[] bytes) {
        ValueReader in = new ValueReader(bytes);
        T value = codec.read(in);
        in.finish();
        return value;
    }

    static <T> T roundTrip(Codec<T> codec, T value) {
        return decode(codec, encode(codec, value));
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static void assertMalformed(Executable read, String detail) {
        WasmBridgeException e = assertThrows(WasmBridgeException.class, read);
        assertTrue(e.getMessage().startsWith("Malformed value from Rust: "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void scalarsAreLittleEndianWithoutPadding() {
        assertArrayEquals(bytes(1), encode(Codecs.BOOLEAN, true));
        assertArrayEquals(bytes(0), encode(Codecs.BOOLEAN, false));
        assertArrayEquals(bytes(0xFE), encode(Codecs.BYTE, (byte) -2));
        assertArrayEquals(bytes(0x34, 0x12), encode(Codecs.SHORT, (short) 0x1234));
        assertArrayEquals(bytes(0x78, 0x56, 0x34, 0x12), encode(Codecs.INT, 0x12345678));
        assertArrayEquals(bytes(8, 7, 6, 5, 4, 3, 2, 1), encode(Codecs.LONG, 0x0102030405060708L));
        assertArrayEquals(bytes(0, 0, 0x80, 0x3F), encode(Codecs.FLOAT, 1.0f));
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0xF0, 0x3F), encode(Codecs.DOUBLE, 1.0));
    }

    @Test
    void scalarRoundTrips() {
        for (boolean b : new boolean[] {true, false}) {
            assertEquals(b, roundTrip(Codecs.BOOLEAN, b));
        }
        for (byte b : new byte[] {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE}) {
            assertEquals(b, roundTrip(Codecs.BYTE, b));
        }
        for (short s : new short[] {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE}) {
            assertEquals(s, roundTrip(Codecs.SHORT, s));
        }
        for (int i : new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}) {
            assertEquals(i, roundTrip(Codecs.INT, i));
        }
        for (long l : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}) {
            assertEquals(l, roundTrip(Codecs.LONG, l));
        }
        assertEquals(-0.0f, roundTrip(Codecs.FLOAT, -0.0f));
        assertEquals(Double.MIN_VALUE, roundTrip(Codecs.DOUBLE, Double.MIN_VALUE));
    }

    @Test
    void nanPayloadsAreKept() {
        float nan = Float.intBitsToFloat(0x7FC0_1234);
        assertEquals(0x7FC0_1234, Float.floatToRawIntBits(roundTrip(Codecs.FLOAT, nan)));
        double dnan = Double.longBitsToDouble(0x7FF8_0000_DEAD_BEEFL);
        assertEquals(0x7FF8_0000_DEAD_BEEFL, Double.doubleToRawLongBits(roundTrip(Codecs.DOUBLE, dnan)));
    }

    @Test
    void stringsAreALengthThenUtf8() {
        assertArrayEquals(bytes(3, 0, 0, 0, 'a', 0xC3, 0xA9), encode(Codecs.STRING, "aé"));
        assertArrayEquals(bytes(0, 0, 0, 0), encode(Codecs.STRING, ""));
        for (String s : List.of("", "hello", "grüße", "日本語", "emoji \uD83D\uDE00 pair", "nul \0 inside")) {
            assertEquals(s, roundTrip(Codecs.STRING, s));
        }
    }

    @Test
    void unpairedSurrogateIsRefusedNotReplaced() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> encode(Codecs.STRING, "bad \uD800 here"));
        assertTrue(e.getMessage().contains("unpaired surrogate (\\uD800) at index 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encode(Codecs.list(Codecs.STRING), List.of("ok", "\uDC00")));
    }

    @Test
    void bytesAreALengthThenTheBytes() {
        assertArrayEquals(bytes(2, 0, 0, 0, 9, 0xFF), encode(Codecs.BYTES, bytes(9, 0xFF)));
        assertArrayEquals(bytes(0, 0, 0, 0), encode(Codecs.BYTES, new byte[0]));
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 42);
        assertArrayEquals(big, roundTrip(Codecs.BYTES, big));
    }

    @Test
    void optionsAreATagThenTheValue() {
        assertArrayEquals(bytes(0), encode(Codecs.optional(Codecs.INT), Optional.empty()));
        assertArrayEquals(bytes(1, 5, 0, 0, 0), encode(Codecs.optional(Codecs.INT), Optional.of(5)));
        assertArrayEquals(bytes(1, 5, 0, 0, 0), encode(Codecs.OPTIONAL_INT, OptionalInt.of(5)));
        assertArrayEquals(bytes(0), encode(Codecs.OPTIONAL_LONG, OptionalLong.empty()));
        assertEquals(OptionalInt.of(-3), roundTrip(Codecs.OPTIONAL_INT, OptionalInt.of(-3)));
        assertEquals(OptionalInt.empty(), roundTrip(Codecs.OPTIONAL_INT, OptionalInt.empty()));
        assertEquals(OptionalLong.of(Long.MIN_VALUE), roundTrip(Codecs.OPTIONAL_LONG, OptionalLong.of(Long.MIN_VALUE)));
        assertEquals(OptionalLong.empty(), roundTrip(Codecs.OPTIONAL_LONG, OptionalLong.empty()));
        assertEquals(OptionalDouble.of(2.5), roundTrip(Codecs.OPTIONAL_DOUBLE, OptionalDouble.of(2.5)));
        assertEquals(OptionalDouble.empty(), roundTrip(Codecs.OPTIONAL_DOUBLE, OptionalDouble.empty()));
        Codec<Optional<Optional<String>>> nested = Codecs.optional(Codecs.optional(Codecs.STRING));
        assertArrayEquals(bytes(1, 0), encode(nested, Optional.of(Optional.empty())));
        assertEquals(Optional.of(Optional.of("x")), roundTrip(nested, Optional.of(Optional.of("x"))));
        assertEquals(Optional.of(Optional.empty()), roundTrip(nested, Optional.of(Optional.empty())));
        assertEquals(Optional.empty(), roundTrip(nested, Optional.empty()));
    }

    @Test
    void listsAreACountThenTheElements() {
        assertArrayEquals(bytes(2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0), encode(Codecs.list(Codecs.INT), List.of(1, 2)));
        assertArrayEquals(bytes(0, 0, 0, 0), encode(Codecs.list(Codecs.STRING), List.of()));
        List<String> strings = List.of("a", "", "ccc");
        assertEquals(strings, roundTrip(Codecs.list(Codecs.STRING), strings));
        List<List<Integer>> nested = List.of(List.of(), List.of(1), List.of(2, 3));
        assertEquals(nested, roundTrip(Codecs.list(Codecs.list(Codecs.INT)), nested));
        List<Optional<String>> options = List.of(Optional.of("x"), Optional.empty());
        assertEquals(options, roundTrip(Codecs.list(Codecs.optional(Codecs.STRING)), options));
    }

    @Test
    void listsAreReadUnmodifiable() {
        List<Integer> read = roundTrip(Codecs.list(Codecs.INT), List.of(1, 2, 3));
        assertThrows(UnsupportedOperationException.class, () -> read.add(4));
        assertThrows(UnsupportedOperationException.class, () -> read.set(0, 4));
    }

    @Test
    void bigListRoundTrips() {
        List<Long> longs = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            longs.add(i * 31);
        }
        assertEquals(longs, roundTrip(Codecs.list(Codecs.LONG), longs));
    }

    @Test
    void recordsAreTheirFieldsInOrder() {
        Point p = new Point(1.0, -2.0, "home");
        byte[] encoded = encode(POINT, p);
        assertEquals(8 + 8 + 4 + 4, encoded.length);
        assertEquals(p, decode(POINT, encoded));
        List<Point> points = List.of(p, new Point(0, 0, ""));
        assertEquals(points, roundTrip(Codecs.list(POINT), points));
        assertEquals(Optional.of(p), roundTrip(Codecs.optional(POINT), Optional.of(p)));
    }

    @Test
    void enumsAreTheirDiscriminant() {
        assertArrayEquals(bytes(7, 0, 0, 0), encode(COLOR, Color.BLUE));
        assertEquals(Color.GREEN, roundTrip(COLOR, Color.GREEN));
        assertMalformed(() -> decode(COLOR, bytes(2, 0, 0, 0)), "2 is not a discriminant of enum Color");
    }

    @Test
    void nullsInsideAValueAreRefused() {
        assertThrows(NullPointerException.class, () -> encode(Codecs.INT, null));
        assertThrows(NullPointerException.class, () -> encode(Codecs.STRING, null));
        assertThrows(NullPointerException.class, () -> encode(Codecs.BYTES, null));
        assertThrows(NullPointerException.class, () -> encode(Codecs.OPTIONAL_INT, null));
        assertThrows(NullPointerException.class, () -> encode(Codecs.optional(Codecs.INT), null));
        NullPointerException element = assertThrows(
                NullPointerException.class, () -> encode(Codecs.list(Codecs.STRING), Arrays.asList("a", null)));
        assertTrue(element.getMessage().startsWith("element 1 of a List in the value is null"), element.getMessage());
        NullPointerException component =
                assertThrows(NullPointerException.class, () -> encode(POINT, new Point(1, 2, null)));
        assertTrue(component.getMessage().startsWith("a String in the value is null"), component.getMessage());
        NullPointerException record =
                assertThrows(NullPointerException.class, () -> encode(Codecs.list(POINT), Arrays.asList((Point) null)));
        assertTrue(record.getMessage().contains("is null"), record.getMessage());
        assertThrows(NullPointerException.class, () -> encode(POINT, null));
    }

    @Test
    void tooFewBytes() {
        assertMalformed(
                () -> decode(Codecs.INT, bytes(1, 2, 3)), "expected an i32 (4 bytes) at byte 0, but only 3 are left");
        assertMalformed(() -> decode(Codecs.LONG, bytes()), "expected an i64");
        assertMalformed(() -> decode(Codecs.SHORT, bytes(1)), "expected an i16");
        assertMalformed(() -> decode(Codecs.BYTE, bytes()), "expected an i8");
        assertMalformed(() -> decode(Codecs.FLOAT, bytes(0, 0)), "expected an f32");
        assertMalformed(() -> decode(Codecs.DOUBLE, bytes(0, 0, 0, 0)), "expected an f64");
        assertMalformed(() -> decode(Codecs.BOOLEAN, bytes()), "expected a bool");
        assertMalformed(() -> decode(Codecs.OPTIONAL_INT, bytes(1, 0)), "expected an i32");
        assertMalformed(() -> decode(Codecs.OPTIONAL_INT, bytes()), "expected an Option tag");
        assertMalformed(() -> decode(Codecs.STRING, bytes(1, 0)), "expected the length of a String");
        assertMalformed(
                () -> decode(Codecs.STRING, bytes(5, 0, 0, 0, 'a', 'b')),
                "a String at byte 0 has 5 bytes, but only 2 are left");
        assertMalformed(
                () -> decode(Codecs.BYTES, bytes(3, 0, 0, 0, 1)),
                "a Vec<u8> at byte 0 has 3 bytes, but only 1 are left");
        assertMalformed(() -> decode(POINT, new byte[12]), "expected an f64 (8 bytes) at byte 8, but only 4 are left");
    }

    @Test
    void bytesLeftOver() {
        assertMalformed(
                () -> decode(Codecs.INT, bytes(1, 0, 0, 0, 9)),
                "1 bytes are left over after the value, which ended at byte 4");
        assertMalformed(() -> decode(Codecs.OPTIONAL_INT, bytes(0, 0)), "left over");
    }

    @Test
    void boolsAndTagsAreZeroOrOne() {
        assertMalformed(() -> decode(Codecs.BOOLEAN, bytes(2)), "a bool must be 0 or 1, but byte 0 is 2");
        assertMalformed(() -> decode(Codecs.BOOLEAN, bytes(0xFF)), "is 255");
        assertMalformed(
                () -> decode(Codecs.optional(Codecs.INT), bytes(2, 1, 0, 0, 0)), "an Option tag must be 0 or 1");
        assertMalformed(
                () -> decode(Codecs.OPTIONAL_DOUBLE, bytes(0x80)), "an Option tag must be 0 or 1, but byte 0 is 128");
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        assertMalformed(() -> decode(Codecs.STRING, bytes(1, 0, 0, 0, 0xFF)), "is not valid UTF-8");
        assertMalformed(() -> decode(Codecs.STRING, bytes(2, 0, 0, 0, 0xC3, 'a')), "is not valid UTF-8");
        // a surrogate encoded in UTF-8 (CESU style) is not valid UTF-8 either
        assertMalformed(() -> decode(Codecs.STRING, bytes(3, 0, 0, 0, 0xED, 0xA0, 0x80)), "is not valid UTF-8");
        // truncated multi-byte sequence at the end of the string (but not of the value)
        assertMalformed(
                () -> decode(Codecs.list(Codecs.STRING), bytes(2, 0, 0, 0, 1, 0, 0, 0, 0xE6, 0, 0, 0, 0)),
                "is not valid UTF-8");
    }

    @Test
    void countLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        assertMalformed(
                () -> decode(Codecs.list(Codecs.INT), bytes(0xFF, 0xFF, 0xFF, 0xFF)),
                "the Vec at byte 0 has 4294967295 elements, but only 0 bytes are left");
        assertMalformed(
                () -> decode(Codecs.list(Codecs.BOOLEAN), bytes(3, 0, 0, 0, 1, 0)), "has 3 elements, but only 2 bytes");
        assertMalformed(() -> decode(Codecs.list(Codecs.INT), bytes(2, 0, 0, 0, 1, 0, 0, 0)), "expected an i32");
        assertMalformed(
                () -> decode(Codecs.STRING, bytes(0xFF, 0xFF, 0xFF, 0x7F)),
                "has 2147483647 bytes, but only 0 are left");
    }

    @Test
    void readerNeverThrowsAnythingButMalformedOnGarbage() {
        java.util.Random random = new java.util.Random(42);
        Codec<List<Optional<Point>>> codec = Codecs.list(Codecs.optional(POINT));
        byte[] valid = encode(codec, List.of(Optional.of(new Point(1, 2, "ab")), Optional.empty()));
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            byte[] input = bytes;
            try {
                decode(codec, input);
            } catch (WasmBridgeException e) {
                assertTrue(e.getMessage().startsWith("Malformed value from Rust: "), e.getMessage());
            }
        }
    }

    @Test
    void writerRefusesNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new ValueWriter().writeCount(-1));
    }

    @Test
    void writerAndReaderPrimitivesAgree() {
        ValueWriter out = new ValueWriter();
        out.writeBoolean(true);
        out.writeByte((byte) -7);
        out.writeShort((short) -300);
        out.writeInt(123456789);
        out.writeLong(-5L);
        out.writeFloat(1.5f);
        out.writeDouble(-2.25);
        out.writeString("straße");
        out.writeBytes(bytes(1, 2, 3));
        out.writeCount(2);
        out.writeTag(false);
        out.writeTag(true);
        assertEquals(1 + 1 + 2 + 4 + 8 + 4 + 8 + (4 + 7) + (4 + 3) + 4 + 1 + 1, out.size());
        ValueReader in = new ValueReader(out.toByteArray());
        assertTrue(in.readBoolean());
        assertEquals(-7, in.readByte());
        assertEquals(-300, in.readShort());
        assertEquals(123456789, in.readInt());
        assertEquals(-5L, in.readLong());
        assertEquals(1.5f, in.readFloat());
        assertEquals(-2.25, in.readDouble());
        assertEquals("straße", in.readString());
        assertArrayEquals(bytes(1, 2, 3), in.readBytes());
        assertEquals(2, in.readCount());
        assertEquals(false, in.readTag());
        assertEquals(0, in.remaining() - 1);
        assertEquals(true, in.readTag());
        in.finish();
    }

    /** What a generated codec of a type that contains itself looks like: it reaches its own codec lazily. */
    record Tree(String label, List<Tree> children) {}

    static final Codec<Tree> TREE_SELF = Codecs.lazy(() -> CodecsTest.TREE);
    static final Codec<List<Tree>> TREES = Codecs.list(TREE_SELF);
    static final Codec<Tree> TREE = Codecs.of(
            (t, out) -> {
                Codecs.STRING.write(t.label(), out);
                TREES.write(t.children(), out);
            },
            in -> new Tree(in.readString(), TREES.read(in)));

    @Test
    void aLazyCodecLetsATypeContainItself() {
        Tree tree = new Tree("a", List.of(new Tree("b", List.of()), new Tree("c", List.of(new Tree("d", List.of())))));
        assertArrayEquals(
                bytes(
                        1, 0, 0, 0, 'a', 2, 0, 0, 0, 1, 0, 0, 0, 'b', 0, 0, 0, 0, 1, 0, 0, 0, 'c', 1, 0, 0, 0, 1, 0, 0,
                        0, 'd', 0, 0, 0, 0),
                encode(TREE, tree));
        assertEquals(tree, roundTrip(TREE, tree));
        assertMalformed(
                () -> decode(TREE, bytes(1, 0, 0, 0, 'a', 1, 0, 0, 0, 5)),
                "expected the length of a String (4 bytes) at byte 9, but only 1 are left");
    }
}
