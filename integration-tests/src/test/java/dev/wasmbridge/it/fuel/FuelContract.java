package dev.wasmbridge.it.fuel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicFixtureExnrefBindings;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.FuelExhaustedException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuel on the panic fixture (integration-tests/rust/panic-fixture) built with {@code fuel = true}, whatever
 * the build flavour: deterministic counts, exhaustion as an abort, budgets shared with nested calls, and
 * the stack overflow that stays one.
 */
abstract class FuelContract {
    CountingHost host;
    PanicFixture rust;

    abstract PanicFixture create(PanicHost host);

    /** Bindings of the same file given at run time: instrumented and compiled when it loads. */
    abstract PanicFixture createFrom(ModuleSource source, PanicHost host);

    abstract PanicFixture pool(int size, PanicHost host);

    /** The classpath resource of the fixture. */
    abstract String resource();

    @BeforeEach
    void instantiate() {
        host = new CountingHost();
        rust = create(host);
        host.rust = rust;
    }

    /**
     * A first call, so that the next ones use what they use on any later call: the support crate installs
     * its panic hook on the first call of an instance, which takes that call some fuel of its own.
     */
    void warmUp() {
        assertEquals(3, rust.add(1, 2));
    }

    static long fuelOf(PanicFixture rust, Runnable call) {
        call.run();
        return rust.lastCallFuelUsed();
    }

    @Test
    void fuelGrowsLinearlyWithTheLoopCount() {
        warmUp();
        long thousand = fuelOf(rust, () -> rust.spin(1000));
        long twoThousand = fuelOf(rust, () -> rust.spin(2000));
        long threeThousand = fuelOf(rust, () -> rust.spin(3000));
        long perTurn = (twoThousand - thousand) / 1000;
        assertTrue(perTurn >= 5, "fuel per turn of spin's loop: " + perTurn);
        assertEquals(twoThousand - thousand, threeThousand - twoThousand);
        assertEquals(0, (twoThousand - thousand) % 1000, "every turn costs the same");
        assertEquals(Long.MAX_VALUE - threeThousand, rust.fuelLeft(), "no bound: counted from Long.MAX_VALUE");
    }

    @Test
    void exactlyTheFuelACallNeedsIsEnoughAndOneLessIsNot() {
        warmUp();
        long needed = fuelOf(rust, () -> rust.spin(500));
        long result = rust.spin(500);
        rust.setCallFuel(needed);
        assertEquals(result, rust.spin(500));
        assertEquals(0, rust.fuelLeft());
        assertEquals(needed, rust.lastCallFuelUsed());

        rust.setCallFuel(needed - 1);
        FuelExhaustedException exhausted = assertThrows(FuelExhaustedException.class, () -> rust.spin(500));
        assertEquals(AbortReason.FUEL_EXHAUSTED, exhausted.reason());
        assertEquals("spin", exhausted.exportName());
        assertEquals(needed - 1, exhausted.budget());
        assertTrue(exhausted.fuelUsed() >= needed - 1, exhausted.fuelUsed() + " used");
        assertTrue(exhausted.getMessage().contains("used up its fuel"), exhausted.getMessage());
        assertEquals(0, rust.fuelLeft());
        assertEquals(exhausted.fuelUsed(), rust.lastCallFuelUsed());

        assertTrue(rust.isTerminated());
        ModuleTerminatedException later = assertThrows(ModuleTerminatedException.class, () -> rust.add(1, 2));
        assertSame(exhausted, later.abort());
        rust.resetState();
        rust.setCallFuel(0);
        warmUp();
        rust.setCallFuel(needed);
        assertEquals(result, rust.spin(500), "a reset brings back an instance that runs within the budget");
    }

    @Test
    void anEndlessLoopEndsWithFuelExhaustedAndTheAbortHandlerSeesIt() {
        List<AbortEvent> events = new ArrayList<>();
        rust.setOnAbort(event -> {
            events.add(event);
            event.requestReset();
        });
        rust.setCallFuel(2_000_000);
        FuelExhaustedException exhausted = assertThrows(FuelExhaustedException.class, () -> rust.spin(-1));
        assertEquals(2_000_000, exhausted.budget());
        assertEquals(1, events.size());
        assertEquals(AbortReason.FUEL_EXHAUSTED, events.get(0).reason());
        assertSame(exhausted, events.get(0).exception());
        assertEquals(0, rust.fuelLeft());
        assertFalse(rust.isTerminated(), "the handler asked for a reset");
        assertEquals(2, rust.generation());
        assertEquals(rust.spin(10), rust.spin(10));
    }

    /** What a fixed sequence of calls uses, call by call: scalars, a loop, strings, recursion, a panic. */
    static List<Long> fuelOfASequence(PanicFixture rust) {
        List<Long> fuel = new ArrayList<>();
        fuel.add(fuelOf(rust, () -> rust.add(1, 2)));
        fuel.add(fuelOf(rust, () -> rust.spin(100)));
        fuel.add(fuelOf(rust, () -> assertEquals("hello fuel!", rust.callHostGreeting("fuel"))));
        fuel.add(fuelOf(rust, () -> assertEquals("hello fuel!", rust.callHostGreeting("fuel"))));
        fuel.add(fuelOf(rust, () -> rust.recurse(100)));
        fuel.add(fuelOf(rust, () -> assertThrows(RustPanicException.class, () -> rust.panicWith("stop"))));
        fuel.add(fuelOf(rust, () -> rust.pushState(3)));
        fuel.add(fuelOf(rust, () -> rust.reenter(6, 3)));
        return fuel;
    }

