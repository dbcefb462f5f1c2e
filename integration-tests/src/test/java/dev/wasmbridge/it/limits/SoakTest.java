package dev.wasmbridge.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak test (issue 18, item 4; not part of {@code mvn verify}): a pool of 4 instances of the limits
 * fixture driven by 8 threads for {@code -Dsoak.duration} (ISO-8601, default {@code PT10M}), with 1 % panics,
 * 0.1 % aborts (the abort handler resets the instance), 4 % Java exceptions thrown by an import, a reset of
 * the whole pool every {@code -Dsoak.resetEvery} (default {@code PT5S}), and every result checked against
 * Java's own computation. It prints what it did and samples of the heap and of the pool's Wasm memory, and
 * fails on any wrong result or unexpected exception, or if the heap or Wasm memory of the last third of the
 * run rose above the first third's. Run it with (docs/BENCHMARKS.md, "Soak"):
 *
 * <pre>
 * mvn -B verify -pl integration-tests -am -Psoak -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dinvoker.skip=true -Dsoak.duration=PT10M
 * </pre>
 */
@Tag("soak")
class SoakTest {
    private static final int INSTANCES = 4;
    private static final int THREADS = 8;
    private static final int SAMPLES = 30;

    /** A Java exception of the import {@code host_check}, which reaches the caller unchanged. */
    static final class HostRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostRefusal(long value) {
            super("the host refuses " + value);
        }
    }

    /** One sample: seconds since the start, heap in use after collection, the pool's Wasm memory. */
    record Sample(double seconds, long heap, long wasm) {}

    private final LongAdder calls = new LongAdder();
    private final LongAdder panics = new LongAdder();
    private final LongAdder aborts = new LongAdder();
    private final LongAdder hostExceptions = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder wrong = new LongAdder();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void poolUnderLoad() throws Exception {
        Duration duration = Duration.parse(System.getProperty("soak.duration", "PT10M"));
        Duration resetEvery = Duration.parse(System.getProperty("soak.resetEvery", "PT5S"));
        NestingHost host = new NestingHost();
        host.check = value -> {
            if (value % 25 == 0) {
                throw new HostRefusal(value);
            }
            return value * 3;
        };
        LimitsFixture pool = LimitsFixtureExnrefBindings.pool(
                INSTANCES, WasmOptions.defaults().withMemoryLimit(64L << 20), host);
        host.rust = pool;
        pool.setOnAbort(event -> {
            aborts.increment();
            event.requestReset();
        });

        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(THREADS + 2);
        CountDownLatch done = new CountDownLatch(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 20261129L + t;
                running.add(workers.submit(() -> {
                    try {
                        drive(pool, new SplittableRandom(seed), end);
                    } finally {
                        done.countDown();
                    }
                }));
            }
            running.add(workers.submit(() -> {
                while (!done.await(resetEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                    pool.resetState();
                    resets.increment();
                }
                return null;
            }));
            long sampleEvery = Math.max(1, duration.toMillis() / SAMPLES);
            while (!done.await(sampleEvery, TimeUnit.MILLISECONDS)) {
                samples.add(new Sample((System.nanoTime() - start) / 1e9, Heap.usedAfterGc(), pool.memoryBytes()));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(seconds, samples);

        assertEquals(0, wrong.sum(), "wrong results: " + failures);
        assertEquals(List.of(), failures);
        assertTrue(panics.sum() > 0 && aborts.sum() > 0 && hostExceptions.sum() > 0, "every kind of failure ran");
        assertFlat(samples);
    }

    /** Calls the pool until {@code end}: a random mix of checked calls, panics, aborts and host exceptions. */
    private void drive(LimitsFixture pool, SplittableRandom random, long end) {
        byte[] data = new byte[4096];
        while (System.nanoTime() < end) {
            int roll = random.nextInt(1000);
            long seed = random.nextLong();
            try {
                if (roll < 1) {
                    WasmAbortException abort = expect(WasmAbortException.class, pool::trap);
                    check(abort.reason() == AbortReason.TRAP, "trap: " + abort);
                } else if (roll < 11) {
                    RustPanicException panic =
                            expect(RustPanicException.class, () -> pool.mixOrPanic(data, seed, true));
                    check(
                            panic.panicMessage().contains("asked to panic for seed " + Long.toUnsignedString(seed)),
                            "panic: " + panic.panicMessage());
                    panics.increment();
                } else if (roll < 51) {
                    long value = 25L * random.nextInt(1, 1 << 20);
                    HostRefusal refusal = expect(HostRefusal.class, () -> pool.viaHost(value));
                    check(refusal.getMessage().equals("the host refuses " + value), refusal.getMessage());
                    hostExceptions.increment();
                } else {
                    checkedCall(pool, random, data, seed);
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(e.toString());
            }
            calls.increment();
        }
    }

    private void checkedCall(LimitsFixture pool, SplittableRandom random, byte[] data, long seed) {
        switch (random.nextInt(4)) {
            case 0 -> {
                int length = random.nextInt(data.length);
                byte[] bytes = Arrays.copyOf(data, length);
                random.nextBytes(bytes);
                check(pool.mix(bytes, seed) == Expected.mix(bytes, seed), "mix");
                check(pool.mixOrPanic(bytes, seed, false) == Expected.mix(bytes, seed), "mix_or_panic");
            }
            case 1 -> {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.append(" ".repeat(random.nextInt(1, 3))).append(Long.toString(random.nextLong(), 36));
                }
                check(pool.reverseWords(text.toString()).equals(Expected.reverseWords(text.toString())), "reverse");
            }
            case 2 -> {
                long value = 25L * random.nextInt(1 << 20) + random.nextInt(1, 25);
                check(pool.viaHost(value) == value * 3 + 1, "via_host");
            }
            default -> {
                int bytes = random.nextInt(256 << 10);
                check(pool.allocate(bytes) == bytes, "allocate");
            }
        }
    }

    private void check(boolean right, String what) {
        if (!right) {
            wrong.increment();
            if (failures.size() < 20) {
                failures.add("wrong result: " + what);
            }
        }
    }

    private static <T extends Throwable> T expect(Class<T> type, Runnable call) {
        try {
            call.run();
        } catch (Throwable e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", but the call returned");
    }

    private void report(double seconds, List<Sample> samples) {
        System.out.printf(
                Locale.ROOT,
                "Soak: %d instances, %d threads, %.0f s: %,d calls (%,.0f/s), %,d panics, %,d aborts, %,d host"
                        + " exceptions, %,d pool resets, %,d wrong results, %d unexpected exceptions%n",
                INSTANCES,
                THREADS,
                seconds,
                calls.sum(),
                calls.sum() / seconds,
                panics.sum(),
                aborts.sum(),
                hostExceptions.sum(),
                resets.sum(),
                wrong.sum(),
                failures.size());
        System.out.println("Soak samples: seconds, heap in use after GC (MiB), Wasm memory of the pool (MiB)");
        for (Sample sample : samples) {
            System.out.printf(
                    Locale.ROOT, "  %7.1f %8.1f %8.1f%n", sample.seconds(), mib(sample.heap()), mib(sample.wasm()));
        }
    }

    /**
     * The last third of the samples rose no higher than the first third (after the first sample, the warm-up)
     * allows: the heap by at most 32 MiB or a quarter, the Wasm memory by at most 1 MiB per instance.
     */
    private static void assertFlat(List<Sample> samples) {
        assertTrue(samples.size() >= 6, "too few samples for a trend: " + samples.size());
        int third = (samples.size() - 1) / 3;
        List<Sample> first = samples.subList(1, 1 + third);
        List<Sample> last = samples.subList(samples.size() - third, samples.size());
        long firstHeap = first.stream().mapToLong(Sample::heap).max().orElseThrow();
        long lastHeap = last.stream().mapToLong(Sample::heap).max().orElseThrow();
        long firstWasm = first.stream().mapToLong(Sample::wasm).max().orElseThrow();
        long lastWasm = last.stream().mapToLong(Sample::wasm).max().orElseThrow();
        assertTrue(
                lastHeap <= firstHeap + Math.max(32L << 20, firstHeap / 4),
                String.format(Locale.ROOT, "the heap grew: %.1f MiB, then %.1f MiB", mib(firstHeap), mib(lastHeap)));
        assertTrue(
                lastWasm <= firstWasm + INSTANCES * (1L << 20),
                String.format(Locale.ROOT, "Wasm memory grew: %.1f MiB, then %.1f MiB", mib(firstWasm), mib(lastWasm)));
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
