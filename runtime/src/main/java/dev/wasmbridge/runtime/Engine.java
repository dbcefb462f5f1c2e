package dev.wasmbridge.runtime;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which Chicory engine runs the Wasm code. Chosen with the system property {@code wasmbridge.engine}
 * ({@code compiler}, the default, or {@code interpreter}).
 */
public enum Engine {
    /**
     * Chicory's runtime compiler: translates the module to JVM bytecode once, when the first instance is
     * made. Much faster calls, and runaway loops can be interrupted (it checks at every backward branch).
     */
    COMPILER {
        @Override
        Function<Instance, Machine> machineFactory(WasmModule module) {
            return MachineFactoryCompiler.compile(module);
        }
    },
    /**
     * Chicory's interpreter: no compilation step. Note that in Chicory 1.7.5 it checks for interruption
     * only at unconditional branches, so a timeout cannot stop a loop that only branches back with
     * {@code br_if}.
     */
    INTERPRETER {
        @Override
        Function<Instance, Machine> machineFactory(WasmModule module) {
            return InterpreterMachine::new;
        }
    };

    /** The system property that selects the engine. */
    public static final String PROPERTY = "wasmbridge.engine";

    abstract Function<Instance, Machine> machineFactory(WasmModule module);

    /** The engine selected by {@value #PROPERTY}. */
    public static Engine configured() {
        String name = System.getProperty(PROPERTY, "compiler").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + " is '"
                    + System.getProperty(PROPERTY) + "'; use 'compiler' or 'interpreter'.", e);
        }
    }
}
