package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustPanicException;
import org.junit.jupiter.api.Test;

/** Calls the Rust functions of rust/src/lib.rs through the generated bindings. */
class RustLibTest {
    private final RustLib rust = RustLibBindings.create();

    @Test
    void greetsInRust() {
        assertEquals("Hello, Java! (from Rust)", rust.greet("Java"));
        assertEquals("Hello, Grüße 🦀! (from Rust)", rust.greet("Grüße 🦀"), "strings cross as UTF-8");
    }

    @Test
    void countsWordsInRust() {
        assertEquals(0, rust.wordCount(""));
        assertEquals(4, rust.wordCount("  one two\tthree\nfour "));
    }

    @Test
    void dividesInRust() {
        assertEquals(42, rust.checkedDivide(84, 2));
        assertEquals(-3, rust.checkedDivide(-7, 2));
    }

    @Test
    void aRustPanicIsCaughtAndTheModuleKeepsWorking() {
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.checkedDivide(7, 0));

        assertEquals("checked_divide", panic.exportName());
        assertTrue(panic.panicMessage().startsWith("panicked at src/lib.rs:"), panic.panicMessage());
        assertTrue(panic.panicMessage().endsWith(": cannot divide 7 by zero"), panic.panicMessage());

        assertFalse(rust.isTerminated(), "a caught panic leaves the module live");
        assertEquals(3, rust.checkedDivide(9, 3));
        assertEquals("Hello, again! (from Rust)", rust.greet("again"));
    }
}
