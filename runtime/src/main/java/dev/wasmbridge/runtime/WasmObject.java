package dev.wasmbridge.runtime;

/**
 * A Rust object seen from Java: a value that lives in the memory of a Wasm instance (a type declared with
 * {@code wasmbridge::class!}, docs/ABI.md "Classes"). A {@code @WasmClass} interface extends it, and
 * the generated bindings implement it.
 *
 * <p>Close it when done, best with try-with-resources. An object that is garbage collected without being
 * closed is dropped too, but later: at the start of the next call on its instance.
 */
public interface WasmObject extends AutoCloseable {
    /**
     * Drops the Rust value now and frees its memory. Idempotent, and never throws: closing an object that is
     * already closed, was moved into Rust, belongs to an instance that was reset ({@linkplain
     * WasmBindings#resetState() stale}) or terminated by an abort does nothing. Any later use of the object
     * throws {@link ClosedObjectException}.
     */
    @Override
    void close();
}
