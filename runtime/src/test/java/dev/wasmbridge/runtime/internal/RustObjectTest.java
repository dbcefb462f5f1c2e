package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.COPY;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.THING_GET;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.TRAP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The life of a Rust object's handle: close, move, stale, terminated, garbage collected; and the checks on
 * objects passed as arguments. The module's {@code Thing::drop} reports each drop; handle 7 panics, 13 traps.
 */
class RustObjectTest {
    private BoundaryFixture fixture;
    private CallBoundary boundary;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        boundary = fixture.create();
    }

    /** Any call, to start the next outermost call (which runs the queued drops). */
    private void anyCall() {
        assertEquals(5, BoundaryFixture.call(boundary, THING_GET, 5));
    }

    @Test
    void aLiveObjectCallsRustAndClosesOnce() {
        Thing thing = Thing.make(boundary, 1048);
        assertEquals("Thing@1048 (live)", thing.toString());
        assertEquals(1048, thing.get());
        thing.close();
        assertEquals(List.of(1048), fixture.droppedHandles());
        assertEquals("Thing@1048 (closed)", thing.toString());
        thing.close();
        assertEquals(List.of(1048), fixture.droppedHandles(), "close() is idempotent");
    }

    @Test
    void tryWithResourcesCloses() {
        try (ThingApi thing = Thing.make(boundary, 64)) {
            assertEquals(64, thing.get());
        }
        assertEquals(List.of(64), fixture.droppedHandles());
    }

    @Test
    void aClosedObjectSaysSoAndReleasesTheInstance() {
        Thing thing = Thing.make(boundary, 1048);
        thing.close();
        ClosedObjectException e = assertThrows(ClosedObjectException.class, thing::get);
        assertEquals(
                "Thing@1048 was closed; it cannot be used for Thing.get. Keep an object open until its last use"
                        + " (close() drops the Rust value), or create a new one.",
                e.getMessage());
        assertEquals("Thing@1048", e.object());
        assertEquals(Optional.empty(), e.movedBy());
        assertFalse(boundary.isHeldByCurrentThread(), "the failed enter exited");
        anyCall();
    }

    @Test
    void aMovedObjectSaysWhoMovedIt() {
        Thing thing = Thing.make(boundary, 1048);
        thing.consume();
        assertEquals(List.of(1048), fixture.droppedHandles(), "Rust took it (and dropped it)");
        assertEquals("Thing@1048 (moved by Thing.consume)", thing.toString());
        ClosedObjectException e = assertThrows(ClosedObjectException.class, thing::get);
        assertEquals(
                "Thing@1048 was moved into Rust by Thing.consume (Rust took it by value); it cannot be used for"
                        + " Thing.get. Rust owns the value now; create a new object if you need one.",
                e.getMessage());
        assertEquals(Optional.of("Thing.consume"), e.movedBy());
        thing.close();
        assertThrows(ClosedObjectException.class, thing::consume);
        assertEquals(List.of(1048), fixture.droppedHandles(), "never dropped from Java after a move");
    }

    @Test
    void anObjectOfAResetInstanceIsStaleAndNeverTouchesTheNewOne() {
        Thing thing = Thing.make(boundary, 1048);
        boundary.resetState();
        assertEquals("Thing@1048 (stale)", thing.toString());
        StaleHandleException e = assertThrows(StaleHandleException.class, thing::get);
        assertTrue(
                e.getMessage()
                        .startsWith("Thing@1048 belongs to generation 1 of its Wasm instance, but"
                                + " resetState() has replaced it (now generation 2)"),
                e.getMessage());
        assertFalse(boundary.isHeldByCurrentThread());
        thing.close();
        assertEquals(List.of(), fixture.droppedHandles(), "close() on a stale object does nothing");
        CallBoundary call = boundary.enter();
        try {
            assertThrows(StaleHandleException.class, () -> RustObject.borrow(call, thing, "argument 't' of X.f"));
            assertThrows(StaleHandleException.class, () -> RustObject.move(call, thing, "argument 't' of X.f"));
        } finally {
            call.exit();
        }
    }

    @Test
    void anObjectOfATerminatedInstanceClosesQuietly() {
        Thing thing = Thing.make(boundary, 1048);
        assertThrows(WasmAbortException.class, () -> BoundaryFixture.call(boundary, TRAP));
        assertEquals("Thing@1048 (instance terminated)", thing.toString());
        thing.close();
        assertEquals(List.of(), fixture.droppedHandles());
        assertThrows(ModuleTerminatedException.class, thing::get);
    }

    @Test
    void aDropThatPanicsIsNotThrownFromClose() {
        Thing thing = Thing.make(boundary, 7);
        thing.close();
        assertEquals(List.of(7), fixture.droppedHandles());
        assertEquals("Thing@7 (closed)", thing.toString());
        thing.close();
        assertEquals(List.of(7), fixture.droppedHandles(), "never dropped twice");
        assertFalse(boundary.isTerminated());
    }

    @Test
    void aDropThatAbortsTerminatesTheInstanceButCloseDoesNotThrow() {
        List<AbortEvent> aborts = new ArrayList<>();
        boundary.setOnAbort(aborts::add);
        Thing thing = Thing.make(boundary, 13);
        thing.close();
        assertTrue(boundary.isTerminated());
        assertEquals(1, aborts.size());
        assertEquals("Thing::drop", aborts.get(0).exportName());
    }

    @Test
    void badHandlesAndDropExportsAreRefused() {
        CallBoundary call = boundary.enter();
        try {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Thing(call, 0));
            assertTrue(zero.getMessage().startsWith("A handle of Thing is never 0"), zero.getMessage());
            IllegalArgumentException notDrop =
                    assertThrows(IllegalArgumentException.class, () -> new RustObject(call, 8, COPY, "Thing") {});
            assertTrue(notDrop.getMessage().contains("'copy'"), notDrop.getMessage());
            assertTrue(notDrop.getMessage().contains("which is not a drop export"), notDrop.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new RustObject(call, 8, 99, "Thing") {});
            assertThrows(IllegalArgumentException.class, () -> new RustObject(call, 8, -1, "Thing") {});
        } finally {
            call.exit();
        }
    }

    @Test
    void borrowAndMoveCheckTheArgument() {
        Thing thing = Thing.make(boundary, 1048);
        CallBoundary other = new BoundaryFixture().create();
        String what = "argument 'thing' of Shed.store";
        CallBoundary call = boundary.enter();
        try {
            assertEquals(1048, RustObject.borrow(call, thing, what));
            NullPointerException npe =
                    assertThrows(NullPointerException.class, () -> RustObject.borrow(call, null, what));
            assertEquals(what + " is null, but the Rust side takes an object; pass one.", npe.getMessage());
            IllegalArgumentException foreign =
                    assertThrows(IllegalArgumentException.class, () -> RustObject.borrow(call, new Object(), what));
            assertTrue(
                    foreign.getMessage().startsWith(what + " is a java.lang.Object, which Rust did not make"),
                    foreign.getMessage());
            CallBoundary otherCall = other.enter();
            try {
                IllegalArgumentException elsewhere =
                        assertThrows(IllegalArgumentException.class, () -> RustObject.move(otherCall, thing, what));
                assertTrue(
                        elsewhere
                                .getMessage()
                                .startsWith(what + " is Thing@1048, which belongs to another Wasm" + " instance"),
                        elsewhere.getMessage());
            } finally {
                otherCall.exit();
            }
            assertEquals("Thing@1048 (live)", thing.toString(), "a refused move leaves the object alone");
            assertEquals(1048, RustObject.move(call, thing, what));
            assertEquals("Thing@1048 (moved by " + what + ")", thing.toString());
            ClosedObjectException again = assertThrows(
                    ClosedObjectException.class, () -> RustObject.move(call, thing, "argument 'other' of Shed.swap"));
            assertTrue(
                    again.getMessage()
                            .startsWith("Thing@1048 was moved into Rust by " + what + " (Rust took it by"
                                    + " value); it cannot be used for argument 'other' of Shed.swap."),
                    again.getMessage());
            assertThrows(ClosedObjectException.class, () -> RustObject.borrow(call, thing, what));
        } finally {
            call.exit();
        }
        thing.close();
        assertEquals(List.of(), fixture.droppedHandles(), "moved: Rust owns it");
    }

    @Test
    void aClosedArgumentIsRefused() {
        Thing thing = Thing.make(boundary, 1048);
        thing.close();
        CallBoundary call = boundary.enter();
        try {
            ClosedObjectException e = assertThrows(
                    ClosedObjectException.class,
                    () -> RustObject.borrow(call, thing, "argument 'thing' of Shed.store"));
            assertTrue(
                    e.getMessage()
                            .startsWith("Thing@1048 was closed; it cannot be used for argument 'thing' of"
                                    + " Shed.store."),
                    e.getMessage());
        } finally {
            call.exit();
        }
    }

    // ---- garbage-collected objects ------------------------------------------------------------------------

    @Test
    void aCollectedObjectIsDroppedAtTheStartOfTheNextCall() {
        Thing thing = Thing.make(boundary, 1048);
        thing.simulateGarbageCollection();
        assertEquals(1, boundary.pendingDrops());
        assertEquals(List.of(), fixture.droppedHandles(), "not on the Cleaner's thread");
        anyCall();
        assertEquals(List.of(1048), fixture.droppedHandles());
        assertEquals(boundary, fixture.dropped.get(0).on());
        assertEquals(0, boundary.pendingDrops());
    }

    @Test
    void closedAndMovedObjectsAreNeverQueued() {
        Thing closed = Thing.make(boundary, 10);
        closed.close();
        closed.simulateGarbageCollection();
        Thing moved = Thing.make(boundary, 11);
        moved.consume();
        moved.simulateGarbageCollection();
        assertEquals(0, boundary.pendingDrops());
        anyCall();
        assertEquals(List.of(10, 11), fixture.droppedHandles());
    }

    @Test
    void aCollectedObjectCannotBeClosedOrMovedAgain() {
        Thing thing = Thing.make(boundary, 1048);
        thing.simulateGarbageCollection();
        thing.close();
        thing.simulateGarbageCollection();
        assertEquals(1, boundary.pendingDrops(), "queued once");
        CallBoundary call = boundary.enter();
        try {
            assertThrows(ClosedObjectException.class, () -> RustObject.move(call, thing, "argument"));
        } finally {
            call.exit();
        }
        assertEquals(List.of(1048), fixture.droppedHandles(), "dropped once");
    }

    @Test
    void nestedCallsDoNotRunQueuedDrops() {
        Thing thing = Thing.make(boundary, 1048);
        CallBoundary outer = boundary.enter();
        try {
            thing.simulateGarbageCollection();
            CallBoundary inner = boundary.enter();
            try {
                assertEquals(1, boundary.pendingDrops(), "a call is in progress, perhaps with the object's handle");
            } finally {
                inner.exit();
            }
        } finally {
            outer.exit();
        }
        anyCall();
        assertEquals(0, boundary.pendingDrops());
    }

    @Test
    void dropsOfAnOlderGenerationAreSkipped() {
        Thing before = Thing.make(boundary, 1048);
        Thing queuedBeforeReset = Thing.make(boundary, 1049);
        queuedBeforeReset.simulateGarbageCollection();
        boundary.resetState();
        assertEquals(0, boundary.pendingDrops(), "resetState() forgets them");
        before.simulateGarbageCollection();
        assertEquals(1, boundary.pendingDrops());
        anyCall();
        assertEquals(0, boundary.pendingDrops());
        assertEquals(List.of(), fixture.droppedHandles(), "never dropped in the new instance");
    }

    @Test
    void aPanickingQueuedDropIsIgnored() {
        Thing.make(boundary, 7).simulateGarbageCollection();
        anyCall();
        assertEquals(List.of(7), fixture.droppedHandles());
        assertFalse(boundary.isTerminated());
    }

    @Test
    void anAbortingQueuedDropTerminatesTheInstanceAndTheCallFailsAsUsual() {
        List<AbortEvent> aborts = new ArrayList<>();
        boundary.setOnAbort(aborts::add);
        Thing aborting = Thing.make(boundary, 13);
        Thing next = Thing.make(boundary, 14);
        aborting.simulateGarbageCollection();
        next.simulateGarbageCollection();
        CallBoundary call = boundary.enter(); // never throws
        try {
            ModuleTerminatedException e = assertThrows(ModuleTerminatedException.class, () -> call.call(THING_GET, 1));
            assertEquals("Thing::drop", e.abort().exportName());
        } finally {
            call.exit();
        }
        assertEquals(1, aborts.size());
        assertEquals(List.of(13), fixture.droppedHandles(), "the drop after the abort is skipped");
        assertEquals(0, boundary.pendingDrops());
    }

    @Test
    void anAbortingQueuedDropWhoseHandlerResetsLetsTheCallRun() {
        boundary.setOnAbort(AbortEvent::requestReset);
        Thing survivor = Thing.make(boundary, 20);
        Thing.make(boundary, 13).simulateGarbageCollection();
        anyCall();
        assertEquals(2, boundary.generation());
        assertThrows(StaleHandleException.class, survivor::get, "checked after the drops ran");
    }

    @Test
    void theCleanerQueuesTheDropOfAnUnreachableObject() throws InterruptedException {
        WeakReference<Thing> weak = new WeakReference<>(Thing.make(boundary, 1048));
        WeakReference<Thing> closed = closedThing(boundary, 1049);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((weak.get() != null || closed.get() != null || boundary.pendingDrops() == 0)
                && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, weak.get(), "collected");
        assertEquals(null, closed.get(), "collected");
        Thread.sleep(100); // the Cleaner runs each action soon after the collection; the closed one's does nothing
        assertEquals(1, boundary.pendingDrops(), "the closed one is not queued");
        anyCall();
        assertEquals(List.of(1049, 1048), fixture.droppedHandles());
    }

    private static WeakReference<Thing> closedThing(CallBoundary boundary, int handle) {
        Thing thing = Thing.make(boundary, handle);
        thing.close();
        return new WeakReference<>(thing);
    }

    @Test
    void closeRacesWithCollectionDropOnce() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            Thing thing = Thing.make(boundary, 100 + round);
            Thread collector = new Thread(thing::simulateGarbageCollection);
            collector.start();
            thing.close();
            collector.join();
        }
        anyCall();
        List<Integer> dropped = fixture.droppedHandles();
        assertEquals(200, dropped.size(), "each object dropped exactly once");
        assertEquals(200, dropped.stream().distinct().count());
    }

    @Test
    void callsOnTheObjectKeepWorkingWithSliceArguments() {
        Thing thing = Thing.make(boundary, 1048);
        CallBoundary call = boundary.enterOwner(thing, "argument 'thing' of Shed.store");
        try {
            assertEquals(1048, call.call(THING_GET, RustObject.borrow(call, thing, "argument 'thing' of Shed.store")));
            assertEquals("x", call.take(SliceType.STRING, call.call(COPY, call.lend(SliceType.STRING, "x", "s"), 1)));
        } finally {
            call.exit();
        }
    }
}
