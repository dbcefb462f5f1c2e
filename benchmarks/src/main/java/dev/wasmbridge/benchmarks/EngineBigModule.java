package dev.wasmbridge.benchmarks;

import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.Instance;
import run.endive.runtime.InterpreterMachine;
import run.endive.runtime.Machine;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import java.util.function.Function;

/**
 * The peer baseline: what a user of Endive alone writes for the benchmark module. Endive's Maven plugin
 * ({@code endive-compiler-maven-plugin}, configured in this module's pom.xml) compiles the module at build
 * time into {@code EngineBigModuleMachine} and generates the typed exports class
 * {@code EngineBigModule_ModuleExports} and the imports interfaces this class implements. The imports are
 * stubs: the calls measured never reach them.
 */
final class EngineBigModule implements EngineBigModule_ModuleImports, EngineBigModule_Wasmbridge {
    /** Endive's generated exports class over a fresh instance. */
    final EngineBigModule_ModuleExports exports;

    /**
     * @param engine {@code auto} for Endive's build-time compiled machine, or {@code compiler} or
     *     {@code interpreter}, as {@link Engines} names them
     */
    EngineBigModule(String engine) {
        // the plugin's copy of the module has its function bodies stubbed out (the code is in the compiled
        // class), so the other engines need the original
        WasmModule module = engine.equals("auto")
                ? EngineBigModuleMachine.load()
                : Parser.parse(Resources.read(Resources.EXNREF));
        Instance instance = Instance.builder(module)
                .withImportValues(toImportValues())
                .withMachineFactory(machineFactory(engine, module))
                .build();
        this.exports = new EngineBigModule_ModuleExports(instance);
    }

    /**
     * Endive's engine for hand-written code on the benchmark module: {@code auto} is the bytecode Endive's
     * Maven plugin compiled at build time, {@code compiler} and {@code interpreter} as {@link Engines} names them.
     */
    static Function<Instance, Machine> machineFactory(String engine, WasmModule module) {
        switch (engine) {
            case "auto":
                return EngineBigModuleMachine::create;
            case "compiler":
                return MachineFactoryCompiler.compile(module);
            case "interpreter":
                return InterpreterMachine::new;
            default:
                throw new IllegalArgumentException("unknown engine " + engine);
        }
    }

    @Override
    public EngineBigModule_Wasmbridge wasmbridge() {
        return this;
    }

    @Override
    public void javaExceptionUnwound() {}

    @Override
    public void panic(long message) {}
}
