package dev.wasmbridge.benchmarks;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
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
 * The physical limit of {@link ComputeBenchmark}: the same Rust source ({@code compute.rs}) compiled
 * natively ({@code benchmarks/rust/compute-native}, opt-level 3 with LTO) and called through the FFM API.
 * Same kernels, same inputs ({@link ComputeInputs}), same check of the first result.
 *
 * <p>Each call copies the Java input into a native segment allocated once at setup ({@code parse} first
 * encodes the string as UTF-8, as the proxy does), then calls the library: the same work per call as the
 * proxy, which copies the input into Wasm memory.
 *
 * <p>Needs JDK 22 or later: this class is in {@code src/main/java22}, which Maven compiles only on JDK 22+
 * (the {@code jdk22} profile of {@code benchmarks/pom.xml}). Build the library first with
 * {@code benchmarks/rust/compute-native/build.sh}. It is loaded from the system property
 * {@value #LIBRARY_PROPERTY}, by default {@value #DEFAULT_LIBRARY} relative to the working directory (the
 * repository root). Set it on the JMH command ({@code java -Dcompute.native.library=/path/to/lib.so -jar
 * benchmarks.jar ...}): the fork inherits the command's JVM options. Do not use JMH's {@code
 * -jvmArgsAppend} for it, which would replace the {@code @Fork} options below. The fork runs with {@code
 * --enable-native-access=ALL-UNNAMED}, so the JDK allows the restricted methods without a warning.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class NativeComputeBenchmark {
    /** The system property with the path of the native library. */
    static final String LIBRARY_PROPERTY = "compute.native.library";

    /** Where {@code build.sh} puts the library, relative to the repository root. */
    static final String DEFAULT_LIBRARY = "benchmarks/target/native/libcompute_native.so";

    /** The kernel: {@code fnv} or {@code parse}. */
    @Param({"fnv", "parse"})
    public String kernel;

    private ComputeInputs inputs;
    private boolean fnv;
    private Arena arena;
    private MemorySegment input;
    private MethodHandle fnvHashRounds;
    private MethodHandle parseNumbers;

    @Setup(Level.Trial)
    public void setUp() {
        Path library =
                Path.of(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY)).toAbsolutePath();
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("no native library at " + library + ": build it with "
                    + "benchmarks/rust/compute-native/build.sh, or give its path with -D" + LIBRARY_PROPERTY);
        }
        inputs = ComputeInputs.of(kernel);
        fnv = kernel.equals("fnv");
        arena = Arena.ofShared(); // JMH may run the setup and the benchmark on different threads
        SymbolLookup symbols = SymbolLookup.libraryLookup(library, arena);
        Linker linker = Linker.nativeLinker();
        // compute_fnv_hash_rounds(data: *const u8, len: usize, rounds: i32) -> i64
        fnvHashRounds = linker.downcallHandle(
                symbols.find("compute_fnv_hash_rounds").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
        // compute_parse_numbers(csv: *const u8, len: usize) -> i64
        parseNumbers = linker.downcallHandle(
                symbols.find("compute_parse_numbers").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        input = arena.allocate(inputs.bytes());
        inputs.check("the native library " + library, call());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long call() {
        try {
            if (fnv) {
                byte[] data = inputs.data;
                MemorySegment.copy(data, 0, input, JAVA_BYTE, 0, data.length);
                return (long) fnvHashRounds.invokeExact(input, (long) data.length, ComputeInputs.ROUNDS);
            }
            byte[] csv = inputs.csv.getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(csv, 0, input, JAVA_BYTE, 0, csv.length);
            return (long) parseNumbers.invokeExact(input, (long) csv.length);
        } catch (Throwable e) {
            throw new IllegalStateException("the native call failed", e);
        }
    }
}
