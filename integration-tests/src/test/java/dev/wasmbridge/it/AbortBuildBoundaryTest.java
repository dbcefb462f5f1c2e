package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.WasmAbortException;
import org.junit.jupiter.api.Test;

/** The rows for {@code panic=abort} builds: a panic aborts, but its message still reaches Java. */
class AbortBuildBoundaryTest extends BoundaryContract {
    @Override
    PanicFixture create(PanicHost host) {
        return PanicFixtureAbortBindings.create(host);
    }

    @Test
    void panicAbortsWithItsMessage() {
        WasmAbortException abort = assertAborts(AbortReason.PANIC, () -> rust.divide(1, 0));
        String message = abort.panicMessage().orElseThrow();
        assertTrue(message.startsWith("panicked at integration-tests/rust/panic-fixture/src/lib.rs:"), message);
        assertTrue(message.endsWith(": attempt to divide by zero"), message);
        assertTrue(abort.getMessage().contains(message), abort.getMessage());
    }

    @Test
    void javaExceptionFromAnImportAbortsAndSaysWhy() {
        IllegalStateException thrown = new IllegalStateException("import failed");
        host.toThrow = thrown;
        WasmAbortException abort = assertAborts(AbortReason.IMPORT_EXCEPTION, () -> rust.callHost(1));
        assertSame(thrown, abort.getCause());
        assertTrue(abort.getMessage().contains("panic=abort"), abort.getMessage());
        rust.resetState();
        host.toThrow = null;
        assertEquals(5, rust.callHost(2));
    }
}
