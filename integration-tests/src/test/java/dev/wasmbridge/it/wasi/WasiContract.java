package dev.wasmbridge.it.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleExitException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.Wasi;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 on Rust built for {@code wasm32-wasip1} with real crates: clocks, randomness, standard output and
 * error, files, environment, arguments and exit, through the runtime's WASI with the defaults and with
 * grants; the same contract on the exnref, legacy and abort builds.
 */
abstract class WasiContract {
    /** Binds the flavour under test with {@code options}. */
    abstract WasiFixture create(WasmOptions options);

    /** Binds the flavour under test with the defaults ({@code create()}). */
    abstract WasiFixture create();

    /** A pool of {@code size} instances of the flavour under test. */
    abstract WasiFixture pool(int size, WasmOptions options);

    /** Binds {@code source}, a module given at run time, through the flavour's bindings. */
    abstract WasiFixture create(ModuleSource source, WasmOptions options);

    /** The flavour's module file. */
    abstract String resource();

    /** Whether the build unwinds a panic (exnref, legacy) rather than aborting. */
    abstract boolean unwinds();

    @TempDir
    Path dir;

    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    /** The defaults, with both output streams captured. */
    private Wasi capturing() {
        return Wasi.defaults().withStdout(out::add).withStderr(err::add);
    }

    private WasiFixture create(Wasi wasi) {
        return create(WasmOptions.defaults().withWasi(wasi));
    }

    // ---- Clocks and randomness ----------------------------------------------------------------------------

    @Test
    void rustsTimeIsWithinASecondOfJavas() {
        WasiFixture rust = create();
        long java = System.currentTimeMillis();
        assertTrue(Math.abs(rust.nowMillis() - java) < 1000, () -> "SystemTime::now() far from " + java);
        OffsetDateTime chrono = OffsetDateTime.parse(rust.nowRfc3339());
        long difference = Math.abs(chrono.toInstant().toEpochMilli() - System.currentTimeMillis());
        assertTrue(difference < 1000, () -> "chrono's now is " + chrono + ", " + difference + " ms off");
    }

    @Test
    void twoInstancesProduceDifferentRandomUuids() {
        UUID first = UUID.fromString(create().uuidV4());
        UUID second = UUID.fromString(create().uuidV4());
        assertEquals(4, first.version());
        assertEquals(4, second.version());
        assertNotEquals(first, second);
        WasiFixture rust = create();
        assertNotEquals(rust.uuidV4(), rust.uuidV4(), "and two calls on one instance");
        assertNotEquals(rust.randomU64(), rust.randomU64());
    }

