package dev.wasmbridge.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.maven.rust.BuildFailure;
import dev.wasmbridge.maven.rust.Flavour;
import dev.wasmbridge.maven.rust.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildMojoTest {
    @Test
    void flavoursComeInOrderWithoutRepeats() throws BuildFailure {
        assertEquals(List.of(Flavour.EXNREF), BuildMojo.parseFlavours(List.of("exnref")));
        assertEquals(
                List.of(Flavour.ABORT, Flavour.EXNREF, Flavour.LEGACY),
                BuildMojo.parseFlavours(List.of("abort,exnref", "legacy", "ABORT")));
    }

    @Test
    void theTargetIsWasm32UnknownUnknownUnlessConfigured() throws BuildFailure {
        assertEquals(Target.WASM32_UNKNOWN_UNKNOWN, BuildMojo.parseTarget(null));
        assertEquals(Target.WASM32_WASIP1, BuildMojo.parseTarget("wasm32-wasip1"));
        BuildFailure e = assertThrows(BuildFailure.class, () -> BuildMojo.parseTarget("wasm32-wasi"));
        assertTrue(e.getMessage().startsWith("target: unknown target 'wasm32-wasi'"), e.getMessage());
    }

    @Test
    void noOrUnknownFlavoursAreErrors() {
        assertThrows(BuildFailure.class, () -> BuildMojo.parseFlavours(List.of()));
        BuildFailure e = assertThrows(BuildFailure.class, () -> BuildMojo.parseFlavours(List.of("exnref", "wasi")));
        assertTrue(e.getMessage().contains("unknown flavour 'wasi'"), e.getMessage());
    }
}
