package dev.wasmbridge.runtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleExitException;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.Wasi;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's WASI host on the hand-written module {@code fixtures/wasi.wat}, which calls the {@code
 * wasi_snapshot_preview1} functions directly: output lines, grants, read-only directories, {@code proc_exit},
 * the reactor's {@code _initialize}, fresh state after a reset.
 */
class WasiHostTest {
    private static final CheckedModule SOURCE = CheckedModule.classpath(WasiHostTest.class, "fixtures/wasi.wasm");

    private static final WasmValueType I32 = WasmValueType.I32;
    private static final WasmValueType I64 = WasmValueType.I64;

    // export indices, in the order of EXPORTS
    private static final int WRITE = 0;
    private static final int READ = 1;
    private static final int OPEN = 2;
    private static final int CLOSE = 3;
    private static final int MKDIR = 4;
    private static final int UNLINK = 5;
    private static final int RENAME = 6;
    private static final int NOW = 7;
    private static final int RANDOM = 8;
    private static final int COUNTS = 9;
    private static final int PRESTAT = 10;
    private static final int EXIT = 11;
    private static final int INITIALIZED = 12;
    private static final int TRAP = 13;
    private static final int SET_SIZE = 14;
    private static final int RENUMBER = 15;

    private static final List<ExportBinding> EXPORTS = List.of(
            new ExportBinding("write", WasmSignature.of(I32, I64).returning(I32)),
            new ExportBinding("read", WasmSignature.of(I32, I32).returning(I64)),
            new ExportBinding("open", WasmSignature.of(I32, I64, I32, I64, I32).returning(I64)),
            new ExportBinding("close", WasmSignature.of(I32).returning(I32)),
            new ExportBinding("mkdir", WasmSignature.of(I32, I64).returning(I32)),
            new ExportBinding("unlink", WasmSignature.of(I32, I64).returning(I32)),
            new ExportBinding("rename", WasmSignature.of(I32, I64, I32, I64).returning(I32)),
            new ExportBinding("now", WasmSignature.of().returning(I64)),
            new ExportBinding("random", WasmSignature.of().returning(I64)),
            new ExportBinding("counts", WasmSignature.of().returning(I64)),
            new ExportBinding("prestat", WasmSignature.of(I32).returning(I32)),
            new ExportBinding("exit", WasmSignature.of(I32)),
            new ExportBinding("initialized", WasmSignature.of().returning(I32)),
            new ExportBinding("trap", WasmSignature.of()),
            new ExportBinding("set_size", WasmSignature.of(I32, I64).returning(I32)),
            new ExportBinding("renumber", WasmSignature.of(I32, I32).returning(I32)));

    // WASI's rights and flags (preview 1)
    private static final long READ_RIGHTS = 1L << 1; // fd_read
    private static final long WRITE_RIGHTS = 1L << 6; // fd_write
    private static final int CREAT = 1;
    private static final int TRUNC = 8;
    private static final int APPEND = 1;

    // WASI's errno values (preview 1, "errno")
    private static final int EBADF = 8;
    private static final int EPERM = 63;

    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private Wasi capturing() {
        return Wasi.defaults().withStdout(out::add).withStderr(err::add);
    }

    private static CallBoundary create(Wasi wasi) {
        return CallBoundary.create(
                SOURCE, EXPORTS, List.of(), WasmOptions.defaults().withWasi(wasi));
    }

    /** One outermost call of export {@code index}, with the slices made of {@code strings}' UTF-8 in place. */
    private static long call(CallBoundary boundary, int index, Object... args) {
        CallBoundary call = boundary.enter();
        try {
            long[] wasm = new long[args.length];
            for (int i = 0; i < args.length; i++) {
                wasm[i] = args[i] instanceof String text
                        ? call.lend(SliceType.BYTES, text.getBytes(UTF_8), "argument " + i)
                        : ((Number) args[i]).longValue();
            }
            return call.call(index, wasm);
        } finally {
            call.exit();
        }
    }

