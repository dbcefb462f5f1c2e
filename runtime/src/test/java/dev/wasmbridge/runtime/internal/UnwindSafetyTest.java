package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.PANIC;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.THING_GET;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.VIA_IMPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's half of unwind safety (docs/ABI.md, "Poisoned objects"): objects Rust reports poisoned during a
 * call that unwinds refuse use until dropped, the poison is forgotten with the object (its handle may be
 * reused), and the {@link PanicPolicy#RESET} policy replaces the instance when the outermost call ends. On
 * {@code fixtures/boundary.wat}, whose {@code Thing::spoil} reports its receiver poisoned and panics.
 */
class UnwindSafetyTest {
    private BoundaryFixture fixture;
    private CallBoundary boundary;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        boundary = fixture.create();
    }

    private void panic(String message) {
        CallBoundary call = boundary.enter();
        try {
            call.call(PANIC, call.lend(SliceType.STRING, message, "message"));
        } finally {
            call.exit();
        }
    }

    @Test
    void aPoisonedObjectRefusesUseAndSaysWhy() {
        Thing thing = Thing.make(boundary, 1048);
        assertThrows(RustPanicException.class, () -> thing.spoil("panicked at src/lib.rs:3:5: boom"));
        PoisonedObjectException e = assertThrows(PoisonedObjectException.class, thing::get);
        assertEquals(
                "Thing@1048 is poisoned: the call of Rust export 'Thing::spoil' held it and did not finish"
                        + " (panicked at src/lib.rs:3:5: boom), so it may be half-updated and cannot be used for"
                        + " Thing.get. close() it (its destructor still runs) and make a new one.",
                e.getMessage());
        assertEquals("Thing@1048", e.object());
        assertEquals("Thing::spoil", e.poisonedBy());
        assertEquals("panicked at src/lib.rs:3:5: boom", e.reason());
        assertEquals("Thing@1048 (poisoned)", thing.toString());
        assertFalse(boundary.isHeldByCurrentThread(), "the refused call exited");

        CallBoundary call = boundary.enter();
        try {
            PoisonedObjectException argument = assertThrows(
                    PoisonedObjectException.class, () -> RustObject.borrow(call, thing, "argument 'thing' of X.y"));
            assertTrue(
                    argument.getMessage().contains("cannot be used for argument 'thing' of X.y."),
                    argument.getMessage());
            assertThrows(PoisonedObjectException.class, () -> RustObject.move(call, thing, "argument"));
        } finally {
            call.exit();
        }
        assertThrows(PoisonedObjectException.class, thing::consume, "not moved: it stays poisoned, and closable");
        assertEquals(List.of(), fixture.droppedHandles());
    }

    @Test
    void closingAPoisonedObjectDropsItAndForgetsThePoison() {
        Thing thing = Thing.make(boundary, 1048);
        Thing other = Thing.make(boundary, 2048);
        assertThrows(RustPanicException.class, () -> thing.spoil("boom"));
        assertEquals(2048, other.get(), "other objects are not poisoned");
        thing.close();
        assertEquals(List.of(1048), fixture.droppedHandles(), "close() still drops it");
        assertThrows(ClosedObjectException.class, thing::get);
        Thing reused = Thing.make(boundary, 1048); // Rust may reuse a freed slot's address
        assertEquals(1048, reused.get(), "the poison went with the dropped object");
    }

    @Test
    void collectingAPoisonedObjectDropsItAndForgetsThePoison() {
        Thing thing = Thing.make(boundary, 1048);
        assertThrows(RustPanicException.class, () -> thing.spoil("boom"));
        thing.simulateGarbageCollection();
        assertEquals(1048, BoundaryFixture.call(boundary, THING_GET, 1048)); // runs the queued drop first
        assertEquals(List.of(1048), fixture.droppedHandles());
        assertEquals(1048, Thing.make(boundary, 1048).get());
    }

    @Test
    void aReportWithoutAnUnwindPoisonsNothing() {
        Thing thing = Thing.make(boundary, 1048);
        assertEquals(1048, thing.spoilQuietly());
        assertEquals(1048, thing.get());
    }

    @Test
    void resetStateForgetsEveryPoison() {
        Thing thing = Thing.make(boundary, 1048);
        assertThrows(RustPanicException.class, () -> thing.spoil("boom"));
        boundary.resetState();
        assertThrows(StaleHandleException.class, thing::get, "stale comes first");
        assertEquals(1048, Thing.make(boundary, 1048).get(), "the new instance's object of that handle is fine");
    }

    @Test
    void recoverKeepsTheInstance() {
        assertThrows(RustPanicException.class, () -> panic("boom"));
        assertEquals(1, boundary.generation());
    }

    @Test
    void resetReplacesTheInstanceWhenThePanickingCallReturns() {
        boundary.setPanicPolicy(PanicPolicy.RESET);
        Thing thing = Thing.make(boundary, 1048);
        assertEquals(1, boundary.generation(), "a call that returns resets nothing");
        assertThrows(RustPanicException.class, () -> panic("boom"));
        assertEquals(2, boundary.generation());
        assertThrows(StaleHandleException.class, thing::get);
        boundary.setPanicPolicy(PanicPolicy.RECOVER);
        assertThrows(RustPanicException.class, () -> panic("boom"));
        assertEquals(2, boundary.generation(), "back to RECOVER");
        assertThrows(NullPointerException.class, () -> boundary.setPanicPolicy(null));
    }

    @Test
    void aQueuedDropThatPanicsResetsBeforeTheCallThatRanIt() {
        boundary.setPanicPolicy(PanicPolicy.RESET);
        Thing panicsOnDrop = Thing.make(boundary, 7); // Thing::drop panics for handle 7
        panicsOnDrop.simulateGarbageCollection();
        Thing made = Thing.make(boundary, 1048); // runs the queued drop first
        assertEquals(List.of(7), fixture.droppedHandles());
        assertEquals(2, boundary.generation());
        assertEquals(1048, made.get(), "made on the fresh instance, so not stale");
        made.close(); // a drop that returns resets nothing
        assertEquals(2, boundary.generation());
        Thing.make(boundary, 7).close(); // a panicking close() resets when it returns
        assertEquals(3, boundary.generation());
    }

    @Test
    void aPanicInANestedCallResetsWhenTheOutermostCallEnds() {
        boundary.setPanicPolicy(PanicPolicy.RESET);
        int[] generationInside = new int[2];
        fixture.transform = (b, args) -> {
            assertThrows(RustPanicException.class, () -> panic("inner"));
            generationInside[0] = boundary.generation();
            return new long[] {args[0]};
        };
        CallBoundary call = boundary.enter();
        try {
            call.call(VIA_IMPORT, call.lend(SliceType.STRING, "x", "arg"));
            generationInside[1] = boundary.generation();
        } finally {
            call.exit();
        }
        assertEquals(1, generationInside[0], "not under the running outer call");
        assertEquals(1, generationInside[1], "not before the outermost call ends");
        assertEquals(2, boundary.generation());
    }

    @Test
    void aPoolSetsThePolicyOfEveryInstance() throws InterruptedException {
        BoundaryPool pool = BoundaryPool.create(2, fixture::create);
        pool.setPanicPolicy(PanicPolicy.RESET);
        CallBoundary[] instances = new CallBoundary[2];
        instances[0] = pool.enter();
        try {
            panicOn(instances[0]);
            // Another thread gets the other instance while this one is held.
            Thread other = new Thread(() -> {
                instances[1] = pool.enter();
                try {
                    panicOn(instances[1]);
                } finally {
                    instances[1].exit();
                }
            });
            other.start();
            other.join();
            assertEquals(1, instances[0].generation(), "reset when its outermost call ends, not before");
        } finally {
            instances[0].exit();
        }
        assertNotSame(instances[0], instances[1]);
        assertEquals(2, instances[0].generation());
        assertEquals(2, instances[1].generation());
    }

    private static void panicOn(CallBoundary instance) {
        assertThrows(
                RustPanicException.class,
                () -> instance.call(PANIC, instance.lend(SliceType.STRING, "boom", "message")));
    }
}
