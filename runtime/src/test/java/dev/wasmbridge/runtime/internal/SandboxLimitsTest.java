package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmbridge.runtime.WasmOptions;
import org.junit.jupiter.api.Test;

/** The limits' defaults and the checks of what {@code WasmOptions} is given. */
class SandboxLimitsTest {
    private static final long PAGE = 65_536;

    @Test
    void theDefaultIsTheSmallerOfOneGibAndAQuarterOfTheHeapInWholePages() {
        assertEquals(1L << 30, SandboxLimits.defaultMemoryLimit(16L << 30), "a 16 GiB heap: 1 GiB");
        assertEquals(1L << 30, SandboxLimits.defaultMemoryLimit(Long.MAX_VALUE), "no heap limit: 1 GiB");
        assertEquals(512L << 20, SandboxLimits.defaultMemoryLimit(2L << 30), "a 2 GiB heap: a quarter");
        assertEquals(25 * PAGE, SandboxLimits.defaultMemoryLimit(100 * PAGE + 3), "rounded down to pages");
        assertEquals(PAGE, SandboxLimits.defaultMemoryLimit(1000), "at least one page");
        assertEquals(
                SandboxLimits.defaultMemoryLimit(Runtime.getRuntime().maxMemory()),
                WasmOptions.defaults().memoryLimit());
        assertEquals(1_000_000, WasmOptions.defaults().tableLimit());
    }

    @Test
    void aGivenLimitIsRoundedToPagesAndToTheEnginesMaximum() {
        SandboxLimits limits = SandboxLimits.defaults();
        assertEquals(PAGE, limits.withMemoryLimit(PAGE).memoryBytes());
        assertEquals(2 * PAGE, limits.withMemoryLimit(3 * PAGE - 1).memoryBytes());
        assertEquals(
                SandboxLimits.ENGINE_MAX_MEMORY,
                limits.withMemoryLimit(Long.MAX_VALUE).memoryBytes());
        assertEquals(32_767 * PAGE, SandboxLimits.ENGINE_MAX_MEMORY);
        assertEquals(0, limits.withTableLimit(0).tableElements());
        IllegalArgumentException small =
                assertThrows(IllegalArgumentException.class, () -> limits.withMemoryLimit(PAGE - 1));
        assertEquals(
                "The memory limit is 65535 bytes, less than one Wasm page (65536 bytes); give at least that.",
                small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> limits.withTableLimit(-1));
    }

    @Test
    void optionsCarryTheirLimits() {
        WasmOptions options = WasmOptions.defaults().withMemoryLimit(10 * PAGE).withTableLimit(7);
        SandboxLimits limits = SandboxLimits.of(options);
        assertEquals(10 * PAGE, limits.memoryBytes());
        assertEquals(7, limits.tableElements());
        assertEquals(10 * PAGE, options.withWasi(options.wasi()).memoryLimit(), "kept by the other with... methods");
    }
}
