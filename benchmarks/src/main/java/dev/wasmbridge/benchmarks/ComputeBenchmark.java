package dev.wasmbridge.benchmarks;

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
 * The engine comparison: compute-bound Rust through the generated proxy ({@link BigModule}) on each of
 * Chicory's engines, for 1 MiB of input per call ({@link ComputeInputs}). {@code NativeComputeBenchmark}
 * (JDK 22+, {@code src/main/java22}) runs the same Rust source built natively, the physical limit.
 *
 * <p>{@code engine} is {@code auto} (the bytecode the annotation processor compiled at build time, the
 * default), {@code compiler} (Chicory's compiler at run time) or {@code interpreter}; each runs in its own
 * fork ({@link Engines}). {@code kernel} is {@code fnv} ({@code fnvHashRounds}, 1 round over 1 MiB of
 * bytes) or {@code parse} ({@code parseNumbers} on a little under 1 MiB of comma-separated numbers). A
 * call includes copying the input into Wasm memory (and encoding the string as UTF-8), as any call does.
 * The setup checks the result against Java's computation of the same function.
 *
 * <p>The interpreter takes a large fraction of a second per call, so the iterations are 2 s long: it still
 * gets several calls per iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ComputeBenchmark {
    /** The Chicory engine of the proxy ({@code auto} is the runtime's default). */
    @Param({"auto", "compiler", "interpreter"})
    public String engine;

    /** The kernel: {@code fnv} or {@code parse}. */
    @Param({"fnv", "parse"})
    public String kernel;

    private BigModule proxy;
    private ComputeInputs inputs;
    private boolean fnv;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.select(engine);
        proxy = BigModuleBindings.create();
        inputs = ComputeInputs.of(kernel);
        fnv = kernel.equals("fnv");
        inputs.check("the proxy on engine " + engine, call());
    }

    @Benchmark
    public long call() {
        return fnv ? proxy.fnvHashRounds(inputs.data, ComputeInputs.ROUNDS) : proxy.parseNumbers(inputs.csv);
    }
}
