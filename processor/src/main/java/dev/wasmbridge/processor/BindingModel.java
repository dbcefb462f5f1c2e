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
 * @param classes the {@code @WasmClass} interfaces the exports use, directly or through other classes
 * @param imports the imports interfaces, in {@code @WasmModule(imports = ...)} order
 * @param rustDeclarations the lines of the module's signatures section the checks consulted, sorted: what
 *     the bindings depend on, recorded in them so the runtime can tell whether another module still fits
 */
record BindingModel(
        ClassName userInterface,
        ClassName generated,
        ModuleFile module,
        List<Export> exports,
        List<ClassBinding> classes,
        List<ImportsInterface> imports,
        List<String> rustDeclarations) {

    /**
     * The module as named in {@code @WasmModule}, and its exnref translation when it uses the legacy
     * exception-handling instructions Chicory cannot run.
     *
     * @param resource the classpath resource named in {@code @WasmModule}
     * @param sha256 the SHA-256 of the file as found (lower-case hex), before any translation
     * @param where where the processor found it, for messages and the build plugin (a URI or a path)
     * @param runnable the module in the form Chicory runs (the file itself, or its exnref translation, with
     *     functions too big for the JIT split and, for {@code fuel}, instrumented for fuel)
     * @param translated whether {@code runnable} is a translation the processor must write out
     * @param fuel whether the bindings count fuel ({@code @WasmModule(fuel = true)}): {@code runnable} is
     *     instrumented, and its translation and skeleton have paths of their own
     */
    record ModuleFile(String resource, String sha256, String where, byte[] runnable, boolean translated, boolean fuel) {
        /** Where the processor writes translations in the class output. */
        static final String TRANSLATED_FOLDER = "META-INF/wasmbridge/exnref/";

        /**
         * Where the translation goes in the class output, or null when there is none: keyed by the digest of
         * the file it was made from ({@code META-INF/wasmbridge/exnref/<sha256>/wasm/x.wasm}), so it is never
         * served for another version of the file; the instrumented one of bindings with fuel in a folder of its
         * own ({@code .../<sha256>/fuel/wasm/x.wasm}), as bindings with and without fuel may share a file.
         */
        String translationPath() {
            return translated ? TRANSLATED_FOLDER + sha256 + (fuel ? FUEL_FOLDER : "/") + resource : null;
        }

        /** Where the {@code ModuleSkeleton} (wasm-eh) goes in the class output, keyed like the translation. */
        String skeletonPath() {
            return SKELETON_FOLDER + sha256 + (fuel ? FUEL_FOLDER : "/") + resource;
        }

        /** The folder of the instrumented module's translation and skeleton, in their digest's folder. */
        static final String FUEL_FOLDER = "/fuel/";

        /** Where the processor writes skeletons in the class output. */
        static final String SKELETON_FOLDER = "META-INF/wasmbridge/skeleton/";
    }

    /** How a class object is handed to Rust (docs/ABI.md, "Classes"); other values are {@link #VALUE}. */
    enum Passing {
        /** Not a class object: converted and copied per its type. */
        VALUE,
        /** {@code &T} or {@code &mut T}: borrowed for the call. */
        BORROW,
        /** {@code T}: moved into Rust; the Java object becomes unusable. */
        MOVE
    }

    /** A typed parameter of a Java method. */
    record Parameter(String name, JavaType type, Passing passing) {}

    /**
     * The user exception a Rust {@code Err} becomes instead of {@code RustErrorException}.
     *
     * @param takesCause whether it has a {@code (String, Throwable)} constructor (else {@code (String)})
     */
    record ErrorConversion(ClassName exception, boolean takesCause) {}

    /**
     * A {@code @WasmExport} method and the export it calls.
     *
     * @param declaringType the simple name of the interface that declares the method
     * @param receiver for a method of a {@code @WasmClass}: how the object itself is passed (the export's
     *     first parameter); null for a function of the module interface
     * @param fallible whether the Rust function returns a {@code Result}
     * @param error the user exception a Rust error becomes, or null for {@code RustErrorException}
     */
    record Export(
            String declaringType,
            String methodName,
            String exportName,
            List<Parameter> parameters,
            JavaType result,
            Passing receiver,
            boolean fallible,
            ErrorConversion error) {
        /** E.g. {@code Greeter.greet}, for messages in generated code. */
        String describe() {
            return declaringType + "." + methodName;
        }

        /** The Wasm signature of the export, the receiver handle included. */
        String wasmSignature() {
            List<String> params = new java.util.ArrayList<>();
            if (receiver != null) {
                params.add("i32");
            }
            parameters.forEach(p -> params.add(p.type().wasm()));
            return BindingModel.lowered(params, result.wasm());
        }
    }

    /**
     * A {@code @WasmClass} interface, implemented by a nested class of the generated bindings.
     *
     * @param methods its methods, each calling the export {@code Type::method}
     */
    record ClassBinding(JavaType.ClassType type, List<Export> methods) {
        /** The export that drops an object (docs/ABI.md, "Classes"). */
        String dropExport() {
            return type.rustName() + AbiVersion.DROP_SUFFIX;
        }
    }

    /** A {@code @WasmImport} method and the import it provides. */
    record Import(String methodName, String module, String name, List<Parameter> parameters, JavaType result) {}

    /** An interface whose methods implement imports; the factory takes one implementation of it. */
    record ImportsInterface(ClassName type, String parameterName, List<Import> methods) {}

    /** The lowered Wasm signature, e.g. {@code (i64, i32) -> i64}, as messages print it. */
    static String lowered(List<String> parameters, String result) {
        return parameters.stream().collect(Collectors.joining(", ", "(", ")")) + " -> "
                + (result == null ? "()" : result);
    }

    /** The lowered Wasm signature of parameters and a result. */
    static String wasmSignature(List<Parameter> parameters, JavaType result) {
        return lowered(parameters.stream().map(p -> p.type().wasm()).collect(Collectors.toList()), result.wasm());
    }
}
