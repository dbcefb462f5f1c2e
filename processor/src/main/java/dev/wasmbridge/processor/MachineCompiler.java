package dev.wasmbridge.processor;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import dev.wasmbridge.wasmeh.UnsignedComparisons;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compiles a module to JVM bytecode at build time with Chicory's compiler, so the bindings start with no
 * compilation step and no interpreter. The result is the class files of one {@code Machine} class (plus
 * the helper classes it needs), named after the binding class, with the unsigned comparisons redirected
 * around a HotSpot bug ({@link UnsignedComparisons}).
 */
final class MachineCompiler {
    /** The processor option that turns build-time compilation off ({@code -Awasmbridge.compile=false}). */
    static final String OPTION = "wasmbridge.compile";

    /**
     * At most this many Wasm functions per generated class: a class is loaded (and verified) when one of
     * its functions first runs, so a big module is not loaded whole by its first call. Measured on the 2.3
     * MB benchmark module (docs/BENCHMARKS.md, "First call"): 100 and 1,000 were alike, within the noise.
     */
    static final int FUNCTIONS_PER_CLASS = 1000;

    /**
     * The JVM descriptors of the parameters every compiled method takes after the Wasm ones: the engine's
     * memory and instance ({@code CallBoundary.memory()} and {@code instance()} give them to generated code).
     */
    static final String ENGINE_PARAMETERS = Memory.class.descriptorString() + Instance.class.descriptorString();

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
    record Compiled(
            Map<String, byte[]> classes,
            String moduleDigest,
            List<Oversized> oversized,
            Map<String, DirectTarget> exports) {}

    /**
     * The static method the machine compiled an exported function to, which generated code may call
     * directly with typed arguments instead of through Chicory's {@code ExportFunction.apply(long...)} and
     * the machine's call dispatch.
     *
     * @param className the binary name of the class that holds it (in the bindings' package)
     * @param method its name ({@code func_<function index>})
     * @param descriptor its JVM descriptor: the Wasm parameters, then {@code Memory} and {@code Instance}
     */
    record DirectTarget(String className, String method, String descriptor) {}

    /**
     * A compiled method over HotSpot's JIT limit ({@link ClassFileMethods#JIT_LIMIT} bytes of bytecode).
     *
     * @param what the Rust function it was compiled from (demangled from the name section when there is
     *     one) or what else it is, such as the call dispatch
     * @param method the JVM method's name
     * @param bytes its bytecode size
     */
    record Oversized(String what, String method, int bytes) {
        /** {@code core::fmt::write (func_12, 9,612 bytes)}. */
        String describe() {
            return String.format(java.util.Locale.ROOT, "%s (%s, %,d bytes)", what, method, bytes);
        }
    }

    /** Compiles {@code runnableModule} (in the form Chicory runs: exnref, not legacy). */
    static Compiled compile(byte[] runnableModule, String machineClassName) {
        WasmModule module = Parser.parse(runnableModule);
        Map<String, byte[]> classes = Compiler.builder(module)
                .withClassName(machineClassName)
                .withMaxFunctionsPerClass(FUNCTIONS_PER_CLASS)
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
        // HotSpot's C2 up to JDK 17 miscompiles Chicory's unsigned comparisons in large compiled functions
        classes = UnsignedComparisons.redirect(classes);
        Map<String, List<ClassFileMethods.Method>> methods = new java.util.LinkedHashMap<>();
        classes.forEach((name, bytes) -> methods.put(name.replace('/', '.'), ClassFileMethods.methods(bytes)));
        return new Compiled(classes, module.digest(), oversized(module, methods), directTargets(module, methods));
    }

    /**
     * Export name → the method its function was compiled to, for every function export found.
     *
     * @param classes binary class name → its methods
     */
    static Map<String, DirectTarget> directTargets(
            WasmModule module, Map<String, List<ClassFileMethods.Method>> classes) {
        Map<String, DirectTarget> byMethod = new java.util.HashMap<>();
        for (Map.Entry<String, List<ClassFileMethods.Method>> entry : classes.entrySet()) {
            for (ClassFileMethods.Method method : entry.getValue()) {
                if (method.name().startsWith("func_")) {
                    byMethod.put(method.name(), new DirectTarget(entry.getKey(), method.name(), method.descriptor()));
                }
            }
        }
        Map<String, DirectTarget> exports = new java.util.LinkedHashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            com.dylibso.chicory.wasm.types.Export export =
                    module.exportSection().getExport(i);
            if (export.exportType() == com.dylibso.chicory.wasm.types.ExternalType.FUNCTION) {
                DirectTarget target = byMethod.get("func_" + export.index());
                if (target != null) {
                    exports.put(export.name(), target);
                }
            }
        }
        return exports;
    }

    /** The methods of {@code classes} (binary class name → its methods) HotSpot will not compile, largest first. */
    static List<Oversized> oversized(WasmModule module, Map<String, List<ClassFileMethods.Method>> classes) {
        NameCustomSection names = module.nameSection();
        List<Oversized> found = new ArrayList<>();
        for (List<ClassFileMethods.Method> classMethods : classes.values()) {
            for (ClassFileMethods.Method method : classMethods) {
                if (method.codeLength() <= ClassFileMethods.JIT_LIMIT
                        || method.name().startsWith("call_dispatch")) {
                    continue; // the dispatch of calls from Java: generated bindings call compiled methods directly
                }
                found.add(new Oversized(describe(method.name(), names), method.name(), method.codeLength()));
            }
        }
        found.sort(Comparator.comparingInt(Oversized::bytes).reversed().thenComparing(Oversized::method));
        return List.copyOf(found);
    }

    /** What a method of Chicory's machine runs: {@code func_<index>} is Wasm function {@code index}. */
    private static String describe(String method, NameCustomSection names) {
        if (method.startsWith("func_")) {
            try {
                int index = Integer.parseInt(method.substring(5));
                String name = names == null ? null : names.nameOfFunction(index);
                return name == null ? "Wasm function " + index : RustNames.demangle(name);
            } catch (NumberFormatException e) {
                return method;
            }
        }
        if (method.startsWith("call_indirect")) {
            return "the dispatch of call_indirect";
        }
        return method;
    }
}
