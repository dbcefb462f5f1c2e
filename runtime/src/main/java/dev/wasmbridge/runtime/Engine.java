package dev.wasmbridge.runtime;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which Chicory engine runs the Wasm code. Chosen with the system property {@code wasmbridge.engine}:
 * {@code auto} (the default), {@code compiler} or {@code interpreter}.
 */
public enum Engine {
    /**
     * The JVM bytecode the annotation processor compiled at build time, when the bindings have it;
     * otherwise {@link #COMPILER}.
     */
    AUTO {
        @Override
        Function<Instance, Machine> machineFactory(ModuleSource source) {
            return source.compiledMachine() != null ? buildTime(source) : COMPILER.machineFactory(source);
        }
    },
    /**
     * Chicory's compiler at run time: translates the module to JVM bytecode once, when the first instance
     * is made. Calls are much faster than in the interpreter, and runaway loops can be interrupted (it
     * checks at every backward branch).
     */
    COMPILER {
        @Override
        Function<Instance, Machine> machineFactory(ModuleSource source) {
            return MachineFactoryCompiler.compile(source.module());
        }
    },
    /**
     * Chicory's interpreter: no compilation step. In Chicory 1.7.5 it checks for interruption only at
     * unconditional branches, so a timeout cannot stop a loop that only branches back with {@code br_if}.
     */
    INTERPRETER {
        @Override
        Function<Instance, Machine> machineFactory(ModuleSource source) {
            return InterpreterMachine::new;
        }
    };

    /** The system property that selects the engine. */
    public static final String PROPERTY = "wasmbridge.engine";

    /**
     * The system property that, set to {@code false}, makes bindings call the build-time bytecode through
     * Chicory's {@code ExportFunction} instead of calling each export's compiled method directly (typed, no
     * argument arrays). For comparisons and as a way out; the direct calls are the default.
     */
    public static final String DIRECT_CALLS_PROPERTY = "wasmbridge.directCalls";

    /**
     * The system property that, set to {@code false}, makes bindings parse the whole module even when they
     * run it on the build-time bytecode, instead of its skeleton (the module without function bodies, which
     * the bytecode does not need). For comparisons and as a way out.
     */
    public static final String SKELETON_PROPERTY = "wasmbridge.skeleton";

    abstract Function<Instance, Machine> machineFactory(ModuleSource source);

    /** The engine selected by {@value #PROPERTY}. */
    public static Engine configured() {
        String name = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + " is '"
                    + System.getProperty(PROPERTY) + "'; use 'auto', 'compiler' or 'interpreter'.", e);
        }
    }

    /** Machines of the class the processor compiled: its constructor takes the instance. */
    private static Function<Instance, Machine> buildTime(ModuleSource source) {
        JitLimit.warnIfInterpreted(source.name(), source.hugeMethods());
        MethodHandle constructor;
        try {
            Class<?> machine = Class.forName(source.compiledMachine(), true, source.loader());
            constructor = MethodHandles.publicLookup()
                    .findConstructor(machine, MethodType.methodType(void.class, Instance.class))
                    .asType(MethodType.methodType(Machine.class, Instance.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ModuleLoadException("The bytecode compiled from Wasm module '" + source.name()
                    + "' at build time (class " + source.compiledMachine() + ") cannot be loaded: " + e
                    + ". Package it with the bindings, or run with -D" + PROPERTY + "=compiler.", e);
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
