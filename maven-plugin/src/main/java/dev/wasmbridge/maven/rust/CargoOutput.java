package dev.wasmbridge.maven.rust;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sorts cargo's output lines into log levels and keeps the last lines for a failure's message. A {@code
 * warning...} line and the lines that belong to it (up to the next blank line or status line) go to
 * {@link Sink#warn}, an {@code error...} block to {@link Sink#error}, everything else ({@code Compiling},
 * {@code Finished}, ...) to {@link Sink#info}.
 */
public final class CargoOutput {
    /** Where the lines go: the Maven log. */
    public interface Sink {
        /** A status line. */
        void info(String line);

        /** A line of a warning. */
        void warn(String line);

        /** A line of an error. */
        void error(String line);
    }

    private enum Block {
        NONE,
        WARNING,
        ERROR
    }

    private static final Pattern STATUS = Pattern.compile("^\\s*[A-Z][a-z]+(?: [a-z]+)? .*");
    private static final int TAIL = 40;

    private final Sink sink;
    private final Deque<String> tail = new ArrayDeque<>();
    private Block block = Block.NONE;

    /** Output going to {@code sink}. */
    public CargoOutput(Sink sink) {
        this.sink = sink;
    }

    /** Logs one line of cargo's output. */
    public void line(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        if (line.startsWith("warning")) {
            block = Block.WARNING;
        } else if (line.startsWith("error")) {
            block = Block.ERROR;
        } else if (line.isBlank() || STATUS.matcher(line).matches()) {
            block = Block.NONE;
        }
        switch (block) {
            case WARNING -> sink.warn(line);
            case ERROR -> sink.error(line);
            default -> {
                if (!line.isBlank()) {
                    sink.info(line);
                }
            }
        }
    }

    /** The last lines seen (up to 40), for a failure's message. */
    public List<String> tail() {
        return List.copyOf(tail);
    }
}
