package dev.wasmbridge.benchmarks;

import com.dylibso.chicory.wasm.Parser;
import dev.wasmbridge.wasmeh.LegacyEh;
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
 * Throughput of the legacy exception-handling translation ({@link LegacyEh#translate(byte[])}) on the
 * legacy build of the benchmark crate, a module of several MB whose functions are full of {@code try},
 * {@code catch}, {@code rethrow} and {@code delegate}.
 *
 * <p>{@code copies} scales the module: 1 is the committed module, 2 and 4 repeat all its function bodies
 * ({@link ModuleInflater}), so the code grows 2x and 4x with the same mix of instructions. If the
 * translation is linear, the {@code megabytes} counter (MB/s) stays the same across sizes.
 *
 * <p>{@code detect} ({@link LegacyEh#isLegacy(byte[])}: decode every instruction, change nothing) is the
 * decoding share of {@code translate}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TranslationBenchmark {
    @Param({"1", "2", "4"})
    public int copies;

    private byte[] module;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] original = Resources.read(Resources.LEGACY);
        module = ModuleInflater.inflate(original, copies);
        if (!LegacyEh.isLegacy(module)) {
            throw new IllegalStateException(Resources.LEGACY + " uses no legacy exception handling");
        }
        // Once, outside the measurement: Chicory must accept the translation with every copy in it.
        byte[] translated = LegacyEh.translate(module);
        int functions = Parser.parse(translated).functionSection().functionCount();
        int originalFunctions =
                Parser.parse(LegacyEh.translate(original)).functionSection().functionCount();
        if (functions != originalFunctions * copies) {
            throw new IllegalStateException("expected " + originalFunctions * copies + " functions, got " + functions);
        }
        System.out.printf(
                "%n[translation] copies=%d: legacy module %,d bytes, %,d functions; translated %,d bytes%n",
                copies, module.length, functions, translated.length);
    }

    @Benchmark
    public byte[] translate(Volume volume) {
        volume.add(module.length);
        return LegacyEh.translate(module);
    }

    @Benchmark
    public boolean detect(Volume volume) {
        volume.add(module.length);
        return LegacyEh.isLegacy(module);
    }
}