    private static int write(CallBoundary boundary, int fd, String text) {
        return (int) call(boundary, WRITE, fd, text);
    }

    private static int errno(long opened) {
        return (int) opened;
    }

    private static int fd(long opened) {
        assertEquals(0, errno(opened), "path_open's errno");
        return (int) (opened >>> 32);
    }

    // ---- Output -----------------------------------------------------------------------------------------

    @Test
    void completeLinesArriveAsTheyAreWrittenAndTheRestWhenTheCallEnds() {
        CallBoundary boundary = create(capturing());
        CallBoundary call = boundary.enter();
        try {
            long text = call.lend(SliceType.BYTES, "one\ntwo\r\nthr".getBytes(UTF_8), "text");
            assertEquals(0, call.call(WRITE, 1, text));
            assertEquals(List.of("one", "two"), out, "complete lines at once, \\r\\n ends a line too");
            long more = call.lend(SliceType.BYTES, "ee".getBytes(UTF_8), "text");
            assertEquals(0, call.call(WRITE, 1, more));
            assertEquals(List.of("one", "two"), out, "a partial line waits while the call goes on");
        } finally {
            call.exit();
        }
        assertEquals(List.of("one", "two", "three"), out, "the partial line when the outermost call ends");
        assertEquals(List.of(), err);
    }

    @Test
    void standardErrorIsSeparateAndInvalidUtf8IsReplaced() {
        CallBoundary boundary = create(capturing());
        write(boundary, 2, "warning: café\n");
        CallBoundary call = boundary.enter();
        try {
            long bad = call.lend(SliceType.BYTES, new byte[] {'a', (byte) 0xFF, 'b', '\n'}, "bytes");
            assertEquals(0, call.call(WRITE, 2, bad));
        } finally {
            call.exit();
        }
        write(boundary, 1, "out\n");
        assertEquals(List.of("warning: café", "a\uFFFDb"), err);
        assertEquals(List.of("out"), out);
    }

