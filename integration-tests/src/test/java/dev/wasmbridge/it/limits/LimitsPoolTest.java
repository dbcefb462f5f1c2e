package dev.wasmbridge.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pool whose instance runs out of memory or stack (issue 18): the limits hold per instance, the abort ends
 * only that instance's call, and the other instance, busy in a call meanwhile, finishes it and keeps serving.
 */
class LimitsPoolTest {
    private static final int MIB = 1 << 20;

    /** What the instance that is not busy does. */
    enum Hostile {
        LEAK(AbortReason.OUT_OF_MEMORY),
        NEST(AbortReason.STACK_OVERFLOW);

        final AbortReason reason;

        Hostile(AbortReason reason) {
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void oneInstanceAbortsTheOtherCarriesOn(Hostile hostile) throws Exception {
        NestingHost host = new NestingHost();
        LimitsFixture pool =
                LimitsFixtureExnrefBindings.pool(2, WasmOptions.defaults().withMemoryLimit(16L * MIB), host);
        host.rust = pool;
        List<AbortEvent> aborts = Collections.synchronizedList(new ArrayList<>());
        pool.setOnAbort(event -> {
            aborts.add(event);
            event.requestReset();
        });
        CountDownLatch inImport = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        host.check = value -> {
            if (value == 5) {
                inImport.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return value * 2;
        };
        ExecutorService busy = Executors.newSingleThreadExecutor();
        try {
            Future<Long> held = busy.submit(() -> pool.viaHost(5)); // holds one instance until released
            assertTrue(inImport.await(30, TimeUnit.SECONDS));

            WasmAbortException abort = runOnAThread(() -> {
                switch (hostile) {
                    case LEAK -> pool.leakForever(MIB); // runs on the other instance
                    case NEST -> pool.nest(10_000);
                }
            });
            assertEquals(hostile.reason, abort.reason(), abort.getMessage());
            assertEquals(1, aborts.size());
            assertFalse(pool.isTerminated(), "the abort handler reset the instance");

            release.countDown();
            assertEquals(11, held.get(30, TimeUnit.SECONDS), "the busy instance finished its call");
            byte[] data = "the other instance is unaffected".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                assertEquals(Expected.mix(data, i), pool.mix(data, i));
                assertEquals(2L * i + 1, pool.viaHost(i));
            }
            assertTrue(pool.memoryBytes() < 8L * MIB, "both instances small again: " + pool.memoryBytes());
        } finally {
            release.countDown();
            busy.shutdownNow();
        }
    }

    /** Runs {@code call} on a thread with a 1 MiB stack; returns the abort it must throw. */
    private static WasmAbortException runOnAThread(Runnable call) throws InterruptedException {
        AtomicReference<WasmAbortException> abort = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        abort.set(assertThrows(WasmAbortException.class, call::run));
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                },
                "hostile",
                1L << 20);
        thread.start();
        thread.join();
        assertNull(failed.get(), () -> "on the thread: " + failed.get());
        return abort.get();
    }
}
