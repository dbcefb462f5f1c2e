package dev.wasmbridge.maven.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Toolchain detection on a fake machine: a fake root directory, a fake PATH, canned command output. */
class ToolchainDetectorTest {
    @TempDir
    Path root;

    Path bin;
    Path crate;
    /** "executable-name arguments..." -> output; a command not listed fails. */
    Map<String, String> outputs = new HashMap<>();

    @BeforeEach
    void machine() throws IOException {
        bin = Files.createDirectories(root.resolve("home/user/.cargo/bin"));
        crate = Files.createDirectories(root.resolve("project/rust"));
        outputs.put("rustc --version", "rustc 1.96.0 (ac68faa20 2026-05-25) (built from a source tarball)");
        outputs.put("rustc -vV", "rustc 1.96.0\nhost: x86_64-unknown-linux-gnu");
        outputs.put("cargo -V", "cargo 1.96.0");
        outputs.put("wasm-ld-19 --version", "LLD 19.1.7 (compatible with GNU linkers)");
        outputs.put(
                "rustc --print cfg --target wasm32-unknown-unknown -Cpanic=unwind",
                "panic=\"unwind\"\ntarget_feature=\"exception-handling\"\n");
    }

    Host host() {
        return new Host(root, List.of(bin, root.resolve("usr/bin")), (command, directory, environment) -> {
            String key =
                    Path.of(command.get(0)).getFileName() + " " + String.join(" ", command.subList(1, command.size()));
            String output = outputs.get(key);
            return output == null ? new Host.Result(1, "error: " + key) : new Host.Result(0, output);
        });
    }

    void debian() throws IOException {
        executable(root.resolve("usr/bin/rustc"));
        executable(root.resolve("usr/bin/cargo"));
        executable(root.resolve("usr/bin/wasm-ld-19"));
        Files.createDirectories(root.resolve("usr/src/rustc-1.96.0/library/vendor"));
    }

    void rustup(String targets, String components) throws IOException {
        executable(bin.resolve("rustup"));
        executable(bin.resolve("cargo"));
        executable(bin.resolve("rustc"));
        outputs.put("rustup target list --installed", targets);
        outputs.put("rustup component list --installed", components);
    }

    @Test
    void debiansRouteWithStdsVendorDirectory() throws Exception {
        debian();
        rustup("x86_64-unknown-linux-gnu\n", "cargo-x86_64-unknown-linux-gnu\nrustc-x86_64-unknown-linux-gnu\n");

        Toolchain tc = new ToolchainDetector(host()).detect("auto", crate, "");

        assertEquals(Toolchain.Route.DEBIAN, tc.route());
        assertEquals(root.resolve("usr/bin/cargo"), tc.cargo());
        assertEquals(Optional.of(root.resolve("usr/src/rustc-1.96.0/library/vendor")), tc.stdVendor());
        assertEquals("1", tc.environment().get("RUSTC_BOOTSTRAP"));
        assertEquals(root.resolve("usr/bin/rustc").toString(), tc.environment().get("RUSTC"));
        assertEquals("wasm-ld-19", tc.environment().get("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER"));
        assertEquals(List.of("--offline"), tc.cargoArguments());
        assertEquals(
                "debian: rustc 1.96.0 host: x86_64-unknown-linux-gnu | cargo 1.96.0 | LLD 19.1.7 (compatible "
                        + "with GNU linkers)",
                tc.description());
        assertTrue(tc.exceptionHandlingImplied());
    }

    @Test
    void autoPrefersACompleteRustup() throws Exception {
        debian();
        rustup("wasm32-unknown-unknown\nx86_64-unknown-linux-gnu\n", "cargo-x86_64-unknown-linux-gnu\nrust-src\n");

        Toolchain tc = new ToolchainDetector(host()).detect(null, crate, "");

        assertEquals(Toolchain.Route.RUSTUP, tc.route());
        assertEquals(bin.resolve("cargo"), tc.cargo());
        assertEquals(Optional.empty(), tc.stdVendor());
        assertEquals(Map.of("RUSTC_BOOTSTRAP", "1"), tc.environment());
        assertEquals(List.of(), tc.cargoArguments());
        assertTrue(tc.description().startsWith("rustup: rustc 1.96.0"), tc.description());
    }

    @Test
    void anOlderRustcGetsTheFeatureFlag() throws Exception {
        debian();
        outputs.put("rustc --print cfg --target wasm32-unknown-unknown -Cpanic=unwind", "panic=\"unwind\"\n");
        assertFalse(new ToolchainDetector(host()).detect("debian", crate, "").exceptionHandlingImplied());
    }

    @Test
    void withoutAnyToolchainTheFailureNamesWhatToInstallForBothRoutes() {
        BuildFailure e = assertThrows(
                BuildFailure.class,
                () -> new ToolchainDetector(host())
                        .detect("auto", crate, "Without Rust, the committed .wasm is used."));
        String message = e.getMessage();
        assertTrue(
                message.contains("rustup target add wasm32-unknown-unknown && rustup component add rust-src"), message);
        assertTrue(message.contains("apt-get install rustc-web cargo-web rust-web-src lld-19"), message);
        assertTrue(message.contains("rustup is not on the PATH"), message);
        assertTrue(message.contains("no /usr/bin/rustc (rustc-web)"), message);
        assertTrue(message.endsWith("Without Rust, the committed .wasm is used."), message);
    }

