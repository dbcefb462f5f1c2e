package dev.wasmbridge.processor;

import static dev.wasmbridge.processor.RuntimeNames.CALL_BOUNDARY;
import static dev.wasmbridge.processor.RuntimeNames.CHECKED_MODULE;
import static dev.wasmbridge.processor.RuntimeNames.MODULE_SOURCE;
import static dev.wasmbridge.processor.RuntimeNames.RUST_ERROR_EXCEPTION;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.wasmbridge.processor.BindingModel.ClassBinding;
import dev.wasmbridge.processor.BindingModel.Export;
import dev.wasmbridge.processor.BindingModel.Import;
import dev.wasmbridge.processor.BindingModel.ImportsInterface;
import dev.wasmbridge.processor.BindingModel.Parameter;
import dev.wasmbridge.processor.BindingModel.Passing;
import dev.wasmbridge.processor.JavaType.ClassType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes the binding class of a {@link BindingModel}. Works from the model alone, so it can run outside
 * javac (tests, tools); every crossing goes through the runtime's {@code CallBoundary}.
 */
final class BindingWriter {
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    /** How the factories' Javadoc names the exception they throw. */
    private static final String THROWS_LOAD_EXCEPTION = "@throws " + RuntimeNames.MODULE_LOAD_EXCEPTION.canonicalName();

    /**
     * The class Chicory's compiler made of the module at build time.
     *
     * @param className its binary name
     * @param moduleDigest Chicory's digest of the module it was compiled from
     */
    record Machine(
            String className,
            String moduleDigest,
            List<String> hugeMethods,
            Map<String, MachineCompiler.DirectTarget> direct) {}

    /** @param machine the build-time compiled module, or null to compile at run time */
    static JavaFile write(BindingModel model, Machine machine) {
        return new BindingWriter(model, machine).write(machine);
    }

    private final BindingModel model;
    /** Every export the bindings call, in the order of their indices: the module's, then each class's. */
    private final List<Export> allExports = new ArrayList<>();
    /**
     * What the generated code calls each export by, in the order of the export list: the module's exports,
     * then each class's methods, then each class's drop export.
     */
    private final ExportNames exportNames = new ExportNames();

    private final Map<Export, ExportNames.Named> named = new IdentityHashMap<>();
    /** The named drop export of each class, by the name of its implementation. */
    private final Map<String, ExportNames.Named> drops = new LinkedHashMap<>();

    /**
     * The support crate's iterator exports ({@code wasmbridge_iter_next}, {@code wasmbridge_iter_drop}), last in
     * the export list when a method returns a Rust iterator; else null.
     */
    private final ExportNames.Named iterNext;

    private final ExportNames.Named iterDrop;

    private final Map<ClassName, String> implementations = new LinkedHashMap<>();
    private final ValueCode values;

    /** The build-time machine, or null. */
    private final Machine machine;

    /** The helpers that call an export's compiled method directly ({@code direct$<name>}), in index order. */
    private final List<MethodSpec> directCalls = new ArrayList<>();

    private BindingWriter(BindingModel model, Machine machine) {
        this.model = model;
        this.machine = machine;
        for (Export export : model.exports()) {
            allExports.add(export);
        }
        for (ClassBinding binding : model.classes()) {
            implementations.put(
                    binding.type().name(),
                    String.join("_", binding.type().name().simpleNames()) + "Object");
            allExports.addAll(binding.methods());
        }
        for (Export export : allExports) {
            named.put(export, exportNames.add(export.exportName()));
        }
        for (ClassBinding binding : model.classes()) {
            drops.put(implementations.get(binding.type().name()), exportNames.add(binding.dropExport()));
        }
        boolean iterators = allExports.stream().anyMatch(e -> e.result() instanceof JavaType.IteratorOf);
        this.iterNext = iterators ? exportNames.add(AbiVersion.ITER_NEXT) : null;
        this.iterDrop = iterators ? exportNames.add(AbiVersion.ITER_DROP) : null;
        this.values = new ValueCode(implementations, model.generated());
    }

