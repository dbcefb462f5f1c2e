package dev.wasmbridge.maven.rust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a toolchain that builds for a {@link Target} ({@code wasm32-unknown-unknown} unless told otherwise)
 * with {@code -Zbuild-std}, on one of two routes:
 *
 * <ul>
 *   <li>rustup: {@code rustup target list --installed} has the target and {@code rustup component list
 *       --installed} has {@code rust-src} (std's sources). Commands run in the crate's directory, so a {@code
 *       rust-toolchain.toml} there is honoured.
 *   <li>Debian, offline: {@code /usr/bin/rustc}, {@code /usr/bin/cargo}, {@code wasm-ld-19} on the {@code
 *       PATH}, and {@code /usr/src/rustc-<version>/library/vendor} (std's dependencies, from rust-web-src); for
 *       {@code wasm32-wasip1} also {@code /usr/lib/wasm32-wasi/libc.a} (Debian's C library for WASI, from
 *       wasi-libc).
 * </ul>
 *
 * <p>{@code auto} takes rustup when it is complete, Debian's otherwise. When neither is complete, the
 * failure names exactly what to install for each route.
 */
public class ToolchainDetector {
    /** What to run on the rustup route. */
    public static final String RUSTUP_INSTALL =
            "rustup target add wasm32-unknown-unknown && rustup component add rust-src";
    /** What to install on the Debian route. */
    public static final String DEBIAN_INSTALL = "apt-get install rustc-web cargo-web rust-web-src lld-19";
    /** What the Debian route needs besides for {@code wasm32-wasip1}: Debian's C library for WASI. */
    public static final String DEBIAN_WASI_PACKAGE = "wasi-libc";
    /** The linker of the Debian route, from lld-19. */
    public static final String DEBIAN_LINKER = "wasm-ld-19";

    private static final Pattern RUSTC_VERSION = Pattern.compile("^rustc (\\d+\\.\\d+\\.\\d+)");

    private final Host host;

    /** A detector looking at {@code host}. */
    public ToolchainDetector(Host host) {
        this.host = host;
    }

    /**
     * The toolchain to build for {@code wasm32-unknown-unknown} with.
     *
     * @param choice {@code auto}, {@code rustup} or {@code debian}
     * @param crateDirectory where cargo will run
     * @param noRustAdvice what happens without Rust, appended to the failure
     * @throws BuildFailure when the chosen route (or, for {@code auto}, both) is incomplete, naming what to
     *     install
     */
    public Toolchain detect(String choice, Path crateDirectory, String noRustAdvice) throws BuildFailure {
        return detect(choice, Target.WASM32_UNKNOWN_UNKNOWN, crateDirectory, noRustAdvice);
    }

    /**
     * The toolchain to build for {@code target} with.
     *
     * @param choice {@code auto}, {@code rustup} or {@code debian}
     * @param target the target to build for
     * @param crateDirectory where cargo will run
     * @param noRustAdvice what happens without Rust, appended to the failure (which build uses the
     *     committed {@code .wasm})
     * @throws BuildFailure when the chosen route (or, for {@code auto}, both) is incomplete, naming what to
     *     install
     */
    public Toolchain detect(String choice, Target target, Path crateDirectory, String noRustAdvice)
            throws BuildFailure {
        String route =
                choice == null || choice.isBlank() ? "auto" : choice.trim().toLowerCase(java.util.Locale.ROOT);
        switch (route) {
            case "rustup" -> {
                List<String> missing = rustupMissing(crateDirectory, target);
                if (!missing.isEmpty()) {
                    throw new BuildFailure("toolchain=rustup, but rustup cannot build for " + target.triple() + ": "
                            + String.join("; ", missing) + ".\nRun: " + rustupInstall(target) + "\n"
                            + noRustAdvice);
                }
                return rustup(crateDirectory, target);
            }
            case "debian" -> {
                List<String> missing = debianMissing(target);
                if (!missing.isEmpty()) {
                    throw new BuildFailure("toolchain=debian, but Debian's Rust is incomplete for " + target.triple()
                            + ": " + String.join("; ", missing) + ".\nRun: " + debianInstall(missing) + "\n"
                            + noRustAdvice);
                }
                return debian(crateDirectory, target);
            }
            case "auto" -> {
                List<String> rustupMissing = rustupMissing(crateDirectory, target);
                if (rustupMissing.isEmpty()) {
                    return rustup(crateDirectory, target);
                }
                List<String> debianMissing = debianMissing(target);
                if (debianMissing.isEmpty()) {
                    return debian(crateDirectory, target);
                }
                throw new BuildFailure("No Rust toolchain that builds for " + target.triple() + " was found. Either"
                        + "\n  with rustup (" + String.join("; ", rustupMissing) + "), run:\n    "
                        + rustupInstall(target) + "\n  or on Debian, offline (" + String.join("; ", debianMissing)
                        + "), run:\n    " + DEBIAN_INSTALL + (target.wasi() ? " " + DEBIAN_WASI_PACKAGE : "") + "\n"
                        + noRustAdvice);
            }
            default -> throw new BuildFailure("toolchain must be auto, rustup or debian, not '" + choice + "'");
        }
    }

    /** What to run on the rustup route to build for {@code target}. */
    static String rustupInstall(Target target) {
        return "rustup target add " + target.triple() + " && rustup component add rust-src";
    }

    /** What the rustup route lacks for {@code target}, as short phrases; empty when it is complete. */
    List<String> rustupMissing(Path crateDirectory, Target target) {
        List<String> missing = new ArrayList<>();
        Optional<Path> rustup = host.findOnPath("rustup");
        if (rustup.isEmpty()) {
            missing.add("rustup is not on the PATH");
            return missing;
        }
        Host.Result targets =
                host.run(List.of(rustup.get().toString(), "target", "list", "--installed"), crateDirectory, Map.of());
        if (!targets.succeeded() || !targets.lines().contains(target.triple())) {
            missing.add("rustup has no " + target.triple() + " target");
        }
        Host.Result components = host.run(
                List.of(rustup.get().toString(), "component", "list", "--installed"), crateDirectory, Map.of());
        if (!components.succeeded()
                || components.lines().stream().noneMatch(l -> l.equals("rust-src") || l.startsWith("rust-src-"))) {
            missing.add("rustup has no rust-src component");
        }
        if (host.findOnPath("cargo").isEmpty()) {
            missing.add("cargo is not on the PATH");
        }
        return missing;
    }

    /** What the Debian route lacks for {@code target}, as short phrases naming the package; empty when complete. */
    List<String> debianMissing(Target target) {
        List<String> missing = new ArrayList<>();
        Path rustc = host.file("/usr/bin/rustc");
        if (!Files.isExecutable(rustc)) {
            missing.add("no /usr/bin/rustc (rustc-web)");
        }
        if (!Files.isExecutable(host.file("/usr/bin/cargo"))) {
            missing.add("no /usr/bin/cargo (cargo-web)");
        }
        if (host.findOnPath(DEBIAN_LINKER).isEmpty()) {
            missing.add("no wasm-ld-19 on the PATH (lld-19)");
        }
        if (Files.isExecutable(rustc)) {
            Optional<Path> vendor = debianStdVendor();
            if (vendor.isEmpty()) {
                missing.add("no " + debianStdVendorPath().orElse("/usr/src/rustc-<version>/library/vendor")
                        + " (rust-web-src)");
            }
        }
        if (target.wasi() && !Files.isRegularFile(host.file(Target.DEBIAN_WASI_LIBC + "/libc.a"))) {
            missing.add("no " + Target.DEBIAN_WASI_LIBC + "/libc.a, Debian's C library for WASI (" + DEBIAN_WASI_PACKAGE
                    + ")");
        }
        return missing;
    }

    private static String debianInstall(List<String> missing) {
        Set<String> packages = new LinkedHashSet<>();
        for (String phrase : missing) {
            Matcher m = Pattern.compile("\\(([a-z0-9-]+)\\)$").matcher(phrase);
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        return packages.isEmpty() ? DEBIAN_INSTALL : "apt-get install " + String.join(" ", packages);
    }

    /** {@code /usr/src/rustc-<version>/library/vendor} for Debian's rustc's version, if its version is known. */
    private Optional<String> debianStdVendorPath() {
        Host.Result version =
                host.run(List.of(host.file("/usr/bin/rustc").toString(), "--version"), host.file("/"), Map.of());
        Matcher m = RUSTC_VERSION.matcher(version.output().trim());
        if (!version.succeeded() || !m.find()) {
            return Optional.empty();
        }
        return Optional.of("/usr/src/rustc-" + m.group(1) + "/library/vendor");
    }

    private Optional<Path> debianStdVendor() {
        return debianStdVendorPath().map(host::file).filter(Files::isDirectory);
    }

    private Toolchain rustup(Path crateDirectory, Target target) throws BuildFailure {
        Path cargo = host.findOnPath("cargo").orElseThrow();
        String rustc = host.findOnPath("rustc").map(Path::toString).orElse("rustc");
        String description = "rustup: " + describe(rustc, cargo, Optional.empty(), crateDirectory);
        return new Toolchain(
                Toolchain.Route.RUSTUP,
                cargo,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                description,
                exceptionHandlingImplied(rustc, crateDirectory, target),
                target,
                Optional.empty());
    }

    private Toolchain debian(Path crateDirectory, Target target) throws BuildFailure {
        Path rustc = host.file("/usr/bin/rustc");
        Path cargo = host.file("/usr/bin/cargo");
        String linker = host.findOnPath(DEBIAN_LINKER).orElseThrow().toString();
        Optional<Path> wasiLibc = target.wasi() ? Optional.of(host.file(Target.DEBIAN_WASI_LIBC)) : Optional.empty();
        String description = "debian: " + describe(rustc.toString(), cargo, Optional.of(linker), crateDirectory)
                + wasiLibc.map(directory -> " | wasi-libc " + directory).orElse("");
        return new Toolchain(
                Toolchain.Route.DEBIAN,
                cargo,
                Optional.of(rustc),
                Optional.of(DEBIAN_LINKER),
                debianStdVendor(),
                description,
                exceptionHandlingImplied(rustc.toString(), crateDirectory, target),
                target,
                wasiLibc);
    }

    private String describe(String rustc, Path cargo, Optional<String> linker, Path directory) throws BuildFailure {
        Host.Result rustcVersion = host.run(List.of(rustc, "-vV"), directory, Map.of());
        if (!rustcVersion.succeeded()) {
            throw new BuildFailure("'" + rustc + " -vV' failed:\n" + rustcVersion.output());
        }
        Host.Result cargoVersion = host.run(List.of(cargo.toString(), "-V"), directory, Map.of());
        StringBuilder description = new StringBuilder(
                        rustcVersion.output().trim().replace('\n', ' '))
                .append(" | ")
                .append(cargoVersion.output().trim());
        linker.ifPresent(l -> description
                .append(" | ")
                .append(host.run(List.of(l, "--version"), directory, Map.of())
                        .output()
                        .lines()
                        .findFirst()
                        .orElse(l)));
        return description.toString();
    }

    /**
     * Whether rustc turns on {@code exception-handling} by itself for {@code -Cpanic=unwind} on wasm32
     * (rustup's 1.95 and Debian's 1.96 do): {@code rustc --print cfg} then lists {@code target_feature="exception-handling"}.
     */
    private boolean exceptionHandlingImplied(String rustc, Path directory, Target target) {
        Host.Result cfg = host.run(
                List.of(rustc, "--print", "cfg", "--target", target.triple(), "-Cpanic=unwind"),
                directory,
                Map.of("RUSTC_BOOTSTRAP", "1"));
        return cfg.succeeded() && cfg.lines().contains("target_feature=\"exception-handling\"");
    }
}
