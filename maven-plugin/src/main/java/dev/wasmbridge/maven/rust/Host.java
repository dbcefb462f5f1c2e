package dev.wasmbridge.maven.rust;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine the build runs on, as far as finding a Rust toolchain goes: files under a root directory,
 * the {@code PATH}, and short commands whose output is read whole. Tests give a fake root, a fake
 * {@code PATH} and canned command output.
 */
public class Host {
    /** Runs a command and returns what it printed. */
    @FunctionalInterface
    public interface Commands {
        /**
         * Runs {@code command} in {@code directory} with {@code environment} added to this process's.
         *
         * @return the exit code and the output (stdout and stderr together); exit code -1 when the command
         *     could not be started
         */
        Result run(List<String> command, Path directory, Map<String, String> environment);
    }

    /**
     * A finished command.
     *
     * @param exitCode the process's exit code, -1 if it could not be started
     * @param output stdout and stderr, interleaved
     */
    public record Result(int exitCode, String output) {
        /** Whether the command exited with 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The output's lines, trimmed. */
        public List<String> lines() {
            return output.lines().map(String::trim).toList();
        }
    }

    private final Path root;
    private final List<Path> path;
    private final Commands commands;

    /**
     * A host with absolute paths resolved under {@code root}.
     *
     * @param root what {@code /} means ({@code /} on a real machine, a temporary directory in tests)
     * @param path the directories searched for executables, in order
     * @param commands how commands run
     */
    public Host(Path root, List<Path> path, Commands commands) {
        this.root = root;
        this.path = List.copyOf(path);
        this.commands = commands;
    }

    /** This machine: the real file system, the {@code PATH} of this process, real processes. */
    public static Host system() {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        List<Path> path = new ArrayList<>();
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                path.add(Path.of(entry));
            }
        }
        return new Host(Path.of("/"), path, Host::runProcess);
    }

    /** The file an absolute path such as {@code /usr/bin/rustc} names on this host. */
    public Path file(String absolutePath) {
        return root.resolve(absolutePath.replaceFirst("^/+", ""));
    }

    /** The first executable called {@code name} on the {@code PATH}, if any. */
    public Optional<Path> findOnPath(String name) {
        for (Path directory : path) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a short command, see {@link Commands#run}. */
    public Result run(List<String> command, Path directory, Map<String, String> environment) {
        return commands.run(command, directory, environment);
    }

    private static Result runProcess(List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = readAll(process.getInputStream());
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
