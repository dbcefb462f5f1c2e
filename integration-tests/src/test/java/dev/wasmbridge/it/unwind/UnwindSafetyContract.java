package dev.wasmbridge.it.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.Collected;
import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Unwind safety on the {@code panic=unwind} builds (exnref and legacy): objects a panicking call may have left
 * half-updated are poisoned, the rest keep working, the {@code RESET} policy restores statics, and the user's
 * panic hooks run while the message still reaches Java.
 */
abstract class UnwindSafetyContract {
    private static final String SOURCE = "panicked at integration-tests/rust/unwind-fixture/src/lib.rs:";

    ScriptedUnwindHost host;
    UnwindFixture rust;

    /** Binds the flavour under test. */
    abstract UnwindFixture create(UnwindHost host);

    /** A pool of {@code size} instances of the flavour under test. */
    abstract UnwindFixture pool(int size, UnwindHost host);

    @BeforeEach
    void instantiate() {
        host = new ScriptedUnwindHost();
        rust = create(host);
    }

    // ---- Poisoning ------------------------------------------------------------------------------------

    @Test
    void aPanicHalfWayThroughAMutableMethodPoisonsTheObject() {
        Account account = rust.newAccount(10);
        Account other = rust.newAccount(1);
        assertEquals(15, account.deposit(5));

        RustPanicException panic = assertThrows(RustPanicException.class, () -> account.deposit(-3));
        assertTrue(panic.panicMessage().endsWith(": negative deposit -3"), panic.panicMessage());

        PoisonedObjectException poisoned = assertThrows(PoisonedObjectException.class, account::balance);
        assertEquals("Account::deposit", poisoned.poisonedBy());
        assertEquals(panic.panicMessage(), poisoned.reason());
        assertTrue(poisoned.reason().startsWith(SOURCE), poisoned.reason());
        String message = poisoned.getMessage();
        assertTrue(message.startsWith(poisoned.object() + " is poisoned"), message);
        assertTrue(message.contains("negative deposit -3") && message.contains("Account.balance"), message);
        assertTrue(message.contains("close()"), message);
        assertTrue(account.toString().endsWith("(poisoned)"), account.toString());

        assertThrows(PoisonedObjectException.class, () -> account.deposit(1), "every method refuses it");
        PoisonedObjectException asArgument =
                assertThrows(PoisonedObjectException.class, () -> other.transfer(account, 1));
        assertTrue(asArgument.getMessage().contains("argument 'to' of Account.transfer"), asArgument.getMessage());

        assertEquals(2, other.deposit(1), "other objects keep working");
        assertEquals(0, rust.bumps(), "the instance keeps working");
        assertEquals(2, rust.liveAccounts());
        account.close();
        assertEquals(1, rust.liveAccounts(), "close() ran the poisoned object's destructor");
        assertThrows(ClosedObjectException.class, account::balance, "closed now, no longer poisoned");
        other.close();
    }

    @Test
    void aMutableParameterIsPoisonedLikeSelf() {
        Account from = rust.newAccount(10);
        Account to = rust.newAccount(0);
        RustPanicException panic = assertThrows(RustPanicException.class, () -> from.transfer(to, 25));
        assertTrue(panic.panicMessage().endsWith(": overdrawn by 15"), panic.panicMessage());
        assertPoisoned(from::balance, "Account::transfer");
        assertPoisoned(to::balance, "Account::transfer");

        Account drained = rust.newAccount(7);
        assertThrows(RustPanicException.class, () -> rust.drain(drained, true));
        assertPoisoned(drained::balance, "drain");
        Account kept = rust.newAccount(3);
        assertEquals(3, rust.drain(kept, false), "a call that returns poisons nothing");
        assertEquals(0, kept.balance());
        for (Account account : new Account[] {from, to, drained, kept}) {
            account.close();
        }
        assertEquals(0, rust.liveAccounts());
    }

    @Test
    void aPanickingSharedBorrowOfAPlainTypeDoesNotPoison() {
        try (Account account = rust.newAccount(100)) {
            RustPanicException panic = assertThrows(RustPanicException.class, () -> account.audit(50));
            assertTrue(panic.panicMessage().endsWith(": balance 100 over the limit 50"), panic.panicMessage());
            assertEquals(100, account.audit(1_000));
            assertEquals(100, account.balance());
        }
    }

