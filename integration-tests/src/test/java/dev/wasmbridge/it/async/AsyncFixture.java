package dev.wasmbridge.it.async;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The exports of integration-tests/rust/async-fixture: Rust {@code async fn}s as {@code CompletableFuture}s.
 * Bound per build flavour by {@link AsyncFixtureExnref}, {@link AsyncFixtureLegacy} and {@link
 * AsyncFixtureAbort}.
 */
public interface AsyncFixture extends WasmBindings {
    /**
     * By {@code op % 5}: 0 {@code x * 3 + 1}; 1 an {@code Err} ({@link OddInputException}); 2 a panic; 3 {@code x
     * - 7} after yielding once; 4 {@link AsyncHost#later}{@code (x)} plus one, or its exception as an {@code Err}.
     */
    @WasmExport
    CompletableFuture<Long> compute(int op, long x) throws OddInputException;

    /** Never completes; cancelling it runs the Rust future's destructors. */
    @WasmExport
    CompletableFuture<Integer> forever(int tag);

    /** {@code "ok:" + text} of {@link AsyncHost#fetch}, or {@code "err:" + class + ":" + message} as Rust saw it. */
    @WasmExport
    CompletableFuture<String> fetchReport(String key);

    /** The length of {@link AsyncHost#fetch}'s text; a failed fetch is an {@code Err} (a JavaError). */
    @WasmExport
    CompletableFuture<@Unsigned Integer> fetchLen(String key);

    /** Yields {@code times} times, then completes without a value. */
    @WasmExport
    CompletableFuture<Void> touch(@Unsigned int times);

    /** The words of {@code text}. */
    @WasmExport
    CompletableFuture<List<String>> words(String text);

    /**
     * A sync export that calls {@link AsyncHost#later}{@code (key)} and drops the future unawaited; returns
     * {@link #drops()}.
     */
    @WasmExport
    @Unsigned
    int askLater(long key);

    /** The destructors of the fixture's futures run so far, on this instance. */
    @WasmExport
    @Unsigned
    int drops();

    /** Aborts the instance. */
    @WasmExport
    void trap();
}
