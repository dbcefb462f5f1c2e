package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmBridgeException;

/**
 * Writes and reads values of one Java type in the value encoding of docs/ABI.md ("Encoded values"), the
 * form in which {@code Option}s, lists and records cross the boundary. {@link Codecs} has the codecs of
 * the built-in types and combines them; generated bindings add one per {@code @WasmRecord} and {@code
 * @WasmEnum}, made with {@link Codecs#of}.
 *
 * @param <T> the Java type
 */
public interface Codec<T> {
    /**
     * Appends the encoding of {@code value} to {@code out}.
     *
     * @throws NullPointerException if {@code value}, or a value inside it (a list element, a record
     *     component), is null: Rust values cannot hold null, an absent value is an empty {@code Optional}
     * @throws IllegalArgumentException if a string inside {@code value} holds an unpaired surrogate
     */
    void write(T value, ValueWriter out);

    /**
     * Reads one value from {@code in}, never null.
     *
     * @throws WasmBridgeException if the bytes are not a valid encoding of the type (the message starts with
     *     {@value ValueReader#MALFORMED})
     */
    T read(ValueReader in);
}
