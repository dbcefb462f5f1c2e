package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void linksEveryCrateOfEveryDirectory() throws Exception {
        Path std = crate(dir.resolve("std-vendor"), "libc-0.2.183", "hashbrown-0.16.1");
        Path registry = crate(dir.resolve("registry"), "semver-1.0.14");
        Path combined = dir.resolve("target/rust/vendor");

        VendorDirectories.Result result = VendorDirectories.combine(List.of(std, registry), combined);

        assertEquals(3, result.crates());
        assertEquals(List.of(), result.notes());
        assertEquals(List.of("hashbrown-0.16.1", "libc-0.2.183", "semver-1.0.14"), names(combined));
        assertTrue(Files.isSymbolicLink(combined.resolve("semver-1.0.14")));
        assertEquals(
                registry.resolve("semver-1.0.14").toAbsolutePath(),
                Files.readSymbolicLink(combined.resolve("semver-1.0.14")));
        assertTrue(Files.isRegularFile(combined.resolve("semver-1.0.14/.cargo-checksum.json")));
    }

    @Test
    void onAClashTheFirstDirectoryWinsAndItIsSaid() throws Exception {
        Path std = crate(dir.resolve("std-vendor"), "libc-0.2.183");
        Path registry = crate(dir.resolve("registry"), "libc-0.2.183", "libc-0.2.170");
        Path combined = dir.resolve("vendor");

        VendorDirectories.Result result = VendorDirectories.combine(List.of(std, registry), combined);

        assertEquals(2, result.crates(), "both versions of libc, std's 0.2.183");
        assertEquals(
                std.resolve("libc-0.2.183").toAbsolutePath(), Files.readSymbolicLink(combined.resolve("libc-0.2.183")));
        assertEquals(1, result.notes().size());
        String note = result.notes().get(0);
        assertTrue(note.contains("'libc-0.2.183' is in both " + std.toAbsolutePath() + " and " + registry), note);
        assertTrue(
                note.contains("the first wins: " + std.resolve("libc-0.2.183").toAbsolutePath()), note);
    }

    @Test
    void entriesCargoCannotReadAreSkipped() throws Exception {
        Path registry = crate(dir.resolve("registry"), "good-1.0.0");
        Files.createDirectories(registry.resolve("nochecksum-1.0.0"));
        Files.writeString(registry.resolve("nochecksum-1.0.0/Cargo.toml"), "[package]\n");
        Files.createDirectories(registry.resolve("empty-1.0.0"));
        Files.writeString(registry.resolve("README"), "not a crate");
        Files.createDirectories(registry.resolve(".hidden"));

        VendorDirectories.Result result = VendorDirectories.combine(List.of(registry), dir.resolve("vendor"));

        assertEquals(List.of("good-1.0.0"), names(dir.resolve("vendor")));
        assertEquals(2, result.notes().size(), result.notes().toString());
        assertTrue(
                result.notes().get(0).contains("empty-1.0.0: no Cargo.toml"),
                result.notes().toString());
        assertTrue(
                result.notes().get(1).contains("nochecksum-1.0.0: no .cargo-checksum.json"),
                result.notes().toString());
    }

    @Test
    void aRebuildDropsCratesNoLongerThereWithoutTouchingTheSources() throws Exception {
        Path registry = crate(dir.resolve("registry"), "a-1.0.0", "b-1.0.0");
        Path combined = dir.resolve("vendor");
        VendorDirectories.combine(List.of(registry), combined);

        VendorDirectories.combine(List.of(crate(dir.resolve("other"), "c-1.0.0")), combined);

        assertEquals(List.of("c-1.0.0"), names(combined));
        assertTrue(Files.isRegularFile(registry.resolve("a-1.0.0/Cargo.toml")), "the linked crate is kept");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        BuildFailure e = assertThrows(
                BuildFailure.class,
                () -> VendorDirectories.combine(List.of(dir.resolve("nope")), dir.resolve("vendor")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("vendor")));
    }

    /** Crates as Debian's librust-*-dev packages install them: an empty "files" map is fine. */
    private static Path crate(Path directory, String... crates) throws IOException {
        for (String crate : crates) {
            Path c = directory.resolve(crate);
            Files.createDirectories(c.resolve("src"));
            Files.writeString(
                    c.resolve("Cargo.toml"), "[package]\nname = \"" + crate.replaceAll("-[0-9.]+$", "") + "\"\n");
            Files.writeString(c.resolve(".cargo-checksum.json"), "{\"package\":\"e25d\",\"files\":{}}");
        }
        return directory;
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