    @Test
    void theSameCallsUseTheSameFuelOnAnotherInstanceAndInAnotherRun() {
        List<Long> first = fuelOfASequence(rust);
        assertTrue(first.stream().allMatch(f -> f > 0), first.toString());
        CountingHost otherHost = new CountingHost();
        PanicFixture other = create(otherHost);
        otherHost.rust = other;
        assertEquals(first, fuelOfASequence(other));
        rust.resetState();
        assertEquals(first, fuelOfASequence(rust), "after a reset");
    }

    @Test
    void theSameCallsUseTheSameFuelOnEveryEngine() {
        List<Long> buildTime = fuelOfASequence(rust); // the bytecode compiled at build time, called directly
        for (Engine engine : new Engine[] {Engine.COMPILER, Engine.INTERPRETER}) {
            CountingHost engineHost = new CountingHost();
            PanicFixture onEngine = EngineSwitch.on(
                    engine, () -> createFrom(ModuleSource.classpath(getClass(), resource()), engineHost));
            engineHost.rust = onEngine;
            assertEquals(buildTime, fuelOfASequence(onEngine), engine.toString());
        }
    }

    @Test
    void nestedCallsShareTheBudgetOfTheOuterCall() {
        warmUp();
        long divide = fuelOf(rust, () -> rust.divide(6, 3));
        long reenter = fuelOf(rust, () -> assertEquals(20, rust.reenter(6, 3))); // Java -> Rust -> Java -> divide
        assertTrue(reenter > divide, reenter + " for the outer call, " + divide + " for divide alone");
        rust.setCallFuel(reenter);
        assertEquals(20, rust.reenter(6, 3));
        assertEquals(reenter, rust.lastCallFuelUsed(), "the outer call's fuel, the nested call's included");
        rust.setCallFuel(reenter - 1);
        WasmAbortException exhausted = assertThrows(WasmAbortException.class, () -> rust.reenter(6, 3));
        assertEquals(AbortReason.FUEL_EXHAUSTED, exhausted.reason());
    }

    @Test
    void unboundedRecursionIsAStackOverflowNotAJvmError() throws Exception {
        rust.setCallFuel(1_000_000_000L);
        WasmAbortException overflow = assertThrows(WasmAbortException.class, () -> rust.recurse(10_000_000));
        assertEquals(AbortReason.STACK_OVERFLOW, overflow.reason());
        rust.resetState();
        assertEquals(1000, rust.recurse(1000));

        AtomicReference<Throwable> onSmallStack = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        rust.recurse(10_000_000);
                    } catch (Throwable t) {
                        onSmallStack.set(t);
                    }
                },
                "small",
                256 * 1024);
        small.start();
        small.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(onSmallStack.get() instanceof WasmAbortException, String.valueOf(onSmallStack.get()));
        assertEquals(AbortReason.STACK_OVERFLOW, ((WasmAbortException) onSmallStack.get()).reason());
        rust.resetState();
        assertEquals(1000, rust.recurse(1000));
    }

    @Test
    void onAPoolTheBudgetIsEveryInstancesAndAnExhaustedOneLeavesTheOthersAlone() throws Exception {
        CountingHost poolHost = new CountingHost();
        PanicFixture pool = pool(2, poolHost);
        poolHost.rust = pool;
        long callHost = fuelOf(rust, () -> rust.callHost(20));
        pool.setCallFuel(1_000_000);
        poolHost.release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<long[]> blocked = executor.submit(() -> new long[] {pool.callHost(20), pool.lastCallFuelUsed()});
            assertTrue(poolHost.entered.await(30, TimeUnit.SECONDS));
            assertThrows(FuelExhaustedException.class, () -> pool.spin(-1)); // on the other instance
            assertTrue(pool.isTerminated());
            poolHost.release.countDown();
            assertEquals(41, blocked.get(30, TimeUnit.SECONDS)[0]);
            assertEquals(callHost, blocked.get()[1], "the other thread's call, on the other instance");
        } finally {
            poolHost.release.countDown();
            executor.shutdownNow();
        }
        poolHost.release = null;
        // the instance freed last (the live one) serves this thread's next call
        assertEquals(3, pool.add(1, 2));
        pool.resetState();
        assertFalse(pool.isTerminated());
        assertEquals(pool.spin(10), pool.spin(10));
    }

    @Test
    void aBudgetMustNotBeNegative() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> rust.setCallFuel(-1));
        assertTrue(negative.getMessage().contains("0 for no bound"), negative.getMessage());
        assertEquals(0, rust.lastCallFuelUsed(), "before any call");
        assertEquals(Long.MAX_VALUE, rust.fuelLeft(), "before any call, without a bound");
        rust.setCallFuel(1000);
        assertEquals(1000, rust.fuelLeft(), "before any call: the budget");
    }

    @Test
    void bindingsWithoutFuelRefuseTheFuelMethods() {
        PanicFixture unmetered = PanicFixtureExnrefBindings.create(new CountingHost());
        for (Runnable call : List.<Runnable>of(
                () -> unmetered.setCallFuel(1000), unmetered::fuelLeft, unmetered::lastCallFuelUsed)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, call::run);
            assertTrue(refused.getMessage().contains("Add fuel = true to the @WasmModule"), refused.getMessage());
        }
        PanicFixture unmeteredPool = PanicFixtureExnrefBindings.pool(2, new CountingHost());
        assertThrows(IllegalStateException.class, () -> unmeteredPool.setCallFuel(1000));
    }
}
