package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed Rust modules, instrumented with ample fuel: the fixtures, the demo and the example validate
 * and compute exactly what they did for every call of every export (and use the same fuel once split, and
 * on the compiler); the benchmark modules validate.
 */
class FuelMeterFixtureTest {
    /**
     * The Rust modules whose every export is called: every fixture in its exnref and abort flavours, the
     * demo, the example, and the legacy panic fixture (a legacy module is metered in its translation, which
     * the exnref flavours stand for otherwise).
     */
    static List<Path> modules() {
        List<Path> modules = new ArrayList<>(FunctionSplitterFixtureTest.fixtures());
        modules.remove(FunctionSplitterFixtureTest.BIG_MODULE);
        modules.add(FunctionSplitterFixtureTest.repository(
                "integration-tests/src/test/resources/wasm/panic_fixture.legacy.wasm"));
        return modules;
    }

    /** The benchmark modules, too big to call every export of here: instrumented and split, they validate. */
    static List<Path> bigModules() {
        return List.of(
                FunctionSplitterFixtureTest.BIG_MODULE,
                FunctionSplitterFixtureTest.repository("benchmarks/src/main/resources/wasm/big_module.legacy.wasm"),
                FunctionSplitterFixtureTest.repository("benchmarks/src/main/resources/wasm/real_crates.exnref.wasm"));
    }

    @TestFactory
    Stream<DynamicTest> theBenchmarkModulesValidateInstrumentedAndSplit() {
        return bigModules().stream()
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] runnable = FunctionSplitter.split(FuelMeter.instrument(SpecFiles.bytes(path)));
                    assertTrue(FuelMeter.isInstrumented(runnable));
                    Parser.parse(runnable); // validates every function
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyExportComputesTheSameWithAmpleFuel() {
        return modules().stream()
                .filter(FunctionSplitterFixtureTest::callableBlindly)
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = LegacyEh.translate(SpecFiles.bytes(path));
                    byte[] instrumented = FuelMeter.instrument(original);
                    assertTrue(FuelMeter.isInstrumented(instrumented));
                    assertEquals(
                            ExportDriver.callEverything(original, false),
                            ExportDriver.callEverything(instrumented, false));
                }));
    }

    @TestFactory
    Stream<DynamicTest> splittingAnInstrumentedModuleKeepsItsFuel() {
        return Stream.of(
                        FunctionSplitterFixtureTest.repository(
                                "integration-tests/src/test/resources/wasm/types_fixture.exnref.wasm"),
                        FunctionSplitterFixtureTest.repository(
                                "integration-tests/src/test/resources/wasm/panic_fixture.legacy.wasm"))
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] instrumented = FuelMeter.instrument(SpecFiles.bytes(path));
                    byte[] split = FunctionSplitter.split(instrumented, FunctionSplitterFixtureTest.TINY_BUDGET);
                    assertTrue(
                            FunctionSplitterFixtureTest.functionCount(split)
                                    > FunctionSplitterFixtureTest.functionCount(instrumented) + 10,
                            "the tiny budget splits");
                    List<String> unsplit = ExportDriver.callEverything(instrumented, false, true);
                    assertEquals(unsplit, ExportDriver.callEverything(split, false, true));
                    // the engines word some traps differently: compare the outcomes without the messages
                    assertEquals(
                            withoutMessages(unsplit),
                            withoutMessages(ExportDriver.callEverything(instrumented, true, true)),
                            "compiled");
                    assertTrue(unsplit.stream().allMatch(line -> line.contains(", fuel ")), unsplit.get(0));
                }));
    }

    /**
     * Passing the counter to a function instead of loading it from the global changes how it moves, never an
     * amount: every export of every fixture (and of the hand-counted fuel-calls fixture) uses the same fuel and
     * stops at the same point, with ample fuel and with budgets that run out inside the Rust code; and the
     * exnref fixtures, passed the counter, use the same fuel on the run-time compiler as on the interpreter.
     */
    @TestFactory
    Stream<DynamicTest> passingTheCounterChangesNoAmount() {
        return Stream.concat(
                        modules().stream().filter(FunctionSplitterFixtureTest::callableBlindly),
                        Stream.of(RoundTripTest.fixture("fuel-calls.wasm")))
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    byte[] passed = FuelMeter.instrument(original, true);
                    byte[] loaded = FuelMeter.instrument(original, false);
                    for (long budget : new long[] {0, 300, 30_000}) {
                        List<String> expected = ExportDriver.callEverything(loaded, false, true, budget);
                        assertTrue(expected.stream().allMatch(line -> line.contains(", fuel ")), expected.get(0));
                        assertEquals(
                                exactFuel(expected),
                                exactFuel(ExportDriver.callEverything(passed, false, true, budget)),
                                "budget " + budget);
                    }
                    if (path.getFileName().toString().contains(".exnref.")) { // and compiled, the same fuel
                        assertEquals(
                                withoutMessages(exactFuel(ExportDriver.callEverything(passed, false, true, 300))),
                                withoutMessages(exactFuel(ExportDriver.callEverything(passed, true, true, 300))),
                                "compiled");
                    }
                }));
    }

    /**
     * The lines without the fuel of the calls that ended in a trap other than {@code unreachable} (a division
     * by zero, a memory access out of bounds): the counter there is the last one written back, and where a
     * function writes it back is what passing it changes.
     */
    private static List<String> exactFuel(List<String> lines) {
        return lines.stream()
                .map(line -> line.contains("WasmRuntimeException") ? line.replaceAll(", fuel -?\\d+$", "") : line)
                .collect(java.util.stream.Collectors.toList());
    }

    private static List<String> withoutMessages(List<String> lines) {
        return lines.stream()
                .map(line -> line.replaceAll("(Exception): [^,]*, memory", "$1, memory"))
                .collect(java.util.stream.Collectors.toList());
    }
}
