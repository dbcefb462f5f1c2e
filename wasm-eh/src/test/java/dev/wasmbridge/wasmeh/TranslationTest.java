package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.I64;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.Parser;
import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Translates hand-built legacy modules, one construct at a time, and runs them on Chicory.
 * Each test shows the legacy code in the text format.
 */
class TranslationTest {
    private static final int I32_ADD = 0x6A;
    private static final int I32_LT_S = 0x48;
    private static final int I32_GT_S = 0x4A;
    private static final int I32_EQ = 0x46;
    private static final int I32_EQZ = 0x45;
    private static final int I64_ADD = 0x7C;
    private static final int I64_EXTEND_I32_S = 0xAC;
    private static final int UNREACHABLE = 0x00;

    private final TestModuleBuilder module = new TestModuleBuilder();
    private final int voidType = module.type(of(), of());
    private final int i32Type = module.type(of(I32), of());
    private final int i32ToI32 = module.type(of(I32), of(I32));
    private final int toI32 = module.type(of(), of(I32));
    private final int pairType = module.type(of(I32, I64), of());
    private final int tagA = module.tag(i32Type);
    private final int tagB = module.tag(i32Type);
    private final int tagEmpty = module.tag(voidType);
    private final int tagPair = module.tag(pairType);

    private static Instance instantiate(byte[] legacy) {
        assertTrue(LegacyEh.isLegacy(legacy), "test module should use legacy instructions");
        byte[] translated = LegacyEh.translate(legacy);
        assertFalse(LegacyEh.isLegacy(translated), "translation left legacy instructions");
        return Instance.builder(Parser.parse(translated)).build();
    }

    private static long call(Instance instance, String name, long... args) {
        return instance.export(name).apply(args)[0];
    }

    @Test
    void catchOfATagWithParametersReceivesThePayload() {
        // (func (param i32) (result i64) (local i64)
        //   (try (result i64)
        //     (do (local.get 0) (i64.const 5) (throw $pair))
        //     (catch $pair (local.set 1) (i64.extend_i32_s) (local.get 1) (i64.add))))
        module.function(
                module.type(of(I32), of(I64)),
                "f",
                of(I64),
                new Code()
                        .tryBlock(I64)
                        .localGet(0)
                        .i64(5)
                        .throwTag(tagPair)
                        .catchTag(tagPair)
                        .localSet(1)
                        .op(I64_EXTEND_I32_S)
                        .localGet(1)
                        .op(I64_ADD)
                        .end());
        assertEquals(12, call(instantiate(module.build()), "f", 7));
    }

    @Test
    void severalCatchClausesAreTriedInOrderThenCatchAll() {
        // (try (result i32)
        //   (do (block (block (block (local.get 0) (br_table 0 1 2 3))
        //         (i32.const 10) (throw $a))
        //       (i32.const 20) (throw $b))
        //     (throw $empty))
        //   (i32.const 99))   ;; param >= 3
        //   (catch $a (i32.const 1) (i32.add))
        //   (catch $b (i32.const 2) (i32.add))
        //   (catch_all (i32.const 3)))
        module.function(
                i32ToI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .block(VOID)
                        .block(VOID)
                        .block(VOID)
                        .block(VOID)
                        .localGet(0)
                        .brTable(0, 1, 2, 3)
                        .end()
                        .i32(10)
                        .throwTag(tagA)
                        .end()
                        .i32(20)
                        .throwTag(tagB)
                        .end()
                        .throwTag(tagEmpty)
                        .end()
                        .i32(99)
                        .catchTag(tagA)
                        .i32(1)
                        .op(I32_ADD)
                        .catchTag(tagB)
                        .i32(2)
                        .op(I32_ADD)
                        .catchAll()
                        .i32(3)
                        .end());
        Instance instance = instantiate(module.build());
        assertEquals(11, call(instance, "f", 0));
        assertEquals(22, call(instance, "f", 1));
        assertEquals(3, call(instance, "f", 2));
        assertEquals(99, call(instance, "f", 3));
    }

    @Test
    void anExceptionNoClauseMatchesEscapesToTheCaller() {
        // (try (do (i32.const 1) (throw $b)) (catch $a (drop)))
        module.function(
                voidType,
                "f",
                of(),
                new Code()
                        .tryBlock(VOID)
                        .i32(1)
                        .throwTag(tagB)
                        .catchTag(tagA)
                        .drop()
                        .end());
        Instance instance = instantiate(module.build());
        WasmException escaped =
                assertThrows(WasmException.class, () -> instance.export("f").apply());
        assertEquals(tagB, escaped.tagIdx());
        assertArrayEquals(new long[] {1}, escaped.args());
    }

