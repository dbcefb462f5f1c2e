package dev.wasmbridge.runtime.internal;

/** Rethrows a Java import's exception, checked or not, exactly as it was thrown. */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
