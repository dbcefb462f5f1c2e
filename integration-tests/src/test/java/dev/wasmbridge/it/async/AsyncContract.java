package dev.wasmbridge.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Async Rust as {@code CompletableFuture} (issue 16, item 3) against a module built with unwinding; one
 * subclass per build flavour. Every expected value is computed here, in Java.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AsyncContract {
    abstract AsyncFixture create(AsyncHost host);

    abstract AsyncFixture pool(int size, AsyncHost host);

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void valuesCrossInTheValueEncoding() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            CompletableFuture<Long> now = rust.compute(0, 5);
            assertTrue(now.isDone(), "a future that never waits finishes in the call");
            assertEquals(16L, await(now));
            assertEquals(-2L, await(rust.compute(3, 5)), "after a wake-up of its own");
            assertEquals(List.of("a", "bc", "d"), await(rust.words(" a bc  d ")));
            assertNull(await(rust.touch(3)));
            assertEquals("ok:HI", await(rust.fetchReport("hi")));
            assertEquals("ok:later", await(rust.fetchReport("slow:later")), "completed on another thread");
            assertEquals(5, await(rust.fetchLen("slow:12345")));
        }
    }

    @Test
    void errorsAreMappedAsForSyncMethodsAndPanicsLeaveTheInstanceUsable() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            Throwable odd = failure(rust.compute(1, 9));
            assertInstanceOf(OddInputException.class, odd);
            assertEquals("odd input 9", odd.getMessage());
            assertInstanceOf(RustErrorException.class, odd.getCause());
            Throwable panic = failure(rust.compute(2, 4));
            assertInstanceOf(RustPanicException.class, panic);
            assertTrue(panic.getMessage().contains("compute panicked on 4"), panic.getMessage());
            assertFalse(rust.isTerminated());
            assertEquals(13L, await(rust.compute(0, 4)));
            assertEquals(3, rust.drops(), "every future's destructors ran (the panicking one's while unwinding)");
        }
    }

    @Test
    void rustAwaitsJavaFuturesThatFail() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            assertEquals("err:java.io.IOException:disk gone", await(rust.fetchReport("fail")), "failed at once");
            assertEquals(
                    "err:java.lang.IllegalArgumentException:late",
                    await(rust.fetchReport("slow-fail")),
                    "failed on another thread");
            Throwable error = failure(rust.fetchLen("fail"));
            assertInstanceOf(RustErrorException.class, error);
            assertTrue(error.getMessage().contains("java.io.IOException: disk gone"), error.getMessage());
            Throwable mapped = failure(rust.compute(4, 14));
            assertInstanceOf(OddInputException.class, mapped);
            assertEquals("java.lang.IllegalStateException|no 14", mapped.getMessage());
            assertEquals(21L, await(rust.compute(4, 10)));
            Throwable thrown = failure(rust.compute(4, -3));
            assertInstanceOf(UnsupportedOperationException.class, thrown, "the import's own exception");
            assertEquals("negative key -3", thrown.getMessage());
            assertEquals(13L, await(rust.compute(0, 4)), "the instance carries on");
        }
    }

    @Test
    void cancellingDropsTheRustFuture() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            int before = rust.drops();
            CompletableFuture<Integer> forever = rust.forever(7);
            assertFalse(forever.isDone());
            assertEquals(before, rust.drops());
            assertTrue(forever.cancel(true));
            assertEquals(before + 1, rust.drops(), "the destructor ran when the future was cancelled");
            assertThrows(CancellationException.class, forever::join);
            host.hold = true;
            CompletableFuture<Long> waiting = rust.compute(4, 3);
            assertTrue(waiting.cancel(true));
            assertEquals(before + 2, rust.drops());
            assertTrue(host.alive().stream().allMatch(f -> f.isDone() || host.held.contains(f)));
            CompletableFuture<Long> held = host.held.poll();
            assertTrue(held.complete(6L), "Rust dropped its JavaFuture: completing it later does nothing to Rust");
            assertEquals(10L, await(rust.compute(0, 3)), "the instance carries on");
        }
    }

    /**
     * A Java future Rust awaits, completed on the calling thread by a Java import during a sync call (which
     * drives no task): its outcome reaches Rust when that call ends, before it returns to Java.
     */
    @Test
    void aJavaFutureCompletedDuringASyncCallReachesRustWhenTheCallEnds() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            host.hold = true;
            CompletableFuture<Long> waiting = rust.compute(4, 10);
            assertFalse(waiting.isDone());
            assertEquals(1, host.held.size());
            host.releaseHeldOnLater = true;
            int drops = rust.askLater(5); // later(5) completes the held future, inside this call
            assertTrue(waiting.isDone(), "delivered and completed before the sync call returned");
            assertEquals(LaterHost.RELEASED + 1, waiting.join());
            assertEquals(drops + 1, rust.drops(), "the finished task's guard was dropped");
            assertEquals(10L, await(rust.compute(0, 3)), "the instance carries on");
        }
    }

    @Test
    void anAbortFailsEveryPendingFuture() throws Exception {
        try (LaterHost host = new LaterHost()) {
            host.hold = true;
            AsyncFixture rust = create(host);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            pending.add(rust.forever(1));
            pending.add(rust.compute(4, 1));
            pending.add(rust.forever(2));
            pending.add(rust.compute(4, 2));
            WasmAbortException abort = assertThrows(WasmAbortException.class, rust::trap);
            for (CompletableFuture<?> future : pending) {
                assertSame(abort, failure(future), "every pending future fails with the abort itself");
            }
            host.held.forEach(f -> f.complete(1L)); // too late: nothing reaches the dead instance
            rust.resetState();
            assertEquals(4L, await(rust.compute(0, 1)));
            CompletableFuture<Integer> dropped = rust.forever(3);
            rust.resetState();
            assertInstanceOf(WasmBridgeException.class, failure(dropped), "a reset fails the pending futures too");
        }
    }

    @Test
    void timeoutsApplyPerPoll() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            rust.setCallTimeout(Duration.ofSeconds(5));
            // each poll is short: a future that waits longer than the timeout in all is not aborted
            CompletableFuture<String> slow = rust.fetchReport("slow:ok");
            assertEquals("ok:ok", await(slow));
            assertFalse(rust.isTerminated());
        }
    }

    /** What {@code compute(op, x)} gives, computed in Java: the value, or the failure's type and message. */
    private static Object expected(int op, long x) {
        switch (op % 5) {
            case 0:
                return x * 3 + 1;
            case 1:
                return "odd input " + x;
            case 2:
                return RustPanicException.class;
            case 3:
                return x - 7;
            default:
                Long later = LaterHost.expectedLater(x);
                return later == null ? "java.lang.IllegalStateException|no " + x : later + 1;
        }
    }

    @Test
    void tenThousandConcurrentCallsOnAPoolOfFour() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = pool(4, host);
            Random random = new Random(16);
            int count = 10_000;
            int[] ops = new int[count];
            long[] xs = new long[count];
            boolean[] cancel = new boolean[count];
            List<CompletableFuture<Long>> futures = new ArrayList<>(count);
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ops[i] = random.nextInt(5);
                xs[i] = random.nextInt(1_000_000);
                cancel[i] = random.nextInt(10) == 0;
                futures.add(null);
            }
            int threads = 4;
            for (int t = 0; t < threads; t++) {
                int first = t;
                Thread caller = new Thread(() -> {
                    for (int i = first; i < count; i += threads) {
                        CompletableFuture<Long> future;
                        try {
                            future = rust.compute(ops[i], xs[i]);
                        } catch (OddInputException e) {
                            throw new AssertionError(e); // never thrown here: the future fails instead
                        }
                        if (cancel[i]) {
                            future.cancel(true);
                        }
                        synchronized (futures) {
                            futures.set(i, future);
                        }
                    }
                });
                caller.start();
                callers.add(caller);
            }
            for (Thread caller : callers) {
                caller.join();
            }
            int cancelled = 0;
            for (int i = 0; i < count; i++) {
                CompletableFuture<Long> future = futures.get(i);
                try {
                    Long value = future.get(30, TimeUnit.SECONDS);
                    assertEquals(expected(ops[i], xs[i]), value, "compute(" + ops[i] + ", " + xs[i] + ")");
                } catch (CancellationException e) {
                    assertTrue(cancel[i], "only cancelled futures are cancelled");
                    cancelled++;
                } catch (ExecutionException e) {
                    Object expected = expected(ops[i], xs[i]);
                    if (expected == RustPanicException.class) {
                        assertInstanceOf(RustPanicException.class, e.getCause());
                    } else {
                        assertInstanceOf(
                                OddInputException.class, e.getCause(), "compute(" + ops[i] + ", " + xs[i] + ")");
                        assertEquals(expected, e.getCause().getMessage());
                    }
                } catch (TimeoutException e) {
                    throw new AssertionError("compute(" + ops[i] + ", " + xs[i] + ") never completed", e);
                }
            }
            assertTrue(cancelled > 0, "some futures were cancelled before they finished");
            assertFalse(rust.isTerminated());
            futures.clear();
            assertNothingRetained(host);
        }
    }

    @Test
    void memoryStaysFlat() throws Exception {
        try (LaterHost host = new LaterHost()) {
            AsyncFixture rust = create(host);
            batch(rust, host, 0);
            long after = rust.memoryBytes();
            for (int round = 1; round <= 3; round++) {
                batch(rust, host, round);
                assertEquals(after, rust.memoryBytes(), "round " + round);
            }
            assertNothingRetained(host);
        }
    }

    /**
     * 500 calls mixing values, errors, panics, awaited Java futures and cancellations. The Java futures complete
     * once every call was made, so the most tasks pending at once (what decides the memory the allocator asks
     * for) is the same in every batch, whatever the threads' timing.
     */
    private static void batch(AsyncFixture rust, LaterHost host, int round) throws Exception {
        List<CompletableFuture<?>> futures = new ArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        host.gate = gate;
        for (int i = 0; i < 500; i++) {
            CompletableFuture<?> future = i % 3 == 0 ? rust.fetchReport("slow:" + i) : rust.compute(i, i + round);
            if (i % 11 == 0) {
                future.cancel(true);
            }
            futures.add(future);
        }
        host.gate = null;
        gate.countDown();
        for (CompletableFuture<?> future : futures) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | CancellationException e) {
                // the mix: errors, panics, cancellations
            }
        }
    }

    /** No Java future the host made is kept by the bindings once everything completed. */
    private static void assertNothingRetained(LaterHost host) throws InterruptedException {
        for (int i = 0; i < 50 && !host.alive().isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(List.of(), host.alive(), "Java futures still reachable");
    }
}
