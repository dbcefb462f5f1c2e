package dev.wasmbridge.runtime.internal;

import static dev.wasmbridge.runtime.internal.BoundaryFixture.COPY;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.FAIL;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.FAIL_AROUND_IMPORT;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.PANIC;
import static dev.wasmbridge.runtime.internal.BoundaryFixture.VIA_IMPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Result<T, E>} exports (docs/ABI.md, "Results"): {@code wasmbridge.error} becomes a {@link RustErrorException}. */
class RustErrorTest {
    private BoundaryFixture fixture;
    private CallBoundary boundary;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        boundary = fixture.create();
        boundary.disableLendingArea(); // these tests check each parameter's own allocation (LendingAreaTest: the area)
    }

    private long fail(String type, String message) {
        CallBoundary call = boundary.enter();
        try {
            return call.call(
                    FAIL, call.lend(SliceType.STRING, type, "type"), call.lend(SliceType.STRING, message, "message"));
        } finally {
            call.exit();
        }
    }

    @Test
    void anErrThrowsWithRustsDisplayTextAsTheMessage() {
        RustErrorException e = assertThrows(
                RustErrorException.class,
                () -> fail("core::num::error::ParseIntError", "invalid digit found in string"));
        assertEquals("invalid digit found in string", e.getMessage());
        assertEquals("invalid digit found in string", e.errorMessage());
        assertEquals("core::num::error::ParseIntError", e.errorType());
        assertEquals("fail", e.exportName());
        assertTrue(e.toString().contains("core::num::error::ParseIntError from Rust export 'fail'"), e.toString());
        assertFalse(boundary.isTerminated(), "an Err is a normal return");
        assertEquals(2, fixture.freed.size(), "the lent arguments are freed as usual");
    }

    @Test
    void anEmptyAndAUnicodeMessageAreKeptExactly() {
        assertEquals(
                "",
                assertThrows(RustErrorException.class, () -> fail("app::Empty", ""))
                        .getMessage());
        assertEquals(
                "ungültig: ✗ \uD83D\uDE00",
                assertThrows(RustErrorException.class, () -> fail("app::E", "ungültig: ✗ \uD83D\uDE00"))
                        .getMessage());
    }

    @Test
    void theNextCallIsUnaffected() {
        assertThrows(RustErrorException.class, () -> fail("app::E", "first"));
        CallBoundary call = boundary.enter();
        try {
            assertEquals("ok", call.take(SliceType.STRING, call.call(COPY, call.lend(SliceType.STRING, "ok", "s"), 1)));
        } finally {
            call.exit();
        }
    }

    @Test
    void aNestedCallsErrorStaysWithTheNestedCall() {
        List<String> seenInImport = new ArrayList<>();
        fixture.transform = (b, args) -> {
            CallBoundary nested = b.enter();
            try {
                nested.call(
                        FAIL,
                        nested.lend(SliceType.STRING, "app::Inner", "t"),
                        nested.lend(SliceType.STRING, "inner failed", "m"));
            } catch (RustErrorException e) {
                seenInImport.add(e.getMessage());
            } finally {
                nested.exit();
            }
            return new long[] {args[0]};
        };
        CallBoundary call = boundary.enter();
        try {
            assertEquals(Abi.slice(1, 0), call.call(VIA_IMPORT, Abi.slice(1, 0)), "the outer call returns normally");
        } finally {
            call.exit();
        }
        assertEquals(List.of("inner failed"), seenInImport);
    }

    @Test
    void anOuterErrorSurvivesANestedCall() {
        fixture.transform = (b, args) -> {
            CallBoundary nested = b.enter();
            try {
                nested.take(SliceType.STRING, nested.call(COPY, nested.lend(SliceType.STRING, "nested", "s"), 1));
                try {
                    nested.call(
                            FAIL,
                            nested.lend(SliceType.STRING, "app::Inner", "t"),
                            nested.lend(SliceType.STRING, "inner", "m"));
                } catch (RustErrorException expected) {
                    // the inner error is the inner call's
                }
                try {
                    nested.call(PANIC, nested.lend(SliceType.STRING, "inner panic", "m"));
                } catch (RustPanicException expected) {
                    // so is the inner panic
                }
            } finally {
                nested.exit();
            }
            return new long[] {args[0]};
        };
        CallBoundary call = boundary.enter();
        try {
            RustErrorException e = assertThrows(
                    RustErrorException.class,
                    () -> call.call(
                            FAIL_AROUND_IMPORT,
                            call.lend(SliceType.STRING, "app::Outer", "t"),
                            call.lend(SliceType.STRING, "outer failed", "m"),
                            Abi.slice(1, 0)));
            assertEquals("outer failed", e.getMessage());
            assertEquals("app::Outer", e.errorType());
            assertEquals("fail_around_import", e.exportName());
        } finally {
            call.exit();
        }
    }

    @Test
    void aRustErrorIsAWasmBridgeException() {
        WasmBridgeException e = assertThrows(WasmBridgeException.class, () -> fail("app::E", "x"));
        assertTrue(e instanceof RustErrorException);
    }
}
