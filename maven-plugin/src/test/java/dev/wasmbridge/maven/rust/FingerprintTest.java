package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    @TempDir
    Path dir;

    Path crate;
    Path output;
    List<String> settings = List.of("toolchain rustc 1.96.0", "flavours [exnref]");

    @BeforeEach
    void crate() throws IOException {
        crate = dir.resolve("rust");
        write(crate.resolve("Cargo.toml"), "[package]\nname = \"x\"\n");
        write(crate.resolve("Cargo.lock"), "version = 4\n");
        write(crate.resolve("src/lib.rs"), "fn f() {}\n");
        write(crate.resolve("wasmbridge/Cargo.toml"), "[package]\nname = \"wasmbridge\"\n");
        write(crate.resolve("wasmbridge/src/lib.rs"), "//! support\n");
        output = dir.resolve("out/x.wasm");
        write(output, "\0asm");
    }

    @Test
    void unchangedInputsGiveTheSameFingerprint() throws IOException {
        Fingerprint first = Fingerprint.compute(crate, settings, List.of(output));
        first.write(dir.resolve("target/rust/build.fingerprint"));
        assertEquals(
                first,
                Fingerprint.read(dir.resolve("target/rust/build.fingerprint")).orElseThrow());
        assertEquals(first, Fingerprint.compute(crate, settings, List.of(output)));
        assertTrue(first.outputsExist());
    }

    @Test
    void everyInputCounts() throws IOException {
        Fingerprint before = Fingerprint.compute(crate, settings, List.of(output));
        for (String file : List.of("Cargo.toml", "Cargo.lock", "src/lib.rs", "wasmbridge/src/lib.rs")) {
            String old = Files.readString(crate.resolve(file));
            Files.writeString(crate.resolve(file), old + " ");
            assertNotEquals(before, Fingerprint.compute(crate, settings, List.of(output)), file);
            Files.writeString(crate.resolve(file), old);
        }
        write(crate.resolve("src/new.rs"), "");
        assertNotEquals(before, Fingerprint.compute(crate, settings, List.of(output)), "a new file");
    }

    @Test
    void settingsCount() throws IOException {
        assertNotEquals(
                Fingerprint.compute(crate, settings, List.of(output)),
                Fingerprint.compute(crate, List.of("toolchain rustc 1.97.0", "flavours [exnref]"), List.of(output)));
        assertNotEquals(
                Fingerprint.compute(crate, settings, List.of(output)),
                Fingerprint.compute(
                        crate, List.of("toolchain rustc 1.96.0", "flavours [exnref, abort]"), List.of(output)));
    }

    @Test
    void cargoTargetDirectoriesDoNotCount() throws IOException {
        Fingerprint before = Fingerprint.compute(crate, settings, List.of(output));
        write(crate.resolve("target/release/x.wasm"), "built");
        write(crate.resolve("wasmbridge/target/debug/y"), "built");
        assertEquals(before, Fingerprint.compute(crate, settings, List.of(output)));
        write(crate.resolve("src/target/mod.rs"), "// a module called target, no Cargo.toml beside it");
        assertNotEquals(before, Fingerprint.compute(crate, settings, List.of(output)));
    }

    @Test
    void aMissingOrChangedOutputNeverMatches() throws IOException {
        Fingerprint before = Fingerprint.compute(crate, settings, List.of(output));
        Files.writeString(output, "\0asm replaced by a checkout");
        assertNotEquals(before, Fingerprint.compute(crate, settings, List.of(output)));
        Files.delete(output);
        Fingerprint missing = Fingerprint.compute(crate, settings, List.of(output));
        assertFalse(missing.outputsExist());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
