package dev.wasmbridge.it.fuel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.FuelExhaustedException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hand-written modules that never end by themselves ({@code hostile.wat}), on each engine: fuel stops the
 * loops, the tight loop around an import and the endless tail call at the same instruction everywhere;
 * recursion ends as a stack overflow.
 */
class HostileModuleTest {
    private static final long BUDGET = 1_000_000;

    /** Counts the calls of the import. */
    static final class Ticks implements HostileModule.Host {
        int calls;

        @Override
        public int tick(int n) {
            calls++;
            return n + 1;
        }
    }

    /** {@code AUTO}: the bytecode compiled at build time; the others compile or interpret at run time. */
    static HostileModule create(Engine engine, HostileModule.Host host) {
        if (engine == Engine.AUTO) {
            return HostileModuleBindings.create(host);
        }
        return EngineSwitch.on(
                engine,
                () -> HostileModuleBindings.create(
                        ModuleSource.classpath(HostileModuleTest.class, "wasm/hostile.wasm"), host));
    }

    /** The fuel the exhausted call used, on the build-time bytecode: every engine must use the same. */
    private static long onBuildTime(long budget, java.util.function.ToLongFunction<HostileModule> exhaust) {
        HostileModule module = create(Engine.AUTO, new Ticks());
        module.setCallFuel(budget);
        return exhaust.applyAsLong(module);
    }

    private static long exhausts(HostileModule module, long budget, Runnable call) {
        FuelExhaustedException exhausted = assertThrows(FuelExhaustedException.class, call::run);
        assertEquals(budget, exhausted.budget());
        assertTrue(module.isTerminated());
        assertEquals(exhausted.fuelUsed(), module.lastCallFuelUsed());
        assertTrue(module.lastCallFuelUsed() >= budget && module.lastCallFuelUsed() < budget + 20);
        return module.lastCallFuelUsed();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLoopThatOnlyBranchesBackWithBrIfIsStopped(Engine engine) {
        HostileModule module = create(engine, new Ticks());
        module.setCallFuel(BUDGET);
        long used = exhausts(module, BUDGET, () -> module.loopForever(0));
        assertEquals(onBuildTime(BUDGET, m -> exhausts(m, BUDGET, () -> m.loopForever(0))), used);
        module.resetState();
        assertEquals(10, module.count(10));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anImportCalledInATightLoopIsBoundedByFuel(Engine engine) {
        Ticks ticks = new Ticks();
        HostileModule module = create(engine, ticks);
        module.setCallFuel(BUDGET);
        exhausts(module, BUDGET, module::callHostForever);
        Ticks reference = new Ticks();
        HostileModule onBuildTime = create(Engine.AUTO, reference);
        onBuildTime.setCallFuel(BUDGET);
        exhausts(onBuildTime, BUDGET, onBuildTime::callHostForever);
        assertTrue(ticks.calls > 1000 && ticks.calls < BUDGET / 5, ticks.calls + " calls");
        assertEquals(reference.calls, ticks.calls, "the same number of calls on every engine");
    }

    /**
     * Chicory 1.7.5's compiler runs {@code return_call} as a call that keeps its caller's frame, so there an
     * endless tail call overflows the stack after some thousands of calls; its interpreter reuses the frame,
     * and the call runs on until the fuel ends it. A small budget stops it first on every engine.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEndlessTailCallIsStopped(Engine engine) {
        long budget = 3000; // 6 instructions per call: 500 calls
        HostileModule module = create(engine, new Ticks());
        module.setCallFuel(budget);
        long used = exhausts(module, budget, () -> module.tailCallForever(0));
        assertEquals(onBuildTime(budget, m -> exhausts(m, budget, () -> m.tailCallForever(0))), used);
        module.resetState();
        module.setCallFuel(BUDGET);
        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> module.tailCallForever(0));
        assertEquals(
                engine == Engine.INTERPRETER ? AbortReason.FUEL_EXHAUSTED : AbortReason.STACK_OVERFLOW,
                abort.reason(),
                "with a budget of " + BUDGET + " instructions");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void fuelGrowsLinearlyWithTheCountAndIsTheSameOnEveryEngine(Engine engine) {
        HostileModule module = create(engine, new Ticks());
        HostileModule reference = create(Engine.AUTO, new Ticks());
        List<Long> used = new ArrayList<>();
        for (int n : new int[] {0, 1, 10, 100, 1000}) {
            assertEquals(n, module.count(n));
            used.add(module.lastCallFuelUsed());
            reference.count(n);
            assertEquals(reference.lastCallFuelUsed(), module.lastCallFuelUsed(), "count(" + n + ")");
        }
        long perTurn = (used.get(2) - used.get(1)) / 9; // count(1), count(10)
        assertTrue(perTurn > 0);
        assertEquals(9 * perTurn, used.get(2) - used.get(1));
        assertEquals(90 * perTurn, used.get(3) - used.get(2));
        assertEquals(1000 * perTurn, used.get(4) - used.get(0));
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"AUTO", "COMPILER"})
    void recursionWithoutEndIsAStackOverflowEvenOnASmallStack(Engine engine) throws Exception {
        HostileModule module = create(engine, new Ticks());
        WasmAbortException overflow = assertThrows(WasmAbortException.class, () -> module.recurseForever(0));
        assertEquals(AbortReason.STACK_OVERFLOW, overflow.reason());
        module.resetState();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        module.recurseForever(0);
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                },
                "small",
                256 * 1024);
        small.start();
        small.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(thrown.get() instanceof WasmAbortException, String.valueOf(thrown.get()));
        assertEquals(AbortReason.STACK_OVERFLOW, ((WasmAbortException) thrown.get()).reason());
    }
}
