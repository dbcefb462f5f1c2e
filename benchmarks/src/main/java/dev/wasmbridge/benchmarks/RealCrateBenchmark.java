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
 * Real workloads: third-party Rust crates ({@code serde_json}, {@code regex}) through Wasmbridge ({@link
 * RealCrates}, on the default engine: the bytecode compiled at build time), against the Java library a
 * Java developer would pick instead (Jackson's {@code readTree}/{@code writeValueAsString}, {@code
 * java.util.regex}). {@code NativeRealCrateBenchmark} (JDK 22+, {@code src/main/java22}) runs the same
 * Rust natively through FFM. Inputs and the Java side are in {@link RealCrateInputs}.
 *
 * <ul>
 *   <li>{@code json*Roundtrip}: parse the 70 KB document into a tree and write it back, compact;
 *   <li>{@code json*Sum}: parse it and add up its numbers (only a {@code double} comes back);
 *   <li>{@code regex*Count}: count the matches of a pattern in 10 KB of prose ({@code pattern}: {@code
 *       few}, 3 dates, or {@code many}, 1,586 words); both sides cache the compiled pattern, so this
 *       measures matching;
 *   <li>{@code regex*IsMatch}: whether it matches at all ({@code few}: the first date is after 85% of the
 *       text; {@code many}: at once, so mostly the cost of the call and of copying the text).
 * </ul>
 *
 * <p>A Wasm call includes copying its string arguments into Wasm memory (UTF-8) and the result out. The
 * setup checks every Wasm result against the Java one (the same JSON value, sum, count, answer), so a
 * benchmark cannot time wrong work.
 *
 * <p>The Rust module's biggest functions (the JSON parser, the regex engines) compile to JVM methods over
 * HotSpot's 8,000-byte limit, which HotSpot never JIT-compiles by default: the processor warns about them
 * (WB402). {@link RealCrateTunedBenchmark} runs the same benchmarks with {@code -XX:-DontCompileHugeMethods},
 * so one run shows both side by side; the Java rows are the control.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class RealCrateBenchmark {
    private RealCrates rust;
    private String json;
    private String text;

    /** The pattern of the regex benchmarks. */
    @State(Scope.Thread)
    public static class Regex {
        /** {@code few} (ISO dates, 3 matches) or {@code many} (every word). */
        @Param({"few", "many"})
        public String pattern;

        String regex;

        @Setup(Level.Trial)
        public void setUp() {
            regex = RealCrateInputs.pattern(pattern);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        rust = RealCratesBindings.create();
        json = RealCrateInputs.JSON;
        text = RealCrateInputs.TEXT;
        RealCrateInputs.checkRoundtrip("serde_json through Wasm", rust.jsonRoundtrip(json));
        RealCrateInputs.checkRoundtrip("Jackson", RealCrateInputs.jacksonRoundtrip(json));
        RealCrateInputs.checkSum("serde_json through Wasm", rust.jsonSumNumbers(json));
        for (String regex : new String[] {RealCrateInputs.FEW, RealCrateInputs.MANY}) {
            RealCrateInputs.checkCount(
                    "regex through Wasm", regex, Integer.toUnsignedLong(rust.regexCount(regex, text)));
            RealCrateInputs.checkIsMatch("regex through Wasm", regex, rust.regexIsMatch(regex, text));
        }
    }

    @Benchmark
    public String jsonWasmRoundtrip() {
        return rust.jsonRoundtrip(json);
    }

    @Benchmark
    public String jsonJacksonRoundtrip() {
        return RealCrateInputs.jacksonRoundtrip(json);
    }

    @Benchmark
    public double jsonWasmSum() {
        return rust.jsonSumNumbers(json);
    }

    @Benchmark
    public double jsonJacksonSum() {
        return RealCrateInputs.jacksonSumNumbers(json);
    }

    @Benchmark
    public int regexWasmCount(Regex regex) {
        return rust.regexCount(regex.regex, text);
    }

    @Benchmark
    public int regexJavaCount(Regex regex) {
        return RealCrateInputs.javaRegexCount(regex.regex, text);
    }

    @Benchmark
    public boolean regexWasmIsMatch(Regex regex) {
        return rust.regexIsMatch(regex.regex, text);
    }

    @Benchmark
    public boolean regexJavaIsMatch(Regex regex) {
        return RealCrateInputs.javaRegexIsMatch(regex.regex, text);
    }
}
