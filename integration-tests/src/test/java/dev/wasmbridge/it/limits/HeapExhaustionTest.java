package dev.wasmbridge.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.Engine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JVM never sees an {@code OutOfMemoryError} from a module (issue 18), even when the memory limit is
 * above what the heap holds: in a JVM of 64 MiB of heap, a module allowed 1 GiB grows until the heap runs
 * out, and the call ends with a {@code WasmOutOfMemoryException}; a reset gives the heap back. On each
 * engine, each in a JVM of its own ({@link HeapExhaustion}).
 */
class HeapExhaustionTest {
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theHeapRunningOutInACallIsAnOutOfMemoryAbort(Engine engine) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HeapExhaustion.class.getName(),
                        engine.name())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        List<String> lines =
                output.lines().filter(line -> !line.startsWith("WARNING")).toList();
        assertEquals(
                List.of(
                        "out of memory: requested OptionalLong.empty, cause java.lang.OutOfMemoryError, terminated true",
                        "after the reset: 1 page"),
                lines,
                output);
        assertEquals(0, process.exitValue(), output);
    }
}
