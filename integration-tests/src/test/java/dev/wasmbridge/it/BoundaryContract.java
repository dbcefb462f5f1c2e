package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmOptions;
import dev.wasmbridge.runtime.WasmOutOfMemoryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The boundary rows that hold whatever the build flavour: traps abort, aborts terminate until a reset,
 * the abort handler, timeouts, interruption, re-entrancy and threads.
 */
abstract class BoundaryContract {
    ScriptedHost host;
    PanicFixture rust;

    abstract PanicFixture create(PanicHost host);

    @BeforeEach
    void instantiate() {
        host = new ScriptedHost();
        rust = create(host);
        host.rust = rust;
    }

    WasmAbortException assertAborts(AbortReason reason, Runnable call) {
        WasmAbortException abort = assertThrows(WasmAbortException.class, call::run);
        assertEquals(reason, abort.reason(), abort.getMessage());
        assertTrue(rust.isTerminated());
        ModuleTerminatedException later = assertThrows(ModuleTerminatedException.class, () -> rust.add(1, 2));
        assertSame(abort, later.abort());
        assertTrue(later.getMessage().contains("resetState()"), later.getMessage());
        return abort;
    }

    @Test
    void unreachableAbortsUntilReset() {
        rust.pushState(5);
        WasmAbortException abort = assertAborts(AbortReason.TRAP, rust::trapUnreachable);
        assertEquals("trap_unreachable", abort.exportName());
        assertTrue(
                abort.getMessage().contains("Rust export 'trap_unreachable' aborted the Wasm instance"),
                abort.getMessage());
        assertEquals(1, rust.generation());
        rust.resetState();
        assertEquals(2, rust.generation());
        assertFalse(rust.isTerminated());
        assertEquals(3, rust.add(1, 2));
        assertEquals(0, rust.stateSum(), "a reset starts from fresh memory");
    }

    @Test
    void integerDivideByZeroTrapAborts() {
        WasmAbortException abort = assertAborts(AbortReason.TRAP, () -> rust.trapDivide(1, 0));
        assertTrue(abort.getMessage().toLowerCase(Locale.ROOT).contains("divide by zero"), abort.getMessage());
    }

    @Test
    void outOfBoundsAccessAborts() {
        WasmAbortException abort = assertAborts(AbortReason.TRAP, rust::trapOutOfBounds);
        assertTrue(abort.getMessage().toLowerCase(Locale.ROOT).contains("out of bounds"), abort.getMessage());
    }

    @Test
    void wasmOutOfMemoryAborts() {
        WasmAbortException abort = assertAborts(AbortReason.OUT_OF_MEMORY, rust::exhaustMemory);
        WasmOutOfMemoryException oom = assertInstanceOf(WasmOutOfMemoryException.class, abort);
        assertEquals(Integer.MAX_VALUE - 4096, oom.requestedBytes().orElseThrow(), "isize::MAX - 4096");
        assertEquals(WasmOptions.defaults().memoryLimit(), oom.memoryLimit());
    }

    @Test
    void stackOverflowAborts() {
        assertAborts(AbortReason.STACK_OVERFLOW, () -> rust.recurse(10_000_000));
        rust.resetState();
        assertEquals(1000, rust.recurse(1000));
    }

    @Test
    void runawayCallIsStoppedByTheTimeout() {
        rust.setCallTimeout(Duration.ofMillis(200));
        assertEquals(rust.spin(1000), rust.spin(1000), "short calls are unaffected");
        long start = System.nanoTime();
        WasmAbortException abort = assertAborts(AbortReason.TIMEOUT, () -> rust.spin(-1));
        assertTrue(abort.getMessage().contains("time limit"), abort.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the timer's interrupt does not leak to the caller");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        rust.resetState();
        assertEquals(3, rust.add(1, 2));
    }

    @Test
    void interruptStopsARunawayCall() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<Throwable> call = executor.submit(() -> {
                started.countDown();
                try {
                    rust.spin(-1);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            started.await();
            Thread.sleep(100);
            executor.shutdownNow(); // interrupts the calling thread
            Throwable thrown = call.get(30, TimeUnit.SECONDS);
            assertTrue(thrown instanceof WasmAbortException, String.valueOf(thrown));
            assertEquals(AbortReason.INTERRUPTED, ((WasmAbortException) thrown).reason());
            assertTrue(rust.isTerminated());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void abortHandlerIsCalledOnceAndCanAskForAReset() {
        List<AbortEvent> events = new ArrayList<>();
        rust.setOnAbort(event -> {
            events.add(event);
            event.requestReset();
        });
        WasmAbortException abort = assertThrows(WasmAbortException.class, rust::trapUnreachable);
        assertEquals(1, events.size());
        AbortEvent event = events.get(0);
        assertEquals("trap_unreachable", event.exportName());
        assertEquals(AbortReason.TRAP, event.reason());
        assertSame(abort, event.exception());
        assertEquals(1, event.generation());
        assertFalse(rust.isTerminated(), "the handler's reset already happened");
        assertEquals(2, rust.generation());
        assertEquals(3, rust.add(1, 2), "automatic recovery: the next call runs on a fresh instance");
    }

    @Test
    void handlerThatThrowsDoesNotHideTheAbort() {
        IllegalStateException fromHandler = new IllegalStateException("handler failed");
        rust.setOnAbort(event -> {
            throw fromHandler;
        });
        WasmAbortException abort = assertThrows(WasmAbortException.class, rust::trapUnreachable);
        assertEquals(AbortReason.TRAP, abort.reason());
        assertSame(fromHandler, abort.getSuppressed()[0]);
        assertTrue(rust.isTerminated());
    }

    @Test
    void handlerThatLeavesTheInstanceTerminated() {
        List<AbortReason> reasons = new ArrayList<>();
        rust.setOnAbort(event -> reasons.add(event.reason()));
        assertThrows(WasmAbortException.class, rust::trapUnreachable);
        assertThrows(ModuleTerminatedException.class, () -> rust.add(1, 2));
        assertThrows(ModuleTerminatedException.class, () -> rust.add(1, 2));
        assertEquals(List.of(AbortReason.TRAP), reasons, "called once per abort, not per refused call");
    }

    @Test
    void reentrantCallsWork() {
        assertEquals(20, rust.reenter(6, 3));
        assertEquals(1, host.reentered);
    }

    @Test
    void concurrentCallersNeverRunInsideTheInstanceAtOnce() throws Exception {
        int threads = 8;
        int perThread = 500;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        rust.pushState(base);
                        assertEquals(base + i, rust.add(base, i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        long expected = 0;
        for (int t = 0; t < threads; t++) {
            expected += (long) t * perThread;
        }
        assertEquals(expected, rust.stateSum(), "no push was lost or torn");
        assertEquals(threads * perThread + 1, rust.pushState(0));
    }

    @Test
    void resetWithoutAbortGivesFreshState() {
        rust.pushState(41);
        rust.resetState();
        assertEquals(0, rust.stateSum());
        assertEquals(1, rust.pushState(1));
    }
}
