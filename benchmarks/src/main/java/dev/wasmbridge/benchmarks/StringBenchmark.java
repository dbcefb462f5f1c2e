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
 * String round trips through {@code echo(&str) -> String}: the proxy against the best hand-written
 * Chicory code ({@link RawChicory#echo}: encode, {@code wasmbridge_malloc}, write, call, read, free both
 * blocks, decode). {@code size} is the string's length in bytes (ASCII, so also in chars); the
 * {@code megabytes} counter reports the string bytes sent per second, in MB/s (the same amount comes back).
 * Both run on the same Chicory engine ({@code engine}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class StringBenchmark {
    /**
     * The Chicory engine, for the proxy and the raw code alike: {@code auto} (build-time compiled bytecode, the
     * proxies' default; the raw code runs Chicory's own build-time compilation) or {@code interpreter}.
     */
    @Param({"auto", "interpreter"})
    public String engine;

    @Param({"16", "1024", "1048576"})
    public int size;

    private BigModule proxy;
    private RawChicory raw;
    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        Engines.select(engine);
        proxy = BigModuleBindings.create();
        raw = new RawChicory(Resources.read(Resources.EXNREF), engine);
        StringBuilder builder = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            builder.append((char) ('a' + i % 26));
        }
        text = builder.toString();
        if (!proxy.echo(text).equals(text) || !raw.echo(text).equals(text)) {
            throw new IllegalStateException("echo did not return its argument");
        }
    }

    @Benchmark
    public String proxyEcho(Volume volume) {
        volume.add(size);
        return proxy.echo(text);
    }

    @Benchmark
    public String rawEcho(Volume volume) {
        volume.add(size);
        return raw.echo(text);
    }
}
