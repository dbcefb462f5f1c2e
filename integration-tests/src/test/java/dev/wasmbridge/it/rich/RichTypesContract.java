package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustErrorException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rich type of ABI 2, both ways, against the Rust rich fixture; run on the exnref and legacy builds. */
abstract class RichTypesContract {
    private RecordingRichHost host;
    private RichFixture rust;

    /** Binds the flavour under test. */
    abstract RichFixture create(RichHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingRichHost();
        rust = create(host);
    }

    @Test
    void unsignedIntegersKeepTheirBits() {
        assertEquals(0, rust.u32Add(-1, 1), "u32::MAX + 1 wraps to 0");
        assertEquals(3_000_000_000L, Integer.toUnsignedLong(rust.u32Add((int) 2_000_000_000L, 1_000_000_000)));
        assertEquals("18446744073709551615", Long.toUnsignedString(rust.u64Max()));
        assertEquals(Long.MAX_VALUE, rust.u64Half(-1L), "u64::MAX / 2");
        assertEquals((byte) 0, rust.u8Next((byte) 255));
        assertEquals(200, Byte.toUnsignedInt(rust.u8Next((byte) 199)));
        assertEquals(40_000, Short.toUnsignedInt(rust.u16Next((short) 39_999)));
        assertEquals((short) 0, rust.u16Next((short) 0xFFFF));
    }

    @Test
    void smallSignedIntegers() {
        assertEquals((byte) -5, rust.i8Neg((byte) 5));
        assertEquals(Byte.MIN_VALUE, rust.i8Neg(Byte.MIN_VALUE), "wrapping_neg of i8::MIN");
        assertEquals((short) 300, rust.i16Neg((short) -300));
        assertEquals(Short.MIN_VALUE, rust.i16Neg(Short.MIN_VALUE));
    }

