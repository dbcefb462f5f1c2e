package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CrateManifestTest {
    @Test
    void theLibraryIsNamedAfterThePackageWithUnderscores() throws BuildFailure {
        CrateManifest manifest = CrateManifest.parse("""
                # a comment, name = "not this"
                [package]
                name = "rich-fixture"   # trailing comment
                version = "0.1.0"

                [lib]
                crate-type = ["cdylib"]

                [dependencies]
                wasmbridge = { path = "../wasmbridge" }
                """, "Cargo.toml");
        assertEquals("rich-fixture", manifest.packageName());
        assertEquals("rich_fixture", manifest.libName());
    }

    @Test
    void aLibNameWins() throws BuildFailure {
        CrateManifest manifest = CrateManifest.parse("""
                [package]
                name = 'app'
                [lib]
                name = "app-core"
                [dependencies.other]
                name = "ignored"
                """, "Cargo.toml");
        assertEquals("app", manifest.packageName());
        assertEquals("app_core", manifest.libName());
    }

    @Test
    void aWorkspaceWithoutPackageIsAnError() {
        assertThrows(BuildFailure.class, () -> CrateManifest.parse("[workspace]\nmembers = [\"a\"]\n", "Cargo.toml"));
    }
}
