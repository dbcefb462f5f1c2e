package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A long seeded run of calls mixing plain calls, panics, traps, resets and Java exceptions from imports,
 * checked against a model of the Rust state after every step: results are right, every failure is the
 * documented exception, and Wasm memory does not grow.
 */
class MixedRunTest {
    private static final int CALLS = Integer.getInteger("wasmbridge.mixedCalls", 100_000);

    enum Flavour {
        EXNREF(PanicFixtureExnrefBindings::create, true),
        LEGACY(PanicFixtureLegacyBindings::create, true),
        ABORT(PanicFixtureAbortBindings::create, false);

        final Function<PanicHost, PanicFixture> factory;
        final boolean unwinds;

        Flavour(Function<PanicHost, PanicFixture> factory, boolean unwinds) {
            this.factory = factory;
            this.unwinds = unwinds;
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void mixedRun(Flavour flavour) {
        Random random = new Random(20261124L + flavour.ordinal());
        ScriptedHost host = new ScriptedHost();
        PanicFixture rust = flavour.factory.apply(host);
        host.rust = rust;
        List<Integer> state = new ArrayList<>();
        List<AbortReason> aborts = new ArrayList<>();
        boolean[] resetOnAbort = {false};
        rust.setOnAbort(event -> {
            aborts.add(event.reason());
            if (resetOnAbort[0]) {
                event.requestReset();
            }
        });
        long baseline = warmUp(rust);
        int panics = 0;
        int abortCount = 0;
        int importExceptions = 0;
        int resets = 0;
        for (int call = 0; call < CALLS; call++) {
            int op = random.nextInt(100);
            resetOnAbort[0] = random.nextBoolean();
            int generation = rust.generation();
            boolean aborted = false;
            if (op < 40) {
                int a = random.nextInt();
                int b = random.nextInt();
                assertEquals(a + b, rust.add(a, b));
            } else if (op < 60) {
                int value = random.nextInt(1000);
                state.add(value);
                assertEquals(state.size(), rust.pushState(value));
            } else if (op < 70) {
                String name = "n" + random.nextInt(1_000_000) + "é";
                assertEquals("hello " + name + "!", rust.callHostGreeting(name));
            } else if (op < 80) {
                int divisor = random.nextInt(3);
                int dividend = random.nextInt(1000);
                if (divisor != 0) {
                    assertEquals(dividend / divisor, rust.divide(dividend, divisor));
                } else if (flavour.unwinds) {
                    RustPanicException panic = expect(RustPanicException.class, () -> rust.divide(dividend, 0));
                    assertTrue(panic.panicMessage().endsWith("attempt to divide by zero"));
                    panics++;
                } else {
                    WasmAbortException abort = expect(WasmAbortException.class, () -> rust.divide(dividend, 0));
                    assertEquals(AbortReason.PANIC, abort.reason());
                    aborted = true;
                }
            } else if (op < 87) {
                int argument = call;
                RuntimeException thrown = new IllegalStateException("import failed " + call);
                host.toThrow = thrown;
                try {
                    if (flavour.unwinds) {
                        assertSame(thrown, expect(IllegalStateException.class, () -> rust.callHost(argument)));
                        importExceptions++;
                    } else {
                        WasmAbortException abort = expect(WasmAbortException.class, () -> rust.callHost(argument));
                        assertEquals(AbortReason.IMPORT_EXCEPTION, abort.reason());
                        assertSame(thrown, abort.getCause());
                        aborted = true;
                    }
                } finally {
                    host.toThrow = null;
                }
            } else if (op < 93) {
                WasmAbortException abort = expect(WasmAbortException.class, rust::trapUnreachable);
                assertEquals(AbortReason.TRAP, abort.reason());
                aborted = true;
            } else if (op < 97) {
                assertEquals(state.stream().mapToLong(Integer::longValue).sum(), rust.stateSum());
            } else {
                rust.resetState();
                state.clear();
                resets++;
            }
            if (aborted) {
                abortCount++;
                state.clear();
                if (resetOnAbort[0]) {
                    assertEquals(generation + 1, rust.generation(), "the handler's reset happened");
                } else {
                    expect(ModuleTerminatedException.class, () -> rust.add(1, 1));
                    rust.resetState();
                }
            }
            if (state.size() > 500) {
                rust.resetState();
                state.clear();
            }
            if (rust.memoryBytes() > baseline) {
                fail("Wasm memory grew to " + rust.memoryBytes() + " bytes (from " + baseline + ") at call " + call);
            }
        }
        assertEquals(abortCount, aborts.size(), "the handler ran once per abort");
        System.out.printf(
                "%s: %d calls, %d panics, %d aborts, %d import exceptions, %d explicit resets," + " memory %d bytes%n",
                flavour, CALLS, panics, abortCount, importExceptions, resets, baseline);
        assertTrue(abortCount > 0 && (panics > 0 || !flavour.unwinds), "the run exercised failures");
    }

    /** Exercises every operation once, so the memory high-water mark of a normal run is reached. */
    private static long warmUp(PanicFixture rust) {
        for (int i = 0; i < 600; i++) {
            rust.pushState(i);
            rust.callHostGreeting("warm-up " + i + "é");
        }
        rust.resetState();
        for (int i = 0; i < 600; i++) {
            rust.pushState(i);
            rust.callHostGreeting("warm-up " + i + "é");
        }
        long highWaterMark = rust.memoryBytes();
        rust.resetState();
        return highWaterMark;
    }

    private static <T extends Throwable> T expect(Class<T> type, Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + t, t);
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but the call returned");
    }
}