    @Test
    void aPanickingSharedBorrowOfATypeWithInteriorMutabilityPoisons() {
        Memo memo = rust.newMemo();
        assertEquals(1, memo.remember("a"));
        assertThrows(RustPanicException.class, () -> memo.remember(""));
        assertPoisoned(memo::size, "Memo::remember");
        memo.close();
    }

    @Test
    void anUnwindSafeClassIsNeverPoisoned() {
        try (Tally tally = rust.newTally()) {
            assertThrows(RustPanicException.class, () -> tally.hit(true));
            assertEquals(1, tally.hits(), "usable, with the change made before the panic");
            assertThrows(RustPanicException.class, () -> tally.add(5, true));
            assertEquals(7, tally.hit(false));
        }
    }

    @Test
    void aConflictingBorrowPoisonsNothing() {
        try (Account account = rust.newAccount(4)) {
            RustPanicException panic = assertThrows(RustPanicException.class, () -> account.transfer(account, 1));
            assertTrue(panic.panicMessage().contains("already borrowed"), panic.panicMessage());
            assertEquals(4, account.balance(), "no user code ran, so nothing was changed");
        }
    }

    @Test
    void aJavaExceptionThatUnwindsRustPoisonsToo() {
        IllegalStateException thrown = new IllegalStateException("no amount today");
        host.amount = () -> {
            throw thrown;
        };
        Account account = rust.newAccount(1);
        assertSame(thrown, assertThrows(IllegalStateException.class, account::depositFromHost));
        PoisonedObjectException poisoned = assertPoisoned(account::balance, "Account::deposit_from_host");
        assertTrue(poisoned.reason().contains("IllegalStateException: no amount today"), poisoned.reason());
        assertTrue(poisoned.reason().contains("thrown by an import"), poisoned.reason());
        account.close();
        assertEquals(0, rust.liveAccounts());
    }

