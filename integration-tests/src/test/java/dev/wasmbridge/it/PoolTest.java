package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several instances behind one proxy: calls run in parallel, the boundary rules apply per instance. */
class PoolTest {
    @Test
    void callsRunInParallelOnDifferentInstances() throws Exception {
        ScriptedHost host = new ScriptedHost();
        PanicFixture rust = PanicFixtureExnrefBindings.pool(2, host);
        CountDownLatch inImport = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        host.transform = value -> {
            inImport.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return value * 2;
        };
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> blocked = executor.submit(() -> rust.callHost(20));
            assertTrue(inImport.await(30, TimeUnit.SECONDS));
            assertEquals(3, rust.add(1, 2), "the second instance serves while the first is busy");
            assertFalse(blocked.isDone());
            release.countDown();
            assertEquals(41, blocked.get(30, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void manyThreadsGetCorrectResults() throws Exception {
        PanicFixture rust = PanicFixtureExnrefBindings.pool(3, new ScriptedHost());
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int base = t * 1000;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        assertEquals(base + i, rust.add(base, i));
                        if (i % 100 == 0) {
                            assertThrows(RustPanicException.class, () -> rust.divide(1, 0));
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertFalse(rust.isTerminated());
    }

    @Test
    void reentrantCallsStayOnTheirInstance() {
        ScriptedHost host = new ScriptedHost();
        PanicFixture rust = PanicFixtureExnrefBindings.pool(2, host);
        host.rust = rust;
        assertEquals(20, rust.reenter(6, 3));
        assertThrows(RustPanicException.class, () -> rust.reenter(1, 0));
        assertEquals(20, rust.reenter(6, 3));
    }

    @Test
    void anAbortTerminatesOneInstanceAndResetRestoresAll() {
        PanicFixture rust = PanicFixtureExnrefBindings.pool(2, new ScriptedHost());
        long single = PanicFixtureExnrefBindings.create(new ScriptedHost()).memoryBytes();
        assertEquals(2 * single, rust.memoryBytes(), "two instances, two memories");
        assertThrows(WasmAbortException.class, rust::trapUnreachable);
        assertTrue(rust.isTerminated());
        // one thread reuses the most recently freed instance: the terminated one
        assertThrows(ModuleTerminatedException.class, () -> rust.add(1, 2));
        rust.resetState();
        assertFalse(rust.isTerminated());
        assertEquals(3, rust.add(1, 2));
    }

    @Test
    void poolNeedsAnInstance() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PanicFixtureExnrefBindings.pool(0, new ScriptedHost()));
        assertTrue(e.getMessage().contains("at least one instance"), e.getMessage());
    }
}
