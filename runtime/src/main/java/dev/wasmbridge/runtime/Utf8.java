package dev.wasmbridge.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 as docs/ABI.md wants it: exact in both directions, never a replacement character. */
final class Utf8 {
    private Utf8() {}

    /**
     * Encodes {@code text}, refusing an unpaired surrogate, which UTF-8 (and Rust's {@code str}) cannot
     * hold: Java's own encoder would silently turn it into {@code '?'}.
     */
    static byte[] encode(String text, String what) {
        int bad = unpairedSurrogate(text);
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    what + " holds an unpaired surrogate (\\u"
                            + String.format("%04X", (int) text.charAt(bad)) + ") at index " + bad
                            + "; Rust strings must be valid Unicode. Fix the string or pass the bytes as"
                            + " byte[].");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String decode(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Decodes {@code length} bytes of {@code utf8} from {@code offset}, refusing malformed UTF-8 instead of
     * replacing it with U+FFFD.
     *
     * @throws CharacterCodingException if the bytes are not valid UTF-8
     */
    static String decodeStrict(byte[] utf8, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8, offset, length))
                .toString();
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