    @Test
    void forgottenPoisonedObjectsAreDroppedByTheGarbageCollector() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Account account = rust.newAccount(i);
            assertThrows(RustPanicException.class, () -> account.deposit(-1));
        }
        Collected.awaitNoneLive(rust::liveAccounts, "poisoned Account");
    }

    @Test
    void memoryStaysFlatOverAHundredThousandPoisonedObjects() {
        int warmUp = 10_000;
        int cycles = 100_000;
        long afterWarmUp = 0;
        for (int i = 0; i < cycles; i++) {
            if (i == warmUp) {
                afterWarmUp = rust.memoryBytes();
            }
            Account account = rust.newAccount(i);
            assertThrows(RustPanicException.class, () -> account.deposit(-1));
            assertThrows(PoisonedObjectException.class, account::deposits);
            account.close();
        }
        long after = rust.memoryBytes();
        System.out.printf(
                "%s: memory %,d bytes after %,d poison-and-close cycles, %,d after %,d%n",
                getClass().getSimpleName(), afterWarmUp, warmUp, after, cycles);
        assertEquals(0, rust.liveAccounts(), "every poisoned object was dropped");
        assertTrue(after <= afterWarmUp + 65_536, "memory grew from " + afterWarmUp + " to " + after + " bytes");
    }

    // ---- Panic policy ---------------------------------------------------------------------------------

    @Test
    void recoverKeepsStaticsAndObjects() {
        Account account = rust.newAccount(5);
        assertEquals(1, rust.bump(false));
        assertThrows(RustPanicException.class, () -> rust.bump(true));
        assertEquals(2, rust.bumps(), "the static kept the change made before the panic");
        assertEquals(1, rust.generation());
        assertEquals(5, account.balance());
        account.close();
    }

    @Test
    void resetRestoresStaticsAndMakesOldObjectsStale() {
        rust.setPanicPolicy(PanicPolicy.RESET);
        Account account = rust.newAccount(5);
        assertEquals(1, rust.bump(false));
        assertEquals(2, rust.bump(false));
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.bump(true));
        assertTrue(panic.panicMessage().endsWith(": failed after bump 3"), panic.panicMessage());
        assertEquals(2, rust.generation(), "reset when the call returned");
        assertEquals(0, rust.bumps(), "the static is back to its initial value");
        assertThrows(StaleHandleException.class, account::balance);
        account.close(); // does nothing: its instance is gone
        try (Account fresh = rust.newAccount(1)) {
            assertEquals(1, rust.liveAccounts());
            assertEquals(3, fresh.deposit(2));
        }
        assertEquals(1, rust.bump(false));
        assertEquals(2, rust.generation(), "a call that returns resets nothing");
    }

    @Test
    void resetAlsoFollowsAJavaExceptionThatUnwoundRust() {
        rust.setPanicPolicy(PanicPolicy.RESET);
        rust.bump(false);
        IllegalStateException thrown = new IllegalStateException("no amount");
        host.amount = () -> {
            throw thrown;
        };
        Account account = rust.newAccount(1);
        assertSame(thrown, assertThrows(IllegalStateException.class, account::depositFromHost));
        assertEquals(2, rust.generation());
        assertEquals(0, rust.bumps());
    }

    @Test
    void aPanicInANestedCallResetsWhenTheOutermostCallEnds() {
        rust.setPanicPolicy(PanicPolicy.RESET);
        int[] generationInside = new int[1];
        host.amount = () -> {
            assertThrows(RustPanicException.class, () -> rust.bump(true));
            generationInside[0] = rust.generation();
            return 5;
        };
        Account account = rust.newAccount(1);
        assertEquals(7, account.depositFromHost(), "the outer call finished on its instance");
        assertEquals(1, generationInside[0], "no reset under a running call");
        assertEquals(2, rust.generation(), "reset once the outermost call ended");
        assertEquals(0, rust.bumps());
        assertThrows(StaleHandleException.class, account::balance);
    }

    @Test
    void resetIsSetPerPoolForEveryInstance() {
        UnwindFixture pool = pool(2, new ScriptedUnwindHost());
        pool.setPanicPolicy(PanicPolicy.RESET);
        // One thread: each call takes the most recently used instance, so these run on the same one.
        assertEquals(1, pool.bump(false));
        assertThrows(RustPanicException.class, () -> pool.bump(true));
        assertEquals(0, pool.bumps());
        assertEquals(2, pool.generation());
        assertThrows(NullPointerException.class, () -> pool.setPanicPolicy(null));
    }

    // ---- Panic hooks ----------------------------------------------------------------------------------

    @Test
    void aHookInstalledBeforeTheSupportCrateRunsAndTheMessageIsIntact() {
        rust.installEarlyHook(); // first: the support crate has not installed its hook yet
        RustPanicException panic = assertThrows(RustPanicException.class, () -> rust.fail("boom"));
        assertTrue(panic.panicMessage().startsWith(SOURCE), panic.panicMessage());
        assertTrue(panic.panicMessage().endsWith(": boom"), panic.panicMessage());
        assertThrows(RustPanicException.class, () -> rust.fail("again"));
        assertEquals(2, rust.earlyHookRuns(), "the support crate chained to the user's hook");
    }

    @Test
    void aHookInstalledAfterTheSupportCrateRunsAndTheMessageIsIntact() {
        assertThrows(RustPanicException.class, () -> rust.fail("first")); // the support crate's hook is in
        rust.installLateHook(); // replaces it, without chaining
        RustPanicException second = assertThrows(RustPanicException.class, () -> rust.fail("second"));
        assertEquals("panicked: second", second.panicMessage(), "from the payload: the location is unknown");
        assertEquals(1, rust.lateHookRuns());
        RustPanicException third = assertThrows(RustPanicException.class, () -> rust.fail("third"));
        assertTrue(third.panicMessage().startsWith(SOURCE), "the support crate's hook is back: " + third);
        assertTrue(third.panicMessage().endsWith(": third"), third.panicMessage());
        assertEquals(2, rust.lateHookRuns(), "and chains to the user's");
    }

    private static PoisonedObjectException assertPoisoned(Executable use, String poisonedBy) {
        PoisonedObjectException poisoned = assertThrows(PoisonedObjectException.class, use);
        assertEquals(poisonedBy, poisoned.poisonedBy());
        return poisoned;
    }
}