    @Test
    void numericArraysBothWays() {
        assertEquals(6L + Integer.MAX_VALUE, rust.intsSum(new int[] {1, 2, 3, Integer.MAX_VALUE}));
        assertEquals(0L, rust.intsSum(new int[0]));
        assertArrayEquals(new int[] {2, -4, 0}, rust.intsDoubled(new int[] {1, -2, Integer.MIN_VALUE}));
        assertArrayEquals(new int[0], rust.intsDoubled(new int[0]));
        assertArrayEquals(new int[] {0, 1, 2, 3}, rust.intsRange(4));
        assertArrayEquals(new int[0], rust.intsRange(-3));
        assertArrayEquals(
                new long[] {Long.MIN_VALUE, 2, Long.MAX_VALUE},
                rust.longsReversed(new long[] {Long.MAX_VALUE, 2, Long.MIN_VALUE}));
        assertArrayEquals(new float[] {1.5f, -3f}, rust.floatsScaled(new float[] {0.5f, -1f}, 3f));
        assertArrayEquals(new double[] {1, 3, 6, 10}, rust.doublesPrefixSums(new double[] {1, 2, 3, 4}));
        assertArrayEquals(
                new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE},
                rust.shortsEcho(new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE}));
        int[] big = new int[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        assertEquals(99_999L * 100_000 / 2, rust.intsSum(big));
    }

    @Test
    void byteBuffersSendTheirRemainingBytesWithoutMovingThePosition() {
        ByteBuffer input = ByteBuffer.wrap("xxhello".getBytes(StandardCharsets.US_ASCII));
        input.position(2);
        ByteBuffer output = rust.bytesXor(input, (byte) 0x20);
        assertEquals(2, input.position());
        assertEquals("HELLO", StandardCharsets.US_ASCII.decode(output).toString());
        assertEquals(0, rust.bytesXor(ByteBuffer.allocate(0), (byte) 1).remaining());
        ByteBuffer direct =
                ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, (byte) 0xF0}).flip();
        assertEquals(ByteBuffer.wrap(new byte[] {(byte) 0xFE, (byte) 0xFD, 0x0F}), rust.bytesXor(direct, (byte) 0xFF));
    }

    @Test
    void optionalsOfEveryKind() {
        assertEquals(OptionalInt.of(42), rust.optIntDouble(OptionalInt.of(21)));
        assertEquals(OptionalInt.empty(), rust.optIntDouble(OptionalInt.empty()));
        assertEquals(OptionalLong.of(Long.MIN_VALUE), rust.optLongEcho(OptionalLong.of(Long.MIN_VALUE)));
        assertEquals(OptionalLong.empty(), rust.optLongEcho(OptionalLong.empty()));
        assertEquals(OptionalDouble.of(-0.0), rust.optDoubleEcho(OptionalDouble.of(-0.0)));
        assertEquals(OptionalDouble.empty(), rust.optDoubleEcho(OptionalDouble.empty()));
        assertEquals(Optional.of("ÉTÉ ☀"), rust.optStringUpper(Optional.of("été ☀")));
        assertEquals(Optional.of(""), rust.optStringUpper(Optional.of("")), "Some(\"\") is not None");
        assertEquals(Optional.empty(), rust.optStringUpper(Optional.empty()));
        assertEquals(Optional.of(-1), rust.optU32Echo(Optional.of(-1)), "u32::MAX");
        assertEquals(Optional.empty(), rust.optU32Echo(Optional.empty()));
        assertEquals(Optional.of(6), rust.findWord("hello world", "world"));
        assertEquals(Optional.of(4), rust.findWord("día uno", " uno"), "a byte index, not a char index");
        assertEquals(Optional.empty(), rust.findWord("hello", "bye"));
        assertEquals(Optional.of(new Point(2, -2)), rust.optPoint(2));
        assertEquals(Optional.empty(), rust.optPoint(-1));
        assertEquals(Optional.of(List.of("a", "b")), rust.optWords(Optional.of(" a  b ")));
        assertEquals(Optional.of(List.of()), rust.optWords(Optional.of("   ")));
        assertEquals(Optional.empty(), rust.optWords(Optional.empty()));
    }

    @Test
    void nullOptionalIsRefusedNamingTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.optStringUpper(null));
        assertTrue(e.getMessage().contains("argument 'x' of RichFixture.optStringUpper"), e.getMessage());
    }

    @Test
    void resultErrorsBecomeExceptionsWithRustsDisplayText() {
        assertEquals(-1234L, rust.parseInt("-1234"));
        RustErrorException e = assertThrows(RustErrorException.class, () -> rust.parseInt("12x"));
        assertEquals("invalid digit found in string", e.getMessage());
        assertTrue(e.errorType().endsWith("ParseIntError"), e.errorType());
        assertEquals("parse_int", e.exportName());
        assertEquals(7L, rust.parseInt("7"), "the instance stays usable after an Err");
        rust.validate("ok");
        assertEquals(
                "name is empty",
                assertThrows(RustErrorException.class, () -> rust.validate("")).getMessage());
        assertEquals(Color.GREEN, rust.parseColor("GREEN"));
        assertEquals(
                "unknown color: mauve",
                assertThrows(RustErrorException.class, () -> rust.parseColor("mauve"))
                        .getMessage());
    }

    @Test
    void aDeclaredExceptionReplacesRustErrorException() throws Exception {
        assertEquals(3.0, rust.checkedSqrt(9));
        NegativeInputException e = assertThrows(NegativeInputException.class, () -> rust.checkedSqrt(-4));
        assertEquals("negative input: -4", e.getMessage());
        assertTrue(e.getCause() instanceof RustErrorException);
    }

    @Test
    void enumsCrossByDiscriminantNotOrdinal() {
        assertEquals(Color.GREEN, rust.nextColor(Color.RED));
        assertEquals(Color.BLUE, rust.nextColor(Color.GREEN));
        assertEquals(Color.RED, rust.nextColor(Color.BLUE));
        assertEquals("blue", rust.colorName(Color.BLUE));
        assertEquals(List.of(Color.RED, Color.GREEN, Color.BLUE), rust.allColors());
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.colorName(null));
        assertTrue(e.getMessage().contains("argument 'c' of RichFixture.colorName"), e.getMessage());
    }

    @Test
    void listsOfStringsAndRecords() {
        assertEquals(List.of("zwölf", "Äpfel", "🍎"), rust.splitWords(" zwölf Äpfel\t🍎 "));
        assertEquals(List.of(), rust.splitWords(""));
        assertEquals("a, b, c", rust.joinWords(List.of("a", "b", "c"), ", "));
        assertEquals("", rust.joinWords(List.of(), "-"));
        assertEquals(Optional.of(new Point(2, 3)), rust.centroid(List.of(new Point(1, 2), new Point(3, 4))));
        assertEquals(Optional.empty(), rust.centroid(List.of()));
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> rust.joinWords(java.util.Arrays.asList("a", null), ","));
        assertTrue(e.getMessage().contains("argument 'words' of RichFixture.joinWords"), e.getMessage());
    }

    @Test
    void recordsAreCopiedByValue() {
        assertEquals(new Point(4, 6), rust.pointAdd(new Point(1, 2), new Point(3, 4)));
        assertEquals(5.0, rust.pointLen(new Point(3, 4)));
        Labeled labeled = new Labeled(Color.BLUE, "naïve", new Point(1.5, -2), List.of("x", "", "ü"), Optional.of(-1));
        assertEquals(labeled, rust.labeledEcho(labeled));
        Labeled bare = new Labeled(Color.RED, "", new Point(0, 0), List.of(), Optional.empty());
        assertEquals(bare, rust.labeledEcho(bare));
        assertEquals("naïve@(1.5,-2) tags=x||ü weight=Some(4294967295) color=Blue", rust.describeLabeled(labeled));
    }

    @Test
    void importsReceiveAndReturnRichTypes() {
        assertArrayEquals(new int[] {2, 3}, rust.callHostInts(new int[] {1, 2}));
        assertArrayEquals(new int[0], rust.callHostInts(new int[0]));
        assertEquals(Optional.of("[x]"), rust.callHostOpt(Optional.of("x")));
        assertEquals(Optional.empty(), rust.callHostOpt(Optional.empty()));
        assertEquals(new Point(2, 1), rust.callHostPoint(new Point(1, 2)));
        assertEquals(Color.RED, rust.callHostColor(Color.BLUE));
        assertEquals(Color.BLUE, rust.callHostColor(Color.GREEN));
        assertEquals(List.of("c", "b", "a"), rust.callHostWords(List.of("a", "b", "c")));
        assertEquals(0x7FFF_FFFF, rust.callHostU32(-1));
        assertArrayEquals(new double[] {-1.5, 2}, rust.callHostDoubles(new double[] {1.5, -2}));
        assertEquals(
                List.of(Color.BLUE, Color.GREEN), host.received.subList(5, 7), "the host saw the enums Rust passed");
    }

    @Test
    void hostReturningNullForAnImportIsAnError() {
        RichFixture broken = create(new RecordingRichHost() {
            @Override
            public Point hostPoint(Point p) {
                return null;
            }
        });
        NullPointerException e = assertThrows(NullPointerException.class, () -> broken.callHostPoint(new Point(1, 1)));
        assertTrue(e.getMessage().contains("hostPoint"), e.getMessage());
        assertEquals(new Point(1, 2), broken.pointAdd(new Point(0, 1), new Point(1, 1)), "the instance is still live");
    }
}
