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
 * The cost of fuel (docs/GUIDE.md, "Running untrusted modules"): {@link ComputeBenchmark}'s kernels through
 * the bindings of the same module without fuel ({@link BigModule}) and with it ({@link MeteredBigModule},
 * {@code @WasmModule(fuel = true)}, a budget far above what a call uses). The target is at most 15% more
 * time with fuel.
 *
 * <p>{@code fuel} is {@code off} or {@code on}; {@code engine} is {@code auto} (the bytecode compiled at
 * build time) or {@code compiler} (Chicory's compiler at run time), each in its own fork ({@link Engines});
 * {@code kernel} is {@code fnv} or {@code parse} ({@link ComputeInputs}). The setup checks the result
 * against Java's computation and, with fuel, that the call was counted.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FuelBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FuelBenchmark {
    /** Whether the bindings count fuel. */
    @Param({"off", "on"})
    public String fuel;

    /** The Chicory engine ({@code auto} is the runtime's default). */
    @Param({"auto", "compiler"})
    public String engine;

    /** The kernel: {@code fnv} or {@code parse}. */
    @Param({"fnv", "parse"})
    public String kernel;

    /** Far more than a call of either kernel uses (a few hundred million instructions for 1 MiB). */
    static final long BUDGET = 1_000_000_000_000L;

    private BigModule proxy;
    private ComputeInputs inputs;
    private boolean fnv;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.select(engine);
        if (fuel.equals("on")) {
            MeteredBigModuleBindings metered = MeteredBigModuleBindings.create();
            metered.setCallFuel(BUDGET);
            proxy = metered;
        } else {
            proxy = BigModuleBindings.create();
        }
        inputs = ComputeInputs.of(kernel);
        fnv = kernel.equals("fnv");
        inputs.check("the proxy with fuel " + fuel + " on engine " + engine, call());
        if (proxy instanceof MeteredBigModuleBindings metered && metered.lastCallFuelUsed() <= 0) {
            throw new IllegalStateException("the call was not counted");
        }
    }

    @Benchmark
    public long call() {
        return fnv ? proxy.fnvHashRounds(inputs.data, ComputeInputs.ROUNDS) : proxy.parseNumbers(inputs.csv);
    }
}
