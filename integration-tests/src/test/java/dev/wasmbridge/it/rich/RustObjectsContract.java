package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rust objects through {@code @WasmClass} interfaces: methods, borrowing, moving, closing, reset; run on the
 * exnref and legacy builds.
 */
abstract class RustObjectsContract {
    private RecordingRichHost host;
    private RichFixture rust;

    /** Binds the flavour under test. */
    abstract RichFixture create(RichHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingRichHost();
        rust = create(host);
    }

    @Test
    void methodsSeeAndChangeTheRustValue() {
        try (Counter counter = rust.newCounter("clicks", 10)) {
            assertEquals(1, rust.liveCounters());
            assertEquals(15, counter.increment(5));
            assertEquals(15, counter.get());
            assertEquals("clicks", counter.name());
        }
        assertEquals(0, rust.liveCounters(), "close() dropped the Rust value");
    }

    @Test
    void closeIsIdempotentAndLaterUseThrows() {
        Counter counter = rust.newCounter("c", 1);
        counter.close();
        counter.close();
        ClosedObjectException e = assertThrows(ClosedObjectException.class, counter::get);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(0, rust.liveCounters());
    }

    @Test
    void borrowedArgumentsStayUsable() {
        Counter a = rust.newCounter("a", 2);
        Counter b = rust.newCounter("b", 3);
        assertEquals(5, rust.counterSum(a, b));
        assertEquals(5, a.addFrom(b));
        assertEquals(3, b.get());
        a.close();
        b.close();
    }

    @Test
    void movedObjectsRefuseFurtherUse() {
        Counter counter = rust.newCounter("moved", 7);
        assertEquals(7, rust.counterConsume(counter));
        assertEquals(0, rust.liveCounters(), "Rust dropped what it took");
        ClosedObjectException e = assertThrows(ClosedObjectException.class, counter::get);
        assertTrue(e.getMessage().contains("moved"), e.getMessage());
        counter.close(); // does nothing: Rust owns (and dropped) it
        assertEquals(0, rust.liveCounters());

        Counter self = rust.newCounter("self", 4);
        assertEquals(4, self.intoTotal());
        assertThrows(ClosedObjectException.class, self::intoTotal);
        assertEquals(0, rust.liveCounters());
    }

    @Test
    void consumingMethodsReturnNewObjects() {
        Counter a = rust.newCounter("a", 1);
        Counter b = rust.newCounter("b", 2);
        try (Counter merged = a.merged(b)) {
            assertEquals("a+b", merged.name());
            assertEquals(3, merged.get());
            assertEquals(1, rust.liveCounters());
        }
        assertThrows(ClosedObjectException.class, a::get);
        assertThrows(ClosedObjectException.class, b::get);
        assertEquals(0, rust.liveCounters());
    }

    @Test
    void movingAnObjectIntoItselfIsRefusedWithoutLosingMemorySafety() {
        Counter a = rust.newCounter("a", 1);
        assertThrows(ClosedObjectException.class, () -> a.merged(a));
        assertTrue(rust.liveCounters() <= 1);
    }

    @Test
    void optionalObjects() {
        Optional<Counter> some = rust.maybeCounter(true);
        assertTrue(some.isPresent());
        assertEquals("maybe", some.get().name());
        some.get().close();
        assertEquals(Optional.empty(), rust.maybeCounter(false));
        assertEquals(0, rust.liveCounters());
    }

    @Test
    void aPanicInAMutatingMethodPoisonsTheObjectAndCloseStillDropsIt() {
        Counter counter = rust.newCounter("p", 0);
        RustPanicException e = assertThrows(RustPanicException.class, () -> counter.fail("boom"));
        assertTrue(e.panicMessage().endsWith("boom"), e.panicMessage());
        PoisonedObjectException poisoned = assertThrows(PoisonedObjectException.class, counter::get);
        assertEquals("Counter::fail", poisoned.poisonedBy());
        assertEquals(e.panicMessage(), poisoned.reason());
        assertEquals(1, rust.liveCounters());
        counter.close();
        assertEquals(0, rust.liveCounters(), "close() dropped the poisoned value");
    }

    @Test
    void aReentrantCallOnABorrowedObjectPanicsInsteadOfAliasing() {
        Counter counter = rust.newCounter("r", 5);
        host.onPoke = h -> {
            RustPanicException e = assertThrows(RustPanicException.class, counter::get);
            assertTrue(e.panicMessage().contains("already borrowed"), e.panicMessage());
        };
        assertEquals(5, counter.pokeHost());
        assertEquals(5, counter.get(), "usable again once the outer call ended");
        counter.close();
    }

    @Test
    void objectsOfAResetInstanceAreStaleAndClosingThemDoesNothing() {
        Counter old = rust.newCounter("old", 1);
        rust.resetState();
        Counter fresh = rust.newCounter("fresh", 2);
        StaleHandleException e = assertThrows(StaleHandleException.class, old::get);
        assertTrue(e.getMessage().contains("resetState"), e.getMessage());
        assertThrows(StaleHandleException.class, () -> rust.counterSum(old, fresh));
        old.close();
        assertEquals(2, fresh.get(), "closing the stale object did not touch the new instance");
        assertEquals(1, rust.liveCounters());
        fresh.close();
        assertEquals(0, rust.liveCounters());
    }

    @Test
    void objectsOfAnotherInstanceAreRefused() {
        RichFixture other = create(new RecordingRichHost());
        Counter mine = rust.newCounter("mine", 1);
        Counter theirs = other.newCounter("theirs", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rust.counterSum(mine, theirs));
        assertTrue(e.getMessage().contains("argument 'b' of RichFixture.counterSum"), e.getMessage());
        RustPanicException p = assertThrows(RustPanicException.class, () -> mine.addFrom(mine));
        assertTrue(p.panicMessage().contains("already borrowed"), p.panicMessage());
        assertEquals(1, mine.get());
    }

    @Test
    void nullObjectsAreRefusedNamingTheArgument() {
        Counter counter = rust.newCounter("n", 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.counterSum(counter, null));
        assertTrue(e.getMessage().contains("argument 'b' of RichFixture.counterSum"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
