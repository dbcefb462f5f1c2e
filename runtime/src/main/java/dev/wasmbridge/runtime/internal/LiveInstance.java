package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.Wasi;
import dev.wasmbridge.runtime.WasmBridgeException;
import dev.wasmbridge.wasmeh.FuelMeter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * One Chicory instance of a module with everything the boundary needs resolved once: the export
 * functions by index, the allocator pair and the memory. Not thread-safe: {@link CallBoundary} serializes.
 */
final class LiveInstance {
    private final String moduleName;
    // not final: release() lets the engine's instance go
    private final ExportFunction[] exports;
    private ExportFunction malloc;
    private ExportFunction free;
    private Memory memory;
    private Instance instance;
    /** The fuel counter of a module instrumented for fuel ({@link CheckedModule#fuel()}), else null. */
    private GlobalInstance fuel;
    /** The fuel counter's value when {@link #release()} let the instance go. */
    private long fuelAtRelease;
    /** Whether generated code may call the build-time machine's methods directly on this instance. */
    private boolean direct;
    /** Whether {@link #release()} let the engine's instance go. */
    private boolean released;

    /**
     * Chicory's {@code Instance.gcSafePoint()}, which its {@code ExportFunction} runs after every call to
     * release references the call no longer holds; direct calls run it too. Null when it cannot be reached
     * (then there are no direct calls).
     */
    private static final MethodHandle SAFE_POINT = safePointHandle();

    /** The block for lending small export parameters: allocated on first use, see {@link LendingArea}. */
    private LendingArea lendingArea;

    /** Whether this instance could not spare the block (its allocator returned 0): lend the ordinary way. */
    private boolean lendingAreaRefused;

    /** The instance's WASI host, or null when the module imports no WASI function. */
    private final WasiHost wasi;

    private LiveInstance(
            String moduleName,
            Instance instance,
            List<ExportBinding> bindings,
            boolean direct,
            boolean fuel,
            WasiHost wasi) {
        this.moduleName = moduleName;
        this.instance = instance;
        this.wasi = wasi;
        this.direct = direct && SAFE_POINT != null;
        this.exports = new ExportFunction[bindings.size()];
        for (int i = 0; i < exports.length; i++) {
            exports[i] = instance.export(bindings.get(i).name());
        }
        boolean hasAllocator = hasExport(instance.module(), Abi.MALLOC);
        this.malloc = hasAllocator ? instance.export(Abi.MALLOC) : null;
        this.free = hasAllocator ? instance.export(Abi.FREE) : null;
        this.memory = instance.module().memorySection().isPresent() ? instance.memory() : null;
        this.fuel = fuel ? fuelCounter(moduleName, instance) : null;
    }

    private static GlobalInstance fuelCounter(String moduleName, Instance instance) {
        try {
            return instance.exports().global(FuelMeter.FUEL_EXPORT);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new ModuleLoadException(
                    "Wasm module '" + moduleName + "' runs with fuel, but has no global export '"
                            + FuelMeter.FUEL_EXPORT + "': it was not instrumented for fuel. Rebuild the bindings.",
                    e);
        }
    }

    /**
     * Instantiates {@code source}, its memory and tables held to {@code limits}; its exports were checked once
     * by {@link #checkExports}, and its initial sizes by {@link SandboxLimits#check}. A module that imports
     * WASI gets a fresh {@link WasiHost} made from {@code wasi}; a module that exports the WASI reactor's
     * {@value #INITIALIZE} has it called once, before anything else.
     *
     * @param wasi the WASI options, or null when the module imports no WASI function
     */
    static LiveInstance start(
            CheckedModule source,
            List<ExportBinding> exports,
            List<HostFunction> hostFunctions,
            Wasi wasi,
            SandboxLimits limits) {
        WasmModule module = source.module();
        WasiHost wasiHost = wasi == null ? null : WasiHost.start(wasi);
        List<ImportFunction> functions = new ArrayList<>(hostFunctions);
        if (wasiHost != null) {
            functions.addAll(wasiHost.functions());
        }
        ImportValues importValues =
                ImportValues.builder().withFunctions(functions).build();
        Instance instance;
        try {
            instance = Instance.builder(module)
                    .withImportValues(importValues)
                    .withMachineFactory(source.machineFactory())
                    .withMemoryLimits(limits.memoryLimits(module))
                    .withTableFactory(limits::table)
                    .build();
        } catch (ChicoryException e) {
            closeQuietly(wasiHost);
            throw new ModuleLoadException(
                    "Could not instantiate Wasm module '" + source.name() + "': " + e.getMessage(), e);
        }
        LiveInstance live =
                new LiveInstance(source.name(), instance, exports, source.directCalls(), source.fuel(), wasiHost);
        live.initialize();
        return live;
    }

    /** The WASI reactor's initialization export (static constructors, the C library's state). */
    static final String INITIALIZE = "_initialize";

