package dev.wasmbridge.processor;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
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
     * The compiled classes, and the digest of the module they were compiled from: the runtime uses them only
     * for a module with the same digest, so a stale class never runs a changed module.
     *
     * @param classes binary class name → class file bytes
     * @param moduleDigest Chicory's digest of the module ({@code WasmModule.digest()})
     */
    record Compiled(Map<String, byte[]> classes, String moduleDigest) {}

    /** Compiles {@code runnableModule} (in the form Chicory runs: exnref, not legacy). */
    static Compiled compile(byte[] runnableModule, String machineClassName) {
        WasmModule module = Parser.parse(runnableModule);
        Map<String, byte[]> classes = Compiler.builder(module)
                .withClassName(machineClassName)
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
        return new Compiled(classes, module.digest());
    }
}