    @Test
    void rustupWithoutTheTargetOrRustSrcSaysWhichIsMissing() throws Exception {
        rustup("x86_64-unknown-linux-gnu\n", "cargo-x86_64-unknown-linux-gnu\n");
        BuildFailure e =
                assertThrows(BuildFailure.class, () -> new ToolchainDetector(host()).detect("rustup", crate, ""));
        assertTrue(
                e.getMessage().contains("rustup has no wasm32-unknown-unknown target; rustup has no rust-src"),
                e.getMessage());

        outputs.put("rustup target list --installed", "wasm32-unknown-unknown\n");
        e = assertThrows(BuildFailure.class, () -> new ToolchainDetector(host()).detect("rustup", crate, ""));
        assertTrue(e.getMessage().contains(": rustup has no rust-src component."), e.getMessage());
    }

    @Test
    void debianWithoutStdsSourcesNamesRustWebSrc() throws Exception {
        debian();
        Files.delete(root.resolve("usr/src/rustc-1.96.0/library/vendor"));
        BuildFailure e =
                assertThrows(BuildFailure.class, () -> new ToolchainDetector(host()).detect("debian", crate, ""));
        assertTrue(e.getMessage().contains("no /usr/src/rustc-1.96.0/library/vendor (rust-web-src)"), e.getMessage());
        assertTrue(e.getMessage().contains("Run: apt-get install rust-web-src"), e.getMessage());
    }

    @Test
    void debianWithoutTheLinkerNamesLld19() throws Exception {
        debian();
        Files.delete(root.resolve("usr/bin/wasm-ld-19"));
        BuildFailure e =
                assertThrows(BuildFailure.class, () -> new ToolchainDetector(host()).detect("debian", crate, ""));
        assertTrue(e.getMessage().contains("Run: apt-get install lld-19"), e.getMessage());
    }

    @Test
    void debianBuildsForWasiWithDebiansCLibrary() throws Exception {
        debian();
        Files.createDirectories(root.resolve("usr/lib/wasm32-wasi"));
        Files.writeString(root.resolve("usr/lib/wasm32-wasi/libc.a"), "!<arch>\n");
        outputs.put(
                "rustc --print cfg --target wasm32-wasip1 -Cpanic=unwind",
                "panic=\"unwind\"\ntarget_feature=\"exception-handling\"\n");

        Toolchain tc = new ToolchainDetector(host()).detect("debian", Target.WASM32_WASIP1, crate, "");

        assertEquals(Target.WASM32_WASIP1, tc.target());
        assertEquals("wasm-ld-19", tc.environment().get("CARGO_TARGET_WASM32_WASIP1_LINKER"));
        assertFalse(tc.environment().containsKey("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER"));
        assertEquals(
                List.of("-Clink-self-contained=no", "-L" + root.resolve("usr/lib/wasm32-wasi")), tc.targetRustflags());
        assertTrue(tc.description().endsWith(" | wasi-libc " + root.resolve("usr/lib/wasm32-wasi")), tc.description());
        assertTrue(tc.exceptionHandlingImplied());
    }

    @Test
    void debianWithoutWasiLibcNamesThePackageForWasiOnly() throws Exception {
        debian();
        BuildFailure e = assertThrows(
                BuildFailure.class,
                () -> new ToolchainDetector(host()).detect("debian", Target.WASM32_WASIP1, crate, ""));
        assertTrue(e.getMessage().contains("incomplete for wasm32-wasip1"), e.getMessage());
        assertTrue(e.getMessage().contains("no /usr/lib/wasm32-wasi/libc.a"), e.getMessage());
        assertTrue(e.getMessage().contains("Run: apt-get install wasi-libc"), e.getMessage());

        Toolchain tc = new ToolchainDetector(host()).detect("debian", Target.WASM32_UNKNOWN_UNKNOWN, crate, "");
        assertEquals(List.of(), tc.targetRustflags(), "wasm32-unknown-unknown needs no C library");
    }

    @Test
    void rustupNeedsTheWasiTargetAndBringsItsOwnCLibrary() throws Exception {
        rustup("wasm32-unknown-unknown\n", "rust-src\n");
        BuildFailure e = assertThrows(
                BuildFailure.class,
                () -> new ToolchainDetector(host()).detect("rustup", Target.WASM32_WASIP1, crate, ""));
        assertTrue(e.getMessage().contains("rustup has no wasm32-wasip1 target"), e.getMessage());
        assertTrue(e.getMessage().contains("rustup target add wasm32-wasip1 && rustup component add rust-src"));

        outputs.put("rustup target list --installed", "wasm32-unknown-unknown\nwasm32-wasip1\n");
        Toolchain tc = new ToolchainDetector(host()).detect("auto", Target.WASM32_WASIP1, crate, "");
        assertEquals(Toolchain.Route.RUSTUP, tc.route());
        assertEquals(List.of(), tc.targetRustflags());
    }

    @Test
    void withoutAnyToolchainForWasiTheDebianLineNamesWasiLibc() {
        BuildFailure e = assertThrows(
                BuildFailure.class,
                () -> new ToolchainDetector(host()).detect("auto", Target.WASM32_WASIP1, crate, ""));
        assertTrue(e.getMessage().contains("builds for wasm32-wasip1 was found"), e.getMessage());
        assertTrue(
                e.getMessage().contains("apt-get install rustc-web cargo-web rust-web-src lld-19 wasi-libc"),
                e.getMessage());
    }

    @Test
    void anUnknownChoiceIsAnError() {
        BuildFailure e = assertThrows(BuildFailure.class, () -> new ToolchainDetector(host()).detect("nix", crate, ""));
        assertTrue(e.getMessage().contains("auto, rustup or debian"), e.getMessage());
    }

    private static void executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        assertTrue(file.toFile().setExecutable(true));
    }
}
