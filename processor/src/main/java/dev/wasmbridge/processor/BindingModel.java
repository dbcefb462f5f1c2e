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
 * @param resource the classpath resource of the {@code .wasm}
 * @param exports the interface methods, each calling one export
 * @param imports the imports interfaces, in {@code @WasmModule(imports = ...)} order
 */
record BindingModel(
        ClassName userInterface,
        ClassName generated,
        String resource,
        List<Export> exports,
        List<ImportsInterface> imports) {

    /** A typed parameter of a Java method. */
    record Parameter(String name, WireType type) {}

    /** A {@code @WasmExport} method and the export it calls. */
    record Export(String methodName, String exportName, List<Parameter> parameters, WireType result) {
        /** E.g. {@code Greeter.greet}, for messages in generated code. */
        String describe(ClassName owner) {
            return owner.simpleName() + "." + methodName;
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
