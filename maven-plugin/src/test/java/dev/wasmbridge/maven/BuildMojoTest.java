package dev.wasmbridge.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.maven.rust.BuildFailure;
import dev.wasmbridge.maven.rust.Flavour;
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
    void noOrUnknownFlavoursAreErrors() {
        assertThrows(BuildFailure.class, () -> BuildMojo.parseFlavours(List.of()));
        BuildFailure e = assertThrows(BuildFailure.class, () -> BuildMojo.parseFlavours(List.of("exnref", "wasi")));
        assertTrue(e.getMessage().contains("unknown flavour 'wasi'"), e.getMessage());
    }
}
