package dev.wasmbridge.processor;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.wasm.Parser;
import java.util.Map;

/**
 * Compiles a module to JVM bytecode at build time with Chicory's compiler, so the bindings start with no
 * compilation step and no interpreter. The result is the class files of one {@code Machine} class (plus
 * the helper classes it needs), named after the binding class.
 */
final class MachineCompiler {
    /** The processor option that turns build-time compilation off ({@code -Awasmbridge.compile=false}). */
    static final String OPTION = "wasmbridge.compile";

    private MachineCompiler() {}

    /** The machine class of a binding class: {@code GreeterBindingsMachine} for {@code GreeterBindings}. */
    static String machineClassName(String bindingClassName) {
        return bindingClassName + "Machine";
    }

    /**
     * Compiles {@code runnableModule} (in the form Chicory runs: exnref, not legacy).
     *
     * @return binary class name → class file bytes
     */
    static Map<String, byte[]> compile(byte[] runnableModule, String machineClassName) {
        return Compiler.builder(Parser.parse(runnableModule))
                .withClassName(machineClassName)
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
    }
}
