package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmbridge.wasmeh.FuelRuns.Run;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Bytes;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where {@link FuelMeter} keeps the counter: in a local of each function, written back to the global before
 * calls, returns, throws and traps, taken back after calls and where a catch clause arrives. Each test counts
 * by hand (in the comments) what a call must use, a wrong write-back or reload would count less: the charges
 * of a callee, or of the caller after a call or a catch, would be lost.
 */
class FuelMeterCounterTest {
    private static final long AMPLE = 1_000_000_000L;

    /** {@code local.get 0 i32.const 1 i32.add end}: one segment. */
    private static final long LEAF = 4;

    /** {@code throw 0 end}: one segment. */
    private static final long THROWER = 2;

    private static Code leaf() {
        return new Code().localGet(0).i32(1).op(0x6A);
    }

    /** {@code twice(x) = leaf(leaf(x))}: {@code local.get 0 call 0 call 0 end} (4) and two leaves. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aCallerPaysForItsCallees(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        int leaf = module.function(type, "leaf", of(), leaf());
        module.function(type, "twice", of(), new Code().localGet(0).call(leaf).call(leaf));
        byte[] instrumented = FuelMeter.instrument(module.build());
        long twice = 4 + 2 * LEAF;
        assertEquals(
                new Run("returns [7]", AMPLE - twice, twice), FuelRuns.run(instrumented, engine, "twice", AMPLE, 5));
        // the leaves are exported (so not flat) and call nothing (so their entries are not checked): the counter
        // goes below zero in them and comes back through the global for the host to see after the call
        assertEquals(new Run("returns [7]", -1, twice), FuelRuns.run(instrumented, engine, "twice", twice - 1, 5));
        long firstLeaf = 4 + LEAF;
        assertEquals(
                new Run("returns [7]", -1 - LEAF, twice),
                FuelRuns.run(instrumented, engine, "twice", firstLeaf - 1, 5));
        // twice calls, so its entry is checked
        assertEquals(new Run("traps", -1, 4), FuelRuns.run(instrumented, engine, "twice", 3, 5));
    }

    /**
     * {@code ping(x) = return_call pong(x)}: {@code local.get 0 return_call 1 end} (3), then pong, a leaf. A
     * tail call to another function: the caller's counter lives in its local and is written back first.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aTailCallWritesTheCounterBackFirst(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        module.function(type, "ping", of(), new Code().localGet(0).raw((byte) 0x12, (byte) 1)); // return_call 1
        module.function(type, "pong", of(), leaf());
        byte[] instrumented = FuelMeter.instrument(module.build());
        assertEquals(
                new Run("returns [6]", AMPLE - 3 - LEAF, 3 + LEAF),
                FuelRuns.run(instrumented, engine, "ping", AMPLE, 5));
    }

    /**
     * {@code down(n)}: {@code local.get 0 i32.eqz if} (3, checked), then {@code i32.const 7 else} (2) or {@code
     * local.get 0 i32.const 1 i32.sub return_call 0 end} (5), then the final {@code end} (1): 8 n + 6. Chicory's
     * interpreter runs a tail call to the same function in the caller's frame, with room for its parameters
     * only; such a function keeps its counter in the global, and runs on every engine.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aFunctionThatTailCallsItselfRunsOnEveryEngine(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        Code code = new Code()
                .localGet(0)
                .op(0x45) // i32.eqz
                .ifThen(I32)
                .i32(7)
                .elseThen()
                .localGet(0)
                .i32(1)
                .op(0x6B) // i32.sub
                .raw((byte) 0x12, (byte) 0) // return_call 0
                .end();
        module.function(type, "down", of(), code);
        byte[] instrumented = FuelMeter.instrument(module.build());
        for (long n : new long[] {0, 1, 100}) {
            long used = 8 * n + 6;
            assertEquals(
                    new Run("returns [7]", AMPLE - used, used), FuelRuns.run(instrumented, engine, "down", AMPLE, n));
        }
        // 50 turns leave -1; the 51st entry's charge (3) and check stop it
        long fiftyTurns = 8 * 50;
        assertEquals(
                new Run("traps", -4, fiftyTurns + 3), FuelRuns.run(instrumented, engine, "down", fiftyTurns - 1, 100));
    }

    /**
     * A callee throws; the caller catches at a block's end: {@code block try_table call 0 end} (4, at the
     * entry), the thrower (2), then the catch label's {@code i32.const 2 end} (2). The {@code i32.const 1
     * return end} after the try_table (3) is not reached. The thrower's charge is in the global only, whether
     * it loaded the counter from the global (exported) or was passed it (not exported: FuelMeterCallsTest).
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aCatchTakesTheThrowersChargeBack(EngineRuns engine) {
        aCatchTakesTheThrowersChargeBack(engine, "thrower");
        aCatchTakesTheThrowersChargeBack(engine, null);
    }

    private static void aCatchTakesTheThrowersChargeBack(EngineRuns engine, String throwerExport) {
        TestModuleBuilder module = new TestModuleBuilder();
        int tag = module.tag(module.type(of(), of()));
        int thrower = module.function(module.type(of(), of()), throwerExport, of(), new Code().throwTag(tag));
        module.function(
                module.type(of(), of(I32)),
                "caught",
                of(),
                new Code()
                        .block(VOID)
                        .raw((byte) 0x1F, (byte) 0x40, (byte) 1, (byte) 2, (byte) 0) // try_table (catch_all 0)
                        .call(thrower)
                        .end()
                        .i32(1)
                        .op(0x0F) // return
                        .end()
                        .i32(2));
        byte[] instrumented = FuelMeter.instrument(module.build());
        long used = 4 + THROWER + 2;
        assertEquals(
                new Run("returns [2]", AMPLE - used, used),
                FuelRuns.run(instrumented, engine, "caught", AMPLE),
                "thrower exported as " + throwerExport);
    }

    /**
     * A catch clause to the function's own label ends the function: {@code try_table call 0 end} (3), the
     * thrower (2); the final {@code end} after the try_table (1) is not charged. Also with the catching
     * function not exported, called by {@code call end} (2): it is passed the counter, and cannot return it
     * (the catch clause arrives at its label with no value).
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aCatchToTheFunctionsLabelKeepsTheThrowersCharge(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int tag = module.tag(module.type(of(), of()));
        int type = module.type(of(), of());
        int thrower = module.function(type, "thrower", of(), new Code().throwTag(tag));
        java.util.function.Supplier<Code> catching = () -> new Code()
                .raw((byte) 0x1F, (byte) 0x40, (byte) 1, (byte) 2, (byte) 0) // try_table (catch_all 0)
                .call(thrower)
                .end();
        module.function(type, "caught", of(), catching.get());
        int internal = module.function(type, null, of(), catching.get());
        module.function(type, "call_caught", of(), new Code().call(internal));
        byte[] instrumented = FuelMeter.instrument(module.build());
        long used = 3 + THROWER;
        assertEquals(new Run("returns []", AMPLE - used, used), FuelRuns.run(instrumented, engine, "caught", AMPLE));
        assertEquals(
                new Run("returns []", AMPLE - 2 - used, 2 + used),
                FuelRuns.run(instrumented, engine, "call_caught", AMPLE));
    }

    /**
     * A catch clause to a loop's label: a loop that counts to 3 and throws (from a callee) on the first two
     * turns, each caught back to the loop head.
     *
     * <pre>
     * loop                                                    entry: 1, checked
     *   try_table (catch_all 0)                               loop head: 8, checked, 3 times
     *     local.get 0 i32.const 1 i32.add local.tee 0
     *     i32.const 3 i32.lt_u if
     *       call $thrower                                     the arm: 2, and the thrower, twice
     *     end                                                 after the if: 1
     *   end                                                   after the try_table: 1
     * end local.get 0                                         after the loop: 2
     * </pre>
     *
     * So 1 + 3 * 8 + 2 * (2 + 2) + 1 + 1 + 2 = 37.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aCatchToALoopHeadTakesTheThrowersChargeBack(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int tag = module.tag(module.type(of(), of()));
        int thrower = module.function(module.type(of(), of()), "thrower", of(), new Code().throwTag(tag));
        module.function(
                module.type(of(), of(I32)),
                "retry",
                of(I32),
                new Code()
                        .loop(VOID)
                        .raw((byte) 0x1F, (byte) 0x40, (byte) 1, (byte) 2, (byte) 0) // try_table (catch_all 0)
                        .localGet(0)
                        .i32(1)
                        .op(0x6A) // i32.add
                        .localTee(0)
                        .i32(3)
                        .op(0x49) // i32.lt_u
                        .ifThen(VOID)
                        .call(thrower)
                        .end()
                        .end()
                        .end()
                        .localGet(0));
        byte[] instrumented = FuelMeter.instrument(module.build());
        long used = 1 + 3 * 8 + 2 * (2 + THROWER) + 1 + 1 + 2;
        assertEquals(new Run("returns [3]", AMPLE - used, used), FuelRuns.run(instrumented, engine, "retry", AMPLE));
    }

    /**
     * A trap that is not the fuel's leaves the counter at the charges made: {@code i32.const 1 drop
     * unreachable end} (4) in the callee, {@code call 0 end} (2) in the caller.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void unreachableWritesTheCounterBack(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of());
        int trap = module.function(type, "trap", of(), new Code().i32(1).drop().op(0x00));
        module.function(type, "calls", of(), new Code().call(trap));
        byte[] instrumented = FuelMeter.instrument(module.build());
        assertEquals(new Run("traps", AMPLE - 4, 4), FuelRuns.run(instrumented, engine, "trap", AMPLE));
        assertEquals(new Run("traps", AMPLE - 6, 6), FuelRuns.run(instrumented, engine, "calls", AMPLE));
    }

    /**
     * The host sees the exact counter when the module calls it: {@code i32.const 5 drop call $peek block end}
     * (5, at the entry), then {@code call $peek i32.const 1 end} (3).
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void anImportSeesTheCounterOfItsCall(EngineRuns engine) {
        Bytes bytes = new Bytes().raw(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        bytes.section(
                1,
                new Bytes()
                        .u32(2)
                        .u8(0x60)
                        .u32(0)
                        .u32(0)
                        .u8(0x60)
                        .u32(0)
                        .u32(1)
                        .u8(I32)
                        .toArray());
        bytes.section(
                2, new Bytes().u32(1).name("env").name("peek").u8(0x00).u32(0).toArray()); // function 0
        bytes.section(3, new Bytes().u32(1).u32(1).toArray());
        bytes.section(7, new Bytes().u32(1).name("run").u8(0).u32(1).toArray());
        byte[] body = new Bytes()
                .u32(0)
                .raw(new Code()
                        .i32(5)
                        .drop()
                        .call(0)
                        .block(VOID)
                        .end()
                        .call(0)
                        .i32(1)
                        .toArray())
                .u8(0x0B)
                .toArray();
        bytes.section(10, new Bytes().u32(1).u32(body.length).raw(body).toArray());
        byte[] instrumented = FuelMeter.instrument(bytes.toArray());

        List<Long> seen = new ArrayList<>();
        WasmModule module = Parser.parse(instrumented);
        HostFunction peek = new HostFunction(
                "env", "peek", FunctionType.of(List.<ValType>of(), List.<ValType>of()), (instance, args) -> {
                    GlobalInstance counter = instance.exports().global(FuelMeter.FUEL_EXPORT);
                    seen.add(counter.getValue());
                    return null;
                });
        Instance instance = Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(peek).build())
                .withMachineFactory(engine.machines(module))
                .build();
        assertEquals(new Run("returns [1]", AMPLE - 8, 8), FuelRuns.call(instance, "run", AMPLE));
        assertEquals(List.of(AMPLE - 5, AMPLE - 8), seen);
    }
}
