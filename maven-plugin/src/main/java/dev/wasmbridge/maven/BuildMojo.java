package dev.wasmbridge.maven;

import dev.wasmbridge.maven.rust.BuildFailure;
import dev.wasmbridge.maven.rust.CargoConfig;
import dev.wasmbridge.maven.rust.CargoOutput;
import dev.wasmbridge.maven.rust.CrateManifest;
import dev.wasmbridge.maven.rust.Fingerprint;
import dev.wasmbridge.maven.rust.Flavour;
import dev.wasmbridge.maven.rust.Host;
import dev.wasmbridge.maven.rust.OutputNames;
import dev.wasmbridge.maven.rust.Target;
import dev.wasmbridge.maven.rust.Toolchain;
import dev.wasmbridge.maven.rust.ToolchainDetector;
import dev.wasmbridge.maven.rust.VendorDirectories;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the project's Rust crate for {@code wasm32-unknown-unknown} or {@code wasm32-wasip1} (WASI; see
 * {@link #target}), in each configured flavour, and copies the modules into the resources, where the
 * annotation processor and the runtime find them.
 *
 * <p>Each flavour is built with {@code cargo build --release -Zbuild-std=...} in its own target directory,
 * {@code ${project.build.directory}/rust/<flavour>}, so switching flavours rebuilds nothing, with the flags
 * of the repository's {@code scripts/build-wasm.sh} and {@code --remap-path-prefix=<crate>/=} (short panic
 * locations such as {@code src/lib.rs:12:5}, reproducible bytes). The build is skipped when nothing changed
 * since the last successful one (see {@link Fingerprint}).
 *
 * <p>The toolchain is rustup's (with the wasm32 target and rust-src) or Debian's offline packages; see
 * {@link ToolchainDetector}. Third-party crates work offline: on the Debian route crates-io is replaced by
 * one directory linking std's vendored dependencies and the crates of {@link #vendorDirectories}, unless
 * the user's own cargo configuration already replaces crates-io, which is then used as it is.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class BuildMojo extends AbstractMojo {
    /** The name of the directory source the build adds when the user's configuration has none. */
    static final String VENDOR_SOURCE = "wasmbridge-vendor";

    /** The crate to build: the directory holding its {@code Cargo.toml}. */
    @Parameter(property = "wasmbridge.rust.crateDirectory", defaultValue = "${project.basedir}/rust")
    private File crateDirectory;

    /**
     * The flavours to build, each one {@code .wasm}: {@code exnref} ({@code panic=unwind}, exception handling
     * in its exnref form), {@code legacy} ({@code panic=unwind}, the legacy exception instructions) and
     * {@code abort} ({@code panic=abort}). On the command line, comma-separated.
     */
    @Parameter(property = "wasmbridge.rust.flavours", defaultValue = "exnref")
    private List<String> flavours;

    /**
     * The target: {@code wasm32-unknown-unknown} (no platform) or {@code wasm32-wasip1} (WASI: std's clocks,
     * randomness, standard output and error, and, when the bindings grant them, files, environment variables
     * and arguments). On the Debian route, {@code wasm32-wasip1} links Debian's C library for WASI
     * ({@code apt-get install wasi-libc}, in {@code /usr/lib/wasm32-wasi}); with rustup, {@code rustup target
     * add wasm32-wasip1}.
     */
    @Parameter(property = "wasmbridge.rust.target", defaultValue = "wasm32-unknown-unknown")
    private String target;

    /**
     * Where the modules are copied: a resources directory, so they end up on the classpath. The default is
     * where a project keeps its committed modules, which builds without Rust use.
     */
    @Parameter(
            property = "wasmbridge.rust.outputDirectory",
            defaultValue = "${project.basedir}/src/main/resources/wasm")
    private File outputDirectory;

    /**
     * The modules' file names in {@link #outputDirectory}: {@code {crate}} is the crate's library name (as
     * cargo names its {@code .wasm}: dashes become underscores), {@code {flavour}} the flavour. Default:
     * {@code {crate}.wasm} for one flavour, {@code {crate}.{flavour}.wasm} for several.
     */
    @Parameter(property = "wasmbridge.rust.fileName")
    private String fileName;

    /**
     * The toolchain: {@code auto} (rustup when it has the wasm32 target and rust-src, Debian's packages
     * otherwise), {@code rustup} or {@code debian}.
     */
    @Parameter(property = "wasmbridge.rust.toolchain", defaultValue = "auto")
    private String toolchain;

    /**
     * Directories of unpacked crates to build third-party dependencies from, offline, on the Debian route:
     * for example {@code /usr/share/cargo/registry}, where Debian's {@code librust-*-dev} packages install
     * them. They are combined with std's vendored dependencies into one directory of links under {@code
     * target/} that replaces crates-io; when a crate (same name and version) is in several, std's copy wins,
     * then the directory listed first. Ignored when the user's cargo configuration already replaces crates-io,
     * and on the rustup route (where cargo downloads from crates-io).
     */
    @Parameter
    private List<File> vendorDirectories;

    /** Passes {@code --locked}: the build fails instead of changing {@code Cargo.lock} (for CI). */
    @Parameter(property = "wasmbridge.rust.locked", defaultValue = "false")
    private boolean locked;

    /** Skips the goal: the modules already in {@link #outputDirectory} are used. */
    @Parameter(property = "wasmbridge.rust.skip", defaultValue = "false")
    private boolean skip;

    /** Rebuilds even when the fingerprint says nothing changed. */
    @Parameter(property = "wasmbridge.rust.force", defaultValue = "false")
    private boolean force;

    /** The project's build directory; the cargo target directories and the fingerprint go under it. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** Creates the mojo; Maven sets the parameters. */
    public BuildMojo() {}

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wasmbridge:build skipped (wasmbridge.rust.skip)");
            return;
        }
        try {
            build();
        } catch (BuildFailure e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("wasmbridge:build: " + e.getMessage(), e);
        }
    }

    private void build() throws BuildFailure, IOException {
        if (!crateDirectory.isDirectory()) {
            throw new BuildFailure("crateDirectory " + crateDirectory + " does not exist");
        }
        Path crate = crateDirectory.toPath().toRealPath();
        List<Flavour> flavourList = parseFlavours(flavours);
        Target targetValue = parseTarget(target);
        CrateManifest manifest = CrateManifest.read(crate);
        OutputNames names = OutputNames.of(fileName, flavourList);
        Path output = outputDirectory.toPath().toAbsolutePath();
        List<Path> outputs = new ArrayList<>();
        for (Flavour flavour : flavourList) {
            outputs.add(output.resolve(names.fileName(manifest.libName(), flavour)));
        }

        Host host = Host.system();
        String noRust = "Without Rust, build without this goal (in a project made by the Wasmbridge archetype: "
                + "without -Prust): the committed modules in " + output + " are used.";
        Toolchain tc = new ToolchainDetector(host).detect(toolchain, targetValue, crate, noRust);
        Path rustDirectory = buildDirectory.toPath().toAbsolutePath().resolve("rust");
        Sources sources = sources(host, tc, crate, rustDirectory.resolve("vendor"));

        List<String> settings = List.of(
                "toolchain " + tc.description(),
                "flavours " + flavourList.stream().map(Flavour::id).toList(),
                "target " + targetValue.triple(),
                "locked " + locked,
                "crates-io " + sources.describe());
        Path fingerprintFile = rustDirectory.resolve("build.fingerprint");
        Optional<Fingerprint> previous = Fingerprint.read(fingerprintFile);
        Fingerprint now = Fingerprint.compute(crate, settings, outputs);
        if (!force
                && now.outputsExist()
                && previous.isPresent()
                && previous.get().equals(now)) {
            getLog().info("Rust crate " + manifest.packageName() + " unchanged since the last build: " + "modules in "
                    + output + " are up to date");
            return;
        }
        Files.deleteIfExists(fingerprintFile);

        if (sources.combine()) {
            VendorDirectories.Result combined = VendorDirectories.combine(sources.directories(), sources.combined());
            getLog().info("crates-io replaced by " + sources.combined() + ": " + combined.crates() + " crates from "
                    + sources.directories());
            combined.notes().forEach(note -> getLog().info("  " + note));
        }

        getLog().info("Building Rust crate " + manifest.packageName() + " (" + crate + ") for " + targetValue.triple()
                + " in " + flavourList.size() + " flavour(s) with " + tc.route().id() + "'s toolchain");
        for (int i = 0; i < flavourList.size(); i++) {
            Flavour flavour = flavourList.get(i);
            Path targetDirectory = rustDirectory.resolve(flavour.id());
            cargoBuild(tc, crate, flavour, targetDirectory, sources);
            Path built = targetDirectory
                    .resolve(tc.target().triple())
                    .resolve("release")
                    .resolve(manifest.libName() + ".wasm");
            if (!Files.isRegularFile(built)) {
                throw new BuildFailure("cargo succeeded but wrote no " + built
                        + ": is the crate a cdylib ([lib] crate-type = [\"cdylib\"] in Cargo.toml)?");
            }
            Files.createDirectories(outputs.get(i).getParent());
            // Written, not copied: the copy would take cargo's executable bit, and git would record it.
            Files.write(outputs.get(i), Files.readAllBytes(built));
            getLog().info("Wrote " + outputs.get(i) + " (" + flavour.id() + ", " + Files.size(built) + " bytes)");
        }
        Fingerprint.compute(crate, settings, outputs).write(fingerprintFile);
    }

    /**
     * Where cargo gets crates from: the user's own replacement of crates-io, or (Debian route) the
     * combined vendor directory, or (rustup route) crates-io itself.
     */
    record Sources(Optional<CargoConfig.Replacement> user, List<Path> directories, Path combined) {
        boolean combine() {
            return user.isEmpty() && !directories.isEmpty();
        }

        List<String> cargoArguments() {
            if (!combine()) {
                return List.of();
            }
            return List.of(
                    "--config", "source.crates-io.replace-with=\"" + VENDOR_SOURCE + "\"",
                    "--config", "source." + VENDOR_SOURCE + ".directory=\"" + tomlEscape(combined.toString()) + "\"");
        }

        String describe() {
            if (user.isPresent()) {
                return "user's source '" + user.get().source() + "' ("
                        + user.get().origin() + ")";
            }
            return combine() ? "combined " + directories : "crates.io";
        }
    }

    private Sources sources(Host host, Toolchain tc, Path crate, Path combined) {
        Optional<CargoConfig.Replacement> user =
                CargoConfig.cratesIoReplacement(host, tc.cargo(), crate, tc.environment());
        List<Path> extra = vendorDirectories == null
                ? List.of()
                : vendorDirectories.stream()
                        .map(f -> f.toPath().toAbsolutePath())
                        .toList();
        if (user.isPresent()) {
            getLog().info("Your cargo configuration (" + user.get().origin() + ") replaces crates-io with the source '"
                    + user.get().source() + "': using it as it is");
            if (!extra.isEmpty()) {
                getLog().warn("vendorDirectories " + extra + " are not used, because your cargo configuration "
                        + "already replaces crates-io; add their crates to source '"
                        + user.get().source()
                        + "' or remove that replacement");
            }
            return new Sources(user, List.of(), combined);
        }
        if (tc.route() == Toolchain.Route.RUSTUP) {
            if (!extra.isEmpty()) {
                getLog().warn("vendorDirectories " + extra + " are used on the Debian route only; with rustup, "
                        + "cargo fetches std's dependencies and yours from crates.io");
            }
            return new Sources(user, List.of(), combined);
        }
        List<Path> directories = new ArrayList<>();
        tc.stdVendor().ifPresent(directories::add);
        directories.addAll(extra);
        return new Sources(user, directories, combined);
    }

    private void cargoBuild(Toolchain tc, Path crate, Flavour flavour, Path targetDirectory, Sources sources)
            throws BuildFailure, IOException {
        List<String> command = new ArrayList<>(List.of(
                tc.cargo().toString(),
                "build",
                "--release",
                "--manifest-path",
                crate.resolve("Cargo.toml").toString(),
                "--target",
                tc.target().triple(),
                flavour.buildStdArgument(),
                "--target-dir",
                targetDirectory.toString()));
        command.addAll(tc.cargoArguments());
        if (locked) {
            command.add("--locked");
        }
        command.addAll(sources.cargoArguments());

        List<String> rustflags = new ArrayList<>(flavour.rustflags(tc.exceptionHandlingImplied()));
        rustflags.addAll(tc.targetRustflags());
        if (sources.combine()) {
            // Vendored crates are compiled from the links, so their paths (in panic messages) would name
            // this project's build directory: remapped to e.g. dlmalloc-0.2.11/src/dlmalloc.rs, the bytes
            // do not depend on where the project is.
            rustflags.add("--remap-path-prefix=" + sources.combined() + File.separator + "=");
        }
        rustflags.add("--remap-path-prefix=" + crate + File.separator + "=");

        ProcessBuilder builder =
                new ProcessBuilder(command).directory(crate.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.putAll(tc.environment());
        // CARGO_ENCODED_RUSTFLAGS takes precedence over RUSTFLAGS and keeps a crate path with spaces intact.
        environment.remove("RUSTFLAGS");
        environment.put("CARGO_ENCODED_RUSTFLAGS", String.join("\u001f", rustflags));
        getLog().info("[" + flavour.id() + "] RUSTFLAGS=\"" + String.join(" ", rustflags) + "\"");
        getLog().debug("[" + flavour.id() + "] " + String.join(" ", command) + " (in " + crate + ", with "
                + tc.environment() + ")");

        CargoOutput out = new CargoOutput(new CargoOutput.Sink() {
            @Override
            public void info(String line) {
                getLog().info("[" + flavour.id() + "] " + line);
            }

            @Override
            public void warn(String line) {
                getLog().warn("[" + flavour.id() + "] " + line);
            }

            @Override
            public void error(String line) {
                getLog().error("[" + flavour.id() + "] " + line);
            }
        });
        int exit;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    out.line(line);
                }
            }
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted while cargo built the " + flavour.id() + " flavour", e);
        }
        if (exit != 0) {
            throw new BuildFailure("cargo build of the " + flavour.id() + " flavour failed (exit code " + exit
                    + "). Its last lines:\n" + String.join("\n", out.tail()));
        }
    }

    /** The configured flavours, in order, without repeats. */
    static List<Flavour> parseFlavours(List<String> configured) throws BuildFailure {
        LinkedHashSet<Flavour> result = new LinkedHashSet<>();
        for (String entry : configured == null ? List.<String>of() : configured) {
            for (String id : entry.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                try {
                    result.add(Flavour.of(id));
                } catch (IllegalArgumentException e) {
                    throw new BuildFailure("flavours: " + e.getMessage(), e);
                }
            }
        }
        if (result.isEmpty()) {
            throw new BuildFailure("flavours is empty: list at least one of exnref, legacy, abort");
        }
        return List.copyOf(result);
    }

    /** The configured target. */
    static Target parseTarget(String configured) throws BuildFailure {
        try {
            return Target.of(configured == null || configured.isBlank() ? "wasm32-unknown-unknown" : configured);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure("target: " + e.getMessage(), e);
        }
    }

    private static String tomlEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
