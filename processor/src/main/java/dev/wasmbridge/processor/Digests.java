package dev.wasmbridge.processor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digest the bindings record of the module they were checked against. */
final class Digests {
    private Digests() {}

    /** SHA-256 of {@code bytes} in lower-case hex: the same as {@code sha256sum} prints. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
