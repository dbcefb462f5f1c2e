package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CargoConfigAndOutputTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCratesIoTable() {
        assertEquals(Optional.of("vendored"), CargoConfig.replaceWith("""
                [source.crates-io]
                replace-with = "vendored"   # std's dependencies

                [source.vendored]
                directory = "/usr/src/rustc-1.96.0/library/vendor"
                """));
        assertEquals(Optional.of("mine"), CargoConfig.replaceWith("source.crates-io.replace-with = 'mine'\n"));
        assertEquals(Optional.empty(), CargoConfig.replaceWith("""
                [source.other]
                replace-with = "vendored"
                [build]
                target-dir = "x"
                """));
    }

    @Test
    void theNearestConfigFileWins() throws IOException {
        Path crate = dir.resolve("project/rust");
        Files.createDirectories(crate.resolve(".cargo"));
        Files.createDirectories(dir.resolve(".cargo"));
        Files.writeString(dir.resolve(".cargo/config.toml"), "[source.crates-io]\nreplace-with = \"outer\"\n");
        Path home = dir.resolve("cargo-home");

        assertEquals(
                Optional.of(new CargoConfig.Replacement(
                        "outer", dir.resolve(".cargo/config.toml").toString())),
                CargoConfig.fromFiles(crate, home));
        Files.writeString(crate.resolve(".cargo/config.toml"), "[source.crates-io]\nreplace-with = \"inner\"\n");
        assertEquals("inner", CargoConfig.fromFiles(crate, home).orElseThrow().source());
    }

    @Test
    void asksCargoFirst() {
        Host set = new Host(
                dir,
                List.of(),
                (command, directory, environment) -> new Host.Result(
                        0, "source.crates-io.replace-with = \"vendored\" # /p/rust/.cargo/config.toml\n"));
        assertEquals(
                Optional.of(new CargoConfig.Replacement("vendored", "/p/rust/.cargo/config.toml")),
                CargoConfig.cratesIoReplacement(set, Path.of("cargo"), dir, Map.of()));

        Host unset = new Host(
                dir,
                List.of(),
                (command, directory, environment) ->
                        new Host.Result(101, "error: config value `source.crates-io.replace-with` is not set\n"));
        assertEquals(Optional.empty(), CargoConfig.cratesIoReplacement(unset, Path.of("cargo"), dir, Map.of()));
    }

    @Test
    void cargoOutputGoesToTheRightLevel() {
        List<String> log = new ArrayList<>();
        CargoOutput out = new CargoOutput(new CargoOutput.Sink() {
            @Override
            public void info(String line) {
                log.add("I " + line);
            }

            @Override
            public void warn(String line) {
                log.add("W " + line);
            }

            @Override
            public void error(String line) {
                log.add("E " + line);
            }
        });
        for (String line : List.of(
                "   Compiling rustlib v0.1.0 (/p/rust)",
                "warning: unused variable: `x`",
                " --> src/lib.rs:3:9",
                "  |",
                "",
                "error[E0308]: mismatched types",
                "  = note: expected `i32`",
                "    Finished `release` profile [optimized] target(s) in 1.0s")) {
            out.line(line);
        }
        assertEquals(
                List.of(
                        "I    Compiling rustlib v0.1.0 (/p/rust)",
                        "W warning: unused variable: `x`",
                        "W  --> src/lib.rs:3:9",
                        "W   |",
                        "E error[E0308]: mismatched types",
                        "E   = note: expected `i32`",
                        "I     Finished `release` profile [optimized] target(s) in 1.0s"),
                log);
        assertEquals(8, out.tail().size());
    }
}
