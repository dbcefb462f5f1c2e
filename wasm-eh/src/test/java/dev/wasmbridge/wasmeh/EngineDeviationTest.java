package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records where the engine the project runs on gives a different answer from the reference
 * interpreters (binaryen's {@code --fuzz-exec} and V8) on small modules found by differential
 * testing (the modules and how they were made: {@code src/test/resources/engine-bugs/README.md}).
 *
 * <p>Each case runs on the interpreter, the run-time compiler and the build-time bytecode. Where
 * the engine agrees with the reference, the test asserts the reference answer. Where it does not,
 * the test asserts what the engine gives today, so that an engine upgrade that fixes the bug
 * fails here with a message saying so: then move the case to the agreeing ones ({@link #TODAY}
 * loses its entry).
 */
class EngineDeviationTest {
    /** A module of {@code engine-bugs/}, an export of it, and the reference interpreters' answer. */
    private record Case(String module, String export, String reference, String bug) {
        @Override
        public String toString() {
            return module + " " + export;
        }
    }

    private static final Case BLOCK_PARAMS = new Case(
            "block-params-pure-mvp",
            "f",
            "returns [9, 5]",
            "a block with 2 parameters nested in a block clobbers the value" + " below the outer block");
    private static final Case LEGACY_TRY_PARAMS = new Case(
            "block-params-legacy-try",
            "f",
            "returns [9, 1]",
            "a legacy try with 2 block parameters, translated: before the"
                    + " translation lowered try parameters to locals, the interpreter gave [0, 1] and the"
                    + " compilers [9, 2]");
    private static final Case EXNREF_BY_TAG_DELEGATE =
            new Case("exnref-by-tag", "f", "throws tag 0 [3]", "delegate out of a catch body");
    private static final Case EXNREF_BY_TAG = new Case(
            "exnref-by-tag",
            "g",
            "throws tag 0 [1]",
            "an exnref is keyed by its tag index, so rethrow after catching"
                    + " a second exception of the same tag rethrows the later one");
    private static final Case MEMORY_INIT = new Case(
            "memory-init-dropped-segment",
            "f",
            "traps",
            "an active data segment is not dropped after instantiation, so memory.init" + " from it does not trap");
    private static final Case THROW_REF_NULL = new Case(
            "throw-ref-null",
            "f",
            "traps",
            "throw_ref of a null exnref is caught (interpreter) or escapes as a Java"
                    + " exception (compiler) instead of trapping");

    /**
     * What the engine gives today where it differs from the reference; a case or run not listed
     * agrees with the reference.
     */
    private static final Map<Case, Map<EngineRuns, String>> TODAY = Map.of(
            BLOCK_PARAMS, today("returns [0, 5]", null, null),
            EXNREF_BY_TAG, today("throws tag 0 [2]", "throws tag 0 [2]", "throws tag 0 [2]"),
            MEMORY_INIT, today("returns []", "returns []", "returns []"),
            THROW_REF_NULL, today("returns [1]", "fails with NullPointerException", "fails with NullPointerException"));

    private static Map<EngineRuns, String> today(String interpreter, String compiler, String buildTime) {
        Map<EngineRuns, String> today = new EnumMap<>(EngineRuns.class);
        if (interpreter != null) {
            today.put(EngineRuns.INTERPRETER, interpreter);
        }
        if (compiler != null) {
            today.put(EngineRuns.COMPILER, compiler);
        }
        if (buildTime != null) {
            today.put(EngineRuns.BUILD_TIME, buildTime);
        }
        return today;
    }

    static byte[] resource(String name) {
        try (InputStream in = EngineDeviationTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Case c : List.of(
                BLOCK_PARAMS, LEGACY_TRY_PARAMS, EXNREF_BY_TAG_DELEGATE, EXNREF_BY_TAG, MEMORY_INIT, THROW_REF_NULL)) {
            for (EngineRuns run : EngineRuns.values()) {
                runs.add(Arguments.of(c, run));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void engineAnswer(Case c, EngineRuns run) {
        String actual = run.call(resource("engine-bugs/" + c.module() + ".wasm"), c.export());
        String today = TODAY.getOrDefault(c, Map.of()).get(run);
        if (today == null) {
            assertEquals(c.reference(), actual, c + " on " + run + " (" + c.bug() + ")");
        } else if (actual.equals(c.reference())) {
            fail("The engine now matches the reference on " + c + " (" + run + ": " + actual
                    + "; it gave '" + today + "' before): " + c.bug() + " is fixed. Turn this into a"
                    + " plain assertion: remove the entry of " + run + " from"
                    + " EngineDeviationTest.TODAY for " + c + ".");
        } else {
            assertEquals(
                    today,
                    actual,
                    c + " on " + run + " gives something new; the reference is '" + c.reference() + "' (" + c.bug()
                            + ")");
        }
    }
}