    private JavaFile write(Machine machine) {
        TypeSpec.Builder type = TypeSpec.classBuilder(model.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(RuntimeNames.GENERATED_BINDINGS)
                .addSuperinterface(model.userInterface())
                .addAnnotation(AnnotationSpec.builder(GENERATED)
                        .addMember("value", "$S", WasmBridgeProcessor.class.getName())
                        .build())
                .addJavadoc(
                        "Calls the Rust module {@code $L} through {@link $T}.\n\n",
                        model.module().resource(),
                        model.userInterface())
                .addJavadoc("<p>Generated by Wasmbridge. Thread-safe: a proxy from {@code create} serializes calls on"
                        + " one Wasm instance; one from {@code pool} runs up to that many calls at once. A Rust panic"
                        + " throws {@code RustPanicException}; an abort terminates the instance (see {@code"
                        + " WasmBindings}).\n")
                .addField(FieldSpec.builder(CHECKED_MODULE, "MODULE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(moduleSource(machine))
                        .build());
        List<MethodSpec> methods = new ArrayList<>();
        for (Export export : model.exports()) {
            methods.add(exportMethod(export));
        }
        List<TypeSpec> classes = new ArrayList<>();
        for (ClassBinding binding : model.classes()) {
            classes.add(classImplementation(binding));
        }
        MethodSpec importsMethod = importsMethod();
        for (ExportNames.Named export : exportNames.all()) {
            type.addField(FieldSpec.builder(
                            TypeName.INT, export.constant(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L", export.index())
                    .build());
        }
        type.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(LIST, RuntimeNames.EXPORT_BINDING),
                        "EXPORTS",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The exports the bindings call, in the order of the {@code EXPORT_} constants.\n")
                .initializer(exportList())
                .build());
        values.addMembers(type);
        type.addMethod(constructor(model))
                .addMethod(factory(model, false))
                .addMethod(factory(model, true))
                .addMethod(sourceFactory(model, false))
                .addMethod(sourceFactory(model, true))
                .addMethod(poolFactory(model, false))
                .addMethod(poolFactory(model, true))
                .addMethod(importsMethod)
                .addMethods(methods)
                .addMethods(directCalls)
                .addTypes(classes);
        return JavaFile.builder(model.generated().packageName(), type.build())
                .skipJavaLangImports(true)
                .build();
    }

    /**
     * Where the module comes from, and what it was checked against: the digest of the file and the Rust
     * declarations the bindings use, so the runtime re-checks any other module before running it.
     */
    private CodeBlock moduleSource(Machine machine) {
        BindingModel.ModuleFile module = model.module();
        CodeBlock.Builder source = CodeBlock.builder()
                .add("$T.classpath($T.class, $S)", CHECKED_MODULE, model.generated(), module.resource())
                .add("\n.checkedAgainst($S, $T.of(", module.sha256(), LIST)
                .indent();
        List<String> declarations = model.rustDeclarations();
        for (int i = 0; i < declarations.size(); i++) {
            source.add("\n$S$L", declarations.get(i), i + 1 < declarations.size() ? "," : "");
        }
        source.add("))").unindent();
        if (module.fuel()) {
            source.add("\n.withFuel()");
        }
        if (module.translationPath() != null) {
            source.add("\n.withTranslation($S)", module.translationPath());
        }
        if (machine != null) {
            source.add("\n.withCompiledMachine($S, $S)", machine.className(), machine.moduleDigest())
                    .add("\n.withSkeleton($S)", module.skeletonPath());
            if (!machine.hugeMethods().isEmpty()) {
                source.add(
                        "\n.withHugeMethods($T.of($L))",
                        LIST,
                        machine.hugeMethods().stream()
                                .map(m -> CodeBlock.of("$S", m))
                                .collect(CodeBlock.joining(", ")));
            }
        }
        return source.build();
    }

    private CodeBlock exportList() {
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", LIST).indent();
        int total = allExports.size() + model.classes().size() + (iterNext == null ? 0 : 2);
        int written = 0;
        for (Export export : allExports) {
            written++;
            list.add(
                    "\nnew $T($S, $L)$L",
                    RuntimeNames.EXPORT_BINDING,
                    export.exportName(),
                    signature(export),
                    written < total ? "," : "");
        }
        for (ClassBinding drop : model.classes()) {
            written++;
            list.add(
                    "\nnew $T($S, $L)$L",
                    RuntimeNames.EXPORT_BINDING,
                    drop.dropExport(),
                    signature(List.of("i32"), null),
                    written < total ? "," : "");
        }
        if (iterNext != null) {
            list.add(
                    "\nnew $T($S, $L),\nnew $T($S, $L)",
                    RuntimeNames.EXPORT_BINDING,
                    AbiVersion.ITER_NEXT,
                    signature(List.of("i32", "i32"), "i64"),
                    RuntimeNames.EXPORT_BINDING,
                    AbiVersion.ITER_DROP,
                    signature(List.of("i32"), null));
        }
        return list.unindent().add(")").build();
    }

    private static CodeBlock signature(Export export) {
        return signature(wasmParameters(export), export.result().wasm());
    }

    /** The Wasm types of an export's parameters: the receiver's handle first, for a class method. */
    private static List<String> wasmParameters(Export export) {
        List<String> params = new ArrayList<>();
        if (export.receiver() != null) {
            params.add("i32");
        }
        export.parameters().forEach(p -> params.add(p.type().wasm()));
        return params;
    }

    /** {@code WasmSignature.of(WasmValueType.I64).returning(WasmValueType.I32)}: our type, not the engine's. */
    private static CodeBlock signature(List<String> parameters, String result) {
        CodeBlock params = parameters.stream().map(BindingWriter::valueType).collect(CodeBlock.joining(", "));
        CodeBlock signature = CodeBlock.of("$T.of($L)", RuntimeNames.WASM_SIGNATURE, params);
        return result == null ? signature : CodeBlock.of("$L.returning($L)", signature, valueType(result));
    }

    private static CodeBlock valueType(String wasm) {
        return CodeBlock.of("$T.$L", RuntimeNames.WASM_VALUE_TYPE, wasm.toUpperCase(Locale.ROOT));
    }

    private static MethodSpec constructor(BindingModel model) {
        return MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(RuntimeNames.INSTANCES, "instances")
                .addStatement("super(instances)")
                .build();
    }

    /**
     * {@code create(imports...)}, or with {@code options}, {@code create(WasmOptions, imports...)}: the module
     * the bindings were compiled against.
     */
    private static MethodSpec factory(BindingModel model, boolean options) {
        MethodSpec.Builder factory = MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.generated())
                .addJavadoc("Instantiates the module; the module is read, parsed and compiled once, on first use.\n");
        if (!options) {
            factory.addJavadoc("Uses {@link $T#defaults()}.\n", RuntimeNames.WASM_OPTIONS);
        }
        factory.addJavadoc("\n");
        addOptionsParameter(model, factory, options);
        addImportParameters(model, factory, options);
        factory.addJavadoc(
                THROWS_LOAD_EXCEPTION + " if the module cannot be loaded or no longer matches this" + " interface\n");
        if (!options) {
            return factory.addStatement(
                            "return create($T.defaults()$L)", RuntimeNames.WASM_OPTIONS, importArguments(model, true))
                    .build();
        }
        return factory.addStatement(
                        "return new $T($T.create(MODULE, EXPORTS, imports($L), $L))",
                        model.generated(),
                        CALL_BOUNDARY,
                        importArguments(model, false),
                        optionsName(model))
                .build();
    }

    /**
     * {@code create(ModuleSource, imports...)} (or with {@code options}, {@code create(ModuleSource,
     * WasmOptions, imports...)}): another module, checked against this interface at load time.
     */
    private static MethodSpec sourceFactory(BindingModel model, boolean options) {
        MethodSpec.Builder factory = MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.generated())
                .addParameter(MODULE_SOURCE, "moduleSource")
                .addJavadoc("Instantiates another module than the one the bindings were compiled against, such as one"
                        + " read from a file\nat run time ({@code ModuleSource.of}). Unless it is that very file, it"
                        + " is checked against this\ninterface when it loads: it must declare every Rust function,"
                        + " import, class, record and enum the\nbindings use, unchanged. It is translated and compiled"
                        + " at run time.\n");
        if (!options) {
            factory.addJavadoc("Uses {@link $T#defaults()}.\n", RuntimeNames.WASM_OPTIONS);
        }
        factory.addJavadoc("\n@param moduleSource the module to run\n");
        if (!options) {
            addImportParameters(model, factory, false);
            return factory.addJavadoc(THROWS_LOAD_EXCEPTION + " if the module cannot be loaded or does not fit this"
                            + " interface\n")
                    .addStatement(
                            "return create(moduleSource, $T.defaults()$L)",
                            RuntimeNames.WASM_OPTIONS,
                            importArguments(model, true))
                    .build();
        }
        factory.addStatement("$T.requireNonNull(moduleSource, $S)", Objects.class, "moduleSource");
        addOptionsParameter(model, factory, true);
        addImportParameters(model, factory, true);
        return factory.addJavadoc(
                        THROWS_LOAD_EXCEPTION + " if the module cannot be loaded or does not fit this" + " interface\n")
                .addStatement(
                        "return new $T($T.create(MODULE.checkedLike(moduleSource), EXPORTS, imports($L), $L))",
                        model.generated(),
                        CALL_BOUNDARY,
                        importArguments(model, false),
                        optionsName(model))
                .build();
    }

    /** {@code pool(size, imports...)}, or with {@code options}, {@code pool(size, WasmOptions, imports...)}. */
    private static MethodSpec poolFactory(BindingModel model, boolean options) {
        MethodSpec.Builder factory = MethodSpec.methodBuilder("pool")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.generated())
                .addParameter(TypeName.INT, "size")
                .addJavadoc("Instantiates the module {@code size} times behind one proxy, for calls from many threads:"
                        + " each call runs on a free instance. Rust state is per instance.\n");
        if (!options) {
            factory.addJavadoc("Uses {@link $T#defaults()}.\n", RuntimeNames.WASM_OPTIONS);
        }
        factory.addJavadoc("\n@param size the number of instances, at least 1\n");
        addOptionsParameter(model, factory, options);
        addImportParameters(model, factory, options);
        factory.addJavadoc(
                THROWS_LOAD_EXCEPTION + " if the module cannot be loaded or no longer matches this" + " interface\n");
        if (!options) {
            return factory.addStatement(
                            "return pool(size, $T.defaults()$L)",
                            RuntimeNames.WASM_OPTIONS,
                            importArguments(model, true))
                    .build();
        }
        return factory.addStatement(
                        "return new $T($T.create(size, () -> $T.create(MODULE, EXPORTS, imports($L), $L)))",
                        model.generated(),
                        RuntimeNames.BOUNDARY_POOL,
                        CALL_BOUNDARY,
                        importArguments(model, false),
                        optionsName(model))
                .build();
    }

