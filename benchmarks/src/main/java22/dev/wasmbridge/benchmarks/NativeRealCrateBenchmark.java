package dev.wasmbridge.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical limit of {@link RealCrateBenchmark}: the same Rust ({@code real-crates/src/work.rs}, the
 * same serde_json and regex) compiled natively ({@code benchmarks/rust/real-crates-native}, opt-level 3
 * with LTO) and called through the FFM API. Same inputs ({@link RealCrateInputs}), same checks.
 *
 * <p>Each call does the work the proxy does around the Rust function: it encodes its string arguments as
 * UTF-8 and copies them into native segments allocated once at setup, and the round trip decodes the
 * result into a {@code String}.
 *
 * <p>Needs JDK 22 or later ({@code src/main/java22}, the {@code jdk22} profile of {@code
 * benchmarks/pom.xml}). Build the library first with {@code benchmarks/rust/real-crates-native/build.sh}.
 * It is loaded from the system property {@value #LIBRARY_PROPERTY}, by default {@value #DEFAULT_LIBRARY}
 * relative to the working directory (the repository root); set it before {@code -jar}, as for {@code
 * NativeComputeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class NativeRealCrateBenchmark {
    /** The system property with the path of the native library. */
    static final String LIBRARY_PROPERTY = "real.crates.native.library";

    /** Where {@code build.sh} puts the library, relative to the repository root. */
    static final String DEFAULT_LIBRARY = "benchmarks/target/native/libreal_crates_native.so";

    /** The pattern of the regex benchmarks, as in {@link RealCrateBenchmark}. */
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

    private Arena arena;
    private MemorySegment input;
    private MemorySegment pattern;
    private MemorySegment output;
    private MemorySegment sum;
    private MethodHandle jsonRoundtrip;
    private MethodHandle jsonSumNumbers;
    private MethodHandle regexCount;
    private MethodHandle regexIsMatch;

    @Setup(Level.Trial)
    public void setUp() {
        Path library =
                Path.of(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY)).toAbsolutePath();
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("no native library at " + library + ": build it with "
                    + "benchmarks/rust/real-crates-native/build.sh, or give its path with -D" + LIBRARY_PROPERTY);
        }
        arena = Arena.ofShared(); // JMH may run the setup and the benchmark on different threads
        SymbolLookup symbols = SymbolLookup.libraryLookup(library, arena);
        Linker linker = Linker.nativeLinker();
        jsonRoundtrip = linker.downcallHandle(
                symbols.find("real_json_roundtrip").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        jsonSumNumbers = linker.downcallHandle(
                symbols.find("real_json_sum_numbers").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        regexCount = linker.downcallHandle(
                symbols.find("real_regex_count").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        regexIsMatch = linker.downcallHandle(
                symbols.find("real_regex_is_match").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        int largest = Math.max(utf8Length(RealCrateInputs.JSON), utf8Length(RealCrateInputs.TEXT));
        input = arena.allocate(largest);
        output = arena.allocate(2L * largest);
        pattern = arena.allocate(256);
        sum = arena.allocate(JAVA_DOUBLE);

        String who = "the native library " + library;
        RealCrateInputs.checkRoundtrip(who, jsonNativeRoundtrip());
        RealCrateInputs.checkSum(who, jsonNativeSum());
        for (String regex : new String[] {RealCrateInputs.FEW, RealCrateInputs.MANY}) {
            RealCrateInputs.checkCount(who, regex, count(regex));
            RealCrateInputs.checkIsMatch(who, regex, isMatch(regex));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public String jsonNativeRoundtrip() {
        long length = copy(RealCrateInputs.JSON, input);
        long written;
        try {
            written = (long) jsonRoundtrip.invokeExact(input, length, output, output.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("the native call failed", e);
        }
        if (written < 0) {
            throw new IllegalStateException("real_json_roundtrip failed: " + written);
        }
        return new String(output.asSlice(0, written).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Benchmark
    public double jsonNativeSum() {
        long length = copy(RealCrateInputs.JSON, input);
        int status;
        try {
            status = (int) jsonSumNumbers.invokeExact(input, length, sum);
        } catch (Throwable e) {
            throw new IllegalStateException("the native call failed", e);
        }
        if (status != 0) {
            throw new IllegalStateException("real_json_sum_numbers failed: " + status);
        }
        return sum.get(JAVA_DOUBLE, 0);
    }

    @Benchmark
    public long regexNativeCount(Regex regex) {
        return count(regex.regex);
    }

    @Benchmark
    public boolean regexNativeIsMatch(Regex regex) {
        return isMatch(regex.regex);
    }

    private long count(String regex) {
        long patternLength = copy(regex, pattern);
        long textLength = copy(RealCrateInputs.TEXT, input);
        long count;
        try {
            count = (long) regexCount.invokeExact(pattern, patternLength, input, textLength);
        } catch (Throwable e) {
            throw new IllegalStateException("the native call failed", e);
        }
        if (count < 0) {
            throw new IllegalStateException("real_regex_count failed");
        }
        return count;
    }

    private boolean isMatch(String regex) {
        long patternLength = copy(regex, pattern);
        long textLength = copy(RealCrateInputs.TEXT, input);
        int answer;
        try {
            answer = (int) regexIsMatch.invokeExact(pattern, patternLength, input, textLength);
        } catch (Throwable e) {
            throw new IllegalStateException("the native call failed", e);
        }
        if (answer < 0) {
            throw new IllegalStateException("real_regex_is_match failed");
        }
        return answer == 1;
    }

    /** Encodes {@code text} as UTF-8 into {@code segment}; its length in bytes. */
    private static long copy(String text, MemorySegment segment) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return bytes.length;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
