package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.Table;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.WasmOptions;
import java.util.List;
import java.util.Locale;

/**
 * How far one instance may grow: its linear memory and its tables (docs/GUIDE.md, "Running untrusted
 * modules"), as {@link WasmOptions} sets them. {@code memory.grow} past the memory limit and {@code
 * table.grow} past the table limit return -1 inside Wasm, as when they reach the module's own declared
 * maximum; a module that needs more from the start fails to load. Immutable; {@link WasmOptions} holds one
 * and checks what its {@code with...} methods are given here.
 *
 * <p>The default memory limit is the smaller of {@value #DEFAULT_MEMORY_CAP} bytes (1 GiB) and a quarter of
 * the JVM's maximum heap ({@link Runtime#maxMemory()}), in whole 64 KiB pages: one runaway module cannot take
 * more than a quarter of the heap, and no module is given more than 1 GiB unless asked for. Chicory keeps
 * linear memory on the heap page by page, so an instance at its limit holds that much heap and no more (a
 * growth allocates only the new pages). The default table limit is {@value #DEFAULT_TABLE_ELEMENTS}
 * elements, about 12 MB of heap at most.
 */
public final class SandboxLimits {
    /** The most linear memory the default limit allows, in bytes: 1 GiB. */
    public static final long DEFAULT_MEMORY_CAP = 1L << 30;

    /** The default table limit, in elements. */
    public static final int DEFAULT_TABLE_ELEMENTS = 1_000_000;

    /** The most linear memory Chicory can hold, in bytes: {@link Memory#RUNTIME_MAX_PAGES} pages. */
    public static final long ENGINE_MAX_MEMORY = (long) Memory.RUNTIME_MAX_PAGES * Memory.PAGE_SIZE;

    private static final SandboxLimits DEFAULTS =
            new SandboxLimits(defaultMemoryLimit(Runtime.getRuntime().maxMemory()), DEFAULT_TABLE_ELEMENTS);

    private final long memoryBytes;
    private final int tableElements;

    private SandboxLimits(long memoryBytes, int tableElements) {
        this.memoryBytes = memoryBytes;
        this.tableElements = tableElements;
    }

    /** {@return the default limits of this JVM} */
    public static SandboxLimits defaults() {
        return DEFAULTS;
    }

    /** {@return the limits of {@code options}} */
    static SandboxLimits of(WasmOptions options) {
        return new SandboxLimits(options.memoryLimit(), options.tableLimit());
    }

    /**
     * The limits with another memory limit.
     *
     * @param bytes the most linear memory an instance may have, in bytes; rounded down to whole 64 KiB pages,
     *     at least one page and at most {@link #ENGINE_MAX_MEMORY}
     * @return the new limits
     * @throws IllegalArgumentException if {@code bytes} is less than one page
     */
    public SandboxLimits withMemoryLimit(long bytes) {
        if (bytes < Memory.PAGE_SIZE) {
            throw new IllegalArgumentException("The memory limit is " + bytes + " bytes, less than one Wasm page ("
                    + Memory.PAGE_SIZE + " bytes); give at least that.");
        }
        return new SandboxLimits(
                Math.min(bytes, ENGINE_MAX_MEMORY) / Memory.PAGE_SIZE * Memory.PAGE_SIZE, tableElements);
    }

    /**
     * The limits with another table limit.
     *
     * @param elements the most elements each table of an instance may have, not negative
     * @return the new limits
     * @throws IllegalArgumentException if {@code elements} is negative
     */
    public SandboxLimits withTableLimit(int elements) {
        if (elements < 0) {
            throw new IllegalArgumentException("The table limit is " + elements + " elements; give 0 or more.");
        }
        return new SandboxLimits(memoryBytes, elements);
    }

    /** The default memory limit for a JVM whose maximum heap is {@code maxHeap} bytes. */
    static long defaultMemoryLimit(long maxHeap) {
        long bytes = Math.min(DEFAULT_MEMORY_CAP, maxHeap / 4);
        return Math.max(Memory.PAGE_SIZE, bytes / Memory.PAGE_SIZE * Memory.PAGE_SIZE);
    }

    /** {@return the most linear memory an instance may have, in bytes (a whole number of pages)} */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** {@return the most elements each table of an instance may have} */
    public int tableElements() {
        return tableElements;
    }

    private int memoryPages() {
        return (int) (memoryBytes / Memory.PAGE_SIZE);
    }

    /**
     * Checks that {@code source} fits the limits from the start: its initial memory, its data segments and
     * its tables' initial sizes.
     *
     * @throws ModuleLoadException if it does not
     */
    void check(CheckedModule source) {
        WasmModule module = source.module();
        if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
            long initial = (long) declared.initialPages() * Memory.PAGE_SIZE;
            if (initial > memoryBytes) {
                throw new ModuleLoadException("Wasm module '" + source.name() + "' declares an initial linear memory"
                        + " of " + bytes(initial) + " (" + declared.initialPages() + " pages of 64 KiB), more than the"
                        + " memory limit of " + bytes(memoryBytes) + ". If the module is meant to need that much,"
                        + " raise the limit (WasmOptions.withMemoryLimit).");
            }
            long end = dataEnd(module.dataSection().dataSegments());
            if (end > memoryBytes) {
                throw new ModuleLoadException("Wasm module '" + source.name() + "' has data segments that fill its"
                        + " linear memory up to " + bytes(end) + ", past the memory limit of " + bytes(memoryBytes)
                        + ". If the module is meant to need that much, raise the limit"
                        + " (WasmOptions.withMemoryLimit).");
            }
        }
        for (int i = 0; i < module.tableSection().tableCount(); i++) {
            long initial = module.tableSection().getTable(i).limits().min();
            if (initial > tableElements) {
                throw new ModuleLoadException("Wasm module '" + source.name() + "' declares table " + i + " with "
                        + initial + " elements, more than the table limit of " + tableElements + ". If the module"
                        + " is meant to need that many, raise the limit (WasmOptions.withTableLimit).");
            }
        }
    }

    /** Where the active data segments of memory 0 with a constant offset end, in bytes; 0 when none. */
    private static long dataEnd(DataSegment[] segments) {
        long end = 0;
        for (DataSegment segment : segments) {
            if (segment instanceof ActiveDataSegment active && active.index() == 0) {
                List<Instruction> offset = active.offsetInstructions();
                if (!offset.isEmpty() && offset.get(0).opcode() == OpCode.I32_CONST) {
                    long start = Integer.toUnsignedLong((int) offset.get(0).operand(0));
                    end = Math.max(end, start + active.data().length);
                }
            }
        }
        return end;
    }

    /** The limits memory 0 of {@code module} gets: its own, with the maximum lowered to the limit; or null. */
    MemoryLimits memoryLimits(WasmModule module) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
            return null;
        }
        MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
        int maximum = Math.min(declared.maximumPages(), memoryPages());
        return new MemoryLimits(declared.initialPages(), maximum, declared.shared());
    }

    /** A table of the instance, limited to {@link #tableElements()}; Chicory's {@code TableFactory}. */
    TableInstance table(Table table, int initialValue) {
        return new LimitedTable(table, initialValue, tableElements);
    }

    private static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    @Override
    public String toString() {
        return "SandboxLimits[memory " + bytes(memoryBytes) + ", tables " + tableElements + " elements]";
    }
}
