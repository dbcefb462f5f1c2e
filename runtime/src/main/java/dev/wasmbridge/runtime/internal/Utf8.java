package dev.wasmbridge.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 as docs/ABI.md wants it: exact in both directions, never a replacement character. */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;

    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /**
     * Encodes {@code text}, refusing an unpaired surrogate, which UTF-8 (and Rust's {@code str}) cannot
     * hold: Java's own encoder would silently turn it into {@code '?'}.
     */
    static byte[] encode(String text, String what) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        // The JDK's encoder writes '?' for an unpaired surrogate: without a '?' there is none, and the
        // character-by-character search below is only needed for text that holds a '?'.
        int bad = contains(utf8, (byte) '?') ? unpairedSurrogate(text) : -1;
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " holds an unpaired surrogate (\\u"
                    + String.format("%04X", (int) text.charAt(bad)) + ") at index " + bad
                    + "; Rust strings must be valid Unicode. Fix the string or pass the bytes as"
                    + " byte[].");
        }
        return utf8;
    }

    /**
     * Whether {@code bytes} holds {@code b}: eight bytes at a time (a zero byte in {@code word ^ pattern}),
     * four words between tests, so that a long run of text costs few branches.
     */
    static boolean contains(byte[] bytes, byte b) {
        long pattern = ONES * (b & 0xFF);
        int i = 0;
        for (int end = bytes.length - 4 * Long.BYTES; i <= end; i += 4 * Long.BYTES) {
            long w0 = (long) LONGS.get(bytes, i) ^ pattern;
            long w1 = (long) LONGS.get(bytes, i + 8) ^ pattern;
            long w2 = (long) LONGS.get(bytes, i + 16) ^ pattern;
            long w3 = (long) LONGS.get(bytes, i + 24) ^ pattern;
            long zeros = ((w0 - ONES) & ~w0) | ((w1 - ONES) & ~w1) | ((w2 - ONES) & ~w2) | ((w3 - ONES) & ~w3);
            if ((zeros & HIGH_BITS) != 0) {
                return true;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return true;
            }
        }
        return false;
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
        return StandardCharsets.UTF_8
                .newDecoder()
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
