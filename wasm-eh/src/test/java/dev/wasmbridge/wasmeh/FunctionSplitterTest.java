package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Bytes;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The splitter on small modules written for the purpose, run on Chicory before and after. */
class FunctionSplitterTest {

    /**
     * {@code walk(x)}: a loop whose body leaves to a label with a value (x > 10), to a label
     * without (x == 0, x == 9 from a block with a result), returns a value (x == 5), continues the
     * loop from inside a block and writes locals on the way.
     */
    static byte[] branchyModule() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        Code code = new Code()
                .block(I32) // outer (i32)
                .block(VOID) // void
                .loop(VOID) // loop
                .block(VOID) // body
                .localGet(0)
                .i32(10)
                .op(0x4A) // i32.gt_s
                .ifThen(VOID)
                .localGet(0)
                .i32(100)
                .op(0x6C)
                .br(4)
                .end() // i32.mul, to outer
                .localGet(0)
                .op(0x45)
                .brIf(2) // x == 0: to void
                .localGet(0)
                .i32(5)
                .op(0x46)
                .ifThen(VOID)
                .localGet(1)
                .i32(7)
                .op(0x6A)
                .op(0x0F)
                .end() // return acc + 7
                .block(I32)
                .localGet(1);
        for (int i = 0; i < 30; i++) { // bulk, so moving pays
            code.localGet(1).i32(3 + i).op(0x77).localGet(0).op(0x73).localSet(1); // rotl, xor
        }
        code.localGet(0)
                .i32(9)
                .op(0x46)
                .brIf(3) // x == 9: to void
                .localGet(1)
                .op(0x6A)
                .end()
                .localSet(1)
                .localGet(1)
                .localGet(0)
                .op(0x6A)
                .localSet(1)
                .localGet(0)
                .i32(1)
                .op(0x6B)
                .localSet(0) // i32.sub
                .localGet(0)
                .i32(3)
                .op(0x46)
                .brIf(0) // leave body
                .br(1) // continue loop
                .end()
                .localGet(1)
                .i32(2)
                .op(0x6C)
                .localSet(1)
                .br(0)
                .end()
                .end()
                .localGet(1)
                .i32(1000)
                .op(0x6A)
                .end();
        module.function(type, "walk", of(I32), code);
        byte[] names = new Bytes().u32(1).u32(0).name("walk").toArray();
        module.custom("name", new Bytes().u8(1).u32(names.length).raw(names).toArray(), false);
        return module.build();
    }

    /**
     * {@code guard(x)}: a try_table whose catch_all_ref clause leaves to a block outside it with
     * the exnref; the body throws when x is odd and returns x + 1 otherwise.
     */
    static byte[] tryTableModule() {
        TestModuleBuilder module = new TestModuleBuilder();
        int type = module.type(of(I32), of(I32));
        int tagType = module.type(of(), of());
        int tag = module.tag(tagType);
        Code code = new Code()
                .block(0x69) // block (result exnref)
                .raw((byte) 0x1F, (byte) 0x40, (byte) 1, (byte) 0x03, (byte) 0) // catch_all_ref 0
                .localGet(0)
                .i32(1)
                .op(0x71) // i32.and
                .ifThen(VOID)
                .throwTag(tag)
                .end()
                .localGet(0)
                .i32(1)
                .op(0x6A)
                .op(0x0F)
                .end()
                .op(0x00) // unreachable
                .end()
                .drop()
                .i32(-1);
        module.function(type, "guard", of(), code);
        return module.build();
    }

    @Test
    void returnsTheSameArrayWhenNoFunctionIsOverTheBudget() {
        byte[] module = branchyModule();
        assertSame(module, FunctionSplitter.split(module));
        assertSame(module, FunctionSplitter.split(module, 1_000_000));
        assertEquals(List.of(), FunctionSplitter.oversizedFunctions(module));
    }

    @Test
    void movedRegionsBranchOutWithAndWithoutValuesAndReturn() {
        byte[] original = branchyModule();
        byte[] split = FunctionSplitter.split(original, 500);
        byte[] everything = FunctionSplitterSpecTest.splitEverything(original);
        assertTrue(FunctionSplitterFixtureTest.functionCount(split) > 1);
        assertTrue(
                FunctionSplitterFixtureTest.functionCount(everything) >= 6,
                "moved regions: " + (FunctionSplitterFixtureTest.functionCount(everything) - 1));
        List<Long> expected = results(original, "walk", 21);
        assertEquals(expected, results(split, "walk", 21));
        assertEquals(expected, results(everything, "walk", 21));
    }

    @Test
    void aCatchClauseMayLeaveAMovedRegionWithItsExnref() {
        byte[] original = tryTableModule();
        byte[] everything = FunctionSplitterSpecTest.splitEverything(original);
        assertTrue(FunctionSplitterFixtureTest.functionCount(everything) >= 3);
        assertEquals(List.of(1L, -1L, 3L, -1L, 5L), results(original, "guard", 5));
        assertEquals(results(original, "guard", 5), results(everything, "guard", 5));
    }

    @Test
    void newFunctionsAreNamedAfterTheirOrigin() {
        byte[] split = FunctionSplitterSpecTest.splitEverything(branchyModule());
        Map<Integer, String> names = NameSection.functionNames(WasmModule.parse(split));
        assertEquals("walk", names.get(0));
        assertEquals("walk.outlined.1", names.get(1));
        assertEquals("walk.outlined.2", names.get(2));
        assertEquals(FunctionSplitterFixtureTest.functionCount(split), names.size());
    }

    @Test
    void reportsTheFunctionsOverTheBudgetWithTheirNames() {
        List<OversizedFunction> over = FunctionSplitter.oversizedFunctions(branchyModule(), 500);
        assertEquals(1, over.size());
        assertEquals(0, over.get(0).functionIndex());
        assertEquals("walk", over.get(0).name().orElseThrow());
        assertTrue(over.get(0).estimatedSize() > 400, over.get(0).toString());
        assertEquals(List.of(), FunctionSplitter.oversizedFunctions(FunctionSplitter.split(branchyModule(), 500), 500));
    }

    @Test
    void aFunctionOverTheHugeMethodLimitIsSplitUnderIt() {
        byte[] huge = HugeFunctionModule.build();
        Map<Integer, Integer> before = FunctionSplitterCompilerTest.compiledFunctionSizes(huge);
        assertTrue(before.get(0) > FunctionSplitter.HUGE_METHOD_LIMIT, "before: " + before);
        assertEquals(1, FunctionSplitter.oversizedFunctions(huge).size());
        byte[] split = FunctionSplitter.split(huge);
        Map<Integer, Integer> after = FunctionSplitterCompilerTest.compiledFunctionSizes(split);
        assertTrue(after.size() > 1, "after: " + after);
        after.values().forEach(size -> assertTrue(size < FunctionSplitter.HUGE_METHOD_LIMIT, "after: " + after));
        Instance original = ExportDriver.instantiate(huge, true);
        Instance splitInstance = ExportDriver.instantiate(split, true);
        for (long n : new long[] {1, 2, 3, 12, 1000}) {
            assertEquals(
                    original.export("hash").apply(n)[0],
                    splitInstance.export("hash").apply(n)[0]);
        }
    }

    @Test
    void refusesMalformedModulesAndBudgetsThatAreNotPositive() {
        assertThrows(MalformedWasmException.class, () -> FunctionSplitter.split(new byte[] {0, 0x61, 0x73}, 10));
        assertThrows(
                MalformedWasmException.class,
                () -> FunctionSplitter.oversizedFunctions(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertThrows(IllegalArgumentException.class, () -> FunctionSplitter.split(branchyModule(), 0));
    }

    @Test
    void mutantsAreSplitOrRefusedWithMalformedWasmException() {
        List<byte[]> seeds = new ArrayList<>();
        SpecFiles.validModules().forEach(path -> seeds.add(LegacyEh.translate(SpecFiles.bytes(path))));
        seeds.add(branchyModule());
        seeds.add(tryTableModule());
        int split = 0;
        for (int i = 0; i < 20_000; i++) {
            Random random = new Random(0x5B117L * 1_000_003L + i);
            byte[] mutant = seeds.get(random.nextInt(seeds.size())).clone();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = 8 + random.nextInt(mutant.length - 8);
                mutant[at] =
                        (byte) (random.nextBoolean() ? random.nextInt(256) : mutant[at] ^ (1 << random.nextInt(8)));
            }
            try {
                if (!Arrays.equals(mutant, FunctionSplitterSpecTest.splitEverything(mutant))) {
                    split++;
                }
                FunctionSplitter.split(mutant, 1);
            } catch (MalformedWasmException refused) {
                // the only acceptable failure
            } catch (RuntimeException | AssertionError unexpected) {
                throw new AssertionError("mutant " + i + ": " + unexpected, unexpected);
            }
        }
        assertTrue(split > 1000, "only " + split + " mutants were split");
    }

    private static List<Long> results(byte[] module, String export, int count) {
        Instance instance = ExportDriver.instantiate(module, false);
        List<Long> results = new ArrayList<>();
        for (long x = 0; x < count; x++) {
            try {
                results.add(instance.export(export).apply(x)[0]);
            } catch (RuntimeException thrown) {
                results.add(-1L);
            }
        }
        return results;
    }
}
