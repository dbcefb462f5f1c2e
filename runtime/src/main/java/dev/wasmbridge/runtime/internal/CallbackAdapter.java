package dev.wasmbridge.runtime.internal;

/**
 * Runs a Java callback object for Rust (docs/ABI.md, "Callbacks"): reads the arguments Rust encoded, calls
 * the object, writes its result. Generated code makes one per callback argument of an export call; see
 * {@link CallBoundary#lendCallback}.
 */
@FunctionalInterface
public interface CallbackAdapter {
    /**
     * @param arguments the arguments, in the value encoding; the adapter reads them all and calls {@link
     *     ValueReader#finish()}
     * @param result where to write the result in the value encoding (nothing for {@code void})
     */
    void invoke(ValueReader arguments, ValueWriter result);
}
