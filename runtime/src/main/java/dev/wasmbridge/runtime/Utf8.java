package dev.wasmbridge.runtime;

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
