package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.VOID;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records a limitation of the engine (Chicory 1.7.5 and Endive's runtime 1.0.0; fixed in Endive's
 * runtime 1.2.0), shown with a hand-written exnref module (no translation involved): the engine
 * identifies a caught exception (its exnref value) by the index of its tag
 * ({@code Instance.registerException} stores it in a map keyed by tag index and returns the tag
 * index as the reference). A kept exnref therefore refers to the <em>last</em> exception
 * registered with the same tag, so {@code throw_ref} of an earlier exnref re-throws a later
 * exception.
 *
 * <p>Consequence for translated legacy code: a {@code rethrow} that runs after another
 * exception of the same tag was caught inside the catch body re-throws the wrong exception
 * ({@link TranslationTest#rethrowAfterCatchingAnotherExceptionOfTheSameTag} is disabled for that
 * reason). When this test fails saying the engine now matches the reference, the engine has fixed
 * the problem: make this a plain assertion of the specified payload and re-enable that test.
 */
class ExnrefIdentityTest {
    private static final int EXNREF = 0x69;
    private static final int TRY_TABLE = 0x1F;
    private static final int THROW_REF = 0x0A;
    private static final int CATCH = 0x00;
    private static final int CATCH_REF = 0x01;
    private static final int UNREACHABLE = 0x00;

    @ParameterizedTest
    @EnumSource(EngineRuns.class)
    void throwRefOfAKeptExnrefRethrowsTheLatestExceptionWithTheSameTag(EngineRuns run) {
        TestModuleBuilder module = new TestModuleBuilder();
        int tag = module.tag(module.type(of(I32), of()));
        int payloadAndExnref = module.type(of(), of(I32, EXNREF));
        // (block $h1 (result i32 exnref)
        //   (try_table (catch_ref $a $h1) (throw $a (i32.const 1))) unreachable)
        // (local.set 0) (drop)                                  ;; keep the first exnref
        // (block $h2 (result i32)
        //   (try_table (catch $a $h2) (throw $a (i32.const 2))) unreachable)
        // (drop)                                                ;; catch a second one
        // (block $h3 (result i32)
        //   (try_table (catch $a $h3) (throw_ref (local.get 0))) unreachable)
        //                                                       ;; payload seen: should be 1
        Code code = new Code()
                .block(Code.typeIndex(payloadAndExnref))
                .op(TRY_TABLE, VOID, 1, CATCH_REF, tag, 0)
                .i32(1)
                .throwTag(tag)
                .end()
                .op(UNREACHABLE)
                .end()
                .localSet(0)
                .drop()
                .block(I32)
                .op(TRY_TABLE, VOID, 1, CATCH, tag, 0)
                .i32(2)
                .throwTag(tag)
                .end()
                .op(UNREACHABLE)
                .end()
                .drop()
                .block(I32)
                .op(TRY_TABLE, VOID, 1, CATCH, tag, 0)
                .localGet(0)
                .op(THROW_REF)
                .end()
                .op(UNREACHABLE)
                .end();
        module.function(module.type(of(), of(I32)), "f", of(EXNREF), code);
        byte[] exnrefModule = module.build();
        assertFalse(LegacyEh.isLegacy(exnrefModule));

        String outcome = run.call(exnrefModule, "f");

        String specified = "returns [1]";
        String today = "returns [2]";
        if (outcome.equals(specified)) {
            fail("The engine now matches the reference on " + run + ": throw_ref of a kept exnref"
                    + " re-throws that exception (" + outcome + "). Turn this into a plain assertion"
                    + " of '" + specified + "' and re-enable TranslationTest"
                    + ".rethrowAfterCatchingAnotherExceptionOfTheSameTag");
        }
        assertEquals(today, outcome, "the reference is '" + specified + "'");
    }
}
