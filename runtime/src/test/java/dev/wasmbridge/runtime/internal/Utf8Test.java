package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Utf8#encode}: the JDK's encoding, but an unpaired surrogate is refused instead of becoming '?'. */
class Utf8Test {
    @Test
    void containsFindsTheByteAtEveryPositionOfEveryLength() {
        for (int length = 0; length <= 80; length++) { // two blocks of 32, and every tail
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (0x40 + i); // never '?' (0x3F)
            }
            assertFalse(Utf8.contains(bytes, (byte) '?'), "length " + length);
            for (int at = 0; at < length; at++) {
                byte[] with = bytes.clone();
                with[at] = '?';
                assertTrue(Utf8.contains(with, (byte) '?'), "length " + length + ", at " + at);
            }
        }
        // bytes one off the pattern, and high bytes, must not look like it
        assertFalse(Utf8.contains(
                new byte[] {0x3E, 0x40, (byte) 0xBF, (byte) 0xFF, 0x3E, 0x40, (byte) 0xBF, 0}, (byte) '?'));
        assertTrue(Utf8.contains(
                new byte[] {
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF
                },
                (byte) 0xFF));
    }

    @Test
    void validTextIsTheJdksEncodingQuestionMarksIncluded() {
        for (String text :
                new String[] {"", "plain", "what?", "?", "??????????", "é?ü", "emoji \uD83D\uDE00?", "日本語"}) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Utf8.encode(text, "text"), text);
        }
    }

    @Test
    void anUnpairedSurrogateIsRefusedWhereverItIs() {
        String[] texts = {
            "\uD800", "a\uDC00", "abcdefghij\uD83D", "\uDE00\uD83D", "ok?\uD800 later", "long prefix ????????\uDFFF"
        };
        int[] at = {0, 1, 10, 0, 3, 20};
        for (int i = 0; i < texts.length; i++) {
            int index = i;
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Utf8.encode(texts[index], "argument 'text' of Test.f"),
                    texts[i]);
            assertTrue(e.getMessage().contains("at index " + at[i]), e.getMessage());
            assertTrue(
                    e.getMessage().startsWith("argument 'text' of Test.f holds an unpaired surrogate"), e.getMessage());
        }
    }

    @Test
    void unpairedSurrogateReportsTheFirstOne() {
        assertEquals(-1, Utf8.unpairedSurrogate("a\uD83D\uDE00b"));
        assertEquals(3, Utf8.unpairedSurrogate("a\uD83D\uDE00\uD83Db"), "after the pair at 1 and 2");
    }
}
