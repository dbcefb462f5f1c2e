package dev.wasmbridge.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the bindings in a class output whose Wasm module changed since the annotation processor checked
 * them, and deletes what javac made of them, so that the next compilation compiles their interfaces again
 * and the processor checks them against the module as it is now.
 *
 * <p>javac does not treat resources as inputs: after a change to a {@code .wasm} only, Maven's compiler
 * plugin finds every class up to date and the processor does not run. The processor leaves a record for
 * each binding class in {@value #RECORDS} (which interface, which module, the module's SHA-256, where it
 * read it); this class compares each record with the module it names. When they differ (or the module is
 * gone), it deletes the interface's class file (so the compiler plugin sees its source as changed and
 * recompiles), the generated classes, the record, and build-time translations no other record uses.
 */
final class StaleBindings {
    /** Where the processor writes its records, in the class output (processor class {@code BindingsRecord}). */
    static final String RECORDS = "META-INF/wasmbridge/bindings";

    /** Where the processor writes exnref translations, one folder per source digest. */
    static final String TRANSLATIONS = "META-INF/wasmbridge/exnref";

    /** Where the processor writes module skeletons, one folder per source digest. */
    static final String SKELETONS = "META-INF/wasmbridge/skeleton";

    /** A binding whose module changed, and how. */
    record Stale(String interfaceName, String module, String reason) {}

    private final Path classes;
    private final Consumer<String> log;

    /**
     * @param classes the class output the records are in ({@code target/classes} or {@code target/test-classes})
     * @param log where to say what was found and deleted
     */
    StaleBindings(Path classes, Consumer<String> log) {
        this.classes = classes;
        this.log = log;
    }

    /**
     * Deletes the outputs of every binding whose module changed.
     *
     * @return the stale bindings found, in record order
     * @throws IOException if a record or the output cannot be read or deleted
     */
    List<Stale> refresh() throws IOException {
        Path records = classes.resolve(RECORDS);
        List<Stale> stale = new ArrayList<>();
        if (!Files.isDirectory(records)) {
            return stale;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(records, "*.properties")) {
            list.forEach(files::add);
        }
        files.sort(Comparator.naturalOrder());
        Set<String> digestsInUse = new HashSet<>();
        Set<String> digestsDropped = new HashSet<>();
        for (Path file : files) {
            Properties record = read(file);
            String module = required(record, "module", file);
            String recorded = required(record, "sha256", file);
            String found = required(record, "found", file);
            String reason = changed(found, recorded);
            if (reason == null) {
                digestsInUse.add(recorded);
                continue;
            }
            String interfaceName = required(record, "interface", file);
            stale.add(new Stale(interfaceName, module, reason));
            log.accept("Wasm module " + module + " " + reason + " since " + interfaceName
                    + " was checked against it: javac will check it again.");
            deleteClass(required(record, "source", file));
            deleteGenerated(required(record, "bindings", file));
            Files.delete(file);
            digestsDropped.add(recorded);
        }
        digestsDropped.removeAll(digestsInUse);
        for (String digest : digestsDropped) {
            deleteTree(classes.resolve(TRANSLATIONS).resolve(digest));
            deleteTree(classes.resolve(SKELETONS).resolve(digest));
        }
        return stale;
    }

    /** Why the module at {@code found} is not the one recorded, or null when it is. */
    private static String changed(String found, String recordedSha256) throws IOException {
        URI uri;
        try {
            uri = new URI(found);
        } catch (URISyntaxException e) {
            uri = Path.of(found).toUri(); // a plain path
        }
        if (uri.getScheme() == null) {
            uri = Path.of(found).toUri();
        }
        byte[] bytes;
        java.net.URLConnection connection = uri.toURL().openConnection();
        connection.setUseCaches(false); // a jar rewritten since must be read again, not from the JVM's cache
        try (InputStream in = connection.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            return "is gone from " + found;
        }
        String now = sha256(bytes);
        return now.equals(recordedSha256)
                ? null
                : "changed (SHA-256 " + now.substring(0, 12) + "…, was " + recordedSha256.substring(0, 12) + "…)";
    }

    /** Deletes the class file of {@code binaryName}: the compiler plugin then sees its source as changed. */
    private void deleteClass(String binaryName) throws IOException {
        Files.deleteIfExists(classes.resolve(binaryName.replace('.', '/') + ".class"));
    }

    /** Deletes the generated class, its nested classes and the machine compiled with it. */
    private void deleteGenerated(String binaryName) throws IOException {
        Path file = classes.resolve(binaryName.replace('.', '/'));
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        String name = file.getFileName().toString();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, "*.class")) {
            for (Path candidate : list) {
                String candidateName = candidate.getFileName().toString();
                if (candidateName.equals(name + ".class")
                        || candidateName.startsWith(name + "$")
                        || candidateName.startsWith(name + "Machine")) {
                    Files.delete(candidate);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    private static String required(Properties record, String key, Path file) throws IOException {
        String value = record.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no '" + key + "': it was not written by this version of the"
                    + " Wasmbridge annotation processor. Run `mvn clean verify` once.");
        }
        return value;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
