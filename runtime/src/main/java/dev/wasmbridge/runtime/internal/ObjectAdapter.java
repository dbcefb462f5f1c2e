package dev.wasmbridge.runtime.internal;

/**
 * Runs a method of a Java object that Rust holds (docs/ABI.md, "Held Java objects"): a stored callback
 * (method 0, its one method) or an object of a {@code @WasmInterface} (its methods numbered in declaration
 * order). Reads the arguments Rust encoded, calls the object, writes its result. Generated code makes one per
 * object passed; see {@link CallBoundary#holdCallback} and {@link CallBoundary#holdObject}.
 */
@FunctionalInterface
public interface ObjectAdapter {
    /**
     * @param method the method's index
     * @param arguments the arguments, in the value encoding; the adapter reads them all and calls {@link
     *     ValueReader#finish()}
     * @param result where to write the result in the value encoding (nothing for {@code void})
     */
    void invoke(int method, ValueReader arguments, ValueWriter result);
}
