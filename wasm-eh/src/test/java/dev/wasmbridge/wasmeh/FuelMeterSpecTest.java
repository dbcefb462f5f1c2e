package dev.wasmbridge.wasmeh;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the exception-handling spec suite with every module instrumented for fuel (ample fuel: the
 * counter starts at {@link Long#MAX_VALUE}), then also split as much as possible: every assertion must
 * still hold, and every invalid module must still be refused.
 */
class FuelMeterSpecTest {
    @TestFactory
    Stream<DynamicContainer> exceptionHandlingSuiteInstrumented() {
        return SpecFiles.commandFiles().stream()
                .map(file -> DynamicContainer.dynamicContainer(
                        file.getFileName().toString(),
                        new LegacyEhSpecTest.SpecRun(file, FuelMeter::instrument).tests()));
    }

    @TestFactory
    Stream<DynamicContainer> exceptionHandlingSuiteInstrumentedThenSplit() {
        return SpecFiles.commandFiles().stream()
                .map(file -> DynamicContainer.dynamicContainer(
                        file.getFileName().toString(),
                        new LegacyEhSpecTest.SpecRun(
                                        file,
                                        module ->
                                                FunctionSplitterSpecTest.splitEverything(FuelMeter.instrument(module)))
                                .tests()));
    }
}