    /** Calls {@value #INITIALIZE} when the module exports it as {@code () -> ()}. */
    private void initialize() {
        FunctionType type = exportedFunctionType(instance.module(), INITIALIZE);
        if (type == null || !type.params().isEmpty() || !type.returns().isEmpty()) {
            return;
        }
        try {
            instance.export(INITIALIZE).apply();
        } catch (RuntimeException | StackOverflowError e) {
            close();
            Integer exit = WasiHost.exitCode(e);
            throw new ModuleLoadException(
                    "Could not instantiate Wasm module '" + moduleName + "': its " + INITIALIZE + " export (the WASI"
                            + " reactor's initialization) "
                            + (exit != null ? "exited with code " + exit : "failed: " + e)
                            + ". Check what the module's static initializers do.",
                    e);
        } finally {
            flushOutput();
        }
    }

    private static void closeQuietly(WasiHost host) {
        if (host != null) {
            host.close();
        }
    }

    /**
     * Lets the engine's instance go, with its memory, so the garbage collector can take them now: after the
     * JVM's heap ran out in a call, a terminated instance must not keep what the heap needs (its reset makes a
     * new instance first). Only a terminated instance is released; it then has no exports, memory or direct
     * calls, and its size is 0. Allocates nothing and resolves no class: the heap is full.
     */
    void release() {
        released = true;
        direct = false;
        for (int i = 0; i < exports.length; i++) { // not Arrays.fill: its class may not be resolved yet (see above)
            exports[i] = null;
        }
        malloc = null;
        free = null;
        memory = null;
        instance = null;
        lendingArea = null;
        if (fuel != null) {
            fuelAtRelease = fuel.getValue(); // the global may hold the instance too
            fuel = null;
        }
    }

    /** Delivers the WASI output lines not ended yet; nothing when the module imports no WASI. */
    void flushOutput() {
        if (wasi != null) {
            wasi.flushOutput();
        }
    }

    /** Ends this instance's WASI state: delivers what is left of its output and closes its files. */
    void close() {
        closeQuietly(wasi);
    }

    private static MethodHandle safePointHandle() {
        try {
            return MethodHandles.privateLookupIn(Instance.class, MethodHandles.lookup())
                    .findVirtual(Instance.class, "gcSafePoint", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Chicory, or its package is not open to us: calls go through ExportFunction
        }
    }

    /** See {@link CallBoundary#direct()}. */
    boolean direct() {
        return direct;
    }

    Instance engineInstance() {
        return instance;
    }

    Memory engineMemory() {
        return instance.memory();
    }

    /** After a direct call, what Chicory's {@code ExportFunction} does after every call. */
    void safePoint() {
        if (direct) {
            try {
                SAFE_POINT.invokeExact(instance);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Checks that every export still has the signature the bindings were compiled against. */
    static void checkExports(CheckedModule source, List<ExportBinding> exports) {
        String name = source.name();
        WasmModule module = source.module();
        for (ExportBinding binding : exports) {
            FunctionType actual = exportedFunctionType(module, binding.name());
            if (actual == null) {
                throw new ModuleLoadException("Wasm module '" + name + "' has no function export '" + binding.name()
                        + "', which the bindings were compiled against. The .wasm on the"
                        + " classpath is not the one the bindings were built from: rebuild them.");
            }
            if (!EngineTypes.matches(actual, binding.type())) {
                throw new ModuleLoadException(
                        "Export '" + binding.name() + "' of Wasm module '" + name + "' has signature "
                                + EngineTypes.describe(actual) + ", but the bindings were compiled against "
                                + binding.type()
                                + ". The .wasm on the classpath is not the one the bindings were built"
                                + " from: rebuild them.");
            }
        }
    }

    /**
     * Checks that the bindings provide every function the module imports (other than the support crate's
     * {@value CallBoundary#SUPPORT_MODULE} imports, which the runtime provides), with its signature.
     */
    static void checkImports(CheckedModule source, List<ImportBinding> imports) {
        WasmModule module = source.module();
        int functionIndex = 0;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            com.dylibso.chicory.wasm.types.Import imported =
                    module.importSection().getImport(i);
            if (imported.importType() != ExternalType.FUNCTION) {
                continue;
            }
            FunctionType needed = functionType(module, functionIndex++);
            if (imported.module().equals(CallBoundary.SUPPORT_MODULE)) {
                continue;
            }
            if (imported.module().equals(WasiHost.MODULE)) {
                FunctionType provided = WasiHost.functionType(imported.name());
                if (provided == null || !provided.equals(needed)) {
                    throw new ModuleLoadException("Wasm module '" + source.name() + "' imports WASI function '"
                            + imported.module() + "." + imported.name() + "' " + EngineTypes.describe(needed)
                            + ", but the runtime's WASI preview 1 "
                            + (provided == null
                                    ? "has no such function"
                                    : "has it with signature " + EngineTypes.describe(provided))
                            + ". Build the module for wasm32-wasip1 (WASI preview 1), not a later WASI.");
                }
                continue;
            }
            ImportBinding provided = imports.stream()
                    .filter(b ->
                            b.module().equals(imported.module()) && b.name().equals(imported.name()))
                    .findFirst()
                    .orElse(null);
            if (provided == null) {
                throw new ModuleLoadException("Wasm module '" + source.name() + "' imports function '"
                        + imported.module() + "." + imported.name() + "' " + EngineTypes.describe(needed)
                        + ", which the bindings do not"
                        + " provide. The .wasm on the classpath is not the one the bindings were built from:"
                        + " recompile them (`mvn compile`) and add the @WasmImport method javac asks for.");
            }
            if (!EngineTypes.matches(needed, provided.type())) {
                throw new ModuleLoadException("Wasm module '" + source.name() + "' imports function '"
                        + imported.module() + "." + imported.name() + "' with signature " + EngineTypes.describe(needed)
                        + ", but the bindings provide " + provided.type() + ". The .wasm on the classpath is not"
                        + " the one the bindings were built from: recompile them (`mvn compile`).");
            }
        }
    }

    private static boolean hasExport(WasmModule module, String name) {
        return exportedFunctionType(module, name) != null;
    }

    /** The type of function export {@code name}, or null when there is no such function export. */
    static FunctionType exportedFunctionType(WasmModule module, String name) {
        ExportSection section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.name().equals(name) && export.exportType() == ExternalType.FUNCTION) {
                return functionType(module, export.index());
            }
        }
        return null;
    }

    private static FunctionType functionType(WasmModule module, int functionIndex) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int typeIndex;
        if (functionIndex < imported) {
            typeIndex = module.importSection().stream()
                    .filter(i -> i.importType() == ExternalType.FUNCTION)
                    .map(com.dylibso.chicory.wasm.types.FunctionImport.class::cast)
                    .skip(functionIndex)
                    .findFirst()
                    .orElseThrow()
                    .typeIndex();
        } else {
            typeIndex = module.functionSection().getFunctionType(functionIndex - imported);
        }
        return module.typeSection().getType(typeIndex);
    }

