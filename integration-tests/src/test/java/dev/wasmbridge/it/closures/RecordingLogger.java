package dev.wasmbridge.it.closures;

import java.util.ArrayList;
import java.util.List;

/** A {@link Logger} that keeps what it was told. */
final class RecordingLogger implements Logger {
    final List<String> lines = new ArrayList<>();
    private final String name;

    RecordingLogger(String name) {
        this.name = name;
    }

    @Override
    public void log(int level, String message) {
        lines.add(level + " " + message);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count() {
        return lines.size();
    }
}
