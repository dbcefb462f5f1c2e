package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every ABI v1 type, both ways, through the generated bindings of the types fixture. Run once per build
 * flavour of the same Rust source: the results must not depend on it.
 */
abstract class TypesContract {
    private RecordingHost host;
    private TypesFixture rust;

    @BeforeEach
    void instantiate() {
        host = new RecordingHost();
        rust = create(host);
    }

    /** Binds the flavour under test. */
    abstract TypesFixture create(FixtureHost host);

    @Test
    void ints() {
        assertEquals(5, rust.add(2, 3));
        assertEquals(-1, rust.add(Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertEquals(Integer.MIN_VALUE, rust.add(Integer.MAX_VALUE, 1), "Rust's wrapping_add wraps");
        assertEquals(-7, rust.add(-3, -4));
    }

    @Test
    void longs() {
        assertEquals(6_000_000_000L, rust.mulLong(2, 3_000_000_000L));
        assertEquals(Long.MIN_VALUE, rust.mulLong(Long.MIN_VALUE, 1));
        assertEquals(-10L, rust.mulLong(-2, 5));
    }

    @Test
    void floatsAndDoubles() {
        assertEquals(1.25f, rust.half(2.5f));
        assertEquals(5.0, rust.hypotenuse(3.0, 4.0));
        assertEquals(Float.NEGATIVE_INFINITY, rust.half(Float.NEGATIVE_INFINITY));
        assertEquals(-0.0f, rust.identity(-0.0f));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(rust.identity(-0.0f)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fc00001, 0xffc12345, 0x7f800001, 0x00000001, 0x80000000})
    void floatBitsSurvive(int bits) {
        float value = Float.intBitsToFloat(bits);
        assertEquals(bits, Float.floatToRawIntBits(rust.identity(value)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7ff8000000000001L, 0xfff0000000000123L, 0x0000000000000001L, 0x8000000000000000L})
    void doubleBitsSurvive(long bits) {
        assertEquals(bits, Double.doubleToRawLongBits(rust.identity(Double.longBitsToDouble(bits))));
    }

    @Test
    void booleans() {
        assertFalse(rust.negate(true));
        assertTrue(rust.negate(false));
        assertTrue(rust.isPositive(7));
        assertFalse(rust.isPositive(-7));
        assertFalse(rust.isPositive(0));
    }

    @Test
    void voidExport() {
        rust.nothing();
    }

    @Test
    void strings() {
        assertEquals("Hello, Ferris!", rust.greet("Ferris"));
        assertEquals("", rust.echo(""));
        assertEquals("", rust.echoOwned(""));
        assertEquals("", rust.emptyString());
        assertEquals("ab", rust.concat("a", "b"));
        assertEquals("b", rust.concat("", "b"));
        assertEquals("xyxyxy", rust.repeat("xy", 3));
        assertEquals("", rust.repeat("xy", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"héllo wörld", "日本語のテキスト", "emoji 🦀🎉 and \uD83D\uDE00", "a\u0000b", "\u0301combining"})
    void nonAsciiStrings(String text) {
        assertEquals(text, rust.echo(text));
        assertEquals(text, rust.echoOwned(text));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, rust.strLen(text));
        assertEquals(text.codePointCount(0, text.length()), rust.charCount(text));
        assertEquals(
                new StringBuilder(text).reverse().toString().codePoints().count(),
                rust.reverse(text).codePoints().count());
    }

    @Test
    void reverseWorksOnCodePoints() {
        assertEquals("🦀ba", rust.reverse("ab🦀"));
    }

    @Test
    void oneMebibyteString() {
        StringBuilder builder = new StringBuilder(1 << 20);
        for (int i = 0; builder.length() < (1 << 20); i++) {
            builder.append((char) ('a' + i % 26)).append(i % 1000 == 0 ? "é" : "");
        }
        String big = builder.toString();
        assertEquals(big, rust.echo(big));
        assertEquals(big.getBytes(StandardCharsets.UTF_8).length, rust.strLen(big));
        String repeated = rust.repeat("0123456789abcdef", 1 << 16);
        assertEquals(1 << 20, repeated.length());
        assertTrue(repeated.startsWith("0123456789abcdef0123"));
    }

    @Test
    void bytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertEquals(255L * 256 / 2, rust.byteSum(all));
        assertEquals(0, rust.byteSum(new byte[0]));
        byte[] reversed = rust.bytesReversed(all);
        for (int i = 0; i < 256; i++) {
            assertEquals((byte) (255 - i), reversed[i]);
        }
        assertArrayEquals(all, rust.bytesOwned(all));
        assertArrayEquals(new byte[0], rust.bytesOwned(new byte[0]));
        assertArrayEquals(new byte[0], rust.bytesOfLen(0));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, rust.bytesOfLen(5));
    }

    @Test
    void oneMebibyteOfBytes() {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertArrayEquals(big, rust.bytesOwned(big));
        assertEquals(1 << 20, rust.bytesOfLen(1 << 20).length);
    }

    @Test
    void rustCallsJavaImportsOfEveryType() {
        assertEquals(1005, rust.callHostAdd(2, 3));
        rust.callHostLog("log from Rust: ünïcödé 🦀");
        rust.callHostLog("");
        assertEquals(List.of("log from Rust: ünïcödé 🦀", ""), host.logged);
        assertEquals("Java greets Ferris 🦀 (via Rust)", rust.callHostGreeting("Ferris 🦀"));
        assertEquals(List.of("Ferris 🦀"), host.greeted);
        assertArrayEquals(new byte[] {1, -2, 127, -128}, rust.callHostBytes(new byte[] {1, 127}));
        assertArrayEquals(new byte[0], rust.callHostBytes(new byte[0]));
        assertEquals(10 + 0.5 + 0.25, rust.callHostScalars(10, 0.5f, 0.25, true));
        assertEquals(10 - 0.5 - 0.25, rust.callHostScalars(10, 0.5f, 0.25, false));
    }

    @Test
    void javaImportReturnsEmptyAndLargeStrings() {
        host.greetingOverride = "";
        assertEquals(" (via Rust)", rust.callHostGreeting("x"));
        host.greetingOverride = "ß".repeat(300_000);
        assertEquals("ß".repeat(300_000) + " (via Rust)", rust.callHostGreeting("x"));
    }

    @Test
    void instanceKeepsStateBetweenCalls() {
        assertEquals(1, rust.counterNext());
        assertEquals(2, rust.counterNext());
        assertEquals(1, create(host).counterNext(), "a new instance starts afresh");
        assertEquals(3, rust.counterNext());
    }

    @Test
    void nullArgumentIsRefusedWithItsName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.greet(null));
        assertTrue(e.getMessage().contains("argument 'name' of TypesFixture.greet is null"), e.getMessage());
        NullPointerException bytes = assertThrows(NullPointerException.class, () -> rust.byteSum(null));
        assertTrue(bytes.getMessage().contains("argument 'bytes' of TypesFixture.byteSum"), bytes.getMessage());
        assertEquals("Hello, again!", rust.greet("again"), "the instance is still usable");
    }

    @Test
    void unpairedSurrogateIsRefusedNotReplaced() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> rust.echo("bad \uD800 surrogate"));
        assertTrue(e.getMessage().contains("unpaired surrogate (\\uD800) at index 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rust.echo("ends with \uD83D"));
        assertThrows(IllegalArgumentException.class, () -> rust.echo("\uDE00 low first"));
        assertEquals("ok", rust.echo("ok"));
    }

    @Test
    void factoryRefusesNullImports() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> create(null));
        assertTrue(e.getMessage().contains("FixtureHost"), e.getMessage());
    }
}
