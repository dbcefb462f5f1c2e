package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Value;
import dev.wasmbridge.wasmeh.FuelRuns.Run;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Bytes;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cost model of {@link FuelMeter} on small modules whose fuel can be counted by hand (the counts
 * are in the comments), run on each of the engine's ways of executing Wasm.
 */
class FuelMeterTest {
    private static final long AMPLE = 1_000_000_000L;

    /**
     * {@code count(n)}: n turns of a loop that leaves with {@code br_if 1}, the sum of 1 n times.
     *
     * <pre>
     * block loop                                     entry segment: 2 (not checked: count calls nothing)
     *   local.get 0 i32.eqz br_if 1                  loop head: 13, checked, n + 1 times
     *   local.get 0 i32.const 1 i32.sub local.set 0
     *   local.get 1 i32.const 1 i32.add local.set 1
     *   br 0 end                                     (the loop's end: never reached)
     * end                                            after the loop's end: 1, never charged
     * local.get 1 end                                after the block's end: 2
     * </pre>
     *
     * So {@code count(n)} uses 2 + 13 (n + 1) + 2 = 13 n + 17.
     */
    static byte[] countModule() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        Code code = new Code()
                .block(VOID)
                .loop(VOID)
                .localGet(0)
                .op(0x45) // i32.eqz
                .brIf(1)
                .localGet(0)
                .i32(1)
                .op(0x6B) // i32.sub
                .localSet(0)
                .localGet(1)
                .i32(1)
                .op(0x6A) // i32.add
                .localSet(1)
                .br(0)
                .end()
                .end()
                .localGet(1);
        module.function(type, "count", of(I32), code);
        return module.build();
    }

    static long countFuel(long n) {
        return 13 * n + 17;
    }

    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aLoopUsesItsInstructionsPerTurn(EngineRuns engine) {
        byte[] instrumented = FuelMeter.instrument(countModule());
        for (long n : new long[] {0, 1, 10, 1000}) {
            Run run = FuelRuns.run(instrumented, engine, "count", AMPLE, n);
            assertEquals("returns [" + n + "]", run.outcome());
            assertEquals(countFuel(n), run.fuelUsed(), "count(" + n + ")");
        }
    }

    /**
     * The check comes at loop heads: with exactly the fuel of the last loop head the call completes and
     * the final segment takes the counter below zero (the host sees that); with one less, it traps.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void theCounterIsCheckedAtLoopHeads(EngineRuns engine) {
        byte[] instrumented = FuelMeter.instrument(countModule());
        long n = 5;
        assertEquals(
                new Run("returns [5]", 0, countFuel(n)), FuelRuns.run(instrumented, engine, "count", countFuel(n), n));
        long lastHead = countFuel(n) - 2; // the final segment (2) comes after the last check
        assertEquals(
                new Run("returns [5]", -2, countFuel(n)), FuelRuns.run(instrumented, engine, "count", lastHead, n));
        Run exhausted = FuelRuns.run(instrumented, engine, "count", lastHead - 1, n);
        assertEquals("traps", exhausted.outcome());
        assertEquals(-1, exhausted.fuelLeft());
        // count calls nothing, so its entry is not checked: with no fuel it stops at the first loop head
        assertEquals(new Run("traps", -15, 15), FuelRuns.run(instrumented, engine, "count", 0, n));
    }

    /** {@code loop br 0 end}, forever: stopped at a loop head once the fuel is gone. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void anEndlessLoopTraps(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of());
        module.function(type, "forever", of(), new Code().loop(VOID).br(0).end());
        byte[] instrumented = FuelMeter.instrument(module.build());
        // entry: loop (1); loop head: br end (2) per turn; 10,000 - 1 = 2 * 4,999 + 1: the 5,000th turn traps
        assertEquals(new Run("traps", -1, 10_001), FuelRuns.run(instrumented, engine, "forever", 10_000));
    }

    /** {@code return_call} to itself: a loop without a loop instruction, stopped at the function's entry. */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void anEndlessTailCallTraps(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of());
        module.function(type, "forever", of(), new Code().raw((byte) 0x12, (byte) 0)); // return_call 0
        byte[] instrumented = FuelMeter.instrument(module.build());
        // each entry: return_call end (2)
        assertEquals(new Run("traps", -1, 1000), FuelRuns.run(instrumented, engine, "forever", 999));
    }

    /**
     * A then-arm longer than the else-arm: {@code local.get 0 if} (2, at the entry), {@code i32.const
     * 10 i32.const 1 i32.add else} (4) or {@code i32.const 20 end} (2), then the final {@code end} (1).
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void eachArmCostsItsOwnInstructions(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        module.function(
                type,
                "pick",
                of(),
                new Code()
                        .localGet(0)
                        .ifThen(I32)
                        .i32(10)
                        .i32(1)
                        .op(0x6A)
                        .elseThen()
                        .i32(20)
                        .end());
        byte[] instrumented = FuelMeter.instrument(module.build());
        assertEquals(new Run("returns [11]", AMPLE - 7, 7), FuelRuns.run(instrumented, engine, "pick", AMPLE, 1));
        assertEquals(new Run("returns [20]", AMPLE - 5, 5), FuelRuns.run(instrumented, engine, "pick", AMPLE, 0));
    }

    /**
     * An exception caught by a {@code try_table}: {@code block try_table throw end} (4, at the entry),
     * then straight to the catch label's {@code i32.const 2 end} (2); the {@code i32.const 1 return end}
     * after the try_table (3) is never reached.
     */
    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void aCaughtExceptionGoesOnAtTheCatchLabel(EngineRuns engine) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of(I32));
        int tag = module.tag(module.type(of(), of()));
        module.function(
                type,
                "caught",
                of(),
                new Code()
                        .block(VOID)
                        .raw((byte) 0x1F, (byte) 0x40, (byte) 1, (byte) 0, (byte) tag, (byte)
                                0) // try_table (catch 0 0)
                        .throwTag(tag)
                        .end()
                        .i32(1)
                        .op(0x0F) // return
                        .end()
                        .i32(2));
        byte[] instrumented = FuelMeter.instrument(module.build());
        assertEquals(new Run("returns [2]", AMPLE - 6, 6), FuelRuns.run(instrumented, engine, "caught", AMPLE));
    }

    /** A legacy try/catch is translated first, and metered in its exnref form. */
    @Test
    void aLegacyModuleIsTranslatedFirst() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of(I32));
        int tag = module.tag(module.type(of(), of()));
        Code code = new Code().tryBlock(I32).throwTag(tag).catchTag(tag).i32(7).end();
        module.function(type, "caught", of(), code);
        byte[] legacy = module.build();
        assertTrue(LegacyEh.isLegacy(legacy));
        byte[] instrumented = FuelMeter.instrument(legacy);
        assertFalse(LegacyEh.isLegacy(instrumented));
        assertTrue(FuelMeter.isInstrumented(instrumented));
        assertFalse(FuelMeter.isInstrumented(legacy));
        for (EngineRuns engine : EngineRuns.values()) {
            // try (1 at the entry) throw catch: try_table form, so counted as the translation's instructions
            Run run = FuelRuns.run(instrumented, engine, "caught", AMPLE);
            assertEquals("returns [7]", run.outcome());
            assertEquals(FuelRuns.run(instrumented, EngineRuns.INTERPRETER, "caught", AMPLE), run);
        }
    }

    @Test
    void aModuleThatExportsTheCounterAlreadyIsRefused() {
        byte[] instrumented = FuelMeter.instrument(countModule());
        MalformedWasmException twice =
                assertThrows(MalformedWasmException.class, () -> FuelMeter.instrument(instrumented));
        assertTrue(twice.getMessage().contains("already exports 'wasmbridge_fuel'"), twice.getMessage());
        TestModuleBuilder module = new TestModuleBuilder();
        module.function(module.type(of(), of()), FuelMeter.FUEL_EXPORT, of(), new Code());
        assertThrows(MalformedWasmException.class, () -> FuelMeter.instrument(module.build()));
    }

    /** The counter takes the first free global index: code that used it was invalid and stays refused. */
    @Test
    void codeUsingTheCountersIndexIsRefused() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of());
        module.function(
                type, "sneaky", of(), new Code().i64(Long.MAX_VALUE).raw((byte) 0x24, (byte) 0)); // global.set 0
        MalformedWasmException refused =
                assertThrows(MalformedWasmException.class, () -> FuelMeter.instrument(module.build()));
        assertTrue(refused.getMessage().contains("unknown global 0"), refused.getMessage());
    }

    /** A call of a function the module does not have is refused as malformed, not met with another exception. */
    @Test
    void aCallOfAnUnknownFunctionIsRefused() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(), of());
        module.function(type, "lost", of(), new Code().call(7));
        MalformedWasmException refused =
                assertThrows(MalformedWasmException.class, () -> FuelMeter.instrument(module.build()));
        assertTrue(refused.getMessage().contains("unknown function 7 in function 0"), refused.getMessage());
    }

    /**
     * A module that imports a global and defines one: the counter comes after both, the module's own
     * globals keep their indices and values, and the new sections go where the binary format wants them.
     */
    @Test
    void theCounterComesAfterImportedAndDefinedGlobals() {
        Bytes module = new Bytes().raw(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        module.section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(1).u8(I32).toArray());
        module.section(
                2,
                new Bytes()
                        .u32(1)
                        .name("env")
                        .name("base")
                        .u8(0x03)
                        .u8(I32)
                        .u8(0)
                        .toArray()); // global 0
        module.section(3, new Bytes().u32(1).u32(0).toArray());
        module.section(
                6, new Bytes().u32(1).u8(I32).u8(1).u8(0x41).s64(5).u8(0x0B).toArray()); // global 1 = 5
        module.section(7, new Bytes().u32(1).name("sum").u8(0).u32(0).toArray());
        byte[] body = new Bytes()
                .u32(0)
                .u8(0x23)
                .u32(0)
                .u8(0x23)
                .u32(1)
                .u8(0x6A)
                .u8(0x0B)
                .toArray(); // global.get 0 + global.get 1
        module.section(10, new Bytes().u32(1).u32(body.length).raw(body).toArray());
        byte[] instrumented = FuelMeter.instrument(module.toArray());
        Instance instance = Instance.builder(Parser.parse(instrumented))
                .withImportValues(ImportValues.builder()
                        .addGlobal(new ImportGlobal("env", "base", new GlobalInstance(Value.i32(37))))
                        .build())
                .build();
        assertEquals(2, instance.module().exportSection().getExport(1).index());
        assertEquals(
                ExternalType.GLOBAL,
                instance.module().exportSection().getExport(1).exportType());
        assertEquals(new Run("returns [42]", 96, 4), FuelRuns.call(instance, "sum", 100));
    }

    /** A module without globals and exports gets both sections, in order. */
    @Test
    void aModuleWithoutGlobalsOrExportsGetsBoth() {
        byte[] bare = new Bytes()
                .raw(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0})
                .section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(0).toArray())
                .section(3, new Bytes().u32(1).u32(0).toArray())
                .section(8, new Bytes().u32(0).toArray()) // start: function 0
                .section(10, new Bytes().u32(1).u32(2).u32(0).u8(0x0B).toArray())
                .toArray();
        byte[] instrumented = FuelMeter.instrument(bare);
        List<Integer> ids = new ArrayList<>();
        WasmModule.parse(instrumented).sections().forEach(s -> ids.add(s.id()));
        assertEquals(List.of(1, 3, 6, 7, 8, 10), ids);
        Instance instance = Instance.builder(Parser.parse(instrumented)).build(); // runs the start function
        assertEquals(
                Long.MAX_VALUE - 1,
                instance.exports().global(FuelMeter.FUEL_EXPORT).getValue());
    }
}
