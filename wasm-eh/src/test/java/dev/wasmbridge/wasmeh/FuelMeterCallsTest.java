package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import dev.wasmbridge.wasmeh.FuelRuns.Run;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Bytes;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link FuelMeter} charges calls between a module's own functions: flat functions charged in full at
 * their calls, the counter passed to the others and returned by those without results, entries checked
 * only where a call may recurse. The fuel is counted by hand in {@code fixtures/fuel-calls.wat}; each case
 * runs on every engine.
 */
class FuelMeterCallsTest {
    private static final long AMPLE = 1_000_000_000L;

    private static byte[] instrumented() {
        try {
            return FuelMeter.instrument(Files.readAllBytes(RoundTripTest.fixture("fuel-calls.wasm")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run run(EngineRuns engine, String export, long fuel, long... args) {
        return FuelRuns.run(instrumented(), engine, export, fuel, args);
    }

    private static Run ample(String outcome, long used) {
        return new Run(outcome, AMPLE - used, used);
    }

    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aFlatFunctionIsChargedInFullAtEachCall(EngineRuns engine) {
        assertEquals(ample("returns [11]", 12), run(engine, "call_pick", AMPLE, 1));
        assertEquals(ample("returns [20]", 12), run(engine, "call_pick", AMPLE, 0), "the shorter arm costs the same");
        assertEquals(ample("returns [11]", 25), run(engine, "call_pick_twice", AMPLE, 1), "a flat caller of flat");
        assertEquals(ample("returns [11]", 25), run(engine, "call_pick_twice", AMPLE, 0));
    }

    /** The same body exported, or in a table, may be entered from outside: its segments are charged. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aFunctionNamedOtherThanByCallsIsChargedByItsSegments(EngineRuns engine) {
        assertEquals(ample("returns [11]", 7), run(engine, "pick", AMPLE, 1));
        assertEquals(ample("returns [20]", 5), run(engine, "pick", AMPLE, 0));
        assertEquals(ample("returns [11]", 10), run(engine, "call_in_table", AMPLE, 1));
        assertEquals(ample("returns [20]", 8), run(engine, "call_in_table", AMPLE, 0));
    }

    /**
     * A flat function that may trap with {@code unreachable} gets the counter written back before the call, so
     * the host sees the fuel of that trap as of any other {@code unreachable} (the flat function included).
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aFlatFunctionThatMayTrapGetsTheCounterWrittenBack(EngineRuns engine) {
        assertEquals(ample("returns [0]", 9), run(engine, "call_fail", AMPLE, 0));
        assertEquals(ample("traps", 9), run(engine, "call_fail", AMPLE, 1));
    }

    /**
     * {@code spin} is passed the counter and returns it (it has no result), leaving by a {@code br_if} to its
     * own label; it calls nothing, so only its loop head is checked.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aPassedFunctionChargesTheCountersItIsGiven(EngineRuns engine) {
        for (long n : new long[] {0, 1, 10, 1000}) {
            assertEquals(ample("returns []", 9 * n + 13), run(engine, "spin", AMPLE, n), "spin(" + n + ")");
        }
        // 50: the export's entry (3) leaves 47, spin's entry (1) 46, its loop heads (9) 37 28 19 10 1 -8
        assertEquals(new Run("traps", -8, 58), run(engine, "spin", 50, 10));
    }

    /** {@code down} calls itself: its entry is checked, with the counter each call passed on. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aRecursionStopsAtAnEntry(EngineRuns engine) {
        assertEquals(ample("returns []", 6), run(engine, "down", AMPLE, 0));
        assertEquals(ample("returns []", 46), run(engine, "down", AMPLE, 5));
        // 20: the export (3) leaves 17; down(100) 15 then 10, down(99) 8 then 3, down(98) 1 then -4; down(97)'s
        // entry takes it to -6 and traps
        assertEquals(new Run("traps", -6, 26), run(engine, "down", 20, 100));
    }

    /** {@code count} has a result, so it writes the counter back and its caller reads it; a tail call too. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aPassedFunctionWithAResultWritesTheCounterBack(EngineRuns engine) {
        for (long n : new long[] {0, 10}) {
            assertEquals(ample("returns [" + n + "]", 13 * n + 20), run(engine, "call_count", AMPLE, n));
            assertEquals(ample("returns [" + n + "]", 13 * n + 20), run(engine, "tail", AMPLE, n), "tail");
        }
    }

    /** The counter comes back from a {@code return} and from a {@code br} to the function's label. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void theCounterIsReturnedFromEveryWayOut(EngineRuns engine) {
        for (String export : new String[] {"call_early", "call_leave"}) {
            assertEquals(ample("returns [7]", 10), run(engine, export, AMPLE, 1), export);
            assertEquals(ample("returns [7]", 11), run(engine, export, AMPLE, 0), export);
        }
    }

    /**
     * A function over {@value FuelMeter#FLAT_COST_LIMIT} instructions is not flat: {@code local.get 0 if}, then
     * {@code nops} nops and {@code end}, then the final {@code end}, called with 0 from {@code local.get 0 call}.
     */
    @ParameterizedTest
    @ValueSource(ints = {995, 996, 997})
    void aFunctionOverTheLimitIsChargedByItsSegments(int nops) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of());
        Code big = new Code().localGet(0).ifThen(VOID);
        for (int i = 0; i < nops; i++) {
            big.op(0x01);
        }
        int callee = module.function(type, null, of(), big.end());
        module.function(type, "call", of(), new Code().localGet(0).call(callee));
        long size = nops + 4;
        long used = size <= FuelMeter.FLAT_COST_LIMIT ? 3 + size : 3 + 2 + 1;
        assertEquals(
                ample("returns []", used),
                FuelRuns.run(FuelMeter.instrument(module.build()), EngineRuns.values()[0], "call", AMPLE, 0));
    }

    /**
     * The counter is passed to a function with fewer than {@value FuelMeter#PASSED_PARAMETER_LIMIT} parameters:
     * its type gets one more, an {@code i64}; one with more keeps its type.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, FuelMeter.PASSED_PARAMETER_LIMIT - 1, FuelMeter.PASSED_PARAMETER_LIMIT})
    void theCounterIsPassedToFunctionsWithFewParameters(int params) {
        TestModuleBuilder module = new TestModuleBuilder();
        int[] types = new int[params];
        java.util.Arrays.fill(types, I32);
        int type = module.type(types, of(I32));
        int callee =
                module.function(type, null, of(), new Code().loop(VOID).end().localGet(params - 1));
        Code call = new Code();
        for (int i = 0; i < params; i++) {
            call.localGet(i);
        }
        module.function(type, "call", of(), call.call(callee));
        WasmModule instrumented = Parser.parse(FuelMeter.instrument(module.build()));
        boolean passed = params < FuelMeter.PASSED_PARAMETER_LIMIT;
        assertEquals(
                params + (passed ? 1 : 0),
                instrumented
                        .typeSection()
                        .getType(instrumented.functionSection().getFunctionType(callee))
                        .params()
                        .size());
        long[] args = new long[params];
        args[params - 1] = 42;
        Run run = FuelRuns.call(
                com.dylibso.chicory.runtime.Instance.builder(instrumented).build(), "call", AMPLE, args);
        assertEquals("returns [42]", run.outcome());
    }

    /**
     * A passed function's declared locals move up by one for the counter's parameter: the name section's
     * local names move with them, and the parameter gets the counter's name; another function's stay.
     */
    @Test
    void localNamesMoveWithTheirLocals() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        int callee = module.function(
                type,
                null,
                of(I32),
                new Code().loop(VOID).end().localGet(0).localSet(1).localGet(1));
        int caller = module.function(type, "call", of(), new Code().localGet(0).call(callee));
        byte[] localNames = new Bytes()
                .u32(2)
                .u32(callee)
                .u32(2)
                .u32(0)
                .name("param")
                .u32(1)
                .name("declared")
                .u32(caller)
                .u32(1)
                .u32(0)
                .name("x")
                .toArray();
        module.custom("name", new Bytes().section(2, localNames).toArray(), false);
        WasmModule instrumented = Parser.parse(FuelMeter.instrument(module.build()));
        NameCustomSection names = instrumented.nameSection();
        assertEquals("param", names.nameOfLocal(callee, 0));
        assertEquals(FuelMeter.FUEL_EXPORT, names.nameOfLocal(callee, 1));
        assertEquals("declared", names.nameOfLocal(callee, 2));
        assertEquals("x", names.nameOfLocal(caller, 0));
        Run run = FuelRuns.call(
                com.dylibso.chicory.runtime.Instance.builder(instrumented).build(), "call", AMPLE, 5);
        assertEquals("returns [5]", run.outcome());
    }
}
