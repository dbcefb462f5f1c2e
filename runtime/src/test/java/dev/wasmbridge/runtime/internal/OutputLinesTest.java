package dev.wasmbridge.runtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** How WASI output is cut into lines for a sink. */
class OutputLinesTest {
    private final List<String> lines = new ArrayList<>();

    private void write(OutputLines out, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    @Test
    void eachNewlineEndsALineInOrder() {
        OutputLines out = new OutputLines("stdout", lines::add);
        write(out, "a\nb");
        assertEquals(List.of("a"), lines);
        write(out, "c\n\nd\r\ne\r");
        assertEquals(List.of("a", "bc", "", "d"), lines, "an empty line is a line; \\r\\n ends one too");
        out.flush();
        assertEquals(List.of("a", "bc", "", "d"), lines, "a flush does not end a line");
        out.flushPartial();
        assertEquals(List.of("a", "bc", "", "d", "e\r"), lines, "the partial line, a lone \\r kept");
        out.flushPartial();
        assertEquals(5, lines.size(), "nothing is left to deliver twice");
    }

    @Test
    void bytesWrittenOneByOneMakeTheSameLines() {
        OutputLines out = new OutputLines("stdout", lines::add);
        for (byte b : "héllo wörld\n€\n".getBytes(UTF_8)) {
            out.write(b);
        }
        assertEquals(List.of("héllo wörld", "€"), lines);
    }

    @Test
    void invalidUtf8IsReplacedNotLost() {
        OutputLines out = new OutputLines("stdout", lines::add);
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'x', '\n'};
        out.write(bytes, 0, bytes.length);
        assertEquals(List.of("ok\uFFFD", "\uFFFD\uFFFDx"), lines);
    }

    @Test
    void aLongLineComesInPiecesCutBetweenCharacters() {
        OutputLines out = new OutputLines("stdout", lines::add, 8);
        write(out, "abcdefgh" + "ijklmn€€" + "z\n");
        // 8 bytes, then "ijklmn" (6 bytes; the euro sign's 3 bytes would not fit), then the rest
        assertEquals(List.of("abcdefgh", "ijklmn", "€€z"), lines);
        for (String line : lines) {
            assertTrue(line.getBytes(UTF_8).length <= 8, line);
        }
    }

    @Test
    void aSinkThatThrowsIsLoggedAndOutputGoesOn() {
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger runtime = Logger.getLogger("dev.wasmbridge");
        runtime.addHandler(handler);
        try {
            OutputLines out = new OutputLines("stderr", line -> {
                if (line.equals("bad")) {
                    throw new IllegalStateException("sink failed");
                }
                lines.add(line);
            });
            write(out, "good\nbad\nafter\n");
            assertEquals(List.of("good", "after"), lines);
            assertEquals(1, logged.size());
            assertTrue(
                    logged.get(0).getMessage().contains("WASI stderr"),
                    logged.get(0).getMessage());
            assertTrue(
                    logged.get(0).getMessage().endsWith(": bad"), logged.get(0).getMessage());
            assertEquals("sink failed", logged.get(0).getThrown().getMessage());
        } finally {
            runtime.removeHandler(handler);
        }
    }
}