    @Test
    void withoutASinkLinesGoToTheSystemLoggers() {
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
            CallBoundary boundary = create(Wasi.defaults());
            write(boundary, 1, "to stdout\n");
            write(boundary, 2, "to stderr\n");
            assertEquals(2, records.size(), records.toString());
            assertEquals(Wasi.STDOUT_LOGGER, records.get(0).getLoggerName());
            assertEquals("to stdout", records.get(0).getMessage());
            assertEquals(Level.INFO, records.get(0).getLevel());
            assertEquals(Wasi.STDERR_LOGGER, records.get(1).getLoggerName());
            assertEquals("to stderr", records.get(1).getMessage());
            assertEquals(Level.WARNING, records.get(1).getLevel());
        } finally {
            stdout.removeHandler(handler);
            stderr.removeHandler(handler);
        }
    }

    @Test
    void standardInputIsEmpty() {
        CallBoundary boundary = create(capturing());
        long read = call(boundary, READ, 0, 16);
        assertTrue(read >= 0, "fd_read of stdin succeeds");
        assertEquals(0, read >>> 32, "and reads nothing");
    }

    // ---- Clocks, randomness, environment, arguments ----------------------------------------------------------

    @Test
    void theClockIsRealByDefaultAndCanBeFixed() {
        long before = System.currentTimeMillis();
        long now = call(create(capturing()), NOW) / 1_000_000;
        long after = System.currentTimeMillis();
        assertTrue(before <= now && now <= after, before + " <= " + now + " <= " + after);
        Instant fixed = Instant.parse("2001-02-03T04:05:06.789Z");
        long nanos = call(create(capturing().withClock(Clock.fixed(fixed, ZoneOffset.UTC))), NOW);
        assertEquals(fixed.toEpochMilli() * 1_000_000, nanos);
    }

    @Test
    void randomnessDiffersBetweenInstancesUnlessSeeded() {
        assertNotEquals(call(create(capturing()), RANDOM), call(create(capturing()), RANDOM));
        long first = call(create(capturing().withRandom(new Random(42))), RANDOM);
        assertEquals(first, call(create(capturing().withRandom(new Random(42))), RANDOM));
    }

    @Test
    void noEnvironmentOrArgumentsUnlessGranted() {
        assertEquals(0, call(create(capturing()), COUNTS));
        long counts =
                call(create(capturing().withEnv("A", "1").withEnv("B", "2").withArgs("prog", "x", "y")), COUNTS);
        assertEquals(2, counts >>> 32, "environment variables");
        assertEquals(3, (int) counts, "arguments");
    }

    // ---- Directories ------------------------------------------------------------------------------------

    @Test
    void noDirectoryIsPreopenedUnlessGranted(@TempDir Path dir) {
        assertEquals(EBADF, call(create(capturing()), PRESTAT, 3));
        CallBoundary granted = create(capturing().withDirectory("/data", dir, Wasi.Access.READ_ONLY));
        assertEquals(0, call(granted, PRESTAT, 3));
        assertEquals(EBADF, call(granted, PRESTAT, 4));
        assertEquals(EBADF, errno(call(create(capturing()), OPEN, 3, "a.txt", 0, READ_RIGHTS, 0)));
    }

    @Test
    void aReadWriteDirectoryCanBeChanged(@TempDir Path dir) throws IOException {
        CallBoundary boundary = create(capturing().withDirectory("/data", dir, Wasi.Access.READ_WRITE));
        int fd = fd(call(boundary, OPEN, 3, "new.txt", CREAT, WRITE_RIGHTS, 0));
        assertEquals(0, write(boundary, fd, "written by Wasm"));
        assertEquals(0, call(boundary, CLOSE, fd));
        assertEquals("written by Wasm", Files.readString(dir.resolve("new.txt")));
        assertEquals(0, call(boundary, MKDIR, 3, "sub"));
        assertTrue(Files.isDirectory(dir.resolve("sub")));
        // (no rename: Chicory 1.7.5's path_rename asks Java for a move that keeps attributes, which Linux refuses)
        assertEquals(0, call(boundary, UNLINK, 3, "new.txt"));
        assertFalse(Files.exists(dir.resolve("new.txt")));
    }

    @Test
    void aReadOnlyDirectoryCanBeReadButNotChanged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.txt"), "nested");
        CallBoundary boundary = create(capturing().withDirectory("/data", dir, Wasi.Access.READ_ONLY));

        int fd = fd(call(boundary, OPEN, 3, "a.txt", 0, READ_RIGHTS, 0));
        long read = call(boundary, READ, fd, 64);
        assertEquals("hello", new String(readSlice(boundary, read), UTF_8));
        assertEquals(EPERM, write(boundary, fd, "x"), "fd_write on a file opened read-only");
        assertEquals(EPERM, call(boundary, SET_SIZE, fd, 0L), "fd_filestat_set_size");
        assertEquals(0, call(boundary, CLOSE, fd));

        assertEquals(EPERM, errno(call(boundary, OPEN, 3, "a.txt", 0, WRITE_RIGHTS, 0)), "open for writing");
        assertEquals(EPERM, errno(call(boundary, OPEN, 3, "c.txt", CREAT, READ_RIGHTS, 0)), "create");
        assertEquals(EPERM, errno(call(boundary, OPEN, 3, "a.txt", TRUNC, READ_RIGHTS, 0)), "truncate");
        assertEquals(EPERM, errno(call(boundary, OPEN, 3, "a.txt", 0, READ_RIGHTS, APPEND)), "append");
        assertEquals(EPERM, call(boundary, MKDIR, 3, "new"));
        assertEquals(EPERM, call(boundary, UNLINK, 3, "a.txt"));
        assertEquals(EPERM, call(boundary, RENAME, 3, "a.txt", 3, "b.txt"));

        // a directory opened through the read-only one is read-only too
        int sub = fd(call(boundary, OPEN, 3, "sub", 0, READ_RIGHTS, 0));
        assertEquals(EPERM, errno(call(boundary, OPEN, sub, "b.txt", 0, WRITE_RIGHTS, 0)));
        assertEquals(EPERM, call(boundary, UNLINK, sub, "b.txt"));
        int nested = fd(call(boundary, OPEN, sub, "b.txt", 0, READ_RIGHTS, 0));
        assertEquals("nested", new String(readSlice(boundary, call(boundary, READ, nested, 64)), UTF_8));
        // renumbered, it stays read-only; its old number is free of the mark
        assertEquals(0, call(boundary, RENUMBER, sub, nested));
        assertEquals(EPERM, call(boundary, UNLINK, nested, "b.txt"));

        assertEquals("hello", Files.readString(dir.resolve("a.txt")));
        assertEquals("nested", Files.readString(dir.resolve("sub/b.txt")));
        assertFalse(Files.exists(dir.resolve("c.txt")));
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void grantsOfBothKindsSideBySide(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectory(dir.resolve("in"));
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Files.writeString(in.resolve("x.txt"), "x");
        CallBoundary boundary = create(capturing()
                .withDirectory("/in", in, Wasi.Access.READ_ONLY)
                .withDirectory("/out", outDir, Wasi.Access.READ_WRITE));
        assertEquals(EPERM, call(boundary, RENAME, 3, "x.txt", 4, "x.txt"), "moving out of the read-only one");
        assertEquals(EPERM, call(boundary, RENAME, 4, "y.txt", 3, "y.txt"), "moving into it");
        int fd = fd(call(boundary, OPEN, 4, "y.txt", CREAT, WRITE_RIGHTS, 0));
        assertEquals(0, write(boundary, fd, "y"));
        assertEquals(0, call(boundary, CLOSE, fd));
        assertEquals("y", Files.readString(outDir.resolve("y.txt")));
    }

    @Test
    void pathsThatLeaveTheGrantAreRefused(@TempDir Path dir) throws IOException {
        Path inner = Files.createDirectory(dir.resolve("inner"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        CallBoundary boundary = create(capturing().withDirectory("/data", inner, Wasi.Access.READ_WRITE));
        assertNotEquals(0, errno(call(boundary, OPEN, 3, "../secret.txt", 0, READ_RIGHTS, 0)));
        assertNotEquals(0, errno(call(boundary, OPEN, 3, "/secret.txt", 0, READ_RIGHTS, 0)));
    }

    private static byte[] readSlice(CallBoundary boundary, long slice) {
        assertTrue(slice >= 0, () -> "fd_read failed with errno " + (slice & 0xFFFF));
        CallBoundary call = boundary.enter();
        try {
            return call.take(SliceType.BYTES, slice);
        } finally {
            call.exit();
        }
    }

    // ---- proc_exit, _initialize, reset -----------------------------------------------------------------------

    @Test
    void procExitIsAnAbortWithTheCodeThatAResetRecoversFrom() {
        CallBoundary boundary = create(capturing());
        List<AbortEvent> events = new ArrayList<>();
        boundary.setOnAbort(events::add);
        CallBoundary call = boundary.enter();
        ModuleExitException exit;
        try {
            long text = call.lend(SliceType.BYTES, "last words".getBytes(UTF_8), "text");
            call.call(WRITE, 1, text);
            exit = assertThrows(ModuleExitException.class, () -> call.call(EXIT, 3));
        } finally {
            call.exit();
        }
        assertEquals(3, exit.exitCode());
        assertEquals(AbortReason.EXIT, exit.reason());
        assertEquals("exit", exit.exportName());
        assertTrue(exit.getMessage().contains("exited with code 3"), exit.getMessage());
        assertEquals(List.of("last words"), out, "the partial line is not lost");
        assertEquals(1, events.size());
        assertEquals(exit, events.get(0).exception());
        assertTrue(boundary.isTerminated());
        assertThrows(ModuleTerminatedException.class, () -> call(boundary, NOW));

        boundary.resetState();
        assertFalse(boundary.isTerminated());
        assertEquals(1, call(boundary, INITIALIZED), "the fresh instance was initialized once");
        assertEquals(0, write(boundary, 1, "again\n"));
        assertEquals(List.of("last words", "again"), out);
    }

    @Test
    void exitCodeZeroIsAnAbortToo() {
        CallBoundary boundary = create(capturing());
        ModuleExitException exit = assertThrows(ModuleExitException.class, () -> call(boundary, EXIT, 0));
        assertEquals(0, exit.exitCode());
        assertTrue(boundary.isTerminated());
    }

    @Test
    void aTrapIsStillATrap() {
        CallBoundary boundary = create(capturing());
        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> call(boundary, TRAP));
        assertFalse(abort instanceof ModuleExitException);
        assertEquals(AbortReason.TRAP, abort.reason());
    }

    @Test
    void initializeRunsOncePerInstanceBeforeAnyCall() {
        CallBoundary boundary = create(capturing());
        assertEquals(1, call(boundary, INITIALIZED));
        assertEquals(1, call(boundary, INITIALIZED));
        boundary.resetState();
        assertEquals(1, call(boundary, INITIALIZED));
    }

    @Test
    void aResetStartsWithFreshDescriptors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "a");
        CallBoundary boundary = create(capturing().withDirectory("/data", dir, Wasi.Access.READ_ONLY));
        int first = fd(call(boundary, OPEN, 3, "a.txt", 0, READ_RIGHTS, 0));
        fd(call(boundary, OPEN, 3, "a.txt", 0, READ_RIGHTS, 0));
        boundary.resetState();
        assertEquals(first, fd(call(boundary, OPEN, 3, "a.txt", 0, READ_RIGHTS, 0)), "the same first descriptor");
        assertEquals(EPERM, errno(call(boundary, OPEN, 3, "a.txt", 0, WRITE_RIGHTS, 0)), "still read-only");
    }

    // ---- Modules and options --------------------------------------------------------------------------------

    @Test
    void aModuleWithoutWasiIgnoresTheOptions(@TempDir Path dir) {
        BoundaryFixture fixture = new BoundaryFixture();
        CallBoundary boundary = CallBoundary.create(
                BoundaryFixture.SOURCE,
                BoundaryFixture.EXPORTS,
                fixture.imports(),
                WasmOptions.defaults().withWasi(Wasi.defaults().withDirectory("/d", dir, Wasi.Access.READ_WRITE)));
        assertEquals(7, BoundaryFixture.call(boundary, BoundaryFixture.THING_GET, 7));
    }

    @Test
    void aWasiFunctionPreviewOneLacksIsALoadError() {
        CheckedModule unknown = CheckedModule.classpath(WasiHostTest.class, "fixtures/wasi_unknown.wasm");
        ModuleLoadException e =
                assertThrows(ModuleLoadException.class, () -> CallBoundary.create(unknown, List.of(), List.of()));
        assertTrue(e.getMessage().contains("wasi_snapshot_preview1.fd_frobnicate"), e.getMessage());
        assertTrue(e.getMessage().contains("wasm32-wasip1"), e.getMessage());
    }

    @Test
    void theRuntimeKnowsEveryFunctionOfPreviewOne() {
        for (String name : List.of("fd_write", "path_open", "proc_exit", "random_get", "clock_time_get", "args_get")) {
            assertTrue(WasiHost.functionType(name) != null, name);
        }
        assertNull(WasiHost.functionType("fd_frobnicate"));
    }
}
