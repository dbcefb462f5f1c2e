package dev.wasmbridge.processor;

import com.dylibso.chicory.wasm.ChicoryException;
import com.palantir.javapoet.ClassName;
import dev.wasmbridge.processor.BindingModel.ClassBinding;
import dev.wasmbridge.processor.BindingModel.ErrorConversion;
import dev.wasmbridge.processor.BindingModel.Export;
import dev.wasmbridge.processor.BindingModel.Import;
import dev.wasmbridge.processor.BindingModel.ImportsInterface;
import dev.wasmbridge.processor.BindingModel.ModuleFile;
import dev.wasmbridge.processor.BindingModel.Parameter;
import dev.wasmbridge.processor.BindingModel.Passing;
import dev.wasmbridge.processor.JavaType.ClassType;
import dev.wasmbridge.processor.RustSignatures.RustFunction;
import dev.wasmbridge.processor.RustSignatures.RustParameter;
import dev.wasmbridge.processor.TypeMatcher.Position;
import dev.wasmbridge.processor.WasmModuleInfo.FunctionImportInfo;
import dev.wasmbridge.wasmeh.FuelMeter;
import dev.wasmbridge.wasmeh.FunctionSplitter;
import dev.wasmbridge.wasmeh.LegacyEh;
import dev.wasmbridge.wasmeh.MalformedWasmException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks a {@code @WasmModule} interface, its imports interfaces and the real {@code .wasm} against each
 * other, reporting every problem on the element it is about, and builds the {@link BindingModel} when
 * there is none.
 */
final class BindingValidator {
    static final String WASM_MODULE = "dev.wasmbridge.annotations.WasmModule";
    static final String WASM_EXPORT = "dev.wasmbridge.annotations.WasmExport";
    static final String WASM_IMPORT = "dev.wasmbridge.annotations.WasmImport";
    /** Methods of this interface are implemented by every binding class, not bound to exports. */
    static final String WASM_BINDINGS = RuntimeNames.WASM_BINDINGS.canonicalName();
    /** Interfaces whose methods the generated classes implement themselves. */
    private static final List<String> BOUND_ELSEWHERE =
            List.of(WASM_BINDINGS, TypeResolver.WASM_OBJECT, "java.lang.AutoCloseable");

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final WasmFileLocator locator;

