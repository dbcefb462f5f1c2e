package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the exception-handling spec suite again with every module translated and then split so
 * that every block, loop, if and try_table that can move does, smallest first and round after
 * round (so moved regions end up inside moved regions): every assertion must still hold, and
 * every invalid module must still be refused.
 */
class FunctionSplitterSpecTest {
    /** Splits as much as possible: a budget of one byte, and regions moved even if small. */
    static byte[] splitEverything(byte[] module) {
        return ModuleSplitter.split(WasmModule.parse(module), 1, true).toBytes();
    }

    private static byte[] translateAndSplit(byte[] module) {
        return splitEverything(LegacyEh.translate(module));
    }

    @TestFactory
    Stream<DynamicContainer> exceptionHandlingSuiteAfterSplitting() {
        return SpecFiles.commandFiles().stream()
                .map(file -> DynamicContainer.dynamicContainer(
                        file.getFileName().toString(),
                        new LegacyEhSpecTest.SpecRun(file, FunctionSplitterSpecTest::translateAndSplit).tests()));
    }

    @Test
    void theSuiteModulesAreReallySplit() {
        int before = 0;
        int after = 0;
        for (Path module : SpecFiles.validModules()) {
            byte[] translated = LegacyEh.translate(SpecFiles.bytes(module));
            before += Parser.parse(translated).functionSection().functionCount();
            after += Parser.parse(splitEverything(translated)).functionSection().functionCount();
        }
        assertTrue(after >= before + 150, "functions before splitting: " + before + ", after: " + after);
    }
}
