package dev.wasmbridge.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Finds a {@code .wasm} named as a classpath resource at compile time: in the class output (where Maven
 * copies {@code src/main/resources} before compiling), on the source and class paths, and in the folders
 * of the {@code wasmbridge.path} processor option.
 */
final class WasmFileLocator {
    /** The processor option: folders to search, separated by the platform's path separator. */
    static final String PATH_OPTION = "wasmbridge.path";

    private static final List<JavaFileManager.Location> LOCATIONS =
            List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH);

    /** A module's bytes and where they were found. */
    record Found(byte[] bytes, String where) {}

    private final Filer filer;
    private final List<Path> extraFolders;

    WasmFileLocator(Filer filer, String pathOption) {
        this.filer = filer;
        this.extraFolders = new ArrayList<>();
        if (pathOption != null && !pathOption.isBlank()) {
            for (String folder : pathOption.split(java.io.File.pathSeparator)) {
                if (!folder.isBlank()) {
                    extraFolders.add(Path.of(folder.trim()));
                }
            }
        }
    }

    /**
     * Reads {@code resource}.
     *
     * @throws IOException if it exists but cannot be read
     */
    Optional<Found> find(String resource) throws IOException {
        for (Path folder : extraFolders) {
            Path file = folder.resolve(resource);
            if (Files.isRegularFile(file)) {
                return Optional.of(new Found(
                        Files.readAllBytes(file), file.toAbsolutePath().toUri().toString()));
            }
        }
        for (JavaFileManager.Location location : LOCATIONS) {
            FileObject file;
            try {
                file = filer.getResource(location, "", resource);
            } catch (IOException | IllegalArgumentException e) {
                continue; // not in this location, or javac does not search it for resources
            }
            try (InputStream in = file.openInputStream()) {
                return Optional.of(new Found(in.readAllBytes(), file.toUri().toString()));
            } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
                // not in this location
            }
        }
        return Optional.empty();
    }

    /** The places searched, for the "not found" message. */
    String searched() {
        List<String> places = new ArrayList<>();
        extraFolders.forEach(f -> places.add(f.toString()));
        places.add("the class output");
        places.add("the source path");
        places.add("the class path");
        return String.join(", ", places);
    }
}