    /** Sets the fuel counter (a module instrumented for fuel only). */
    void setFuel(long value) {
        if (!released) { // a released instance is terminated: its calls are refused anyway
            fuel.setValue(value);
        }
    }

    /** {@return the fuel counter} Negative once a call ran out of fuel. A module instrumented for fuel only. */
    long fuel() {
        return released ? fuelAtRelease : fuel.getValue();
    }

    /** Export {@code index} of the bindings' export list. */
    ExportFunction export(int index) {
        return exports[index];
    }

    /** {@code wasmbridge_malloc}; fails with a clear message when the module lacks it. */
    ExportFunction malloc(String what) {
        checkNotReleased();
        if (malloc == null) {
            throw new WasmBridgeException("Wasm module '" + moduleName + "' does not export " + Abi.MALLOC
                    + ", needed to pass " + what + ". Build the Rust crate with the wasmbridge support crate.");
        }
        return malloc;
    }

    /** {@code wasmbridge_free}; fails with a clear message when the module lacks it. */
    ExportFunction free() {
        checkNotReleased();
        if (free == null) {
            throw new WasmBridgeException(
                    "Wasm module '" + moduleName + "' does not export " + Abi.FREE + ", needed to free a slice"
                            + " an export returned. Build the Rust crate with the wasmbridge support crate.");
        }
        return free;
    }

    /** The lending area, or null if it is not allocated yet or was {@linkplain #refuseLendingArea() refused}. */
    LendingArea lendingArea() {
        return lendingArea;
    }

    /** Whether the lending area should be allocated now: it is not, and it was not refused. */
    boolean wantsLendingArea() {
        return lendingArea == null && !lendingAreaRefused;
    }

    void useLendingArea(LendingArea area) {
        this.lendingArea = area;
    }

    /** Records that the allocator could not spare the block; lends take the ordinary path from now on. */
    void refuseLendingArea() {
        this.lendingAreaRefused = true;
    }

    String moduleName() {
        return moduleName;
    }

    /** Fails, saying why, when the instance was {@linkplain #release() released}. */
    private void checkNotReleased() {
        if (released) {
            throw new WasmBridgeException("The instance of Wasm module '" + moduleName + "' was aborted after the"
                    + " JVM's heap ran out, and its memory given back: call resetState() for a fresh one.");
        }
    }

    Memory memory(String what) {
        checkNotReleased();
        if (memory == null) {
            throw new WasmBridgeException(
                    "Wasm module '" + moduleName + "' has no linear memory, needed to pass " + what + ".");
        }
        return memory;
    }

    /** The current size of linear memory in bytes, or 0 when the module has none. */
    long memoryBytes() {
        return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
    }
}
