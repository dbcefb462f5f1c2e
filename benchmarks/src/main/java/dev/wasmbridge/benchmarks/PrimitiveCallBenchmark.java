package dev.wasmbridge.benchmarks;

import dev.wasmbridge.runtime.Engine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one call with two {@code int}s and an {@code int} result: {@code add} through the
 * generated proxy ({@link BigModule}) against hand-written Chicory code on the same module (the exnref
 * build of the benchmark crate, so no translation is involved), and against the exports class Chicory's
 * own code generator writes for it ({@link ChicoryBigModule}). The difference is the proxy's own
 * overhead: argument lowering, the instance lock, the panic-catching boundary. All three run on the same
 * Chicory engine ({@code engine}; with {@code auto}, the proxy runs the bytecode Wasmbridge's processor
 * compiled at build time, the other two the bytecode Chicory's Maven plugin compiled). {@code direct}: with
 * {@code true} (the default of generated bindings) the proxy calls the export's compiled method directly,
 * typed; with {@code false} through Chicory's {@code ExportFunction.apply(long...)}, as raw code does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class PrimitiveCallBenchmark {
    /** The Chicory engine, for all three ({@code auto}, build-time compiled bytecode, is the proxies' default). */
    @Param({"auto", "compiler", "interpreter"})
    public String engine;

    /** Whether the proxy calls compiled methods directly ({@value Engine#DIRECT_CALLS_PROPERTY}; auto only). */
    @Param({"true", "false"})
    public String direct;

    private BigModule proxy;
    private RawChicory raw;
    private ChicoryBigModule_ModuleExports chicoryExports;
    private final ReentrantLock lock = new ReentrantLock();
    private int a;
    private int b;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.select(engine);
        System.setProperty(Engine.DIRECT_CALLS_PROPERTY, direct);
        proxy = BigModuleBindings.create();
        raw = new RawChicory(Resources.read(Resources.EXNREF), engine);
        chicoryExports = new ChicoryBigModule(engine).exports;
        a = 40;
        b = 2;
        if (proxy.add(a, b) != 42 || raw.add(a, b) != 42 || chicoryExports.add(a, b) != 42) {
            throw new IllegalStateException("add(40, 2) is not 42");
        }
    }

    @Benchmark
    public int proxyAdd() {
        return proxy.add(a, b);
    }

    @Benchmark
    public int rawAdd() {
        return raw.add(a, b);
    }

    /**
     * The raw call inside an uncontended {@link ReentrantLock}, as the proxy holds one around every call (an
     * instance must not run two calls at once): how much of the proxy's cost is that lock alone.
     */
    @Benchmark
    public int rawLockedAdd() {
        lock.lock();
        try {
            return raw.add(a, b);
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public int chicoryExportsAdd() {
        return chicoryExports.add(a, b);
    }
}
