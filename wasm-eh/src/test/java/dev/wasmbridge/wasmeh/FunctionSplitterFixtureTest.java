package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests on the committed Rust modules: each module, split with a tiny budget (so
 * that hundreds of regions move) and with the default budget, must validate and instantiate on
 * Chicory and give the same results, traps and memory contents as the original for every call
 * of every export.
 */
class FunctionSplitterFixtureTest {
    /** Small enough that most functions of a Rust module are split, many several times. */
    static final int TINY_BUDGET = 150;

    static final Path BIG_MODULE = repository("benchmarks/src/main/resources/wasm/" + "big_module.exnref.wasm");

    static Path repository(String path) {
        return Paths.get("..").resolve(path);
    }

    static List<Path> fixtures() {
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> files = Files.list(repository("integration-tests/src/test/resources/" + "wasm"))) {
            files.filter(p -> p.toString().endsWith(".exnref.wasm")
                            || p.toString().endsWith(".abort.wasm"))
                    .sorted()
                    .forEach(modules::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        modules.add(repository("demo/src/main/resources/wasm/demo.exnref.wasm"));
        modules.add(repository("examples/calculator/src/main/resources/wasm/" + "calculator.exnref.wasm"));
        modules.add(repository("examples/calculator/src/main/resources/wasm/" + "calculator.abort.wasm"));
        modules.add(BIG_MODULE);
        return modules;
    }

    /**
     * The limits fixture's exports grow memory without end or nest calls through the host on purpose (the
     * runtime's limits stop them, integration-tests' {@code it.limits}): they are not called blindly here.
     */
    static boolean callableBlindly(Path path) {
        return !path.getFileName().toString().startsWith("limits_fixture.");
    }

    @TestFactory
    Stream<DynamicTest> everyExportComputesTheSameAfterSplittingWithATinyBudget() {
        return fixtures().stream()
                .filter(FunctionSplitterFixtureTest::callableBlindly)
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    byte[] split = FunctionSplitter.split(original, TINY_BUDGET);
                    int before = functionCount(original);
                    int after = functionCount(split);
                    assertTrue(after > before + 10, "only " + (after - before) + " functions were created");
                    assertEquals(
                            ExportDriver.callEverything(original, false), ExportDriver.callEverything(split, false));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyExportComputesTheSameWhenEveryRegionMoves() {
        return fixtures().stream()
                .filter(path -> !path.equals(BIG_MODULE))
                .filter(FunctionSplitterFixtureTest::callableBlindly)
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    byte[] split = FunctionSplitterSpecTest.splitEverything(original);
                    assertEquals(
                            ExportDriver.callEverything(original, false), ExportDriver.callEverything(split, false));
                }));
    }

    /**
     * The crates fixture holds Debian's {@code regex}, whose pattern compiler has functions over the default
     * budget, as a real crate may, and the WASI fixture {@code serde_json}, {@code rand} and {@code chrono}: the
     * default budget splits them, and leaves none that cannot be split.
     */
    static boolean holdsRealCrates(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith("crates_fixture.") || name.startsWith("wasi_fixture.");
    }

    @TestFactory
    Stream<DynamicTest> theDefaultBudgetLeavesTheseModulesAlone() {
        return fixtures().stream()
                .filter(path -> !holdsRealCrates(path))
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    assertSame(original, FunctionSplitter.split(original));
                    assertEquals(List.of(), FunctionSplitter.oversizedFunctions(original));
                }));
    }

    @TestFactory
    Stream<DynamicTest> theDefaultBudgetSplitsTheBigFunctionsOfRealCrates() {
        return fixtures().stream()
                .filter(FunctionSplitterFixtureTest::holdsRealCrates)
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    byte[] split = FunctionSplitter.split(original);
                    assertNotSame(original, split);
                    assertEquals(List.of(), FunctionSplitter.oversizedFunctions(split));
                    assertEquals(
                            ExportDriver.callEverything(original, false), ExportDriver.callEverything(split, false));
                }));
    }

    @Test
    void bigModuleKernelsComputeTheSameWhenCompiled() {
        byte[] original = SpecFiles.bytes(BIG_MODULE);
        byte[] split = FunctionSplitter.split(original, 2000);
        assertNotSame(original, split);
        assertEquals(kernelResults(original), kernelResults(split));
    }

    /** fnv_hash_rounds, parse_numbers and every kernel of run_kernel, on Chicory's compiler. */
    private static List<String> kernelResults(byte[] module) {
        Instance instance = ExportDriver.instantiate(module, true);
        List<String> results = new ArrayList<>();
        byte[] data = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        for (int rounds : new int[] {0, 1, 1000}) {
            results.add("fnv " + rounds + " "
                    + instance.export("fnv_hash_rounds").apply(ExportDriver.slice(instance, data), rounds)[0]);
        }
        for (String csv : new String[] {"1, 2, 3,-40, 99999999", " 7 ,, 8", "1,x", ""}) {
            results.add("parse " + csv + " "
                    + instance.export("parse_numbers")
                            .apply(ExportDriver.slice(instance, csv.getBytes(StandardCharsets.UTF_8)))[0]);
        }
        long kernels = instance.export("kernel_count").apply()[0];
        for (int k = 0; k < kernels; k++) {
            long name = instance.export("kernel_name").apply(k)[0];
            String output;
            try {
                output = ExportDriver.text(
                        instance,
                        instance.export("run_kernel")
                                .apply(
                                        k,
                                        ExportDriver.slice(
                                                instance, ExportDriver.TEXT.getBytes(StandardCharsets.UTF_8)))[0]);
            } catch (RuntimeException panic) {
                output = panic.toString();
            }
            results.add(ExportDriver.text(instance, name) + ": " + output);
        }
        return results;
    }

    static int functionCount(byte[] module) {
        return Parser.parse(module).functionSection().functionCount();
    }

    static String describe(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
