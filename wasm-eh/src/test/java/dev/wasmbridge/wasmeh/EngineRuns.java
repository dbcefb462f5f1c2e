package dev.wasmbridge.wasmeh;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a module's export on each of the engine's three ways of executing Wasm that the project
 * uses, and describes what happened in words that can be compared with a reference interpreter's
 * answer: {@code returns [9, 5]}, {@code traps}, {@code throws tag 0 [3]} (an uncaught Wasm
 * exception), or {@code fails with NullPointerException} (a Java exception that is not a trap).
 */
enum EngineRuns {
    /** The engine's interpreter ({@code -Dwasmbridge.engine=interpreter}). */
    INTERPRETER {
        @Override
        Function<Instance, Machine> machines(WasmModule module) {
            return InterpreterMachine::new;
        }
    },
    /** The engine's compiler at run time ({@code -Dwasmbridge.engine=compiler}). */
    COMPILER {
        @Override
        Function<Instance, Machine> machines(WasmModule module) {
            return MachineFactoryCompiler.compile(module);
        }
    },
    /**
     * The bytecode the compiler writes at build time, as the annotation processor makes it (the
     * classes as bytes, loaded later with a constructor taking the instance): the default path.
     */
    BUILD_TIME {
        @Override
        Function<Instance, Machine> machines(WasmModule module) {
            String name = "dev.wasmbridge.wasmeh.EngineRunsMachine";
            Map<String, byte[]> classes = Compiler.builder(module)
                    .withClassName(name)
                    .withClassCollectorFactory(ByteClassCollector::new)
                    .build()
                    .compile()
                    .classBytes();
            ClassLoader loader = new ClassLoader(EngineRuns.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String binaryName) throws ClassNotFoundException {
                    byte[] bytes = classes.get(binaryName.replace('.', '/'));
                    if (bytes == null) {
                        bytes = classes.get(binaryName);
                    }
                    if (bytes == null) {
                        throw new ClassNotFoundException(binaryName);
                    }
                    return defineClass(binaryName, bytes, 0, bytes.length);
                }
            };
            try {
                Constructor<?> constructor = loader.loadClass(name).getConstructor(Instance.class);
                return instance -> {
                    try {
                        return (Machine) constructor.newInstance(instance);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot create the compiled machine", e);
                    }
                };
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "cannot load the compiled machine " + name + " (classes " + classes.keySet() + ")", e);
            }
        }
    };

    abstract Function<Instance, Machine> machines(WasmModule module);

    /**
     * Instantiates {@code bytes} (translated first when it uses legacy exception handling, as the
     * project does) and calls {@code export} with no arguments.
     */
    String call(byte[] bytes, String export) {
        byte[] runnable = LegacyEh.isLegacy(bytes) ? LegacyEh.translate(bytes) : bytes;
        WasmModule module = Parser.parse(runnable);
        Instance instance =
                Instance.builder(module).withMachineFactory(machines(module)).build();
        try {
            long[] results = instance.export(export).apply();
            return "returns " + Arrays.toString(results == null ? new long[0] : results);
        } catch (TrapException e) {
            return "traps";
        } catch (WasmException e) {
            return "throws tag " + e.tagIdx() + " "
                    + Arrays.stream(e.args()).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
        } catch (RuntimeException e) {
            return "fails with " + e.getClass().getSimpleName();
        }
    }
}
