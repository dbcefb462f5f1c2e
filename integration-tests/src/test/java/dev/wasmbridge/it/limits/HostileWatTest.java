package dev.wasmbridge.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmOptions;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What Rust does not write (issue 18): linear memory and a table grown in a loop ({@code hostile_limits.wat}),
 * huge data segments and tables declared up front ({@link WasmModules}). Growth stops at the limits
 * ({@code memory.grow} and {@code table.grow} return -1, the instance stays live), a module that needs more
 * from the start does not load, and the heap stays bounded; on every engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileWatTest {
    private static final int MIB = 1 << 20;
    private static final long MEMORY_LIMIT = 8L << 20;
    private static final int TABLE_LIMIT = 10_000;
    private static final WasmOptions OPTIONS =
            WasmOptions.defaults().withMemoryLimit(MEMORY_LIMIT).withTableLimit(TABLE_LIMIT);

    private final Map<Engine, HostileWat> bindings = new EnumMap<>(Engine.class);

    @BeforeAll
    void bind() {
        ModuleSource source = ModuleBytes.of("wasm/hostile_limits.wasm");
        for (Engine engine : Engine.values()) {
            bindings.put(
                    engine,
                    engine == Engine.AUTO
                            ? HostileWatBindings.create(OPTIONS)
                            : EngineSwitch.on(engine, () -> HostileWatBindings.create(source, OPTIONS)));
        }
    }

    private HostileWat wat(Engine engine) {
        HostileWat wat = bindings.get(engine);
        wat.resetState();
        return wat;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void memoryGrowthStopsAtTheLimit(Engine engine) {
        HostileWat wat = wat(engine);
        long heapBefore = Heap.usedAfterGc();
        assertEquals(128, wat.growMemoryForever(1), "8 MiB in 64 KiB pages");
        assertEquals(MEMORY_LIMIT, wat.memoryBytes());
        assertEquals(128, wat.growMemoryForever(7), "no page more");
        assertFalse(wat.isTerminated(), "a refused memory.grow is -1, not a trap");
        assertTrue(Heap.usedAfterGc() - heapBefore < 4 * MEMORY_LIMIT);
        wat.resetState();
        assertEquals(1, wat.memoryPages());
        assertEquals(64 * 1024, wat.memoryBytes());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tableGrowthStopsAtTheLimit(Engine engine) {
        HostileWat wat = wat(engine);
        assertEquals(TABLE_LIMIT, wat.growTableForever(1));
        assertEquals(TABLE_LIMIT, wat.growTableForever(3), "no element more");
        assertEquals(TABLE_LIMIT, wat.tableSize());
        assertFalse(wat.isTerminated());
        wat.resetState();
        assertEquals(1, wat.tableSize(), "a reset starts from the declared size");
    }

    /** Chicory 1.7.5 adds a table's growth to the module every instance is made from; the runtime does not. */
    @Test
    void aGrownTableStaysInItsInstance() {
        HostileWat first = HostileWatBindings.create(OPTIONS);
        assertEquals(TABLE_LIMIT, first.growTableForever(1));
        HostileWat second = HostileWatBindings.create(OPTIONS);
        assertEquals(1, second.tableSize(), "a new instance of the same module");
        first.resetState();
        assertEquals(1, first.tableSize(), "the same instance after a reset");
        HostileWat pool = HostileWatBindings.pool(2, OPTIONS);
        assertEquals(TABLE_LIMIT, pool.growTableForever(TABLE_LIMIT - 1));
        assertEquals(1, HostileWatBindings.create(OPTIONS).tableSize());
    }

    @Test
    void theDefaultLimits() {
        WasmOptions defaults = WasmOptions.defaults();
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4 / 65_536 * 65_536;
        assertEquals(Math.min(1L << 30, quarterHeap), defaults.memoryLimit());
        assertEquals(1_000_000, defaults.tableLimit());
        HostileWat wat = HostileWatBindings.create();
        assertEquals(1_000_000, wat.growTableForever(111_111), "1 + 9 times 111,111");
    }

    @Test
    void limitsAreCheckedWhenGiven() {
        assertThrows(
                IllegalArgumentException.class, () -> WasmOptions.defaults().withMemoryLimit(65_535));
        assertThrows(
                IllegalArgumentException.class, () -> WasmOptions.defaults().withTableLimit(-1));
        assertEquals(65_536, WasmOptions.defaults().withMemoryLimit(100_000).memoryLimit(), "whole pages");
        assertEquals(
                32_767L * 65_536,
                WasmOptions.defaults().withMemoryLimit(Long.MAX_VALUE).memoryLimit(),
                "Chicory's own maximum");
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"COMPILER", "INTERPRETER"})
    void aHugeDataSegmentDoesNotLoad(Engine engine) {
        long heapBefore = Heap.usedAfterGc();
        ModuleLoadException data = refused(engine, "huge-data.wasm", 1, 24 * MIB);
        assertTrue(data.getMessage().contains("'huge-data.wasm' has data segments"), data.getMessage());
        assertTrue(data.getMessage().contains("up to 25,165,824 bytes"), data.getMessage());
        assertTrue(data.getMessage().contains("memory limit of 8,388,608 bytes"), data.getMessage());
        ModuleLoadException initial = refused(engine, "huge-memory.wasm", 512, 24 * MIB);
        assertTrue(initial.getMessage().contains("initial linear memory of 33,554,432 bytes"), initial.getMessage());
        assertTrue(initial.getMessage().contains("WasmOptions.withMemoryLimit"), initial.getMessage());
        long kept = Heap.usedAfterGc() - heapBefore;
        assertTrue(kept < 16 * MIB, "nothing of the refused modules is kept: " + kept + " bytes");

        ModuleSource big = ModuleSource.of("huge-memory.wasm", WasmModules.module(512, 1, 24 * MIB));
        HostileWat allowed = EngineSwitch.on(
                engine,
                () -> HostileWatBindings.create(big, WasmOptions.defaults().withMemoryLimit(64L * MIB)));
        assertEquals(32L * MIB, allowed.memoryBytes(), "under a higher limit it loads");
        assertEquals(512, allowed.growMemoryForever(512));
        assertEquals(-1, allowed.growMemoryForever(1), "64 MiB reached");
    }

    /** Loading a module of {@code memoryPages} and {@code dataBytes} fails under {@link #OPTIONS}. */
    private static ModuleLoadException refused(Engine engine, String name, int memoryPages, int dataBytes) {
        ModuleSource source = ModuleSource.of(name, WasmModules.module(memoryPages, 1, dataBytes));
        return assertThrows(
                ModuleLoadException.class,
                () -> EngineSwitch.on(engine, () -> HostileWatBindings.create(source, OPTIONS)));
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"COMPILER", "INTERPRETER"})
    void aHugeTableDoesNotLoad(Engine engine) {
        ModuleSource wide = ModuleSource.of("huge-table.wasm", WasmModules.module(1, 20_000, 0));
        ModuleLoadException table = assertThrows(
                ModuleLoadException.class,
                () -> EngineSwitch.on(engine, () -> HostileWatBindings.create(wide, OPTIONS)));
        assertTrue(table.getMessage().contains("declares table 0 with 20000 elements"), table.getMessage());
        assertTrue(table.getMessage().contains("WasmOptions.withTableLimit"), table.getMessage());
        assertEquals(
                20_000,
                EngineSwitch.on(engine, () -> HostileWatBindings.create(wide)).tableSize());
    }
}
