package dev.wasmbridge.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * The peer baseline: what a user of Chicory alone writes for the benchmark module. Chicory's Maven plugin
 * ({@code chicory-compiler-maven-plugin}, configured in this module's pom.xml) compiles the module at build
 * time into {@code ChicoryBigModuleMachine} and generates the typed exports class
 * {@code ChicoryBigModule_ModuleExports} and the imports interfaces this class implements. The imports are
 * stubs: the calls measured never reach them.
 */
final class ChicoryBigModule implements ChicoryBigModule_ModuleImports, ChicoryBigModule_Wasmbridge {
    /** Chicory's generated exports class over a fresh instance. */
    final ChicoryBigModule_ModuleExports exports;

    /**
     * @param engine {@code auto} for Chicory's build-time compiled machine, or {@code compiler} or
     *     {@code interpreter}, as {@link Engines} names them
     */
    ChicoryBigModule(String engine) {
        // the plugin's copy of the module has its function bodies stubbed out (the code is in the compiled
        // class), so the other engines need the original
        WasmModule module =
                engine.equals("auto") ? ChicoryBigModuleMachine.load() : Parser.parse(Resources.read(Resources.EXNREF));
        Instance instance = Instance.builder(module)
                .withImportValues(toImportValues())
                .withMachineFactory(machineFactory(engine, module))
                .build();
        this.exports = new ChicoryBigModule_ModuleExports(instance);
    }

    /**
     * Chicory's engine for hand-written code on the benchmark module: {@code auto} is the bytecode Chicory's
     * Maven plugin compiled at build time, {@code compiler} and {@code interpreter} as {@link Engines} names them.
     */
    static Function<Instance, Machine> machineFactory(String engine, WasmModule module) {
        switch (engine) {
            case "auto":
                return ChicoryBigModuleMachine::create;
            case "compiler":
                return MachineFactoryCompiler.compile(module);
            case "interpreter":
                return InterpreterMachine::new;
            default:
                throw new IllegalArgumentException("unknown engine " + engine);
        }
    }

    @Override
    public ChicoryBigModule_Wasmbridge wasmbridge() {
        return this;
    }

    @Override
    public void javaExceptionUnwound() {}

    @Override
    public void panic(long message) {}

    /** Imported since every module has the support crate's iterator exports, which hold their iterators as objects. */
    @Override
    public void poisoned(int handle) {}

    /** Imported since the support crate reports failed allocations (its allocation-error hook) before aborting. */
    @Override
    public void outOfMemory(int size) {}

    /** Imported since the support crate has an async executor (docs/ABI.md, "Async"); the module spawns no task. */
    @Override
    public void taskDone(long task, int javaThrew) {}

    /** Imported since the async executor's {@code wasmbridge_task_take} reports an {@code Err} like an export. */
    @Override
    public void error(long typeName, long message) {}
}
