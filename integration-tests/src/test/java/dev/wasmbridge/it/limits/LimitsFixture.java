package dev.wasmbridge.it.limits;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The exports of integration-tests/rust/limits-fixture: memory that grows without bound or stays until a
 * reset, calls nested through Java, and the checked workloads of the soak test. Bound per build flavour by
 * {@link LimitsFixtureExnref}, {@link LimitsFixtureLegacy} and {@link LimitsFixtureAbort}.
 */
public interface LimitsFixture extends WasmBindings {
    /** Allocates and writes {@code bytes} bytes, frees them; returns {@code bytes}. */
    @WasmExport
    @Unsigned
    int allocate(@Unsigned int bytes);

    /** Keeps {@code bytes} more bytes until a reset; returns the bytes kept so far. */
    @WasmExport
    @Unsigned
    long keep(@Unsigned int bytes);

    /** Keeps blocks of {@code chunk} bytes until an allocation fails: never returns. */
    @WasmExport
    @Unsigned
    int leakForever(@Unsigned int chunk);

    /** Pushes onto a vector that doubles until an allocation fails: never returns. */
    @WasmExport
    @Unsigned
    int growVectorForever();

    /** {@code depth} calls nested through {@link LimitsHost#hostNest}; returns {@code depth}. */
    @WasmExport
    @Unsigned
    int nest(@Unsigned int depth);

    /** FNV-1a over {@code data} from {@code seed}. */
    @WasmExport
    @Unsigned
    long mix(byte[] data, @Unsigned long seed);

    /** {@link #mix}, or a panic naming the seed. */
    @WasmExport
    @Unsigned
    long mixOrPanic(byte[] data, @Unsigned long seed, boolean panic);

    /** The words of {@code text} in reverse order. */
    @WasmExport
    String reverseWords(String text);

    /** {@link LimitsHost#hostCheck}{@code (value) + 1}. */
    @WasmExport
    long viaHost(long value);

    /** Wasm's {@code unreachable}. */
    @WasmExport
    int trap();
}