    BindingValidator(Elements elements, Diagnostics diagnostics, WasmFileLocator locator) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.locator = locator;
    }

    /** The model of {@code element}'s binding, or empty when an error was reported. */
    Optional<BindingModel> validate(TypeElement element) {
        AnnotationMirror annotation =
                TypeResolver.annotation(element, WASM_MODULE).orElseThrow();
        String resource = (String) value(annotation, "value").orElseThrow().getValue();
        diagnostics.enterModule(element, resource);
        try {
            return validate(element, annotation, resource);
        } finally {
            diagnostics.exitModule();
        }
    }

    private Optional<BindingModel> validate(TypeElement element, AnnotationMirror annotation, String resource) {
        int errorsBefore = diagnostics.errorCount();
        ClassName generated = generatedName(element);
        if (!checkInterface(element, generated)) {
            return Optional.empty();
        }
        boolean fuel =
                value(annotation, "fuel").map(v -> (Boolean) v.getValue()).orElse(false);
        Optional<CheckedModule> module = readModule(element, resource, fuel);
        if (module.isEmpty()) {
            return Optional.empty();
        }
        Context context = new Context(
                resource,
                module.get().info(),
                module.get().signatures(),
                new TypeResolver(diagnostics, resource, module.get().signatures()));
        List<Export> exports = new ArrayList<>();
        for (ExecutableElement method : abstractMethods(element)) {
            exportOf(method, null, context).ifPresent(exports::add);
        }
        List<ClassBinding> classes = new ArrayList<>();
        java.util.Set<ClassType> boundClasses = new java.util.HashSet<>();
        bindClasses(context, boundClasses, classes);
        List<ImportsInterface> imports = imports(element, annotation, context);
        // the classes only imports take (objects Rust gives or lends to Java), which the exports never met
        bindClasses(context, boundClasses, classes);
        if (context.firstMemoryUser != null) {
            checkSliceSupport(context.firstMemoryUser, resource, context.wasm);
        }
        if (context.firstIterator != null) {
            checkIteratorSupport(context.firstIterator, resource, context.wasm);
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        List<String> declarations = context.signatures == null ? List.of() : context.signatures.consultedLines();
        return Optional.of(new BindingModel(
                ClassName.get(element), generated, module.get().file(), exports, classes, imports, declarations));
    }

    /** What validating one module's bindings needs at every step. */
    private static final class Context {
        final String resource;
        final WasmModuleInfo wasm;
        /** Null when the module has no signatures section. */
        final RustSignatures signatures;

        final TypeResolver types;
        final Map<String, ExecutableElement> byExportName = new LinkedHashMap<>();
        ExecutableElement firstMemoryUser;
        /** The first method that returns a Rust iterator, which needs the support crate's iterator exports. */
        ExecutableElement firstIterator;

        Context(String resource, WasmModuleInfo wasm, RustSignatures signatures, TypeResolver types) {
            this.resource = resource;
            this.wasm = wasm;
            this.signatures = signatures;
            this.types = types;
        }

        String noSignatures(String exportName) {
            return signatures == null
                    ? "has no wasmbridge.signatures section"
                    : "records no Rust types for '" + exportName + "'";
        }
    }

    /** {@code GreeterBindings} for {@code Greeter}, {@code Outer_GreeterBindings} for a nested one. */
    static ClassName generatedName(TypeElement element) {
        ClassName name = ClassName.get(element);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Bindings");
    }

    private boolean checkInterface(TypeElement element, ClassName generated) {
        if (element.getKind() != ElementKind.INTERFACE) {
            diagnostics.report(
                    element,
                    Message.MODULE_NOT_INTERFACE,
                    element.getSimpleName(),
                    element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
            return false;
        }
        boolean ok = true;
        if (!element.getTypeParameters().isEmpty()) {
            diagnostics.report(element, Message.MODULE_GENERIC, element.getSimpleName());
            ok = false;
        }
        if (element.getModifiers().contains(Modifier.PRIVATE)) {
            diagnostics.report(element, Message.MODULE_PRIVATE, element.getSimpleName(), generated.simpleName());
            ok = false;
        }
        return ok;
    }

    /** A module read and parsed, in the form Chicory runs. */
    private record CheckedModule(ModuleFile file, WasmModuleInfo info, RustSignatures signatures) {}

    private Optional<CheckedModule> readModule(TypeElement element, String resource, boolean fuel) {
        Optional<WasmFileLocator.Found> found;
        try {
            found = locator.find(resource);
        } catch (IOException e) {
            diagnostics.report(element, Message.MODULE_UNREADABLE, resource, locator.searched(), e);
            return Optional.empty();
        }
        if (found.isEmpty()) {
            diagnostics.report(element, Message.MODULE_NOT_FOUND, resource, locator.searched(), resource);
            return Optional.empty();
        }
        byte[] original = found.get().bytes();
        byte[] runnable;
        WasmModuleInfo info;
        try {
            // the form Chicory runs: exnref, instrumented for fuel when asked, and no function too big for
            // HotSpot's JIT (the runtime does the same); instrumented first, so the split sees the final code
            byte[] exnref = LegacyEh.translate(original);
            runnable = FunctionSplitter.split(fuel ? FuelMeter.instrument(exnref) : exnref);
            info = WasmModuleInfo.parse(runnable);
        } catch (MalformedWasmException | ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            diagnostics.report(element, Message.MODULE_INVALID, found.get().where(), e.getMessage());
            return Optional.empty();
        }
        String expected = Integer.toString(AbiVersion.VERSION);
        if (info.abiVersion().isPresent() && !info.abiVersion().get().equals(expected)) {
            diagnostics.report(
                    element,
                    Message.ABI_VERSION_MISMATCH,
                    resource,
                    info.abiVersion().get(),
                    expected);
            return Optional.empty();
        }
        RustSignatures signatures = null;
        if (info.signaturesSection().isPresent()) {
            try {
                signatures = RustSignatures.parse(info.signaturesSection().get());
            } catch (IllegalArgumentException e) {
                diagnostics.report(element, Message.MODULE_INVALID, found.get().where(), e.getMessage());
                return Optional.empty();
            }
        }
        ModuleFile file = new ModuleFile(
                resource, Digests.sha256(original), found.get().where(), runnable, runnable != original, fuel);
        return Optional.of(new CheckedModule(file, info, signatures));
    }

    /**
     * Checks a {@code @WasmExport} method against its export.
     *
     * @param owner the class whose method it is, or null for a method of the module interface
     */
    private Optional<Export> exportOf(ExecutableElement method, ClassType owner, Context context) {
        diagnostics.checks(method);
        Optional<AnnotationMirror> annotation = TypeResolver.annotation(method, WASM_EXPORT);
        if (annotation.isEmpty()) {
            diagnostics.report(method, Message.METHOD_NOT_ANNOTATED, describe(method));
            return Optional.empty();
        }
        Optional<String> exportName = explicitName(method, annotation.get(), "name", "@WasmExport");
        if (exportName.isEmpty()) {
            return Optional.empty();
        }
        String rustName = exportName.get().isEmpty()
                ? Names.snakeCase(method.getSimpleName().toString())
                : exportName.get();
        String name = owner == null || rustName.contains("::") ? rustName : owner.rustName() + "::" + rustName;
        Optional<Signature> signature = signature(method, true, context.types);
        if (signature.isEmpty()) {
            return Optional.empty();
        }
        ExecutableElement duplicate = context.byExportName.putIfAbsent(name, method);
        if (duplicate != null) {
            diagnostics.report(method, Message.DUPLICATE_EXPORT, describe(duplicate), describe(method), name);
            return Optional.empty();
        }
        if (name.startsWith(AbiVersion.RESERVED_PREFIX)) {
            diagnostics.report(method, Message.RESERVED_NAME, name);
            return Optional.empty();
        }
        Optional<String> actual = context.wasm.exportSignature(name);
        Signature sig = signature.get();
        if (actual.isEmpty()) {
            reportMissingExport(method, owner, name, sig, context);
            return Optional.empty();
        }
        Optional<RustFunction> rust = context.signatures == null ? Optional.empty() : context.signatures.function(name);
        Optional<Export> export = rust.isPresent()
                ? checkAgainstRust(method, owner, name, sig, rust.get(), context)
                : checkWithoutRust(method, owner, name, sig, context);
        if (export.isEmpty()) {
            return Optional.empty();
        }
        if (!actual.get().equals(export.get().wasmSignature())) {
            diagnostics.report(
                    method,
                    Message.EXPORT_SIGNATURE_MISMATCH,
                    describe(method),
                    name,
                    context.resource,
                    actual.get(),
                    export.get().wasmSignature(),
                    sig.java());
            return Optional.empty();
        }
        if (sig.usesMemory() && context.firstMemoryUser == null) {
            context.firstMemoryUser = method;
        }
        return export;
    }

    /**
     * Reports that the module has no export {@code name}: WB217 or WB218 when it has the function in another
     * place (a method of a Rust class declared on the module interface or on another class, a function of
     * the module declared on a class), WB205 with the closest name otherwise.
     */
    private void reportMissingExport(
            ExecutableElement method, ClassType owner, String name, Signature sig, Context context) {
        Optional<String> elsewhere = owner == null && name.contains("::")
                ? Optional.empty() // an explicit Type::function on the module interface: only its spelling is wrong
                : Names.elsewhere(name, context.wasm.exportNames());
        Optional<RustFunction> rust =
                elsewhere.flatMap(e -> context.signatures == null ? Optional.empty() : context.signatures.function(e));
        if (rust.isPresent()) {
            String found = elsewhere.get();
            String javaName = method.getSimpleName().toString();
            String rustClass = Names.typeOf(found).orElse(null);
            boolean hasSelf = !rust.get().parameters().isEmpty()
                    && rust.get().parameters().get(0).name().equals("self");
            if (rustClass != null && hasSelf) {
                String member = Names.member(found);
                String annotation = member.equals(Names.snakeCase(javaName))
                        ? "@WasmExport"
                        : "@WasmExport(name = \"" + member + "\")";
                diagnostics.report(
                        method,
                        Message.EXPORT_IS_CLASS_METHOD,
                        describe(method),
                        name,
                        context.resource,
                        found,
                        rustClass,
                        rustClass,
                        annotation + " " + declaration(method, sig, rustClass));
                return;
            }
            if (owner != null) { // a function without self, declared on a class
                String annotation = found.equals(Names.snakeCase(javaName))
                        ? "@WasmExport"
                        : "@WasmExport(name = \"" + found + "\")";
                diagnostics.report(
                        method,
                        Message.EXPORT_IS_FUNCTION,
                        describe(method),
                        name,
                        context.resource,
                        found,
                        owner.rustName(),
                        annotation + " " + sig.result().spelling() + " " + javaName + "(...)");
                return;
            }
        }
        // an associated function (Type::new) on the module interface is in the right place, under another name
        String hint = elsewhere
                .map(e -> " Did you mean '" + e + "'?")
                .orElseGet(() -> Names.suggestion(name, context.wasm.exportNames()));
        diagnostics.report(method, Message.EXPORT_NOT_FOUND, describe(method), name, context.resource, hint);
    }

    /**
     * The Java declaration of {@code method} as a method of {@code rustClass}: without a first parameter of
     * that class, which is the receiver there ({@code long get()} for {@code long get(Counter c)}).
     */
    private static String declaration(ExecutableElement method, Signature sig, String rustClass) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (!sig.parameters().isEmpty()
                && sig.parameters().get(0).type() instanceof ClassType receiver
                && receiver.rustName().equals(rustClass)) {
            parameters = parameters.subList(1, parameters.size());
        }
        return simpleType(method.getReturnType()) + " " + method.getSimpleName()
                + parameters.stream()
                        .map(p -> simpleType(p.asType()) + " " + p.getSimpleName())
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Matches each Java type with the Rust type the signatures section records. */
    private Optional<Export> checkAgainstRust(
            ExecutableElement method, ClassType owner, String name, Signature sig, RustFunction rust, Context context) {
        String declaration = rust.describe("fn");
        List<RustParameter> rustParameters = rust.parameters();
        Passing receiver = null;
        if (owner != null) {
            Optional<Passing> self = receiver(rust, owner);
            if (self.isEmpty()) {
                diagnostics.report(
                        method,
                        Message.NOT_A_METHOD,
                        describe(method),
                        name,
                        name,
                        sig.java().substring(sig.java().indexOf("-> ") + 3) + " " + method.getSimpleName() + "(...)");
                return Optional.empty();
            }
            receiver = self.get();
            rustParameters = rustParameters.subList(1, rustParameters.size());
        }
        if (!sameArity(method, sig, declaration, rustParameters.size())) {
            return Optional.empty();
        }
        boolean ok = true;
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < rustParameters.size(); i++) {
            Parameter parameter = sig.parameters().get(i);
            RustType rustType = rustParameters.get(i).type();
            if (!sameType(
                    method.getParameters().get(i),
                    "Parameter '" + parameter.name() + "' of " + describe(method),
                    parameter.type(),
                    rustType,
                    declaration,
                    Position.EXPORT_PARAMETER)) {
                ok = false;
                continue;
            }
            parameters.add(new Parameter(
                    parameter.name(), lending(parameter.type(), rustType), passing(parameter.type(), rustType)));
        }
        RustType rustResult = rust.result();
        boolean fallible = rustResult instanceof RustType.ResultOf
                || rustResult instanceof RustType.FutureOf f && f.value() instanceof RustType.ResultOf;
        if (rustResult instanceof RustType.ResultOf result) {
            rustResult = result.value();
        }
        ok &= sameType(
                method,
                "The result of " + describe(method),
                sig.result(),
                rustResult,
                declaration,
                Position.EXPORT_RESULT);
        if (ok && sig.result() instanceof JavaType.IteratorOf && context.firstIterator == null) {
            context.firstIterator = method;
        }
        ErrorConversion error = fallible ? errorConversion(method) : null;
        if (!ok || fallible && error == NO_CONVERSION) {
            return Optional.empty();
        }
        return Optional.of(new Export(
                declaringType(method, owner),
                method.getSimpleName().toString(),
                name,
                parameters,
                sig.result(),
                receiver,
                fallible,
                error));
    }

    /** Without Rust types only the types of ABI version 1 can be checked (at the Wasm level). */
    private Optional<Export> checkWithoutRust(
            ExecutableElement method, ClassType owner, String name, Signature sig, Context context) {
        List<JavaType> types = new ArrayList<>();
        sig.parameters().forEach(p -> types.add(p.type()));
        types.add(sig.result());
        Optional<JavaType> newer = types.stream().filter(t -> !t.inFirstAbi()).findFirst();
        if (owner != null || newer.isPresent()) {
            String what = owner != null
                    ? "methods of the Rust class " + owner.rustName()
                    : newer.get().spelling();
            diagnostics.report(
                    method,
                    Message.NEEDS_SIGNATURES,
                    describe(method),
                    what,
                    context.resource,
                    context.noSignatures(name));
            return Optional.empty();
        }
        return Optional.of(new Export(
                declaringType(method, null),
                method.getSimpleName().toString(),
                name,
                sig.parameters(),
                sig.result(),
                null,
                false,
                null));
    }

    /**
     * How Rust takes a parameter of type {@code rust}: a Rust object, alone or in a {@code Vec} or {@code
     * Option}, is borrowed ({@code &T}, {@code &mut T}) or moved ({@code T}) by an export, and lent or given to
     * an import (docs/ABI.md, "Classes"); any other value is {@link Passing#VALUE}.
     */
    private static Passing passing(JavaType java, RustType rust) {
        boolean objects = java instanceof ClassType
                || java instanceof JavaType.ListOf l && l.element() instanceof ClassType
                || java instanceof JavaType.OptionalOf o && o.value() instanceof ClassType;
        if (!objects) {
            return Passing.VALUE;
        }
        RustType object =
                rust instanceof RustType.VecOf v ? v.element() : rust instanceof RustType.OptionOf o ? o.value() : rust;
        return object instanceof RustType.Borrowed ? Passing.BORROW : Passing.MOVE;
    }

    /** A callback as the Rust function it is passed to sees it: which Rust objects it lends; else {@code java}. */
    private static JavaType lending(JavaType java, RustType rust) {
        if (java instanceof JavaType.CallbackType c && rust instanceof RustType.FnOf f) {
            List<Boolean> lent = new ArrayList<>();
            f.parameters().forEach(p -> lent.add(p instanceof RustType.Borrowed));
            return c.lending(lent, f.stored());
        }
        return java;
    }

    /** How the receiver {@code self} of a class method is passed; empty when the function has none. */
    private static Optional<Passing> receiver(RustFunction rust, ClassType owner) {
        if (rust.parameters().isEmpty() || !rust.parameters().get(0).name().equals("self")) {
            return Optional.empty();
        }
        RustType self = rust.parameters().get(0).type();
        if (self instanceof RustType.Named n && n.name().equals(owner.rustName())) {
            return Optional.of(Passing.MOVE);
        }
        if (self instanceof RustType.Borrowed b && b.name().equals(owner.rustName())) {
            return Optional.of(Passing.BORROW);
        }
        return Optional.empty();
    }

    private static String declaringType(ExecutableElement method, ClassType owner) {
        return owner != null
                ? owner.name().simpleName()
                : method.getEnclosingElement().getSimpleName().toString();
    }

    /** Marks a reported problem with the declared exception. */
    private static final ErrorConversion NO_CONVERSION = new ErrorConversion(ClassName.OBJECT, false);

    /** Exceptions that are already what a Rust error throws, so declaring them asks for no conversion. */
    private static final List<String> NOT_CONVERTED = List.of(
            RuntimeNames.RUST_ERROR_EXCEPTION.canonicalName(),
            RuntimeNames.WASM_BRIDGE_EXCEPTION.canonicalName(),
            "java.lang.RuntimeException",
            "java.lang.Exception",
            "java.lang.Throwable");

    /** The exception the method declares for a Rust error, or null for RustErrorException. */
    private ErrorConversion errorConversion(ExecutableElement method) {
        for (TypeMirror thrown : method.getThrownTypes()) {
            TypeElement type = (TypeElement) ((DeclaredType) thrown).asElement();
            if (NOT_CONVERTED.contains(type.getQualifiedName().toString())) {
                continue;
            }
            boolean withCause = false;
            boolean withMessage = false;
            if (!type.getModifiers().contains(Modifier.ABSTRACT)) {
                for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
                    if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
                        continue;
                    }
                    List<String> parameters = constructor.getParameters().stream()
                            .map(p -> p.asType().toString())
                            .collect(Collectors.toList());
                    withCause |= parameters.equals(List.of("java.lang.String", "java.lang.Throwable"));
                    withMessage |= parameters.equals(List.of("java.lang.String"));
                }
            }
            if (!withCause && !withMessage) {
                diagnostics.report(
                        method,
                        Message.ERROR_CONSTRUCTOR,
                        describe(method),
                        type.getSimpleName(),
                        type.getSimpleName());
                return NO_CONVERSION;
            }
            return new ErrorConversion(ClassName.get(type), withCause);
        }
        return null;
    }

    /**
     * Adds to {@code classes} the {@code @WasmClass} interfaces met so far and not in {@code done}, each with its
     * methods checked.
     */
    private void bindClasses(Context context, java.util.Set<ClassType> done, List<ClassBinding> classes) {
        boolean more = true;
        while (more) { // class methods may use further classes
            more = false;
            for (Map.Entry<ClassType, TypeElement> entry :
                    context.types.classes().entrySet()) {
                if (!done.add(entry.getKey())) {
                    continue;
                }
                more = true;
                String drop = entry.getKey().rustName() + AbiVersion.DROP_SUFFIX;
                Optional<String> dropSignature = context.wasm.exportSignature(drop);
                if (dropSignature.isEmpty() || !dropSignature.get().equals("(i32) -> ()")) {
                    diagnostics.report(
                            entry.getValue(),
                            Message.CLASS_NOT_IN_MODULE,
                            entry.getKey().name().simpleName(),
                            entry.getKey().rustName(),
                            context.resource,
                            " (It has no export " + drop + " (i32) -> ().)");
                    continue; // its methods could not be bound either: one error, on the class
                }
                List<Export> methods = new ArrayList<>();
                for (ExecutableElement method : abstractMethods(entry.getValue())) {
                    exportOf(method, entry.getKey(), context).ifPresent(methods::add);
                }
                classes.add(new ClassBinding(entry.getKey(), methods));
            }
        }
    }

    private void checkSliceSupport(ExecutableElement user, String resource, WasmModuleInfo wasm) {
        if (!wasm.hasMemory()) {
            diagnostics.report(user, Message.MISSING_MEMORY, describe(user), resource);
            return;
        }
        List<String> problems = new ArrayList<>();
        allocatorProblem(wasm, WasmModuleInfo.MALLOC, WasmModuleInfo.MALLOC_SIGNATURE)
                .ifPresent(problems::add);
        allocatorProblem(wasm, WasmModuleInfo.FREE, WasmModuleInfo.FREE_SIGNATURE)
                .ifPresent(problems::add);
        if (!problems.isEmpty()) {
            diagnostics.report(
                    user,
                    Message.MISSING_ALLOCATOR,
                    describe(user),
                    resource,
                    WasmModuleInfo.MALLOC,
                    WasmModuleInfo.FREE,
                    String.join(" and ", problems));
        }
    }

    /** The exports of docs/ABI.md, "Iterators", that a method returning a Rust iterator needs. */
    private void checkIteratorSupport(ExecutableElement user, String resource, WasmModuleInfo wasm) {
        List<String> problems = new ArrayList<>();
        allocatorProblem(wasm, AbiVersion.ITER_NEXT, ITER_NEXT_SIGNATURE).ifPresent(problems::add);
        allocatorProblem(wasm, AbiVersion.ITER_DROP, ITER_DROP_SIGNATURE).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            diagnostics.report(
                    user, Message.ITERATOR_EXPORTS_MISSING, describe(user), resource, String.join(" and ", problems));
        }
    }

    /** The Wasm signature of {@value AbiVersion#ITER_NEXT}. */
    static final String ITER_NEXT_SIGNATURE = "(i32, i32) -> i64";

    /** The Wasm signature of {@value AbiVersion#ITER_DROP}. */
    static final String ITER_DROP_SIGNATURE = "(i32) -> ()";

    private static Optional<String> allocatorProblem(WasmModuleInfo wasm, String name, String signature) {
        Optional<String> actual = wasm.exportSignature(name);
        if (actual.isEmpty()) {
            return Optional.of(name + " is missing");
        }
        return actual.get().equals(signature)
                ? Optional.empty()
                : Optional.of(name + " has signature " + actual.get() + " instead of " + signature);
    }

    private List<ImportsInterface> imports(TypeElement element, AnnotationMirror annotation, Context context) {
        String resource = context.resource;
        WasmModuleInfo wasm = context.wasm;
        List<ImportsInterface> interfaces = new ArrayList<>();
        Map<String, ExecutableElement> provided = new LinkedHashMap<>();
        Map<String, FunctionImportInfo> needed = new LinkedHashMap<>();
        for (FunctionImportInfo wanted : wasm.functionImports()) {
            if (wanted.module().equals(SupportImports.MODULE)) {
                checkSupportImport(element, resource, wanted);
            } else if (wanted.module().equals(WasiImports.MODULE)) {
                checkWasiImport(element, resource, wanted);
            } else {
                needed.put(wanted.describe(), wanted);
            }
        }
        List<String> seen = new ArrayList<>();
        for (TypeElement type : importInterfaces(annotation)) {
            String qualified = type.getQualifiedName().toString();
            if (type.getKind() != ElementKind.INTERFACE) {
                diagnostics.report(element, Message.IMPORTS_NOT_INTERFACE, qualified);
                continue;
            }
            if (seen.contains(qualified)) {
                diagnostics.report(element, Message.IMPORTS_LISTED_TWICE, qualified);
                continue;
            }
            seen.add(qualified);
            List<Import> methods = new ArrayList<>();
            for (ExecutableElement method : abstractMethods(type)) {
                importOf(method, context, needed, provided).ifPresent(methods::add);
            }
            String simple = type.getSimpleName().toString();
            interfaces.add(new ImportsInterface(
                    ClassName.get(type), Character.toLowerCase(simple.charAt(0)) + simple.substring(1), methods));
        }
        for (FunctionImportInfo missing : needed.values()) {
            if (!provided.containsKey(missing.describe())) {
                diagnostics.report(
                        element,
                        Message.IMPORT_MISSING,
                        resource,
                        missing.describe(),
                        missing.signature(),
                        missing.module(),
                        missing.name(),
                        javaSketch(missing));
            }
        }
        for (String other : wasm.otherImports()) {
            diagnostics.report(element, Message.IMPORT_UNSUPPORTED_KIND, resource, "the", other);
        }
        return interfaces;
    }

    /** The runtime provides the support crate's imports; a wrong one means a mismatched support crate. */
    private void checkSupportImport(TypeElement element, String resource, FunctionImportInfo wanted) {
        Optional<String> expected = SupportImports.signature(wanted.name());
        if (expected.isEmpty() || !expected.get().equals(wanted.signature())) {
            diagnostics.report(
                    element, Message.SUPPORT_IMPORT_UNKNOWN, resource, wanted.describe(), wanted.signature());
        }
    }

    /** The runtime provides WASI preview 1; anything else from its module is not something it can run. */
    private void checkWasiImport(TypeElement element, String resource, FunctionImportInfo wanted) {
        Optional<String> expected = WasiImports.signature(wanted.name());
        if (expected.isEmpty() || !expected.get().equals(wanted.signature())) {
            diagnostics.report(
                    element,
                    Message.WASI_IMPORT_UNKNOWN,
                    resource,
                    wanted.describe(),
                    wanted.signature(),
                    expected.map(s -> " (preview 1's " + wanted.name() + " is " + s + ")")
                            .orElse(""));
        }
    }

    private Optional<Import> importOf(
            ExecutableElement method,
            Context context,
            Map<String, FunctionImportInfo> needed,
            Map<String, ExecutableElement> provided) {
        diagnostics.checks(method);
        String resource = context.resource;
        Optional<AnnotationMirror> annotation = TypeResolver.annotation(method, WASM_IMPORT);
        if (annotation.isEmpty()) {
            diagnostics.report(method, Message.IMPORT_NOT_ANNOTATED, describe(method));
            return Optional.empty();
        }
        Optional<String> moduleName = explicitName(method, annotation.get(), "module", "@WasmImport(module)");
        Optional<String> fieldName = explicitName(method, annotation.get(), "name", "@WasmImport(name)");
        if (moduleName.isEmpty() || fieldName.isEmpty()) {
            return Optional.empty();
        }
        String module = moduleName.get().isEmpty() ? "env" : moduleName.get();
        if (module.equals(WasiImports.MODULE)) {
            diagnostics.report(method, Message.WASI_IMPORT_DECLARED, describe(method));
            return Optional.empty();
        }
        String name = fieldName.get().isEmpty()
                ? Names.snakeCase(method.getSimpleName().toString())
                : fieldName.get();
        String key = module + "." + name;
        // provided even if its types are wrong: the import is not missing (WB306), the method is wrong
        ExecutableElement duplicate = provided.putIfAbsent(key, method);
        if (duplicate != null) {
            diagnostics.report(method, Message.DUPLICATE_IMPORT, describe(duplicate), describe(method), key);
            return Optional.empty();
        }
        Optional<Signature> signature = signature(method, false, context.types);
        if (signature.isEmpty()) {
            return Optional.empty();
        }
        FunctionImportInfo wanted = needed.get(key);
        if (wanted == null) {
            List<String> candidates =
                    needed.values().stream().map(FunctionImportInfo::describe).collect(Collectors.toList());
            diagnostics.report(
                    method,
                    Message.IMPORT_NOT_NEEDED,
                    describe(method),
                    key,
                    resource,
                    Names.suggestion(key, candidates));
            return Optional.empty();
        }
        Signature sig = signature.get();
        Optional<RustFunction> rust =
                context.signatures == null ? Optional.empty() : context.signatures.imported(module, name);
        List<Parameter> parameters = sig.parameters();
        if (rust.isPresent()) {
            if (!importMatchesRust(method, sig, rust.get())) {
                return Optional.empty();
            }
            parameters = new ArrayList<>();
            for (int i = 0; i < sig.parameters().size(); i++) {
                Parameter parameter = sig.parameters().get(i);
                RustType rustType = rust.get().parameters().get(i).type();
                parameters.add(new Parameter(parameter.name(), parameter.type(), passing(parameter.type(), rustType)));
            }
        } else {
            Optional<Parameter> newer = sig.parameters().stream()
                    .filter(p -> !p.type().inFirstAbi())
                    .findFirst();
            if (newer.isPresent() || !sig.result().inFirstAbi()) {
                diagnostics.report(
                        method,
                        Message.NEEDS_SIGNATURES,
                        describe(method),
                        newer.map(p -> p.type().spelling()).orElse(sig.result().spelling()),
                        resource,
                        context.noSignatures(key));
                return Optional.empty();
            }
        }
        if (!wanted.signature().equals(sig.wasm())) {
            diagnostics.report(
                    method,
                    Message.IMPORT_SIGNATURE_MISMATCH,
                    describe(method),
                    key,
                    resource,
                    wanted.signature(),
                    sig.wasm(),
                    sig.java());
            return Optional.empty();
        }
        if (sig.usesMemory() && context.firstMemoryUser == null) {
            context.firstMemoryUser = method;
        }
        return Optional.of(new Import(method.getSimpleName().toString(), module, name, parameters, sig.result()));
    }

    private boolean importMatchesRust(ExecutableElement method, Signature sig, RustFunction rust) {
        String declaration = rust.describe("import");
        if (!sameArity(method, sig, declaration, rust.parameters().size())) {
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < sig.parameters().size(); i++) {
            Parameter parameter = sig.parameters().get(i);
            ok &= sameType(
                    method.getParameters().get(i),
                    "Parameter '" + parameter.name() + "' of " + describe(method),
                    parameter.type(),
                    rust.parameters().get(i).type(),
                    declaration,
                    Position.IMPORT_PARAMETER);
        }
        return ok
                & sameType(
                        method,
                        "The result of " + describe(method),
                        sig.result(),
                        rust.result(),
                        declaration,
                        Position.IMPORT_RESULT);
    }

    /** Whether the Java method has as many parameters as the Rust function; reports WB213 if not. */
    private boolean sameArity(ExecutableElement method, Signature sig, String declaration, int rustCount) {
        if (rustCount == sig.parameters().size()) {
            return true;
        }
        diagnostics.report(
                method,
                Message.ARITY_MISMATCH,
                describe(method),
                sig.parameters().size(),
                declaration,
                rustCount);
        return false;
    }

    /**
     * Whether {@code java} is {@code rust} at {@code position}; reports WB212 on {@code site} if not.
     *
     * @param what the value, as the message starts: {@code "Parameter 'x' of Api.f(int)"}
     */
    private boolean sameType(
            Element site, String what, JavaType java, RustType rust, String declaration, Position position) {
        if (TypeMatcher.matches(java, rust, position)) {
            return true;
        }
        if (java instanceof JavaType.FutureOf future
                && rust instanceof RustType.FutureOf rustFuture
                && (position == Position.EXPORT_RESULT || position == Position.IMPORT_RESULT)) {
            RustType value = rustFuture.value() instanceof RustType.ResultOf r && position == Position.EXPORT_RESULT
                    ? r.value()
                    : rustFuture.value();
            String expected = TypeMatcher.javaFor(rust, position);
            diagnostics.report(
                    site,
                    Message.FUTURE_VALUE_MISMATCH,
                    what.replaceFirst("^The result of ", ""),
                    future.value() instanceof JavaType.Void
                            ? "Void"
                            : future.value().spelling(),
                    value.spelling(),
                    declaration,
                    value.spelling(),
                    expected.substring("CompletableFuture<".length(), expected.length() - 1),
                    expected);
            return false;
        }
        if (java instanceof JavaType.IteratorOf iterator
                && rust instanceof RustType.IteratorOf items
                && position == Position.EXPORT_RESULT) {
            String item = TypeMatcher.javaFor(items.item(), Position.NESTED);
            diagnostics.report(
                    site,
                    Message.ITERATOR_ITEM_MISMATCH,
                    what.replaceFirst("^The result of ", ""),
                    iterator.item().spelling(),
                    items.item().spelling(),
                    declaration,
                    items.item().spelling(),
                    item,
                    iterator.form().type.simpleName() + "<" + item + ">");
            return false;
        }
        diagnostics.report(
                site,
                Message.TYPE_MISMATCH,
                what,
                java.spelling(),
                rust.spelling(),
                declaration,
                rust.spelling(),
                TypeMatcher.javaFor(rust, position));
        return false;
    }

    /** A Java method's parameters and result as resolved types, with both spellings for messages. */
    private record Signature(List<Parameter> parameters, JavaType result, String java, String wasm) {
        boolean usesMemory() {
            return result.usesMemory()
                    || parameters.stream().anyMatch(p -> p.type().usesMemory());
        }
    }

    private Optional<Signature> signature(ExecutableElement method, boolean export, TypeResolver types) {
        if (!method.getTypeParameters().isEmpty()) {
            diagnostics.report(method, Message.METHOD_GENERIC, describe(method));
            return Optional.empty();
        }
        boolean ok = true;
        List<Parameter> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            boolean unsigned =
                    TypeResolver.annotation(parameter, TypeResolver.UNSIGNED).isPresent();
            Optional<JavaType> type = types.resolve(parameter.asType(), unsigned, parameter);
            if (type.isEmpty() && types.reported(parameter.asType(), parameter)) {
                ok = false; // reported on the type (or the parameter) already
            } else if (type.isEmpty() || type.get() instanceof JavaType.Void) {
                diagnostics.report(
                        parameter,
                        Message.UNSUPPORTED_PARAMETER,
                        parameter.getSimpleName(),
                        describe(method),
                        simpleType(parameter.asType()),
                        SUPPORTED);
                ok = false;
            } else if (type.get() instanceof JavaType.IteratorOf iterator) {
                diagnostics.report(
                        parameter,
                        Message.ITERATOR_NOT_A_RESULT,
                        "Parameter '" + parameter.getSimpleName() + "' of " + describe(method),
                        iterator.spelling());
                ok = false;
            } else if (type.get() instanceof JavaType.FutureOf future) {
                diagnostics.report(
                        parameter,
                        Message.FUTURE_NOT_A_RESULT,
                        "Parameter '" + parameter.getSimpleName() + "' of " + describe(method),
                        future.spelling());
                ok = false;
            } else {
                parameters.add(new Parameter(parameter.getSimpleName().toString(), type.get(), Passing.VALUE));
            }
        }
        boolean unsigned =
                TypeResolver.annotation(method, TypeResolver.UNSIGNED).isPresent();
        Optional<JavaType> result = types.resolve(method.getReturnType(), unsigned, method);
        if (result.isEmpty() && types.reported(method.getReturnType(), method)) {
            ok = false;
        } else if (result.isEmpty()) {
            diagnostics.report(
                    method,
                    Message.UNSUPPORTED_RESULT,
                    describe(method),
                    simpleType(method.getReturnType()),
                    SUPPORTED);
            ok = false;
        } else if (!export && result.get() instanceof JavaType.IteratorOf iterator) {
            diagnostics.report(
                    method, Message.ITERATOR_NOT_A_RESULT, "The result of " + describe(method), iterator.spelling());
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        String java = parameters.stream().map(p -> p.type().spelling()).collect(Collectors.joining(", ", "(", ")"))
                + " -> " + result.get().spelling();
        return Optional.of(
                new Signature(parameters, result.get(), java, BindingModel.wasmSignature(parameters, result.get())));
    }

    /** The supported types, as listed in messages. */
    static final String SUPPORTED = "int, long, short, byte (each also @Unsigned), float, double, boolean, String,"
            + " byte[], ByteBuffer, short[], int[], long[], float[], double[], Optional<T>, OptionalInt,"
            + " OptionalLong, OptionalDouble, List<T>, @WasmEnum enums and sealed interfaces, @WasmRecord records,"
            + " @WasmCallback and @WasmClass interfaces; results also Iterator<T>, Stream<T> and WasmIterator<T>";

    /** Abstract methods to bind, inherited ones included, minus those every binding class implements. */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
                .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT))
                .filter(m -> !BOUND_ELSEWHERE.contains(((TypeElement) m.getEnclosingElement())
                        .getQualifiedName()
                        .toString()))
                .collect(Collectors.toList());
    }

    /** The value of a name attribute: present and possibly empty (use the default), or reported as blank. */
    private Optional<String> explicitName(
            ExecutableElement method, AnnotationMirror annotation, String attribute, String what) {
        Optional<? extends AnnotationValue> value = value(annotation, attribute);
        if (value.isEmpty()) {
            return Optional.of("");
        }
        String text = (String) value.get().getValue();
        if (text.isBlank()) {
            diagnostics.report(method, Message.EMPTY_NAME, describe(method), what);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private List<TypeElement> importInterfaces(AnnotationMirror annotation) {
        Optional<? extends AnnotationValue> value = value(annotation, "imports");
        if (value.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> classes =
                (List<? extends AnnotationValue>) value.get().getValue();
        List<TypeElement> types = new ArrayList<>();
        for (AnnotationValue entry : classes) {
            types.add((TypeElement) ((DeclaredType) entry.getValue()).asElement());
        }
        return types;
    }

    /** An attribute given explicitly (defaults are not included). */
    private static Optional<? extends AnnotationValue> value(AnnotationMirror annotation, String name) {
        return annotation.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** {@code Greeter.greet(String)}, for messages. */
    static String describe(ExecutableElement method) {
        String parameters = method.getParameters().stream()
                .map(p -> simpleType(p.asType()))
                .collect(Collectors.joining(", ", "(", ")"));
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + parameters;
    }

    /** {@code List<String>} for {@code java.util.List<java.lang.String>}: what the user wrote. */
    static String simpleType(TypeMirror type) {
        return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
    }

    /** A Java declaration that would provide {@code wanted}, for the "missing import" message. */
    private static String javaSketch(FunctionImportInfo wanted) {
        String signature = wanted.signature();
        String params = signature.substring(1, signature.indexOf(')'));
        String result = signature.substring(signature.indexOf("-> ") + 3);
        List<String> javaParams = new ArrayList<>();
        int index = 0;
        for (String param : params.isEmpty() ? new String[0] : params.split(", ")) {
            javaParams.add(javaTypeFor(param) + " arg" + index++);
        }
        String javaResult = result.equals("()") ? "void" : javaTypeFor(result);
        return javaResult + " " + Names.camelCase(wanted.name()) + "(" + String.join(", ", javaParams) + ")";
    }

    private static String javaTypeFor(String wasmType) {
        switch (wasmType) {
            case "i32":
                return "int";
            case "i64":
                return "long /* or String, byte[] */";
            case "f32":
                return "float";
            case "f64":
                return "double";
            default:
                return wasmType;
        }
    }
}
