package dev.wasmbridge.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The WASI options: immutable, safe by default, and clear about bad input. */
class WasiTest {
    @TempDir
    Path dir;

    private static void assertMessage(Class<? extends Throwable> type, Executable bad, String... parts) {
        String message = assertThrows(type, bad).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' is not in: " + message);
        }
    }

    @Test
    void theDefaultsGrantNothing() {
        Wasi wasi = Wasi.defaults();
        assertEquals(List.of(), wasi.directories());
        assertEquals(Map.of(), wasi.environment());
        assertEquals(List.of(), wasi.arguments());
        assertSame(wasi, WasmOptions.defaults().wasi());
        assertNotSame(wasi.random(), wasi.random(), "a SecureRandom per instance");
    }

    @Test
    void eachChangeIsANewValue() {
        Wasi defaults = Wasi.defaults();
        Wasi changed = defaults.withEnv("A", "1").withArgs("p").withDirectory("/d", dir, Wasi.Access.READ_ONLY);
        assertEquals(Map.of(), defaults.environment());
        assertEquals(Map.of("A", "1"), changed.environment());
        assertEquals(List.of("p"), changed.arguments());
        assertEquals(List.of(new Wasi.Directory("/d", dir, Wasi.Access.READ_ONLY)), changed.directories());
        assertEquals(Map.of("A", "2"), changed.withEnv("A", "2").environment(), "set again: replaced");
        assertEquals(List.of("q", "r"), changed.withArgs("q", "r").arguments(), "replaced, not added");
        WasmOptions options = WasmOptions.defaults().withWasi(changed);
        assertSame(changed, options.wasi());
        assertSame(Wasi.defaults(), WasmOptions.defaults().wasi());
        assertThrows(
                UnsupportedOperationException.class, () -> changed.environment().put("B", "2"));
        assertThrows(
                UnsupportedOperationException.class, () -> changed.arguments().add("x"));
    }

    @Test
    void sinksReplaceTheLoggers() {
        Consumer<String> sink = line -> {};
        Wasi wasi = Wasi.defaults().withStdout(sink);
        assertSame(sink, wasi.stdout());
        assertTrue(
                wasi.stderr().toString().contains(Wasi.STDERR_LOGGER),
                wasi.stderr().toString());
        assertTrue(Wasi.defaults().stdout().toString().contains(Wasi.STDOUT_LOGGER));
    }

    @Test
    void directoryGrantsSayWhatIsWrong() throws IOException {
        Wasi wasi = Wasi.defaults();
        assertMessage(
                NullPointerException.class,
                () -> wasi.withDirectory(null, dir, Wasi.Access.READ_ONLY),
                "guestPath",
                "\"/data\"");
        assertMessage(
                NullPointerException.class, () -> wasi.withDirectory("/d", null, Wasi.Access.READ_ONLY), "hostPath");
        assertMessage(NullPointerException.class, () -> wasi.withDirectory("/d", dir, null), "READ_ONLY");
        assertMessage(
                IllegalArgumentException.class,
                () -> wasi.withDirectory("data", dir, Wasi.Access.READ_ONLY),
                "'data'",
                "not absolute",
                "\"/data\"");
        assertMessage(
                IllegalArgumentException.class,
                () -> wasi.withDirectory("/d", Path.of("relative/dir"), Wasi.Access.READ_ONLY),
                "relative",
                "toAbsolutePath");
        assertMessage(
                IllegalArgumentException.class,
                () -> wasi.withDirectory("/d", dir.resolve("missing"), Wasi.Access.READ_ONLY),
                "does not exist",
                "missing");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertMessage(
                IllegalArgumentException.class,
                () -> wasi.withDirectory("/d", file, Wasi.Access.READ_ONLY),
                "is not a directory");
        Wasi granted = wasi.withDirectory("/d/", dir, Wasi.Access.READ_ONLY);
        assertEquals("/d", granted.directories().get(0).guestPath(), "a trailing slash is dropped");
        assertMessage(
                IllegalArgumentException.class,
                () -> granted.withDirectory("/d", dir, Wasi.Access.READ_WRITE),
                "'/d' is granted already");
        Files.createDirectory(dir.resolve("x"));
        assertEquals(
                dir.resolve("x"),
                wasi.withDirectory("/x", dir.resolve("x/../x/."), Wasi.Access.READ_WRITE)
                        .directories()
                        .get(0)
                        .hostPath(),
                "normalized");
    }

    @Test
    void environmentAndArgumentsSayWhatIsWrong() {
        Wasi wasi = Wasi.defaults();
        assertMessage(NullPointerException.class, () -> wasi.withEnv(null, "v"), "name");
        assertMessage(NullPointerException.class, () -> wasi.withEnv("N", null), "N");
        assertMessage(IllegalArgumentException.class, () -> wasi.withEnv("", "v"), "not an environment variable");
        assertMessage(IllegalArgumentException.class, () -> wasi.withEnv("A=B", "v"), "'A=B'", "'='");
        assertMessage(IllegalArgumentException.class, () -> wasi.withEnv("A", "x\0y"), "NUL");
        assertMessage(NullPointerException.class, () -> wasi.withArgs((String[]) null), "args");
        assertMessage(NullPointerException.class, () -> wasi.withArgs("a", null), "argument 1 is null");
        assertMessage(IllegalArgumentException.class, () -> wasi.withArgs("a\0"), "Argument 0", "NUL");
        assertMessage(NullPointerException.class, () -> wasi.withStdout(null), "standard output");
        assertMessage(NullPointerException.class, () -> WasmOptions.defaults().withWasi(null), "Wasi.defaults()");
    }
}