    /**
     * The name of the {@code WasmOptions} parameter: {@code options}, unless an imports interface's parameter
     * has that name.
     */
    private static String optionsName(BindingModel model) {
        boolean taken = model.imports().stream().anyMatch(i -> i.parameterName().equals("options"));
        return taken ? "wasmOptions" : "options";
    }

    private static void addOptionsParameter(BindingModel model, MethodSpec.Builder factory, boolean options) {
        if (options) {
            String name = optionsName(model);
            factory.addParameter(RuntimeNames.WASM_OPTIONS, name)
                    .addJavadoc(
                            "@param $L how to make each instance (and each one {@code resetState()} makes): WASI's"
                                    + " clocks, output, directories, environment, arguments\n",
                            name)
                    .addStatement(
                            "$T.requireNonNull($L, $S)",
                            Objects.class,
                            name,
                            name + ": pass WasmOptions.defaults() or options made from it");
        }
    }

    /** The parameters of the imports interfaces, checked for null where {@code check} (not when delegating). */
    private static void addImportParameters(BindingModel model, MethodSpec.Builder factory, boolean check) {
        for (ImportsInterface imports : model.imports()) {
            factory.addParameter(imports.type(), imports.parameterName())
                    .addJavadoc(
                            "@param $L implements the functions the module imports from {@link $T}\n",
                            imports.parameterName(),
                            imports.type());
            if (check) {
                factory.addStatement(
                        "$T.requireNonNull($L, $S)",
                        Objects.class,
                        imports.parameterName(),
                        imports.parameterName() + ": pass an implementation of "
                                + imports.type().simpleName());
            }
        }
    }

