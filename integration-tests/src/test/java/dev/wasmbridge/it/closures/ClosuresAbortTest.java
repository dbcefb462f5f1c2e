package dev.wasmbridge.it.closures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The closures fixture built with {@code panic=abort}: stored callbacks and Java objects work as on the other
 * builds, revocation included, but a Java exception thrown by one cannot unwind Rust, so it aborts the
 * instance, which releases every held object.
 */
class ClosuresAbortTest {
    private final ClosuresFixture rust = ClosuresFixtureAbortBindings.create();

    @Test
    void storedObjectsWorkAndRevocationGivesRustItsError() {
        ClosuresContract.Recording listener = new ClosuresContract.Recording(7);
        RecordingLogger logger = new RecordingLogger("abort");
        rust.addListener(listener);
        rust.setLogger(logger);
        assertEquals(List.of("ok 7"), rust.fire("a"));
        assertEquals(1, rust.logThrough(3, "line"));
        rust.revoke(listener);
        assertEquals(List.of("gone: the Java object was revoked: Rust can no longer call it"), rust.fire("b"));
        rust.clearListeners();
        rust.dropLogger();
        assertEquals(0, rust.heldObjects());
    }

    @Test
    void aThrowingListenerAbortsTheInstanceAndReleasesEverything() {
        rust.addListener(new ClosuresContract.Recording(1));
        rust.setLogger(new RecordingLogger("kept"));
        IllegalStateException failure = new IllegalStateException("listener failed");
        rust.addListener(event -> {
            throw failure;
        });
        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> rust.fire("boom"));
        assertEquals(AbortReason.IMPORT_EXCEPTION, abort.reason());
        assertEquals(failure, abort.getCause());
        assertTrue(rust.isTerminated());
        assertEquals(0, rust.heldObjects(), "the abort released every held object");
        rust.resetState();
        assertEquals(0, rust.listenerCount());
    }
}
