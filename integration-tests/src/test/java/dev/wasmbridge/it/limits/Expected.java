package dev.wasmbridge.it.limits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the limits fixture's workloads return, computed in Java without Rust. */
final class Expected {
    private Expected() {}

    /** The fixture's {@code mix}: FNV-1a over {@code data}, starting from {@code seed}. */
    static long mix(byte[] data, long seed) {
        long hash = seed;
        for (byte b : data) {
            hash = (hash ^ (b & 0xff)) * 0x0100_0000_01b3L;
        }
        return hash;
    }

    /** The fixture's {@code reverse_words}: the words (split at whitespace) in reverse order, one space apart. */
    static String reverseWords(String text) {
        List<String> words = new ArrayList<>(List.of(text.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        Collections.reverse(words);
        return String.join(" ", words);
    }
}
