package dev.wasmbridge.it.closures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java callbacks and objects that Rust keeps (docs/GUIDE.md, "Rust holds Java"; docs/ABI.md, "Held Java
 * objects"), on the closures fixture; run on the exnref and legacy builds. Every test ends with Rust holding
 * nothing (checked through {@code heldObjects()}).
 */
abstract class ClosuresContract {
    ClosuresFixture rust;

    /** Binds the flavour under test. */
    abstract ClosuresFixture create();

    /** A pool of {@code size} instances of the flavour under test. */
    abstract ClosuresFixture pool(int size);

    @BeforeEach
    void instantiate() {
        rust = create();
    }

    @AfterEach
    void nothingHeld() {
        if (!rust.isTerminated()) {
            rust.clearListeners();
            rust.dropLogger();
        }
        assertEquals(0, rust.heldObjects(), "Rust holds no Java object after the test");
    }

    /** Collects garbage until {@code ref} is cleared, for up to 30 seconds; asserts it was. */
    static void awaitCollected(WeakReference<?> ref, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), what + " was collected: nothing kept a reference to it");
    }

    /** A listener that records the events it got and answers {@code answer}. */
    static final class Recording implements Listener {
        final List<String> events = new ArrayList<>();
        final int answer;

        Recording(int answer) {
            this.answer = answer;
        }

        @Override
        public int onEvent(String event) {
            events.add(event);
            return answer;
        }
    }

    @Test
    void threeStoredListenersAreCalledFromLaterCallsAndADroppedOneIsReleased() throws InterruptedException {
        Recording first = new Recording(1);
        Recording second = new Recording(20);
        int firstId = rust.addListener(first);
        int secondId = rust.addListener(second);
        // the third exists only in Rust's hands: nothing in Java refers to it
        Supplier<WeakReference<Recording>> addThird = () -> {
            Recording third = new Recording(300);
            rust.addListener(third);
            return new WeakReference<>(third);
        };
        WeakReference<Recording> third = addThird.get();
        assertEquals(3, rust.heldObjects());

        assertEquals(List.of("ok 1", "ok 20", "ok 300"), rust.fire("opened"));
        assertEquals(List.of("ok 1", "ok 20", "ok 300"), rust.fire("saved"));
        assertEquals(List.of("opened", "saved"), first.events);
        assertEquals(List.of("opened", "saved"), second.events);
        assertEquals(List.of("opened", "saved"), third.get().events);

        System.gc();
        assertTrue(third.get() != null, "Rust holds the third listener: it is not collected");

        assertTrue(rust.removeListener(3));
        assertEquals(2, rust.heldObjects());
        awaitCollected(third, "the listener Rust dropped");

        assertEquals(List.of("ok 1", "ok 20"), rust.fire("closed"));
        assertEquals(List.of("opened", "saved", "closed"), first.events);
        assertTrue(rust.removeListener(firstId));
        assertTrue(rust.removeListener(secondId));
        assertEquals(0, rust.heldObjects());
    }

    /** A listener that, for the event {@code "block"}, waits until the test lets it go. */
    static final class Blocker implements Listener {
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch leave = new CountDownLatch(1);

        @Override
        public int onEvent(String event) {
            if (event.equals("block")) {
                entered.countDown();
                try {
                    assertTrue(leave.await(30, TimeUnit.SECONDS), "let go");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        }

        /** Calls {@code fire("block")} on another thread, and returns once it blocks in this listener. */
        Thread blockOn(ClosuresFixture rust) throws InterruptedException {
            entered = new CountDownLatch(1);
            leave = new CountDownLatch(1);
            Thread thread = new Thread(() -> rust.fire("block"));
            thread.start();
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the listener was called");
            return thread;
        }

        void letGo(Thread thread) throws InterruptedException {
            leave.countDown();
            thread.join(30_000);
            assertFalse(thread.isAlive());
        }
    }

    /**
     * On a pool each instance holds the objects passed to it (its Rust statics are its own), {@code
     * heldObjects} counts over every instance, and {@code revoke} reaches every instance that holds the object.
     * A thread's calls stay on the instance it was released last while that one is free; a call made while
     * another thread holds it goes to the other instance.
     */
    @Test
    void onAPoolEachInstanceHoldsItsOwnObjectsAndRevocationReachesThemAll() throws InterruptedException {
        ClosuresFixture pool = pool(2);
        Blocker blocker = new Blocker();
        Recording shared = new Recording(9);
        pool.addListener(blocker); // instance A
        assertEquals(1, pool.listenerCount(), "this thread's calls stay on A");
        Thread busy = blocker.blockOn(pool); // A is busy
        pool.addListener(shared); // instance B
        assertEquals(1, pool.listenerCount(), "B has its own listeners");
        assertEquals(List.of("ok 9"), pool.fire("on B"));
        blocker.letGo(busy);
        pool.addListener(shared); // A again, released last
        assertEquals(2, pool.listenerCount());
        assertEquals(3, pool.heldObjects(), "A holds the blocker and the shared listener, B the shared one");

        assertTrue(pool.revoke(shared));
        assertEquals(1, pool.heldObjects(), "revoked in both instances");
        String gone = "gone: the Java object was revoked: Rust can no longer call it";
        assertEquals(List.of("ok 0", gone), pool.fire("on A"));
        busy = blocker.blockOn(pool);
        assertEquals(List.of(gone), pool.fire("on B"), "B's listener was revoked too");
        blocker.letGo(busy);

        pool.resetState();
        assertEquals(0, pool.heldObjects(), "a reset of the pool releases what every instance held");
    }

    @Test
    void theSameObjectPassedTwiceIsOneHandleWhileHeld() {
        Recording listener = new Recording(5);
        int a = rust.addListener(listener);
        int b = rust.addListener(listener);
        assertEquals(rust.listenerHandle(a), rust.listenerHandle(b), "one Java object, one handle");
        assertEquals(1, rust.heldObjects(), "held once, counted twice");
        assertEquals(List.of("ok 5", "ok 5"), rust.fire("x"));
        assertTrue(rust.sameHandle(listener, listener));
        assertFalse(rust.sameHandle(listener, new Recording(5)));

        int before = rust.listenerHandle(a);
        rust.removeListener(a);
        assertEquals(1, rust.heldObjects(), "the second reference keeps it");
        assertEquals(List.of("ok 5"), rust.fire("y"));
        rust.removeListener(b);
        assertEquals(0, rust.heldObjects());

        int again = rust.addListener(listener);
        assertNotEquals(before, rust.listenerHandle(again), "released, then held anew: a new handle");
    }

    @Test
    void revocationGivesRustItsError() {
        Recording kept = new Recording(1);
        Recording revoked = new Recording(2);
        rust.addListener(kept);
        rust.addListener(revoked);
        assertTrue(rust.revoke(revoked));
        assertFalse(rust.revoke(revoked), "revoked already");
        assertEquals(1, rust.heldObjects(), "the instance no longer keeps the revoked object");
        assertEquals(List.of("ok 1", "gone: the Java object was revoked: Rust can no longer call it"), rust.fire("e"));
        assertTrue(revoked.events.isEmpty(), "a revoked callback is never called");
        assertEquals(2, rust.listenerCount(), "Rust still has its value, only good for dropping");
    }

    @Test
    void aThrowingListenerUnwindsRustAndReachesTheCaller() {
        rust.addListener(new Recording(1));
        IllegalStateException failure = new IllegalStateException("listener failed");
        rust.addListener(event -> {
            throw failure;
        });
        int guardsBefore = rust.fireGuardsDropped();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> rust.fire("boom"));
        assertSame(failure, thrown, "the listener's own exception");
        assertEquals(guardsBefore + 1, rust.fireGuardsDropped(), "Rust's destructors ran while unwinding");
        assertFalse(rust.isTerminated(), "the instance stays live");
        assertEquals(2, rust.listenerCount());
    }

    @Test
    void anAbortingCallbackAbortsTheInstanceOnAJavaException() {
        rust.setAborting(x -> x * 2);
        assertEquals(42, rust.callAborting(21));
        rust.setAborting(x -> {
            throw new IllegalArgumentException("no");
        });
        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> rust.callAborting(1));
        assertTrue(rust.isTerminated());
        assertEquals(AbortReason.PANIC, abort.reason(), abort.toString());
        assertEquals(0, rust.heldObjects(), "an abort releases every held object");
        rust.resetState();
        assertEquals(-2, rust.callAborting(1), "a fresh instance holds nothing");
    }

    @Test
    void anAbortingCallbackThatWasRevokedGivesItsError() {
        Hook hook = x -> x;
        rust.setAborting(hook);
        rust.revoke(hook);
        assertEquals(-1, rust.callAborting(7));
        assertFalse(rust.isTerminated());
    }

    @Test
    void aResetReleasesEveryHeldObject() throws InterruptedException {
        Supplier<List<WeakReference<Object>>> fill = () -> {
            List<WeakReference<Object>> refs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Recording listener = new Recording(i);
                rust.addListener(listener);
                refs.add(new WeakReference<>(listener));
            }
            RecordingLogger logger = new RecordingLogger("reset");
            rust.setLogger(logger);
            refs.add(new WeakReference<>(logger));
            return refs;
        };
        List<WeakReference<Object>> refs = fill.get();
        assertEquals(6, rust.heldObjects());
        rust.resetState();
        assertEquals(0, rust.heldObjects());
        for (WeakReference<Object> ref : refs) {
            awaitCollected(ref, "an object held by the old instance");
        }
        assertEquals(0, rust.listenerCount());
    }

    @Test
    void aLoggerKeptInARustClassObjectIsCalledLater() {
        RecordingLogger logger = new RecordingLogger("svc");
        try (Service service = rust.newService(logger)) {
            assertEquals(List.of("0 service created"), logger.lines);
            assertEquals("svc:a", service.work("a"));
            assertEquals("svc:b", service.work("b"));
            assertEquals(List.of("0 service created", "1 work a", "2 work b"), logger.lines);
            assertEquals(1, rust.heldObjects());
            rust.setLogger(logger);
            assertEquals(service.loggerHandle(), service.loggerHandle());
            assertEquals(1, rust.heldObjects(), "the same logger in a static and in the object: one handle");
            assertEquals(4, rust.logThrough(9, "static"));
            rust.dropLogger();
            assertEquals(1, rust.heldObjects(), "the object still holds it");
        }
        assertEquals(0, rust.heldObjects(), "closing the Rust object dropped its logger");
    }

    @Test
    void aLoggerKeptInAStaticIsReplacedAndReleased() throws InterruptedException {
        assertEquals(-1, rust.logThrough(1, "nobody"));
        Supplier<WeakReference<RecordingLogger>> setFirst = () -> {
            RecordingLogger first = new RecordingLogger("first");
            rust.setLogger(first);
            assertEquals(1, rust.logThrough(1, "one"));
            return new WeakReference<>(first);
        };
        WeakReference<RecordingLogger> first = setFirst.get();
        RecordingLogger second = new RecordingLogger("second");
        rust.setLogger(second);
        assertEquals(1, rust.heldObjects(), "the replaced logger was released");
        awaitCollected(first, "the replaced logger");
        assertEquals(1, rust.logThrough(2, "two"));
        assertEquals(List.of("2 two"), second.lines);
    }

    @Test
    void aThrowingLoggerMethodUnwindsRust() {
        rust.setLogger(new Logger() {
            @Override
            public void log(int level, String message) {
                throw new UnsupportedOperationException("read-only logger");
            }

            @Override
            public String name() {
                return "ro";
            }

            @Override
            public int count() {
                return 0;
            }
        });
        assertThrows(UnsupportedOperationException.class, () -> rust.logThrough(1, "x"));
        assertFalse(rust.isTerminated());
    }

    @Test
    void aRevokedLoggerPanicsInRust() {
        RecordingLogger logger = new RecordingLogger("gone");
        rust.setLogger(logger);
        rust.revoke(logger);
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.logThrough(1, "x"));
        assertTrue(panic.getMessage().contains("revoked"), panic.getMessage());
    }

    @Test
    void aNullArgumentAfterAHeldOneLeavesNothingHeld() {
        Recording listener = new Recording(1);
        assertThrows(NullPointerException.class, () -> rust.sameHandle(listener, null));
        assertEquals(0, rust.heldObjects(), "Rust never took the first one: it was released");
    }

    @Test
    void memoryStaysFlatOverManyIterations() {
        for (int round = 0; round < 200; round++) {
            int id = rust.addListener(new Recording(round));
            rust.fire("e" + round);
            rust.removeListener(id);
            rust.setLogger(new RecordingLogger("l" + round));
            rust.logThrough(round, "m");
        }
        long after200 = rust.memoryBytes();
        for (int round = 0; round < 5_000; round++) {
            int id = rust.addListener(new Recording(round));
            rust.fire("e" + round);
            rust.removeListener(id);
            rust.setLogger(new RecordingLogger("l" + round));
            rust.logThrough(round, "m");
        }
        assertEquals(after200, rust.memoryBytes(), "Wasm memory did not grow");
        rust.dropLogger();
        assertEquals(0, rust.heldObjects());
    }
}
