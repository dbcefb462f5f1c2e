package dev.wasmbridge.maven.rust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Combines several directories of unpacked crates into one that cargo reads as a directory source (the
 * replacement for crates-io): a directory of symbolic links, one per crate, under {@code target/}.
 *
 * <p>On the Debian route the first directory is std's own vendor directory ({@code
 * /usr/src/rustc-<version>/library/vendor}), which {@code -Zbuild-std} needs; then come the configured
 * {@code vendorDirectories} in their order, e.g. {@code /usr/share/cargo/registry}, where Debian's {@code
 * librust-*-dev} packages install crates. Each crate is a subdirectory named {@code <name>-<version>} with
 * a {@code Cargo.toml} and a {@code .cargo-checksum.json} (whose {@code files} map may be empty, as in
 * Debian's packages: cargo then checks no file, only the package's checksum against Cargo.lock).
 *
 * <p>When two directories hold a crate of the same name and version, the one listed first wins, so std's
 * dependencies are always exactly the ones its sources were released with. Each clash is reported.
 */
public final class VendorDirectories {
    /**
     * What {@link #combine} did.
     *
     * @param crates how many crates the combined directory links to
     * @param notes clashes (which directory won) and skipped entries, one sentence each
     */
    public record Result(int crates, List<String> notes) {}

    private VendorDirectories() {}

    /**
     * Rebuilds {@code combined} as links to the crates of {@code sources}, earlier sources winning clashes.
     *
     * @throws BuildFailure when a source is not a directory or a link cannot be made
     */
    public static Result combine(List<Path> sources, Path combined) throws BuildFailure {
        Map<String, Path> chosen = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Path source : sources) {
            if (!Files.isDirectory(source)) {
                throw new BuildFailure("vendor directory " + source + " does not exist or is not a directory");
            }
            for (Path crate : list(source)) {
                String name = crate.getFileName().toString();
                if (name.startsWith(".") || !Files.isDirectory(crate)) {
                    continue;
                }
                if (!Files.isRegularFile(crate.resolve("Cargo.toml"))) {
                    notes.add("skipped " + crate + ": no Cargo.toml");
                    continue;
                }
                if (!Files.isRegularFile(crate.resolve(".cargo-checksum.json"))) {
                    notes.add(
                            "skipped " + crate + ": no .cargo-checksum.json, which cargo needs in a directory source");
                    continue;
                }
                Path earlier = chosen.get(name);
                if (earlier != null) {
                    notes.add("'" + name + "' is in both " + earlier.getParent() + " and " + source
                            + "; the first wins: " + earlier);
                    continue;
                }
                chosen.put(name, crate.toAbsolutePath());
            }
        }
        clear(combined);
        try {
            Files.createDirectories(combined);
            for (Map.Entry<String, Path> crate : chosen.entrySet()) {
                Files.createSymbolicLink(combined.resolve(crate.getKey()), crate.getValue());
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new BuildFailure("cannot link the vendored crates into " + combined + ": " + e, e);
        }
        return new Result(chosen.size(), notes);
    }

    private static List<Path> list(Path directory) throws BuildFailure {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new BuildFailure("cannot list " + directory + ": " + e, e);
        }
    }

    /** Deletes {@code directory} and its links without following them. */
    private static void clear(Path directory) throws BuildFailure {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot clear " + directory + ": " + e, e);
        }
    }
}
