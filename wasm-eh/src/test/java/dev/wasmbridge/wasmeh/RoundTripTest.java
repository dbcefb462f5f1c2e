package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reading and writing a module without changing it reproduces it byte for byte, and the
 * output of a translation is stable when read, written or translated again.
 */
class RoundTripTest {

    static List<Path> allBinaryModules() {
        List<Path> modules = new ArrayList<>(SpecFiles.binaryModules());
        modules.add(fixture("all-features.wasm"));
        return modules;
    }

    static Path fixture(String name) {
        try {
            return Paths.get(RoundTripTest.class
                    .getClassLoader()
                    .getResource("fixtures/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyModuleRoundTripsByteForByte() {
        return allBinaryModules().stream()
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = SpecFiles.bytes(path);
                    assertArrayEquals(original, WasmModule.parse(original).toBytes());
                }));
    }

    @TestFactory
    Stream<DynamicTest> translatedModulesAreStable() {
        List<Path> modules = new ArrayList<>(SpecFiles.validModules());
        modules.add(fixture("all-features.wasm"));
        return modules.stream()
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] translated = LegacyEh.translate(SpecFiles.bytes(path));
                    WasmModule reread = WasmModule.parse(translated);
                    assertFalse(reread.usesLegacyExceptionHandling());
                    assertArrayEquals(translated, reread.toBytes());
                    assertSame(translated, LegacyEh.translate(translated));
                }));
    }
}
