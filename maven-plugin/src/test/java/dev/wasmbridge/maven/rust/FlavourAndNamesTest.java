package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlavourAndNamesTest {
    @Test
    void flagsAreThoseOfBuildWasmSh() {
        assertEquals(
                List.of(
                        "-Cpanic=unwind",
                        "-Ctarget-feature=+exception-handling",
                        "-Cllvm-args=-wasm-use-legacy-eh=false"),
                Flavour.EXNREF.rustflags(false));
        assertEquals(
                List.of("-Cpanic=unwind", "-Ctarget-feature=+exception-handling"), Flavour.LEGACY.rustflags(false));
        assertEquals(List.of("-Cpanic=abort"), Flavour.ABORT.rustflags(false));
        assertEquals("-Zbuild-std=std,panic_unwind,panic_abort", Flavour.EXNREF.buildStdArgument());
        assertEquals("-Zbuild-std=std,panic_unwind,panic_abort", Flavour.LEGACY.buildStdArgument());
        assertEquals("-Zbuild-std=std,panic_abort", Flavour.ABORT.buildStdArgument());
    }

    @Test
    void theFeatureFlagIsLeftOutWhenRustcImpliesIt() {
        assertEquals(
                List.of("-Cpanic=unwind", "-Cllvm-args=-wasm-use-legacy-eh=false"), Flavour.EXNREF.rustflags(true));
        assertEquals(List.of("-Cpanic=unwind"), Flavour.LEGACY.rustflags(true));
        assertEquals(List.of("-Cpanic=abort"), Flavour.ABORT.rustflags(true));
    }

    @Test
    void targetsAreNamedAsRustcNamesThem() {
        assertEquals(Target.WASM32_WASIP1, Target.of(" WASM32-wasip1 "));
        assertEquals("wasm32-unknown-unknown", Target.WASM32_UNKNOWN_UNKNOWN.triple());
        assertEquals("CARGO_TARGET_WASM32_WASIP1_LINKER", Target.WASM32_WASIP1.linkerVariable());
        assertEquals("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", Target.WASM32_UNKNOWN_UNKNOWN.linkerVariable());
        assertTrue(Target.WASM32_WASIP1.wasi());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.of("wasm32-wasi"));
        assertTrue(e.getMessage().contains("wasm32-unknown-unknown or wasm32-wasip1"), e.getMessage());
    }

    @Test
    void flavoursAreNamedWithoutRegardToCase() {
        assertEquals(Flavour.LEGACY, Flavour.of(" Legacy "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Flavour.of("unwind"));
        assertTrue(e.getMessage().contains("exnref, legacy or abort"), e.getMessage());
    }

    @Test
    void oneFlavourIsNamedAfterTheCrateAlone() throws BuildFailure {
        OutputNames names = OutputNames.of(null, List.of(Flavour.EXNREF));
        assertEquals("rustlib.wasm", names.fileName("rustlib", Flavour.EXNREF));
    }

    @Test
    void severalFlavoursAreNamedAfterCrateAndFlavour() throws BuildFailure {
        OutputNames names = OutputNames.of(" ", List.of(Flavour.EXNREF, Flavour.ABORT));
        assertEquals("my_lib.exnref.wasm", names.fileName("my_lib", Flavour.EXNREF));
        assertEquals("my_lib.abort.wasm", names.fileName("my_lib", Flavour.ABORT));
    }

    @Test
    void aConfiguredPatternIsUsed() throws BuildFailure {
        OutputNames names =
                OutputNames.of("native/{flavour}/{crate}-module.wasm", List.of(Flavour.LEGACY, Flavour.ABORT));
        assertEquals("native/legacy/calc-module.wasm", names.fileName("calc", Flavour.LEGACY));
        assertEquals(
                "fixed.wasm",
                OutputNames.of("fixed.wasm", List.of(Flavour.ABORT)).fileName("c", Flavour.ABORT));
    }

    @Test
    void severalFlavoursNeedTheFlavourInTheName() {
        BuildFailure e = assertThrows(
                BuildFailure.class, () -> OutputNames.of("{crate}.wasm", List.of(Flavour.EXNREF, Flavour.LEGACY)));
        assertTrue(e.getMessage().contains("would overwrite each other"), e.getMessage());
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        BuildFailure e = assertThrows(
                BuildFailure.class, () -> OutputNames.of("${crate}.{version}.wasm", List.of(Flavour.EXNREF)));
        assertTrue(e.getMessage().contains("{version}"), e.getMessage());
    }
}
