package dev.wasmbridge.it.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.WasmAbortException;
import org.junit.jupiter.api.Test;

/**
 * The {@code panic=abort} build: a panic is an abort, whatever the panic policy, and nothing is poisoned, since
 * the whole instance is gone.
 */
class UnwindAbortBuildTest {
    private final UnwindFixture rust = UnwindFixtureAbortBindings.create(new ScriptedUnwindHost());

    @Test
    void aPanicHalfWayThroughAMutableMethodAbortsTheInstanceWhateverThePolicy() {
        for (PanicPolicy policy : PanicPolicy.values()) {
            rust.setPanicPolicy(policy);
            int generation = rust.generation();
            Account account = rust.newAccount(10);
            WasmAbortException abort = assertThrows(WasmAbortException.class, () -> account.deposit(-3));
            assertEquals(AbortReason.PANIC, abort.reason());
            String message = abort.panicMessage().orElseThrow();
            assertTrue(message.endsWith(": negative deposit -3"), message);
            assertTrue(rust.isTerminated(), policy + ": terminated, not reset");
            assertEquals(generation, rust.generation());
            assertThrows(ModuleTerminatedException.class, account::balance);
            account.close(); // does nothing on a terminated instance
            rust.resetState();
        }
    }

    @Test
    void aHookInstalledBeforeTheSupportCrateKeepsTheMessageIntact() {
        rust.installEarlyHook();
        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> rust.fail("boom"));
        String message = abort.panicMessage().orElseThrow();
        assertTrue(message.startsWith("panicked at integration-tests/rust/unwind-fixture/src/lib.rs:"), message);
        assertTrue(message.endsWith(": boom"), message);
    }
}
