package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything the writer needs to generate one binding class, checked and free of javac elements: the
 * validator builds it, {@link BindingWriter} turns it into Java.
 *
 * @param userInterface the {@code @WasmModule} interface
 * @param generated the class to generate
 * @param module the {@code .wasm} the bindings load
 * @param exports the interface methods, each calling one export
 * @param imports the imports interfaces, in {@code @WasmModule(imports = ...)} order
 */
record BindingModel(
        ClassName userInterface,
        ClassName generated,
        ModuleFile module,
        List<Export> exports,
        List<ImportsInterface> imports) {

    /**
     * The module as named in {@code @WasmModule}, and its exnref translation when it uses the legacy
     * exception-handling instructions Chicory cannot run.
     *
     * @param resource the classpath resource named in {@code @WasmModule}
     * @param runnable the module in the form Chicory runs (the file itself, or its exnref translation)
     * @param translated whether {@code runnable} is a translation the processor must write out
     */
    record ModuleFile(String resource, byte[] runnable, boolean translated) {
        /** Where the processor writes a translation in the class output. */
        static final String TRANSLATED_FOLDER = "META-INF/wasmbridge/exnref/";

        /** The resource the generated code loads: the translation if there is one. */
        String loadPath() {
            return translated ? TRANSLATED_FOLDER + resource : resource;
        }
    }

    /** A typed parameter of a Java method. */
    record Parameter(String name, WireType type) {}

    /**
     * A {@code @WasmExport} method and the export it calls.
     *
     * @param declaringType the simple name of the interface that declares the method
     */
    record Export(
            String declaringType, String methodName, String exportName, List<Parameter> parameters, WireType result) {
        /** E.g. {@code Greeter.greet}, for messages in generated code. */
        String describe() {
            return declaringType + "." + methodName;
        }
    }

    /** A {@code @WasmImport} method and the import it provides. */
    record Import(String methodName, String module, String name, List<Parameter> parameters, WireType result) {}

    /** An interface whose methods implement imports; the factory takes one implementation of it. */
    record ImportsInterface(ClassName type, String parameterName, List<Import> methods) {}

    /** The lowered Wasm signature, e.g. {@code (i64, i32) -> i64}, as messages print it. */
    static String wasmSignature(List<Parameter> parameters, WireType result) {
        return parameters.stream().map(p -> p.type().wasmName()).collect(Collectors.joining(", ", "(", ")"))
                + " -> " + (result == WireType.VOID ? "()" : result.wasmName());
    }
}
