package dev.wasmbridge.benchmarks;

import dev.wasmbridge.runtime.RustPanicException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the boundary's recovery paths, side by side with what they compare to: a caught Rust panic
 * against a plain call, and {@code resetState()} against instantiating the bindings afresh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class BoundaryBenchmark {
    private PanicBench rust;

    @Setup
    public void setUp() {
        rust = PanicBenchBindings.create(new PanicBench.NoHost());
    }

    /** The baseline: a call that returns normally. */
    @Benchmark
    public int plainCall() {
        return rust.divide(84, 2);
    }

    /** A call whose Rust code panics; the panic is caught and the instance stays live. */
    @Benchmark
    public RustPanicException caughtPanic() {
        try {
            rust.divide(1, 0);
            throw new AssertionError("no panic");
        } catch (RustPanicException expected) {
            return expected;
        }
    }

    /** A fresh instance from the already parsed and compiled module. */
    @Benchmark
    public PanicBench resetState() {
        rust.resetState();
        return rust;
    }

    /** New bindings (the module is parsed and compiled once per class loader, so this is instantiation). */
    @Benchmark
    public PanicBench freshInstantiation() {
        return PanicBenchBindings.create(new PanicBench.NoHost());
    }
}
