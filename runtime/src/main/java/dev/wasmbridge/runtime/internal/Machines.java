package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleLoadException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;

/** The Chicory machines behind each {@link Engine}: what runs a module's code. */
final class Machines {
    private Machines() {}

    /** Makes the machine of each instance of {@code module} on {@code engine}. */
    static Function<Instance, Machine> factory(Engine engine, CheckedModule module) {
        switch (engine) {
            case AUTO:
                // the bytecode compiled at build time when the bindings have it, else the run-time compiler
                return module.compiledMachine() != null ? buildTime(module) : factory(Engine.COMPILER, module);
            case COMPILER:
                return MachineFactoryCompiler.compile(module.module());
            case INTERPRETER:
                return InterpreterMachine::new;
            default:
                throw new AssertionError(engine);
        }
    }

    /** Machines of the class the processor compiled: its constructor takes the instance. */
    private static Function<Instance, Machine> buildTime(CheckedModule source) {
        JitLimit.warnIfInterpreted(source.name(), source.hugeMethods());
        MethodHandle constructor;
        try {
            Class<?> machine = Class.forName(source.compiledMachine(), true, source.loader());
            constructor = MethodHandles.publicLookup()
                    .findConstructor(machine, MethodType.methodType(void.class, Instance.class))
                    .asType(MethodType.methodType(Machine.class, Instance.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ModuleLoadException(
                    "The bytecode compiled from Wasm module '" + source.name()
                            + "' at build time (class " + source.compiledMachine() + ") cannot be loaded: " + e
                            + ". Package it with the bindings, or run with -D" + Engine.PROPERTY + "=compiler.",
                    e);
        }
        return instance -> {
            try {
                return (Machine) constructor.invokeExact(instance);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new ModuleLoadException("Could not create the compiled machine of '" + source.name() + "'", e);
            }
        };
    }
}
