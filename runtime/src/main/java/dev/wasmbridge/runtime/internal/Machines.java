package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.ClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.wasmeh.UnsignedComparisons;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
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
                return runTime(module);
            case INTERPRETER:
                return InterpreterMachine::new;
            default:
                throw new AssertionError(engine);
        }
    }

    /**
     * Machines compiled now, once per module, by Chicory's compiler as {@code MachineFactoryCompiler} does, with
     * the unsigned comparisons redirected as the processor redirects them at build time ({@link
     * UnsignedComparisons}: HotSpot's C2 up to JDK 17 miscompiles Chicory's own).
     */
    private static Function<Instance, Machine> runTime(CheckedModule source) {
        ClassCollector collector = Compiler.builder(source.module())
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .collector();
        Map<String, byte[]> classes = new HashMap<>();
        UnsignedComparisons.redirect(collector.classBytes())
                .forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        String main = collector.mainClassName().replace('/', '.');
        MachineLoader loader = new MachineLoader(classes, Machines.class.getClassLoader());
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup()
                    .findConstructor(loader.loadClass(main), MethodType.methodType(void.class, Instance.class))
                    .asType(MethodType.methodType(Machine.class, Instance.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ModuleLoadException(
                    "The bytecode compiled from Wasm module '" + source.name() + "' cannot be loaded: " + e, e);
        }
        return machineFactory(source, constructor);
    }

    /** Defines the classes of one machine compiled at run time, on first use. */
    private static final class MachineLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MachineLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
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
        return machineFactory(source, constructor);
    }

    /** Machines made by {@code constructor}, which takes the instance. */
    private static Function<Instance, Machine> machineFactory(CheckedModule source, MethodHandle constructor) {
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
