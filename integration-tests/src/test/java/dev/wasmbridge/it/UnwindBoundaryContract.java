package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustPanicException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The rows for {@code panic=unwind} builds: panics and import exceptions are recoverable. */
abstract class UnwindBoundaryContract extends BoundaryContract {
    private static final String SOURCE = "integration-tests/rust/panic-fixture/src/lib.rs:";

    @Test
    void panicBecomesRustPanicExceptionWithMessageAndLocation() {
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.divide(1, 0));
        assertTrue(panic.panicMessage().startsWith("panicked at " + SOURCE), panic.panicMessage());
        assertTrue(panic.panicMessage().endsWith(": attempt to divide by zero"), panic.panicMessage());
        assertEquals("divide", panic.exportName());
        assertEquals(panic.panicMessage() + " (in Rust export 'divide')", panic.getMessage());
        assertFalse(rust.isTerminated());
        assertEquals(3, rust.add(1, 2), "the instance stays live");
    }

    @Test
    void indexOutOfBoundsMessage() {
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.element(7));
        assertTrue(
                panic.panicMessage().endsWith("index out of bounds: the len is 3 but the index is 7"),
                panic.panicMessage());
        assertEquals(20, rust.element(1));
    }

    @Test
    void panicMessageIsTheUsersTextExactly() {
        String text = "ünïcödé 🦀 and a \"quote\"\nsecond line";
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.panicWith(text));
        assertTrue(panic.panicMessage().endsWith(": " + text), panic.panicMessage());
    }

    @Test
    void nonStringPayload() {
        RustPanicException panic = assertThrows(RustPanicException.class, rust::panicWithNumber);
        assertTrue(panic.panicMessage().endsWith(": Box<dyn Any>"), panic.panicMessage());
    }

    @Test
    void destructorsRunWhenAPanicUnwinds() {
        assertEquals(0, rust.drops());
        assertThrows(RustPanicException.class, () -> rust.panicWith("one"));
        assertEquals(1, rust.drops());
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.panicAfterAllocating(4096));
        assertTrue(panic.panicMessage().endsWith("gave up after allocating 4096 bytes"), panic.panicMessage());
        assertEquals(4, rust.drops(), "three more values dropped, one of them boxed");
    }

    @Test
    void stateBeforeThePanicIsKept() {
        rust.pushState(1);
        rust.pushState(2);
        assertThrows(RustPanicException.class, () -> rust.divide(1, 0));
        assertEquals(3, rust.stateSum());
        assertEquals(3, rust.pushState(3));
    }

    @Test
    void manyPanicsNeitherLeakMemoryNorExhaustTheStack() {
        for (int i = 0; i < 100; i++) {
            assertThrows(RustPanicException.class, () -> rust.panicAfterAllocating(10_000));
        }
        long before = rust.memoryBytes();
        int panics = Integer.getInteger("wasmbridge.panics", 100_000);
        for (int i = 0; i < panics; i++) {
            try {
                rust.panicAfterAllocating(10_000);
                throw new AssertionError("no panic at " + i);
            } catch (RustPanicException expected) {
                // next
            }
        }
        assertEquals(before, rust.memoryBytes(), "Wasm memory grew over " + panics + " panics");
        assertEquals(1000, rust.recurse(1000), "the shadow stack is intact");
        assertEquals(3L * (panics + 100), rust.drops(), "three destructors ran in every panic");
    }

    @Test
    void javaExceptionFromAnImportUnwindsRustAndReachesTheCallerUnchanged() {
        UncheckedIOException thrown = new UncheckedIOException("disk on fire", new java.io.IOException("io"));
        host.toThrow = thrown;
        UncheckedIOException caught = assertThrows(UncheckedIOException.class, () -> rust.callHost(1));
        assertSame(thrown, caught);
        assertEquals(1, rust.drops(), "Rust's destructor ran while unwinding");
        assertFalse(rust.isTerminated());
        host.toThrow = null;
        assertEquals(5, rust.callHost(2));
    }

    @Test
    void javaExceptionReleasesRustBorrows() {
        host.toThrow = new IllegalStateException("no");
        assertThrows(IllegalStateException.class, () -> rust.pushViaHost(1));
        host.toThrow = null;
        assertEquals(1, rust.pushViaHost(4), "the RefCell borrow was released by unwinding");
        assertEquals(8, rust.stateSum());
    }

    @Test
    void javaExceptionFromAnImportWithAStringResult() {
        host.toThrow = new IllegalArgumentException("bad name");
        assertThrows(IllegalArgumentException.class, () -> rust.callHostGreeting("x"));
        assertEquals(1, rust.drops(), "Rust's destructor ran while unwinding");
        host.toThrow = null;
        assertEquals("hello x!", rust.callHostGreeting("x"));
    }

    @Test
    void panicInAReentrantCallSurfacesThroughTheOuterCall() {
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.reenter(1, 0));
        assertEquals("divide", panic.exportName(), "the inner call's panic, unchanged");
        assertTrue(panic.panicMessage().endsWith("attempt to divide by zero"));
        assertFalse(rust.isTerminated());
        assertEquals(20, rust.reenter(6, 3));
    }
}