    @Test
    void catchAllDoesNotCatchTraps() {
        // (try (do unreachable) (catch_all))
        module.function(
                voidType,
                "f",
                of(),
                new Code().tryBlock(VOID).op(UNREACHABLE).catchAll().end());
        Instance instance = instantiate(module.build());
        assertThrows(TrapException.class, () -> instance.export("f").apply());
    }

    @Test
    void rethrowDepthZeroKeepsThePayload() {
        // (try (result i32)
        //   (do (try (result i32) (do (i32.const 42) (throw $a)) (catch $a (drop) (rethrow 0))))
        //   (catch $a))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .i32(42)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .drop()
                        .rethrow(0)
                        .end()
                        .catchTag(tagA)
                        .end());
        assertEquals(42, call(instantiate(module.build()), "f"));
    }

    @Test
    void rethrowDepthOneFromABlockInsideTheCatch() {
        // (try (result i32)
        //   (do (try (result i32) (do (i32.const 7) (throw $a))
        //         (catch $a (drop) (block (rethrow 1)) (i32.const 0))))
        //   (catch $a (i32.const 100) (i32.add)))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .i32(7)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .drop()
                        .block(VOID)
                        .rethrow(1)
                        .end()
                        .i32(0)
                        .end()
                        .catchTag(tagA)
                        .i32(100)
                        .op(I32_ADD)
                        .end());
        assertEquals(107, call(instantiate(module.build()), "f"));
    }

    @Test
    void rethrowDepthTwoFromANestedCatchRethrowsTheOuterException() {
        // (try (result i32)
        //   (do (try (result i32) (do (i32.const 5) (throw $a))
        //         (catch $a (drop)
        //           (block (result i32)
        //             (try (result i32) (do (i32.const 9) (throw $b))
        //               (catch $b (drop) (rethrow 2)))))))
        //   (catch $a (i32.const 1000) (i32.add)))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .i32(5)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .drop()
                        .block(I32)
                        .tryBlock(I32)
                        .i32(9)
                        .throwTag(tagB)
                        .catchTag(tagB)
                        .drop()
                        .rethrow(2)
                        .end()
                        .end()
                        .end()
                        .catchTag(tagA)
                        .i32(1000)
                        .op(I32_ADD)
                        .end());
        assertEquals(1005, call(instantiate(module.build()), "f"));
    }

    @Test
    void rethrowInACatchAllBodyRethrowsTheCaughtException() {
        // (try (result i32)
        //   (do (try (do (i32.const 3) (throw $b)) (catch_all (rethrow 0))) (i32.const 0))
        //   (catch $b))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(VOID)
                        .i32(3)
                        .throwTag(tagB)
                        .catchAll()
                        .rethrow(0)
                        .end()
                        .i32(0)
                        .catchTag(tagB)
                        .end());
        assertEquals(3, call(instantiate(module.build()), "f"));
    }

    @Test
    void delegateToAnOuterTrySkipsTheTryInBetween() {
        // (try (result i32)
        //   (do (try (result i32)
        //         (do (try (result i32) (do (i32.const 3) (throw $a)) (delegate 1)))
        //         (catch $a (drop) (i32.const 1))))
        //   (catch $a (i32.const 100) (i32.add)))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .i32(3)
                        .throwTag(tagA)
                        .delegate(1)
                        .catchTag(tagA)
                        .drop()
                        .i32(1)
                        .end()
                        .catchTag(tagA)
                        .i32(100)
                        .op(I32_ADD)
                        .end());
        assertEquals(103, call(instantiate(module.build()), "f"));
    }

    @Test
    void delegateToTheFunctionLabelThrowsToTheCaller() {
        // (func $callee (result i32)
        //   (try (result i32)
        //     (do (try (result i32) (do (i32.const 4) (throw $a)) (delegate 1)))
        //     (catch $a (drop) (i32.const -1))))
        // (func (result i32) (try (result i32) (do (call $callee)) (catch $a (i32.const 200)
        //   (i32.add))))
        int callee = module.function(
                toI32,
                "callee",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(I32)
                        .i32(4)
                        .throwTag(tagA)
                        .delegate(1)
                        .catchTag(tagA)
                        .drop()
                        .i32(-1)
                        .end());
        module.function(
                toI32,
                "caller",
                of(),
                new Code()
                        .tryBlock(I32)
                        .call(callee)
                        .catchTag(tagA)
                        .i32(200)
                        .op(I32_ADD)
                        .end());
        Instance instance = instantiate(module.build());
        assertEquals(204, call(instance, "caller"));
        WasmException escaped = assertThrows(
                WasmException.class, () -> instance.export("callee").apply());
        assertArrayEquals(new long[] {4}, escaped.args());
    }

    @Test
    void delegateToATryWithParametersLandsInItsCatch() {
        // (local.get 0)
        // (try (param i32) (result i32)
        //   (do (try (param i32) (result i32)
        //         (do (i32.const 1) (i32.add) (local.tee 1) (i32.const 5) (i32.gt_s)
        //             (if (then (local.get 1) (throw $a))) (local.get 1))
        //         (delegate 0)))
        //   (catch $a (i32.const 1000) (i32.add)))
        Code code = new Code()
                .localGet(0)
                .tryBlock(Code.typeIndex(i32ToI32))
                .tryBlock(Code.typeIndex(i32ToI32))
                .i32(1)
                .op(I32_ADD)
                .localTee(1)
                .i32(5)
                .op(I32_GT_S)
                .ifThen(VOID)
                .localGet(1)
                .throwTag(tagA)
                .end()
                .localGet(1)
                .delegate(0)
                .catchTag(tagA)
                .i32(1000)
                .op(I32_ADD)
                .end();
        module.function(i32ToI32, "f", of(I32), code);
        Instance instance = instantiate(module.build());
        assertEquals(3, call(instance, "f", 2));
        assertEquals(1010, call(instance, "f", 9));
    }

    @Test
    void delegateToAnExnrefTryTableIsCaughtByItsClauses() {
        // (block $h (result i32)
        //   (try_table (result i32) (catch $a $h)
        //     (try (result i32) (do (i32.const 8) (throw $a)) (delegate 0)))
        //   (i32.const 100) (i32.add))
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .block(I32)
                        .op(0x1F, I32, 1, 0x00, tagA, 0)
                        .tryBlock(I32)
                        .i32(8)
                        .throwTag(tagA)
                        .delegate(0)
                        .end()
                        .i32(100)
                        .op(I32_ADD)
                        .end());
        assertEquals(8, call(instantiate(module.build()), "f"));
    }

    @Test
    void tryInALoopCanBranchBackToTheLoopFromItsCatch() {
        // (local $count i32)
        // (loop
        //   (try
        //     (do (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        //         (if (i32.lt_s (local.get 1) (local.get 0)) (then (throw $empty))))
        //     (catch $empty (br 1))))
        // (local.get 1)
        module.function(
                i32ToI32,
                "f",
                of(I32),
                new Code()
                        .loop(VOID)
                        .tryBlock(VOID)
                        .localGet(1)
                        .i32(1)
                        .op(I32_ADD)
                        .localSet(1)
                        .localGet(1)
                        .localGet(0)
                        .op(I32_LT_S)
                        .ifThen(VOID)
                        .throwTag(tagEmpty)
                        .end()
                        .catchTag(tagEmpty)
                        .br(1)
                        .end()
                        .end()
                        .localGet(1));
        Instance instance = instantiate(module.build());
        assertEquals(5, call(instance, "f", 5));
        assertEquals(1, call(instance, "f", 0));
    }

    @Test
    void multiValueTryBlockDeliversAllResults() {
        // (try (result i32 i64)
        //   (do (if (local.get 0) (then (local.get 0) (i64.const 77) (throw $pair)))
        //       (i32.const 1) (i64.const 2))
        //   (catch $pair))
        int pairResult = module.type(of(), of(I32, I64));
        module.function(
                module.type(of(I32), of(I32, I64)),
                "f",
                of(),
                new Code()
                        .tryBlock(Code.typeIndex(pairResult))
                        .localGet(0)
                        .ifThen(VOID)
                        .localGet(0)
                        .i64(77)
                        .throwTag(tagPair)
                        .end()
                        .i32(1)
                        .i64(2)
                        .catchTag(tagPair)
                        .end());
        Instance instance = instantiate(module.build());
        assertArrayEquals(new long[] {1, 2}, instance.export("f").apply(0));
        assertArrayEquals(new long[] {9, 77}, instance.export("f").apply(9));
    }

    @Test
    void tryWithParametersConsumesThemInItsBody() {
        // (local.get 0)
        // (try (param i32) (result i32)
        //   (do (i32.const 10) (i32.add) (local.tee 1) (i32.const 15) (i32.gt_s)
        //       (if (then (local.get 1) (throw $a))) (local.get 1))
        //   (catch $a (i32.const 1000) (i32.add)))
        module.function(
                i32ToI32,
                "f",
                of(I32),
                new Code()
                        .localGet(0)
                        .tryBlock(Code.typeIndex(i32ToI32))
                        .i32(10)
                        .op(I32_ADD)
                        .localTee(1)
                        .i32(15)
                        .op(I32_GT_S)
                        .ifThen(VOID)
                        .localGet(1)
                        .throwTag(tagA)
                        .end()
                        .localGet(1)
                        .catchTag(tagA)
                        .i32(1000)
                        .op(I32_ADD)
                        .end());
        Instance instance = instantiate(module.build());
        assertEquals(11, call(instance, "f", 1));
        assertEquals(1019, call(instance, "f", 9));
    }

    @Test
    void branchesOutOfTryBodiesAndCatchBodiesKeepTheirTargets() {
        // (block (result i32)
        //   (try (result i32)
        //     (do (i32.const 5) (local.get 0) (br_table 0 1 2 0))  ;; 2 = the function
        //     (catch_all (i32.const 6) (br 1)))
        //   (i32.const 100) (i32.add))
        // then (func $g) throws and its catch branches to the outer block
        module.function(
                i32ToI32,
                "f",
                of(),
                new Code()
                        .block(I32)
                        .tryBlock(I32)
                        .i32(5)
                        .localGet(0)
                        .brTable(0, 1, 2, 0)
                        .catchAll()
                        .i32(6)
                        .br(1)
                        .end()
                        .i32(100)
                        .op(I32_ADD)
                        .end());
        module.function(
                toI32,
                "g",
                of(),
                new Code()
                        .block(I32)
                        .tryBlock(I32)
                        .throwTag(tagEmpty)
                        .catchAll()
                        .i32(6)
                        .br(1)
                        .end()
                        .i32(100)
                        .op(I32_ADD)
                        .end());
        Instance instance = instantiate(module.build());
        assertEquals(105, call(instance, "f", 0));
        assertEquals(5, call(instance, "f", 1));
        assertEquals(5, call(instance, "f", 2));
        assertEquals(105, call(instance, "f", 3));
        assertEquals(6, call(instance, "g"));
    }

    @Test
    void existingLocalsAreKeptWhenAnExceptionLocalIsAdded() {
        // (func (param i32) (result i32) (local i32 i64)
        //   (local.set 1 (i32.const 40)) (local.set 2 (i64.const 2))
        //   (try (result i32)
        //     (do (try (do (local.get 0) (throw $a)) (catch $a (local.set 1 (i32.add (local.get 1)))
        //           (rethrow 0))) (i32.const 0))
        //     (catch $a (local.get 1) (i32.add))))
        module.function(
                i32ToI32,
                "f",
                of(I32, I64),
                new Code()
                        .i32(40)
                        .localSet(1)
                        .i64(2)
                        .localSet(2)
                        .tryBlock(I32)
                        .tryBlock(VOID)
                        .localGet(0)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .localGet(1)
                        .op(I32_ADD)
                        .localSet(1)
                        .rethrow(0)
                        .end()
                        .i32(0)
                        .catchTag(tagA)
                        .localGet(1)
                        .op(I32_ADD)
                        .end());
        assertEquals(3 + 43, call(instantiate(module.build()), "f", 3));
    }

    @Test
    void catchlessTryBehavesAsABlock() {
        // (try (result i32) (do (local.get 0) (i32.const 1) (i32.eq) (br_if 0 (i32.const 7)) drop
        //   (i32.const 8)))  -- written with a plain br_if
        module.function(
                i32ToI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .i32(7)
                        .localGet(0)
                        .i32(1)
                        .op(I32_EQ)
                        .brIf(0)
                        .drop()
                        .i32(8)
                        .end());
        Instance instance = instantiate(module.build());
        assertEquals(7, call(instance, "f", 1));
        assertEquals(8, call(instance, "f", 0));
    }

    @Test
    @Disabled("Chicory 1.7.5 identifies an exnref by its tag index, so throw_ref re-throws the"
            + " latest exception of that tag; proven without translation by"
            + " ExnrefIdentityTest")
    void rethrowAfterCatchingAnotherExceptionOfTheSameTag() {
        // (try (result i32)
        //   (do (try (do (i32.const 1) (throw $a))
        //         (catch $a (drop)
        //           (try (do (i32.const 2) (throw $a)) (catch $a (drop)))
        //           (rethrow 0)))
        //       (i32.const 0))
        //   (catch $a))   ;; must see the first exception: 1
        module.function(
                toI32,
                "f",
                of(),
                new Code()
                        .tryBlock(I32)
                        .tryBlock(VOID)
                        .i32(1)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .drop()
                        .tryBlock(VOID)
                        .i32(2)
                        .throwTag(tagA)
                        .catchTag(tagA)
                        .drop()
                        .end()
                        .rethrow(0)
                        .end()
                        .i32(0)
                        .catchTag(tagA)
                        .end());
        assertEquals(1, call(instantiate(module.build()), "f"));
    }

    @Test
    void tryParametersAreLoweredToLocalsSoNoOutputBlockHasParameters() {
        // Each function: (i32.const 9) (i64.const 2) (i32.const 1) then a try typed
        // (param i64 i32) (result i64 i32) whose body throws $a with 7 when param 0 is not 0;
        // the catch gives 5 6. The 9 below must survive (engines get blocks with 2+ parameters
        // nested in blocks wrong: EngineDeviationTest).
        int params = module.type(of(I64, I32), of(I64, I32));
        int result = module.type(of(I32), of(I32, I64, I32));
        int bt = Code.typeIndex(params);
        // catch: (try (type $params) (do <throw if param>) (catch $a (drop) (i64.const 5) (i32.const 6)))
        module.function(
                result,
                "caught",
                of(),
                throwIfParameterSet(prefix(new Code()).tryBlock(bt))
                        .catchTag(tagA)
                        .drop()
                        .i64(5)
                        .i32(6)
                        .end());
        // delegate to an outer try with parameters, which is thus a delegate destination:
        // (try (type $params) (do (try (type $params) (do <throw if param>) (delegate 0)))
        //   (catch $a (drop) (i64.const 5) (i32.const 6)))
        module.function(
                result,
                "delegated",
                of(),
                throwIfParameterSet(prefix(new Code()).tryBlock(bt).tryBlock(bt))
                        .delegate(0)
                        .catchTag(tagA)
                        .drop()
                        .i64(5)
                        .i32(6)
                        .end());
        // a try without catch clauses, and one whose exception is kept for a rethrow:
        // (try (type $params) (do (try (type $params) (do <throw if param>))
        //      (catch_all (i64.const 5) (i32.const 6) (local.get 0) (br_if 0) (drop) (drop)
        //                 (rethrow 0))))
        //   (catch $a (drop) (i64.const 5) (i32.const 6)))
        module.function(
                result,
                "rethrown",
                of(),
                throwIfParameterSet(prefix(new Code()).tryBlock(bt).tryBlock(bt).tryBlock(bt))
                        .end()
                        .catchAll()
                        .i64(5)
                        .i32(6)
                        .localGet(0)
                        .op(I32_EQZ)
                        .brIf(0)
                        .drop()
                        .drop()
                        .rethrow(0)
                        .end()
                        .catchTag(tagA)
                        .drop()
                        .i64(15)
                        .i32(16)
                        .end());
        byte[] legacy = module.build();
        byte[] translated = LegacyEh.translate(legacy);
        assertEquals(List.of(), blocksWithParameters(translated));

        Instance instance = instantiate(legacy);
        for (String export : List.of("caught", "delegated")) {
            assertArrayEquals(new long[] {9, 2, 1}, instance.export(export).apply(0), export);
            assertArrayEquals(new long[] {9, 5, 6}, instance.export(export).apply(1), export);
        }
        assertArrayEquals(new long[] {9, 2, 1}, instance.export("rethrown").apply(0));
        assertArrayEquals(new long[] {9, 15, 16}, instance.export("rethrown").apply(1));
    }

    /** {@code (local.get 0) (if (then (i32.const 7) (throw $a)))}: throws when the function's parameter is not 0. */
    private Code throwIfParameterSet(Code code) {
        return code.localGet(0).ifThen(VOID).i32(7).throwTag(tagA).end();
    }

    /** {@code (i32.const 9) (i64.const 2) (i32.const 1)}: a value below the try, then its parameters. */
    private static Code prefix(Code code) {
        return code.i32(9).i64(2).i32(1);
    }

    /** The structured instructions of a module whose block type has parameters. */
    private static List<String> blocksWithParameters(byte[] bytes) {
        dev.wasmbridge.wasmeh.WasmModule parsed = dev.wasmbridge.wasmeh.WasmModule.parse(bytes);
        List<String> found = new ArrayList<>();
        for (FunctionBody body : parsed.index().bodies()) {
            InstructionDecoder decoder = new InstructionDecoder(new ByteReader(bytes, body.codeStart(), body.end()));
            while (!decoder.atEnd()) {
                Instruction instruction = decoder.next();
                if (instruction.blockType() != null
                        && !instruction
                                .blockType()
                                .expand(parsed.index(), instruction.start())
                                .params()
                                .isEmpty()) {
                    found.add(String.format(
                            "function %d: opcode 0x%x at %d",
                            body.definedIndex(), instruction.opcode(), instruction.start()));
                }
            }
        }
        return found;
    }
}
