package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.THING_GET;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.VIA_IMPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pool's bookkeeping (its free instances and which instances each thread is inside) stays right however a
 * pooled instance is entered: through the pool, through a Rust object that lives in it, nested in another.
 */
class BoundaryPoolTest {
    private BoundaryFixture fixture;
    private BoundaryPool pool;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        pool = BoundaryPool.create(2, fixture::create);
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    /** The instance a plain call through the pool lands on. */
    private CallBoundary someInstance() {
        CallBoundary call = pool.enter();
        call.exit();
        return call;
    }

    @Test
    void objectMethodsRunOnTheInstanceThatMadeTheObjectAndGiveItBack() {
        Thing thing = Thing.make(pool, 1048);
        for (int i = 0; i < 10; i++) {
            assertEquals(1048, thing.get());
            assertEquals(2, pool.freeInstances(), "given back exactly once");
        }
        thing.close();
        assertEquals(2, pool.freeInstances());
        assertSame(thing.owner(), fixture.dropped.get(0).on());
        for (int i = 0; i < 10; i++) {
            assertEquals(3, BoundaryFixture.call(pool, THING_GET, 3));
            assertEquals(2, pool.freeInstances());
        }
    }

    @Test
    void enterOwnerPicksTheObjectsInstance() {
        Thing thing = Thing.make(pool, 1048);
        for (int i = 0; i < 5; i++) {
            CallBoundary call = pool.enterOwner(thing, "argument 'thing' of Shed.store");
            try {
                assertSame(thing.owner(), call);
                assertEquals(1, pool.freeInstances());
                assertEquals(
                        1048, call.call(THING_GET, RustObject.borrow(call, thing, "argument 'thing' of Shed.store")));
            } finally {
                call.exit();
            }
            CallBoundary other = pool.enter(); // the most recently used instance is taken first
            CallBoundary otherToo = pool.enterOwner(new Object(), "x"); // re-entrant: the same
            try {
                assertSame(other, otherToo);
            } finally {
                otherToo.exit();
                other.exit();
            }
        }
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void enterOwnerOfSomethingElseEntersAnyInstanceAndBorrowSaysWhatIsWrong() {
        CallBoundary call = pool.enterOwner(null, "argument 'thing' of Shed.store");
        try {
            assertThrows(
                    NullPointerException.class, () -> RustObject.borrow(call, null, "argument 'thing' of Shed.store"));
        } finally {
            call.exit();
        }
        Thing elsewhere = Thing.make(new BoundaryFixture().create(), 5);
        CallBoundary second = pool.enterOwner(elsewhere, "argument 'thing' of Shed.store");
        try {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> RustObject.borrow(second, elsewhere, "argument 'thing' of Shed.store"));
            assertTrue(e.getMessage().contains("belongs to another Wasm instance"), e.getMessage());
        } finally {
            second.exit();
        }
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void anObjectOfAnotherPoolInstanceIsRefusedAsAnArgument() {
        CallBoundary first = pool.enter();
        CallBoundary second;
        Thing onSecond;
        try {
            second = pool.enter(); // re-entrant: the same instance
            second.exit();
            assertSame(first, second);
            // hold the first instance from this thread, make an object on the other one from another thread
            onSecond = Futures.get(threads.submit(() -> Thing.make(pool, 77)));
            assertNotSame(first, onSecond.owner());
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> RustObject.borrow(first, onSecond, "argument 'thing' of Shed.store"));
            assertTrue(e.getMessage().contains("belongs to another Wasm instance (of a pool)"), e.getMessage());
        } finally {
            first.exit();
        }
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void anObjectsMethodWaitsUntilItsInstanceIsFree() throws Exception {
        Thing thing = Thing.make(pool, 1048);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            CallBoundary call = pool.enterOwner(thing, "argument");
            try {
                held.countDown();
                release.await();
            } finally {
                call.exit();
            }
            return null;
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        AtomicBoolean done = new AtomicBoolean();
        Future<Integer> user = threads.submit(() -> {
            int value = thing.get();
            done.set(true);
            return value;
        });
        Thread.sleep(100);
        assertFalse(done.get(), "waits while another thread is inside the object's instance");
        CallBoundary other = pool.enter();
        try {
            assertNotSame(thing.owner(), other, "the other instance is free meanwhile");
        } finally {
            other.exit();
        }
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertEquals(1048, user.get(10, TimeUnit.SECONDS));
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void anImportCanUseAnObjectOfAnotherInstanceAndStillReenterItsOwn() {
        CallBoundary call = pool.enter();
        try {
            Thing onOther = Futures.get(threads.submit(() -> Thing.make(pool, 42))); // the only free instance
            assertNotSame(call, onOther.owner());
            AtomicReference<CallBoundary> innermostInObjectCall = new AtomicReference<>();
            AtomicReference<CallBoundary> reenteredAfter = new AtomicReference<>();
            fixture.transform = (b, args) -> {
                if (b == onOther.owner()) { // the object's call below, nested in the import
                    CallBoundary innermost = pool.enter();
                    innermostInObjectCall.set(innermost);
                    innermost.exit();
                    return new long[] {args[0]};
                }
                assertEquals(42, onOther.get()); // enters the other instance, nested
                CallBoundary objectCall = onOther.owner().enter();
                try {
                    objectCall.call(VIA_IMPORT, Abi.slice(1, 0));
                } finally {
                    objectCall.exit();
                }
                CallBoundary again = pool.enter(); // a call from the import: stays on the calling instance
                try {
                    reenteredAfter.set(again);
                } finally {
                    again.exit();
                }
                assertEquals(1, pool.freeInstances(), "the other instance is given back after the nested call");
                return new long[] {args[0]};
            };
            call.call(VIA_IMPORT, Abi.slice(1, 0));
            assertSame(
                    onOther.owner(),
                    innermostInObjectCall.get(),
                    "inside the nested call, its instance is the current one");
            assertSame(call, reenteredAfter.get());
            assertEquals(1, pool.freeInstances());
        } finally {
            call.exit();
        }
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void queuedDropsRunOnTheirOwnInstance() {
        Thing thing = Thing.make(pool, 1048);
        thing.simulateGarbageCollection();
        assertEquals(1, thing.owner().pendingDrops());
        pool.enterOwner(thing, "argument").exit();
        assertEquals(0, thing.owner().pendingDrops());
        assertEquals(List.of(1048), fixture.droppedHandles());
        assertSame(thing.owner(), fixture.dropped.get(0).on());
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void directlyEnteringAPooledInstanceKeepsTheFreeListRight() {
        CallBoundary instance = someInstance();
        for (int i = 0; i < 5; i++) {
            CallBoundary call = instance.enter();
            try {
                assertEquals(1, pool.freeInstances());
                CallBoundary nested = pool.enter();
                try {
                    assertSame(instance, nested, "a nested call stays on the instance in progress");
                } finally {
                    nested.exit();
                }
            } finally {
                call.exit();
            }
            assertEquals(2, pool.freeInstances());
        }
    }

    @Test
    void manyThreadsMixingPlainAndObjectCalls() throws Exception {
        List<Thing> things = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            things.add(Thing.make(pool, 100 + i));
        }
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            workers.add(threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    Thing thing = things.get((seed + i) % things.size());
                    assertEquals(100 + things.indexOf(thing), thing.get());
                    assertEquals(9, BoundaryFixture.call(pool, THING_GET, 9));
                    CallBoundary call = pool.enterOwner(thing, "argument");
                    try {
                        assertSame(thing.owner(), call);
                        RustObject.borrow(call, thing, "argument");
                    } finally {
                        call.exit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        assertEquals(2, pool.freeInstances());
        things.forEach(Thing::close);
        assertEquals(6, fixture.droppedHandles().size());
        assertEquals(2, pool.freeInstances());
    }

    @Test
    void theFactoryMustMakeNewInstances() {
        CallBoundary one = fixture.create();
        assertThrows(IllegalArgumentException.class, () -> BoundaryPool.create(2, () -> one));
        CallBoundary pooled = someInstance();
        assertThrows(IllegalArgumentException.class, () -> BoundaryPool.create(1, () -> pooled));
    }

    /** Unwraps a future's result for code that cannot throw checked exceptions. */
    static final class Futures {
        static <T> T get(Future<T> future) {
            try {
                return future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
