package dev.wasmbridge.wasmeh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the copied WebAssembly spec test files on the test class path. */
final class SpecFiles {
    private SpecFiles() {}

    static Path legacyEhDirectory() {
        URL url = SpecFiles.class.getClassLoader().getResource("spec/legacy-eh/README.md");
        if (url == null) {
            throw new IllegalStateException("spec/legacy-eh is not on the test class path");
        }
        try {
            return Paths.get(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wast2json command files, one per .wast of the suite, in name order. */
    static List<Path> commandFiles() {
        try (Stream<Path> files = Files.walk(legacyEhDirectory())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every binary module of the suite (valid and invalid ones), in name order. */
    static List<Path> binaryModules() {
        try (Stream<Path> files = Files.walk(legacyEhDirectory())) {
            return files.filter(p -> p.toString().endsWith(".wasm")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binary modules that the command files declare with a "module" command. */
    static List<Path> validModules() {
        return commandFiles().stream().flatMap(SpecFiles::validModulesOf).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static Stream<Path> validModulesOf(Path commandFile) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(read(commandFile));
        List<Map<String, Object>> commands = (List<Map<String, Object>>) json.get("commands");
        return commands.stream()
                .filter(c -> "module".equals(c.get("type")))
                .map(c -> commandFile.resolveSibling((String) c.get("filename")));
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
