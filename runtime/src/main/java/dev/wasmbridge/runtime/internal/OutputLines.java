package dev.wasmbridge.runtime.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One WASI output stream (standard output or error) of one instance, cut into lines for a sink: each line
 * when its {@code \n} is written, without it (and without a {@code \r} before it); what is left, when {@link
 * #flushPartial()} is called (the boundary does when the outermost call ends, and before a reset). Bytes
 * that are not valid UTF-8 become U+FFFD; a line longer than the limit is delivered in pieces, cut between
 * characters. A sink's exception is logged with the line and does not reach Wasm.
 *
 * <p>Not thread-safe: the boundary runs one call at a time on an instance, and flushes under its lock.
 */
final class OutputLines extends OutputStream {
    /** The longest line delivered in one piece, in bytes: 1 MiB. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final String stream;
    private final Consumer<String> sink;
    private final int maxLineBytes;

    private byte[] buffer = new byte[128];
    private int length;

    OutputLines(String stream, Consumer<String> sink) {
        this(stream, sink, MAX_LINE_BYTES);
    }

    /** With another limit, for tests. */
    OutputLines(String stream, Consumer<String> sink, int maxLineBytes) {
        this.stream = stream;
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void write(int b) {
        append((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        for (int i = offset; i < offset + count; i++) {
            append(bytes[i]);
        }
    }

    private void append(byte b) {
        if (b == '\n') {
            deliver(length > 0 && buffer[length - 1] == '\r' ? length - 1 : length);
            length = 0;
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(Math.max(buffer.length * 2, 16), maxLineBytes + 4));
        }
        buffer[length++] = b;
        if (length >= maxLineBytes) {
            int cut = characterBoundary();
            deliver(cut);
            System.arraycopy(buffer, cut, buffer, 0, length - cut);
            length -= cut;
        }
    }

    /**
     * Where to cut a line that reached the limit: before its last character if that character is not
     * complete yet (a UTF-8 sequence cut short), else at its end.
     */
    private int characterBoundary() {
        for (int p = length - 1; p >= 0 && p >= length - 4; p--) {
            int b = buffer[p] & 0xFF;
            if ((b & 0xC0) != 0x80) { // ASCII or the first byte of a sequence
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return p > 0 && p + needed > length ? p : length;
            }
        }
        return length;
    }

    /** Delivers what is left of a line without its {@code \n}, if anything is. */
    void flushPartial() {
        if (length > 0) {
            int end = length;
            length = 0;
            deliver(end);
        }
        if (buffer.length > 4096) {
            buffer = new byte[128]; // a long line's buffer is not kept for the life of the instance
        }
    }

    /** Nothing: a flush by the engine or Rust does not end a line. */
    @Override
    public void flush() {}

    private void deliver(int end) {
        String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            Log.warning("The sink of WASI " + stream + " (" + sink + ") threw; the line it did not take: " + line, e);
        }
    }
}
