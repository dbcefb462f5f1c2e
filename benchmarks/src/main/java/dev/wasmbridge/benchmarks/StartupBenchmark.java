package dev.wasmbridge.benchmarks;

import dev.wasmbridge.runtime.Engine;
import java.util.concurrent.TimeUnit;
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
 * The first call after start-up, per engine: in a fresh JVM (each sample is its own fork), the time from
 * nothing loaded to the first result: reading and parsing the module, preparing the engine (loading the
 * build-time bytecode, compiling at run time, or nothing for the interpreter), instantiating it, and one
 * call. {@code module} is the 2.3 MB benchmark module ({@code big}, {@link BigModule#add}) or the small
 * panic fixture ({@code small}, {@link PanicBench#divide}), so the part that grows with the code shows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(8)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class StartupBenchmark {
    /** The engine: {@code auto} (build-time compiled, the default), {@code compiler} or {@code interpreter}. */
    @Param({"auto", "compiler", "interpreter"})
    public String engine;

    /** {@code big}: the benchmark module (2.3 MB of code); {@code small}: the panic fixture. */
    @Param({"big", "small"})
    public String module;

    /**
     * With {@code auto}: whether the bindings instantiate the module from its skeleton (no function bodies;
     * the default) or parse the whole module ({@value Engine#SKELETON_PROPERTY}).
     */
    @Param({"true", "false"})
    public String skeleton;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.select(engine); // sets a property only: nothing of the module is loaded yet
        System.setProperty(Engine.SKELETON_PROPERTY, skeleton);
    }

    @Benchmark
    public long firstCall() {
        if (module.equals("big")) {
            return BigModuleBindings.create().add(40, 2);
        }
        return PanicBenchBindings.create(new PanicBench.NoHost()).divide(84, 2);
    }
}