    /** The imports interfaces' parameters as arguments; after a comma when {@code following} and there are some. */
    private static String importArguments(BindingModel model, boolean following) {
        String arguments = String.join(
                ", ",
                model.imports().stream().map(ImportsInterface::parameterName).toList());
        return following && !arguments.isEmpty() ? ", " + arguments : arguments;
    }

    private MethodSpec importsMethod() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("imports")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(LIST, RuntimeNames.IMPORT_BINDING));
        CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", LIST).indent();
        int total = model.imports().stream().mapToInt(i -> i.methods().size()).sum();
        int written = 0;
        for (ImportsInterface imports : model.imports()) {
            method.addParameter(imports.type(), imports.parameterName());
            for (Import imported : imports.methods()) {
                written++;
                List<String> params =
                        imported.parameters().stream().map(p -> p.type().wasm()).toList();
                list.add(
                        "\nnew $T($S, $S, $L,$>\n$L)$<$L",
                        RuntimeNames.IMPORT_BINDING,
                        imported.module(),
                        imported.name(),
                        signature(params, imported.result().wasm()),
                        importHandler(imports, imported),
                        written < total ? "," : "");
            }
        }
        return method.addCode(list.unindent().add(");\n").build()).build();
    }

    private CodeBlock importHandler(ImportsInterface imports, Import imported) {
        CodeBlock.Builder handler =
                CodeBlock.builder().add("(boundary$$, args$$) -> {\n").indent();
        String method = imports.type().simpleName() + "." + imported.methodName();
        List<CodeBlock> arguments = new ArrayList<>();
        List<String> lent = new ArrayList<>();
        for (int i = 0; i < imported.parameters().size(); i++) {
            Parameter parameter = imported.parameters().get(i);
            CodeBlock wasm = CodeBlock.of("args$$[$L]", i);
            if (parameter.passing() == Passing.BORROW) { // a view of a Rust object, for this call only
                String local = "lent" + i + "$";
                handler.addStatement(
                        "$L $L = $L",
                        implementation(parameter.type()),
                        local,
                        values.lent(parameter.type(), CodeBlock.of("(int) $L", wasm), "boundary$", method));
                lent.add(local);
                arguments.add(CodeBlock.of("$L", local));
            } else {
                arguments.add(values.fromWasm(parameter.type(), wasm, "boundary$", false));
            }
        }
        CodeBlock call = CodeBlock.of(
                "$L.$L($L)", imports.parameterName(), imported.methodName(), CodeBlock.join(arguments, ", "));
        String what = "the result of " + method;
        if (!lent.isEmpty()) {
            handler.beginControlFlow("try");
        }
        if (imported.result() instanceof JavaType.Void) {
            handler.addStatement("$L", call).addStatement("return null");
        } else {
            handler.addStatement(
                    "return new long[] {$L}", values.toWasm(imported.result(), call, "boundary$", what, true));
        }
        if (!lent.isEmpty()) {
            handler.nextControlFlow("finally");
            lent.forEach(local -> handler.addStatement("$L.endBorrow()", local));
            handler.endControlFlow();
        }
        return handler.unindent().add("}").build();
    }

    /** The name of the generated implementation of a {@code @WasmClass} type. */
    private String implementation(JavaType type) {
        return implementations.get(((ClassType) type).name());
    }

    /** A method of the module interface. */
    private MethodSpec exportMethod(Export export) {
        Parameter owner = export.parameters().stream()
                .filter(p -> p.passing() != Passing.VALUE)
                .findFirst()
                .orElse(null);
        CodeBlock enter = owner == null
                ? CodeBlock.of("instances.enter()")
                : owner.type() instanceof ClassType
                        ? CodeBlock.of("instances.enterOwner($L, $S)", owner.name(), what(owner, export))
                        : CodeBlock.of(
                                "instances.enterOwner($T.firstObject($L), $S)",
                                RuntimeNames.RUST_OBJECT,
                                owner.name(),
                                what(owner, export));
        return callMethod(export, enter, null);
    }

    /**
     * A method that calls {@code export}: converts the arguments, calls, converts the result.
     *
     * @param enter the expression that enters the instance to call
     * @param receiver for a class method: how the object itself is passed; null otherwise
     */
    private MethodSpec callMethod(Export export, CodeBlock enter, Passing receiver) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(export.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ValueCode.typeName(export.result()));
        if (export.error() != null) {
            method.addException(export.error().exception());
        }
        CodeBlock.Builder body = CodeBlock.builder();
        List<CodeBlock> args = new ArrayList<>();
        args.add(CodeBlock.of("$N", named.get(export).constant()));
        if (receiver == Passing.BORROW) {
            args.add(CodeBlock.of("pointer()"));
        } else if (receiver == Passing.MOVE) {
            args.add(CodeBlock.of("self$$"));
        }
        // Check objects to be moved first, so a failing argument cannot leave one moved but never passed.
        for (Parameter parameter : export.parameters()) {
            if (parameter.passing() == Passing.MOVE) {
                body.addStatement(
                        "$T.$L(call$$, $L, $S)",
                        RuntimeNames.RUST_OBJECT,
                        objectsMethod(parameter.type(), "borrow", "checkAll", "checkOptional"),
                        parameter.name(),
                        what(parameter, export));
                if (receiver == Passing.BORROW) { // Rust cannot move the object the method borrows
                    body.addStatement("checkNotSelf($L, $S)", parameter.name(), what(parameter, export));
                }
            }
        }
        List<CodeBlock> moves = new ArrayList<>();
        for (Parameter parameter : export.parameters()) {
            method.addParameter(ValueCode.typeName(parameter.type()), parameter.name());
            String what = what(parameter, export);
            String local = parameter.name() + "$";
            if (parameter.passing() == Passing.BORROW) {
                body.addStatement(
                        "long $L = $T.$L(call$$, $L, $S)",
                        local,
                        RuntimeNames.RUST_OBJECT,
                        objectsMethod(parameter.type(), "borrow", "borrowAll", "borrowOptional"),
                        parameter.name(),
                        what);
                args.add(CodeBlock.of("$L", local));
            } else if (parameter.passing() == Passing.MOVE) {
                moves.add(CodeBlock.of(
                        "long $L = $T.$L(call$$, $L, $S)",
                        local,
                        RuntimeNames.RUST_OBJECT,
                        objectsMethod(parameter.type(), "move", "moveAll", "moveOptional"),
                        parameter.name(),
                        what));
                args.add(CodeBlock.of("$L", local));
            } else if (parameter.type() instanceof JavaType.Scalar) {
                args.add(values.toWasm(parameter.type(), CodeBlock.of("$L", parameter.name()), "call$", what, false));
            } else {
                body.addStatement(
                        "long $L = $L",
                        local,
                        values.toWasm(parameter.type(), CodeBlock.of("$L", parameter.name()), "call$", what, false));
                args.add(CodeBlock.of("$L", local));
            }
        }
        if (receiver == Passing.MOVE) {
            body.addStatement("int self$$ = moveOut($S)", export.describe());
        }
        moves.forEach(body::addStatement);
        CodeBlock plainCall = CodeBlock.of("call$$.call($L)", CodeBlock.join(args, ", "));
        CodeBlock call = plainCall;
        MethodSpec direct = directCall(export);
        List<CodeBlock> directArguments = new ArrayList<>(args.subList(1, args.size()));
        directArguments.add(0, CodeBlock.of("call$$"));
        if (direct != null) {
            directCalls.add(direct);
            call = CodeBlock.of(
                    "call$$.direct() ? $N($L) : $L", direct, CodeBlock.join(directArguments, ", "), plainCall);
        }
        if (export.result() instanceof JavaType.Void && direct != null) {
            body.beginControlFlow("if (call$$.direct())")
                    .addStatement("$N($L)", direct, CodeBlock.join(directArguments, ", "))
                    .nextControlFlow("else")
                    .addStatement("$L", plainCall)
                    .endControlFlow();
        } else if (export.result() instanceof JavaType.Void) {
            body.addStatement("$L", call);
        } else if (export.result() instanceof JavaType.IteratorOf iterator) {
            body.addStatement("long result$$ = $L", call).addStatement("return $L", iterator(export, iterator));
        } else if (export.result() instanceof JavaType.FutureOf future) {
            body.addStatement("long result$$ = $L", call)
                    .addStatement(
                            "return $T.spawned(call$$, result$$, $L, $S, $L)",
                            RuntimeNames.TASKS,
                            values.futureCodec(future),
                            export.describe(),
                            asyncErrors(export));
        } else {
            body.addStatement("long result$$ = $L", call)
                    .addStatement(
                            "return $L", values.fromWasm(export.result(), CodeBlock.of("result$$"), "call$", true));
        }
        method.addStatement("$T call$$ = $L", CALL_BOUNDARY, enter)
                .beginControlFlow("try")
                .addCode(body.build());
        if (export.error() != null && !(export.result() instanceof JavaType.FutureOf)) {
            method.nextControlFlow("catch ($T error$$)", RUST_ERROR_EXCEPTION);
            if (export.error().takesCause()) {
                method.addStatement(
                        "throw new $T(error$$.getMessage(), error$$)",
                        export.error().exception());
            } else {
                method.addStatement(
                        "throw $T.withCause(new $T(error$$.getMessage()), error$$)",
                        CALL_BOUNDARY,
                        export.error().exception());
            }
        }
        return method.nextControlFlow("finally")
                .addStatement("call$$.exit()")
                .endControlFlow()
                .build();
    }

    /**
     * What a Rust {@code Err} of an async export completes its future with: the exception the method declares
     * (as for a sync method), or null for the {@code RustErrorException} itself.
     */
    private static CodeBlock asyncErrors(Export export) {
        if (export.error() == null) {
            return CodeBlock.of("null");
        }
        if (export.error().takesCause()) {
            return CodeBlock.of(
                    "error$$ -> new $T(error$$.getMessage(), error$$)",
                    export.error().exception());
        }
        return CodeBlock.of(
                "error$$ -> $T.withCause(new $T(error$$.getMessage()), error$$)",
                CALL_BOUNDARY,
                export.error().exception());
    }

    /**
     * A helper that calls {@code export}'s compiled method directly, typed, under the same boundary
     * rules as {@code CallBoundary.call} (docs/ABI.md, "Calls"): no argument or result arrays, and not through
     * the machine's call dispatch, which is over HotSpot's JIT limit in large modules. Null when there is no
     * build-time machine or it has no method of the expected descriptor for the export.
     */
    private MethodSpec directCall(Export export) {
        if (machine == null) {
            return null;
        }
        MachineCompiler.DirectTarget target = machine.direct().get(export.exportName());
        List<String> params = wasmParameters(export);
        String result = export.result().wasm();
        StringBuilder descriptor = new StringBuilder("(");
        params.forEach(p -> descriptor.append(DirectType.of(p).descriptor));
        descriptor
                .append(MachineCompiler.ENGINE_PARAMETERS)
                .append(')')
                .append(result == null ? "V" : DirectType.of(result).descriptor);
        if (target == null || !target.descriptor().equals(descriptor.toString())) {
            return null;
        }
        String index = named.get(export).constant();
        MethodSpec.Builder method = MethodSpec.methodBuilder(named.get(export).directHelper())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.LONG)
                .addParameter(CALL_BOUNDARY, "call$");
        List<CodeBlock> arguments = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            method.addParameter(TypeName.LONG, "a" + i);
            arguments.add(DirectType.of(params.get(i)).fromLong(CodeBlock.of("a$L", i)));
        }
        // typed by inference from the compiled method's parameters: the generated source names no engine type
        arguments.add(CodeBlock.of("call$$.memory()"));
        arguments.add(CodeBlock.of("call$$.instance()"));
        ClassName owner = ClassName.bestGuess(target.className());
        CodeBlock invoke = CodeBlock.of("$T.$L($L)", owner, target.method(), CodeBlock.join(arguments, ", "));
        method.addStatement("call$$.begin($L)", index).beginControlFlow("try");
        if (result != null) {
            method.addStatement("$T result$$", DirectType.of(result).type);
        }
        method.beginControlFlow("try")
                .addStatement(result == null ? "$L" : "result$$ = $L", invoke)
                .nextControlFlow("catch ($T e$$)", Throwable.class)
                .addStatement("throw call$$.failed($L, e$$)", index)
                .endControlFlow()
                .addStatement("call$$.returned($L)", index)
                .addStatement(
                        "return $L",
                        result == null
                                ? CodeBlock.of("0L")
                                : DirectType.of(result).toLong(CodeBlock.of("result$$")))
                .nextControlFlow("finally")
                .addStatement("call$$.end()")
                .endControlFlow();
        return method.build();
    }

    /** A Wasm value type as a compiled method takes it, and as Chicory passes it in a {@code long}. */
    private enum DirectType {
        I32("I", TypeName.INT, "(int) $L", "(long) $L"),
        I64("J", TypeName.LONG, "$L", "$L"),
        F32("F", TypeName.FLOAT, "Float.intBitsToFloat((int) $L)", "Float.floatToRawIntBits($L) & 0xFFFFFFFFL"),
        F64("D", TypeName.DOUBLE, "Double.longBitsToDouble($L)", "Double.doubleToRawLongBits($L)");

        final String descriptor;
        final TypeName type;
        private final String fromLong;
        private final String toLong;

        DirectType(String descriptor, TypeName type, String fromLong, String toLong) {
            this.descriptor = descriptor;
            this.type = type;
            this.fromLong = fromLong;
            this.toLong = toLong;
        }

        static DirectType of(String wasm) {
            return valueOf(wasm.toUpperCase(java.util.Locale.ROOT));
        }

        /** The typed value of {@code value}, a {@code long} as Chicory passes it. */
        CodeBlock fromLong(CodeBlock value) {
            return CodeBlock.of(fromLong, value);
        }

        /** The typed {@code value} in a {@code long}, as Chicory returns it. */
        CodeBlock toLong(CodeBlock value) {
            return CodeBlock.of(toLong, value);
        }
    }

    /**
     * The {@code RustObject} helper for a parameter of Rust objects: {@code single} for one object, {@code
     * list} for a {@code List}, {@code optional} for an {@code Optional}.
     */
    private static String objectsMethod(JavaType type, String single, String list, String optional) {
        return type instanceof ClassType ? single : type instanceof JavaType.ListOf ? list : optional;
    }

    /** The iterator a method returns, over the handle in {@code result$} (docs/ABI.md, "Iterators"). */
    private CodeBlock iterator(Export export, JavaType.IteratorOf iterator) {
        CodeBlock of = CodeBlock.of(
                "$T.of(call$$, (int) result$$, $N, $N, $S, $L)",
                RuntimeNames.RUST_ITERATOR,
                iterNext.constant(),
                iterDrop.constant(),
                export.describe(),
                values.itemReader(iterator.item(), "call$"));
        return iterator.form() == JavaType.IteratorForm.STREAM ? CodeBlock.of("$L.stream()", of) : of;
    }

    private static String what(Parameter parameter, Export export) {
        return "argument '" + parameter.name() + "' of " + export.describe();
    }

    /** The nested class that implements a {@code @WasmClass} interface over handles. */
    private TypeSpec classImplementation(ClassBinding binding) {
        ClassType type = binding.type();
        String name = implementations.get(type.name());
        TypeSpec.Builder implementation = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .superclass(RuntimeNames.RUST_OBJECT)
                .addSuperinterface(type.name())
                .addJavadoc("A Rust {@code $L} in Wasm memory, used through its handle.\n", type.rustName());
        for (Export method : binding.methods()) {
            implementation.addMethod(
                    callMethod(method, CodeBlock.of("enter($S)", method.describe()), method.receiver()));
        }
        implementation.addMethod(MethodSpec.constructorBuilder()
                .addParameter(CALL_BOUNDARY, "owner")
                .addParameter(TypeName.INT, "pointer")
                .addStatement("super(owner, pointer, $N, $S)", drops.get(name).constant(), type.rustName())
                .build());
        if (lentClasses().contains(type.name())) {
            implementation.addMethod(MethodSpec.constructorBuilder()
                    .addJavadoc("A view of a value that Rust lends to {@code lentTo} for one call.\n")
                    .addParameter(CALL_BOUNDARY, "owner")
                    .addParameter(TypeName.INT, "pointer")
                    .addParameter(String.class, "lentTo")
                    .addStatement("super(owner, pointer, $S, lentTo)", type.rustName())
                    .build());
        }
        return implementation.build();
    }

    /** The classes whose objects Rust lends to an import or a callback: they need a view constructor. */
    private java.util.Set<ClassName> lentClasses() {
        java.util.Set<ClassName> lent = new java.util.HashSet<>();
        for (ImportsInterface imports : model.imports()) {
            for (Import imported : imports.methods()) {
                for (Parameter parameter : imported.parameters()) {
                    if (parameter.passing() == Passing.BORROW) {
                        lent.add(((ClassType) parameter.type()).name());
                    }
                }
            }
        }
        for (Export export : allExports) {
            for (Parameter parameter : export.parameters()) {
                if (parameter.type() instanceof JavaType.CallbackType callback) {
                    for (int i = 0; i < callback.parameters().size(); i++) {
                        if (callback.lent().get(i)) {
                            lent.add(((ClassType) callback.parameters().get(i)).name());
                        }
                    }
                }
            }
        }
        return lent;
    }
}