    @Test
    void thePoolsInstancesProduceDifferentRandomUuids() throws Exception {
        WasiFixture rust = pool(3, WasmOptions.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(threads.submit(() ->
                        IntStream.range(0, 100).mapToObj(i -> rust.uuidV4()).toList()));
            }
            Set<String> uuids = new HashSet<>();
            for (Future<List<String>> future : futures) {
                uuids.addAll(future.get());
            }
            assertEquals(300, uuids.size(), "no UUID twice, whichever instance made it");
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void randomnessComesFromTheConfiguredSource() {
        String seeded = create(capturing().withRandom(new Random(17))).uuidV4();
        assertEquals(seeded, create(capturing().withRandom(new Random(17))).uuidV4(), "the same seed, the same UUID");
        assertNotEquals(seeded, create(capturing().withRandom(new Random(18))).uuidV4());
        int[] values = IntStream.range(0, 50).toArray();
        int[] shuffled = create().shuffle(values);
        assertFalse(Arrays.equals(values, shuffled), "50! orders: this one is not the identity");
        assertArrayEquals(values, Arrays.stream(shuffled).sorted().toArray(), "a permutation");
    }

    // ---- Standard output and error -------------------------------------------------------------------------

    @Test
    void printedLinesArriveInTheSinkInOrder() {
        WasiFixture rust = create(capturing());
        rust.printLines(List.of("first", "", "naïve café ✓"));
        rust.printLines(List.of("fourth"));
        assertEquals(List.of("first", "", "naïve café ✓", "fourth"), out);
        assertEquals(List.of(), err);
        rust.eprintLine("to stderr");
        assertEquals(List.of("to stderr"), err);
        assertEquals(4, out.size(), "standard error is separate");
    }

    @Test
    void withoutASinkLinesReachTheSystemLoggers() {
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger stdout = Logger.getLogger(Wasi.STDOUT_LOGGER);
        Logger stderr = Logger.getLogger(Wasi.STDERR_LOGGER);
        stdout.addHandler(handler);
        stderr.addHandler(handler);
        try {
            WasiFixture rust = create();
            rust.printLines(List.of("logged line"));
            rust.eprintLine("logged warning");
            assertEquals(2, records.size(), records::toString);
            assertEquals(Wasi.STDOUT_LOGGER, records.get(0).getLoggerName());
            assertEquals(Level.INFO, records.get(0).getLevel());
            assertEquals("logged line", records.get(0).getMessage());
            assertEquals(Wasi.STDERR_LOGGER, records.get(1).getLoggerName());
            assertEquals(Level.WARNING, records.get(1).getLevel());
            assertEquals("logged warning", records.get(1).getMessage());
        } finally {
            stdout.removeHandler(handler);
            stderr.removeHandler(handler);
        }
    }

    @Test
    void aPanicsMessageStillReachesJavaAfterTheLinePrintedBeforeIt() {
        WasiFixture rust = create(capturing());
        String message;
        if (unwinds()) {
            message = assertThrows(RustPanicException.class, () -> rust.printThenPanic("last words"))
                    .panicMessage();
            assertEquals(1, rust.increment(), "the instance is live");
        } else {
            WasmAbortException abort = assertThrows(WasmAbortException.class, () -> rust.printThenPanic("last words"));
            assertEquals(AbortReason.PANIC, abort.reason());
            message = abort.panicMessage().orElseThrow();
            assertTrue(rust.isTerminated());
        }
        assertTrue(message.startsWith("panicked at "), message);
        assertTrue(message.endsWith(": boom: last words"), message);
        assertEquals(List.of("last words"), out);
    }

    // ---- Files -------------------------------------------------------------------------------------------

    @Test
    void noFileSystemUnlessGranted() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "text");
        WasiFixture rust = create(capturing());
        WasiIoException e = assertThrows(WasiIoException.class, () -> rust.readFile("/data/in.txt"));
        assertTrue(e.getMessage().startsWith("Uncategorized: "), e.getMessage()); // Rust's io::Error, described
        assertThrows(WasiIoException.class, () -> rust.writeFile("/data/out.txt", "x"));
        assertThrows(
                WasiIoException.class, () -> rust.readFile(dir.resolve("in.txt").toString()));
        assertEquals(1, rust.increment(), "an io::Error is an ordinary Err: the instance is live");
    }

    @Test
    void aGrantedDirectoryCanBeReadButNothingOutsideIt() throws IOException, WasiIoException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "granted ✓");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        WasiFixture rust = create(capturing().withDirectory("/data", data, Wasi.Access.READ_ONLY));
        assertEquals("granted ✓", rust.readFile("/data/in.txt"));
        WasiIoException missing = assertThrows(WasiIoException.class, () -> rust.readFile("/data/missing.txt"));
        assertTrue(missing.getMessage().startsWith("NotFound: "), missing.getMessage());
        assertThrows(WasiIoException.class, () -> rust.readFile("/secret.txt"));
        assertThrows(WasiIoException.class, () -> rust.readFile("/data/../secret.txt"));
        assertThrows(
                WasiIoException.class,
                () -> rust.readFile(dir.resolve("secret.txt").toString()));
    }

    @Test
    void aReadOnlyDirectoryRefusesWrites() throws IOException, WasiIoException {
        Files.writeString(dir.resolve("in.txt"), "unchanged");
        WasiFixture rust = create(capturing().withDirectory("/data", dir, Wasi.Access.READ_ONLY));
        WasiIoException overwrite =
                assertThrows(WasiIoException.class, () -> rust.writeFile("/data/in.txt", "changed"));
        assertTrue(overwrite.getMessage().startsWith("PermissionDenied: "), overwrite.getMessage());
        WasiIoException create = assertThrows(WasiIoException.class, () -> rust.writeFile("/data/new.txt", "new"));
        assertTrue(create.getMessage().startsWith("PermissionDenied: "), create.getMessage());
        assertEquals("unchanged", Files.readString(dir.resolve("in.txt")));
        assertFalse(Files.exists(dir.resolve("new.txt")));
        assertEquals("unchanged", rust.readFile("/data/in.txt"), "reading still works");
    }

    @Test
    void aReadWriteDirectoryTakesWrites() throws Exception {
        WasiFixture rust = create(capturing().withDirectory("/work", dir, Wasi.Access.READ_WRITE));
        rust.writeFile("/work/out.txt", "written by Rust");
        assertEquals("written by Rust", Files.readString(dir.resolve("out.txt")));
        assertEquals("written by Rust", rust.readFile("/work/out.txt"));
        rust.writeFile("/work/out.txt", "again");
        assertEquals("again", Files.readString(dir.resolve("out.txt")), "truncated and written again");
    }

    // ---- Environment and arguments -----------------------------------------------------------------------

    @Test
    void environmentAndArgumentsOnlyWhenGranted() {
        WasiFixture plain = create(capturing());
        assertEquals(Optional.empty(), plain.envVar("HOME"));
        assertEquals(Optional.empty(), plain.envVar("PATH"));
        assertEquals(List.of(), plain.args());
        WasiFixture granted = create(
                capturing().withEnv("GREETING", "héllo").withEnv("EMPTY", "").withArgs("prog", "--flag", "a b"));
        assertEquals(Optional.of("héllo"), granted.envVar("GREETING"));
        assertEquals(Optional.of(""), granted.envVar("EMPTY"));
        assertEquals(Optional.empty(), granted.envVar("HOME"), "only what was granted");
        assertEquals(List.of("prog", "--flag", "a b"), granted.args());
    }

    // ---- Exit -----------------------------------------------------------------------------------------------

    @Test
    void exitEndsTheCallWithItsCodeAndAResetStartsOver() {
        WasiFixture rust = create(capturing());
        List<AbortEvent> events = new ArrayList<>();
        rust.setOnAbort(events::add);
        assertEquals(1, rust.increment());
        assertEquals(2, rust.increment());
        int generation = rust.generation();
        ModuleExitException exit = assertThrows(ModuleExitException.class, () -> rust.exit(3));
        assertEquals(3, exit.exitCode());
        assertEquals(AbortReason.EXIT, exit.reason());
        assertEquals("exit_with", exit.exportName());
        assertEquals(1, events.size());
        assertSame(exit, events.get(0).exception());
        assertTrue(rust.isTerminated());
        ModuleTerminatedException after = assertThrows(ModuleTerminatedException.class, rust::increment);
        assertSame(exit, after.abort());
        rust.resetState();
        assertEquals(generation + 1, rust.generation());
        assertEquals(1, rust.increment(), "a fresh instance: the counter starts over");
        rust.printLines(List.of("after the reset"));
        assertEquals(List.of("after the reset"), out);
    }

    @Test
    void exitCodeZeroEndsTheInstanceToo() {
        WasiFixture rust = create(capturing());
        assertEquals(
                0, assertThrows(ModuleExitException.class, () -> rust.exit(0)).exitCode());
        assertTrue(rust.isTerminated());
    }

    @Test
    void anAbortHandlerCanResetAfterExit() {
        WasiFixture rust = create(capturing());
        rust.setOnAbort(AbortEvent::requestReset);
        rust.increment();
        assertThrows(ModuleExitException.class, () -> rust.exit(1));
        assertFalse(rust.isTerminated());
        assertEquals(1, rust.increment());
    }

    @Test
    void aModuleGivenAtRunTimeGetsTheOptionsToo() throws IOException, WasiIoException {
        byte[] bytes;
        try (InputStream in = WasiContract.class.getClassLoader().getResourceAsStream(resource())) {
            bytes = in.readAllBytes();
        }
        Files.writeString(dir.resolve("in.txt"), "from a file");
        WasiFixture rust = create(
                ModuleSource.of("wasi-from-bytes.wasm", bytes),
                WasmOptions.defaults()
                        .withWasi(capturing()
                                .withDirectory("/data", dir, Wasi.Access.READ_ONLY)
                                .withArgs("x")));
        assertEquals("from a file", rust.readFile("/data/in.txt"));
        assertEquals(List.of("x"), rust.args());
        rust.printLines(List.of("compiled at run time"));
        assertEquals(List.of("compiled at run time"), out);
        assertThrows(ModuleExitException.class, () -> rust.exit(2));
        rust.resetState();
        assertEquals(1, rust.increment());
    }

    // ---- Real crates --------------------------------------------------------------------------------------

    @Test
    void serdeJsonWorks() throws WasiIoException {
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ]\n}", create().jsonPretty("{\"a\":[1,2]}"));
        WasiIoException e = assertThrows(WasiIoException.class, () -> create().jsonPretty("{oops"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
