package dev.wasmbridge.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmBridgeException;
import dev.wasmbridge.runtime.WasmOptions;
import dev.wasmbridge.runtime.WasmOutOfMemoryException;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rust modules that misbehave (issue 18): memory that grows without bound, an allocation past the limit, an
 * argument that does not fit, calls nested through Java until the stack runs out. Each ends with its
 * documented exception, the heap stays bounded and a reset brings the instance back; on every engine: the
 * build-time bytecode, the run-time compiler and the interpreter. Each engine's bindings are made once (the
 * run-time compiler compiles the module once) and reset before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileRustContract {
    /** The memory limit of every instance here: small, so that reaching it is quick and cheap. */
    static final long LIMIT = 16L << 20;

    static final int MIB = 1 << 20;

    private final Map<Engine, LimitsFixture> bindings = new EnumMap<>(Engine.class);
    private final Map<Engine, NestingHost> hosts = new EnumMap<>(Engine.class);

    /** The module of this flavour, as a classpath resource. */
    abstract String resource();

    /** The build-time bindings of this flavour. */
    abstract LimitsFixture create(WasmOptions options, LimitsHost host);

    /** This flavour's bindings for a module given at run time. */
    abstract LimitsFixture create(ModuleSource source, WasmOptions options, LimitsHost host);

    @BeforeAll
    void bind() {
        WasmOptions options = WasmOptions.defaults().withMemoryLimit(LIMIT);
        for (Engine engine : Engine.values()) {
            NestingHost host = new NestingHost();
            LimitsFixture rust = engine == Engine.AUTO
                    ? create(options, host)
                    : EngineSwitch.on(engine, () -> create(ModuleBytes.of(resource()), options, host));
            host.rust = rust;
            hosts.put(engine, host);
            bindings.put(engine, rust);
        }
    }

    /** The bindings on {@code engine}, reset: a fresh instance. */
    LimitsFixture rust(Engine engine) {
        LimitsFixture rust = bindings.get(engine);
        rust.resetState();
        hosts.get(engine).check = value -> value;
        return rust;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void belowTheLimitNothingChanges(Engine engine) {
        LimitsFixture rust = rust(engine);
        for (int i = 0; i < 5; i++) {
            assertEquals(8 * MIB, rust.allocate(8 * MIB));
        }
        assertEquals(12L * MIB, rust.keep(6 * MIB) + rust.keep(6 * MIB) - 6L * MIB);
        assertTrue(rust.memoryBytes() <= LIMIT, rust.memoryBytes() + " bytes");
        assertFalse(rust.isTerminated());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLeakEndsWithOutOfMemoryAndAResetGivesTheMemoryBack(Engine engine) {
        LimitsFixture rust = rust(engine);
        long initial = rust.memoryBytes();
        long heapBefore = Heap.usedAfterGc();

        WasmOutOfMemoryException oom = assertThrows(WasmOutOfMemoryException.class, () -> rust.leakForever(MIB));

        assertEquals(AbortReason.OUT_OF_MEMORY, oom.reason());
        assertEquals(OptionalLong.of(MIB), oom.requestedBytes(), "the block Rust could not allocate");
        assertEquals(LIMIT, oom.memoryLimit());
        assertTrue(oom.memoryBytes() > LIMIT - 2 * MIB && oom.memoryBytes() <= LIMIT, oom.getMessage());
        assertEquals(oom.memoryBytes(), rust.memoryBytes());
        assertTrue(oom.getMessage().contains("memory allocation of 1048576 bytes failed"), oom.getMessage());
        assertTrue(oom.getMessage().contains("limit of 16,777,216 bytes"), oom.getMessage());
        assertTrue(oom.getMessage().contains("WasmOptions.withMemoryLimit"), oom.getMessage());
        assertTrue(rust.isTerminated());
        assertSame(
                oom,
                assertThrows(ModuleTerminatedException.class, () -> rust.allocate(1))
                        .abort());
        long heapAtTheLimit = Heap.usedAfterGc();
        assertTrue(
                heapAtTheLimit - heapBefore < 4 * LIMIT,
                "the instance's memory took " + (heapAtTheLimit - heapBefore) + " bytes of heap");

        rust.resetState();
        assertEquals(initial, rust.memoryBytes(), "a reset starts from the module's initial memory");
        assertEquals(MIB, rust.allocate(MIB));
        assertTrue(
                Heap.usedAfterGc() - heapBefore < LIMIT,
                "the heap is given back: " + Heap.usedAfterGc() + " bytes, " + heapBefore + " before");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDoublingVectorEndsWithOutOfMemory(Engine engine) {
        LimitsFixture rust = rust(engine);
        WasmOutOfMemoryException oom = assertThrows(WasmOutOfMemoryException.class, rust::growVectorForever);
        long requested = oom.requestedBytes().orElseThrow();
        assertEquals(1, Long.bitCount(requested), "a doubled capacity of u64s: " + requested);
        assertTrue(requested > LIMIT / 4 && requested <= 2 * LIMIT, "requested " + requested);
        assertTrue(rust.memoryBytes() <= LIMIT);
        rust.resetState();
        assertEquals(3 * MIB, rust.allocate(3 * MIB));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneAllocationPastTheLimitEndsWithOutOfMemory(Engine engine) {
        LimitsFixture rust = rust(engine);
        WasmOutOfMemoryException oom = assertThrows(WasmOutOfMemoryException.class, () -> rust.allocate(20 * MIB));
        assertEquals(OptionalLong.of(20L * MIB), oom.requestedBytes());
        assertTrue(oom.memoryBytes() < 2 * MIB, "the one big growth asked for was refused: " + oom.memoryBytes());
        assertTrue(oom.getMessage().contains("memory allocation of 20971520 bytes failed"), oom.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anArgumentThatDoesNotFitIsRefusedAndTheInstanceStaysLive(Engine engine) {
        LimitsFixture rust = rust(engine);
        WasmBridgeException refused = assertThrows(WasmBridgeException.class, () -> rust.mix(new byte[20 * MIB], 7));
        assertFalse(refused instanceof WasmAbortException, refused.toString());
        assertTrue(refused.getMessage().contains("could not allocate 20971520 bytes"), refused.getMessage());
        assertTrue(refused.getMessage().contains("its limit " + LIMIT + " bytes"), refused.getMessage());
        assertFalse(rust.isTerminated());
        assertEquals(Expected.mix(new byte[] {1, 2, 3}, 7), rust.mix(new byte[] {1, 2, 3}, 7));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callsNestedThroughJavaEndWithStackOverflowOnAOneMibStack(Engine engine) throws InterruptedException {
        nestOnAThread(engine, 1L << 20);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callsNestedThroughJavaEndWithStackOverflowOnASmallStack(Engine engine) throws InterruptedException {
        nestOnAThread(engine, 256L << 10);
    }

    /**
     * Wherever the stack runs out in calls nested through Java (in Wasm code, in the import, in the
     * boundary's own code), the instance is not left locked: after each abort another thread can use it.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "AUTO")
    void callsNestedAtManyStackSizesNeverLeaveTheInstanceLocked(Engine engine) throws Exception {
        LimitsFixture rust = rust(engine);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (int kib = 192; kib < 1200; kib += 25) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread thread = new Thread(
                        null,
                        () -> {
                            try {
                                rust.nest(10_000);
                            } catch (Throwable e) {
                                thrown.set(e);
                            }
                        },
                        "nest",
                        kib * 1024L);
                thread.start();
                thread.join();
                assertTrue(
                        thrown.get() instanceof WasmAbortException abort
                                && abort.reason() == AbortReason.STACK_OVERFLOW,
                        kib + " KiB: " + thrown.get());
                int stackSize = kib;
                assertEquals(
                        3,
                        other.submit(() -> {
                                    rust.resetState();
                                    return rust.nest(3);
                                })
                                .get(30, TimeUnit.SECONDS),
                        () -> "after " + stackSize + " KiB");
            }
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * On a thread with a stack of {@code stackSize} bytes: nested calls work, 10,000 of them end with a
     * stack overflow abort, and the thread goes on: it resets the instance and calls again.
     */
    private void nestOnAThread(Engine engine, long stackSize) throws InterruptedException {
        LimitsFixture rust = rust(engine);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicReference<WasmAbortException> aborted = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        assertEquals(10, rust.nest(10), "nesting works");
                        aborted.set(assertThrows(WasmAbortException.class, () -> rust.nest(10_000)));
                        assertTrue(rust.isTerminated());
                        rust.resetState();
                        assertEquals(10, rust.nest(10), "the same thread goes on after a reset");
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                },
                "nest",
                stackSize);
        thread.start();
        thread.join();
        assertNull(failed.get(), () -> "on the thread: " + failed.get());
        WasmAbortException abort = aborted.get();
        assertEquals(AbortReason.STACK_OVERFLOW, abort.reason(), abort.getMessage());
        Throwable cause = abort.getCause();
        while (cause != null && !(cause instanceof StackOverflowError)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof StackOverflowError, () -> "caused by " + abort.getCause());
        assertEquals("nest", abort.exportName());
        assertEquals(7, rust.nest(7), "and another thread too");
    }
}
