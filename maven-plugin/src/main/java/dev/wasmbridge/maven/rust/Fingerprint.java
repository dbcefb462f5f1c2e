package dev.wasmbridge.maven.rust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the crate has to be rebuilt. The fingerprint is a text file: the build's settings (the
 * flavours, the toolchain, ...), the SHA-256 of every file of the crate (everything under the crate's
 * directory but cargo's {@code target/} directories, so {@code Cargo.toml}, {@code Cargo.lock}, the
 * sources and path dependencies inside the crate directory) and the SHA-256 of every output. The build is
 * skipped when the fingerprint written by the last successful build equals the one computed now: nothing
 * changed, and the outputs are still the files that build wrote.
 *
 * <p>Path dependencies outside the crate directory are not covered; {@code -Dwasmbridge.rust.force} then
 * rebuilds.
 */
public final class Fingerprint {
    private static final String HEADER = "wasmbridge:build fingerprint v1";

    private final String text;

    private Fingerprint(String text) {
        this.text = text;
    }

    /**
     * The fingerprint of the crate in {@code crateDirectory} built with {@code settings} into {@code outputs}
     * (an output that does not exist is recorded as missing, so it never matches).
     *
     * @param settings one line each, e.g. {@code flavours: exnref,abort}
     */
    public static Fingerprint compute(Path crateDirectory, List<String> settings, List<Path> outputs)
            throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String setting : settings) {
            text.append("setting ").append(setting.replace('\n', ' ')).append('\n');
        }
        for (Path file : crateFiles(crateDirectory)) {
            text.append("input ")
                    .append(sha256(file))
                    .append("  ")
                    .append(crateDirectory.relativize(file).toString().replace('\\', '/'))
                    .append('\n');
        }
        for (Path output : outputs) {
            text.append("output ")
                    .append(Files.isRegularFile(output) ? sha256(output) : "missing")
                    .append("  ")
                    .append(output.toAbsolutePath())
                    .append('\n');
        }
        return new Fingerprint(text.toString());
    }

    /** The fingerprint a previous build wrote to {@code file}, if there is one. */
    public static Optional<Fingerprint> read(Path file) throws IOException {
        return Files.isRegularFile(file)
                ? Optional.of(new Fingerprint(Files.readString(file, StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    /** Writes this fingerprint to {@code file}, creating its directory. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Whether every output exists (this fingerprint records none as missing). */
    public boolean outputsExist() {
        return !text.contains("\noutput missing  ");
    }

    /** The fingerprint as written to its file. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * Every regular file under {@code crateDirectory}, sorted by path, leaving out each {@code target}
     * directory that sits next to a {@code Cargo.toml} (cargo's build output) and {@code .git}.
     */
    static List<Path> crateFiles(Path crateDirectory) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(crateDirectory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean cargoTarget = name.equals("target")
                        && !dir.equals(crateDirectory)
                        && Files.isRegularFile(dir.resolveSibling("Cargo.toml"));
                return cargoTarget || name.equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || Files.isRegularFile(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
