package dev.wasmbridge.processor;

import com.dylibso.chicory.wasm.ChicoryException;
import com.palantir.javapoet.ClassName;
import dev.wasmbridge.processor.BindingModel.Export;
import dev.wasmbridge.processor.BindingModel.Import;
import dev.wasmbridge.processor.BindingModel.ImportsInterface;
import dev.wasmbridge.processor.BindingModel.Parameter;
import dev.wasmbridge.processor.BindingModel.ModuleFile;
import dev.wasmbridge.processor.WasmModuleInfo.FunctionImportInfo;
import dev.wasmbridge.wasmeh.LegacyEh;
import dev.wasmbridge.wasmeh.MalformedWasmException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    static final String WASM_BINDINGS = "dev.wasmbridge.runtime.WasmBindings";

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
        int errorsBefore = diagnostics.errorCount();
        ClassName generated = generatedName(element);
        if (!checkInterface(element, generated)) {
            return Optional.empty();
        }
        AnnotationMirror annotation = annotation(element, WASM_MODULE).orElseThrow();
        String resource = (String) value(annotation, "value").orElseThrow().getValue();
        Optional<CheckedModule> module = readModule(element, resource);
        if (module.isEmpty()) {
            return Optional.empty();
        }
        WasmModuleInfo wasm = module.get().info();
        List<Export> exports = exports(element, resource, wasm);
        List<ImportsInterface> imports = imports(element, annotation, resource, wasm);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new BindingModel(ClassName.get(element), generated, module.get().file(), exports, imports));
    }

    /** {@code GreeterBindings} for {@code Greeter}, {@code Outer_GreeterBindings} for a nested one. */
    static ClassName generatedName(TypeElement element) {
        ClassName name = ClassName.get(element);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Bindings");
    }

    private boolean checkInterface(TypeElement element, ClassName generated) {
        if (element.getKind() != ElementKind.INTERFACE) {
            diagnostics.error(element, Message.MODULE_NOT_INTERFACE, element.getSimpleName(),
                    element.getKind().toString().toLowerCase().replace('_', ' '));
            return false;
        }
        boolean ok = true;
        if (!element.getTypeParameters().isEmpty()) {
            diagnostics.error(element, Message.MODULE_GENERIC, element.getSimpleName());
            ok = false;
        }
        if (element.getModifiers().contains(Modifier.PRIVATE)) {
            diagnostics.error(element, Message.MODULE_PRIVATE, element.getSimpleName(), generated.simpleName());
            ok = false;
        }
        return ok;
    }

    /** A module read and parsed, in the form Chicory runs. */
    private record CheckedModule(ModuleFile file, WasmModuleInfo info) {}

    private Optional<CheckedModule> readModule(TypeElement element, String resource) {
        Optional<WasmFileLocator.Found> found;
        try {
            found = locator.find(resource);
        } catch (IOException e) {
            diagnostics.error(element, Message.MODULE_UNREADABLE, resource, locator.searched(), e);
            return Optional.empty();
        }
        if (found.isEmpty()) {
            diagnostics.error(element, Message.MODULE_NOT_FOUND, resource, locator.searched(), resource);
            return Optional.empty();
        }
        byte[] original = found.get().bytes();
        byte[] runnable;
        WasmModuleInfo info;
        try {
            runnable = LegacyEh.translate(original);
            info = WasmModuleInfo.parse(runnable);
        } catch (MalformedWasmException | ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            diagnostics.error(element, Message.MODULE_INVALID, found.get().where(), e.getMessage());
            return Optional.empty();
        }
        String expected = Integer.toString(AbiVersion.VERSION);
        if (info.abiVersion().isPresent() && !info.abiVersion().get().equals(expected)) {
            diagnostics.error(element, Message.ABI_VERSION_MISMATCH, resource, info.abiVersion().get(), expected);
            return Optional.empty();
        }
        return Optional.of(new CheckedModule(new ModuleFile(resource, runnable, runnable != original), info));
    }

    private List<Export> exports(TypeElement element, String resource, WasmModuleInfo wasm) {
        List<Export> exports = new ArrayList<>();
        Map<String, ExecutableElement> byExportName = new LinkedHashMap<>();
        ExecutableElement firstSliceUser = null;
        for (ExecutableElement method : abstractMethods(element)) {
            Optional<AnnotationMirror> annotation = annotation(method, WASM_EXPORT);
            if (annotation.isEmpty()) {
                diagnostics.error(method, Message.METHOD_NOT_ANNOTATED, describe(method));
                continue;
            }
            Optional<String> exportName = explicitName(method, annotation.get(), "name", "@WasmExport");
            if (exportName.isEmpty()) {
                continue;
            }
            String name = exportName.get().isEmpty()
                    ? Names.snakeCase(method.getSimpleName().toString())
                    : exportName.get();
            Optional<Signature> signature = signature(method, true);
            if (signature.isEmpty()) {
                continue;
            }
            ExecutableElement duplicate = byExportName.putIfAbsent(name, method);
            if (duplicate != null) {
                diagnostics.error(method, Message.DUPLICATE_EXPORT, describe(duplicate), describe(method), name);
                continue;
            }
            if (name.startsWith(AbiVersion.RESERVED_PREFIX)) {
                diagnostics.error(method, Message.RESERVED_NAME, name);
                continue;
            }
            Signature sig = signature.get();
            Optional<String> actual = wasm.exportSignature(name);
            if (actual.isEmpty()) {
                diagnostics.error(method, Message.EXPORT_NOT_FOUND, describe(method), name, resource,
                        suggestion(name, wasm.exportNames()));
                continue;
            }
            if (!actual.get().equals(sig.wasm())) {
                diagnostics.error(method, Message.EXPORT_SIGNATURE_MISMATCH, describe(method), name, resource,
                        actual.get(), sig.wasm(), sig.java());
                continue;
            }
            if (sig.usesSlices() && firstSliceUser == null) {
                firstSliceUser = method;
            }
            exports.add(new Export(method.getEnclosingElement().getSimpleName().toString(),
                    method.getSimpleName().toString(), name, sig.parameters(), sig.result()));
        }
        if (firstSliceUser != null) {
            checkSliceSupport(firstSliceUser, resource, wasm);
        }
        return exports;
    }

    private void checkSliceSupport(ExecutableElement user, String resource, WasmModuleInfo wasm) {
        if (!wasm.hasMemory()) {
            diagnostics.error(user, Message.MISSING_MEMORY, describe(user), resource);
            return;
        }
        List<String> problems = new ArrayList<>();
        allocatorProblem(wasm, WasmModuleInfo.MALLOC, WasmModuleInfo.MALLOC_SIGNATURE).ifPresent(problems::add);
        allocatorProblem(wasm, WasmModuleInfo.FREE, WasmModuleInfo.FREE_SIGNATURE).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            diagnostics.error(user, Message.MISSING_ALLOCATOR, describe(user), resource, WasmModuleInfo.MALLOC,
                    WasmModuleInfo.FREE, String.join(" and ", problems));
        }
    }

    private static Optional<String> allocatorProblem(WasmModuleInfo wasm, String name, String signature) {
        Optional<String> actual = wasm.exportSignature(name);
        if (actual.isEmpty()) {
            return Optional.of(name + " is missing");
        }
        return actual.get().equals(signature)
                ? Optional.empty()
                : Optional.of(name + " has signature " + actual.get() + " instead of " + signature);
    }

    private List<ImportsInterface> imports(
            TypeElement element, AnnotationMirror annotation, String resource, WasmModuleInfo wasm) {
        List<ImportsInterface> interfaces = new ArrayList<>();
        Map<String, ExecutableElement> provided = new LinkedHashMap<>();
        Map<String, FunctionImportInfo> needed = new LinkedHashMap<>();
        for (FunctionImportInfo wanted : wasm.functionImports()) {
            if (wanted.module().equals(SupportImports.MODULE)) {
                checkSupportImport(element, resource, wanted);
            } else {
                needed.put(wanted.describe(), wanted);
            }
        }
        List<String> seen = new ArrayList<>();
        for (TypeElement type : importInterfaces(annotation)) {
            String qualified = type.getQualifiedName().toString();
            if (type.getKind() != ElementKind.INTERFACE) {
                diagnostics.error(element, Message.IMPORTS_NOT_INTERFACE, qualified);
                continue;
            }
            if (seen.contains(qualified)) {
                diagnostics.error(element, Message.IMPORTS_LISTED_TWICE, qualified);
                continue;
            }
            seen.add(qualified);
            List<Import> methods = new ArrayList<>();
            for (ExecutableElement method : abstractMethods(type)) {
                importOf(method, resource, wasm, needed, provided).ifPresent(methods::add);
            }
            String simple = type.getSimpleName().toString();
            interfaces.add(new ImportsInterface(ClassName.get(type),
                    Character.toLowerCase(simple.charAt(0)) + simple.substring(1), methods));
        }
        for (FunctionImportInfo missing : needed.values()) {
            if (!provided.containsKey(missing.describe())) {
                diagnostics.error(element, Message.IMPORT_MISSING, resource, missing.describe(),
                        missing.signature(), missing.module(), missing.name(), javaSketch(missing));
            }
        }
        for (String other : wasm.otherImports()) {
            diagnostics.error(element, Message.IMPORT_UNSUPPORTED_KIND, resource, "the", other);
        }
        return interfaces;
    }

    /** The runtime provides the support crate's imports; a wrong one means a mismatched support crate. */
    private void checkSupportImport(TypeElement element, String resource, FunctionImportInfo wanted) {
        Optional<String> expected = SupportImports.signature(wanted.name());
        if (expected.isEmpty() || !expected.get().equals(wanted.signature())) {
            diagnostics.error(element, Message.SUPPORT_IMPORT_UNKNOWN, resource, wanted.describe(), wanted.signature());
        }
    }

    private Optional<Import> importOf(
            ExecutableElement method,
            String resource,
            WasmModuleInfo wasm,
            Map<String, FunctionImportInfo> needed,
            Map<String, ExecutableElement> provided) {
        Optional<AnnotationMirror> annotation = annotation(method, WASM_IMPORT);
        if (annotation.isEmpty()) {
            diagnostics.error(method, Message.IMPORT_NOT_ANNOTATED, describe(method));
            return Optional.empty();
        }
        Optional<String> moduleName = explicitName(method, annotation.get(), "module", "@WasmImport(module)");
        Optional<String> fieldName = explicitName(method, annotation.get(), "name", "@WasmImport(name)");
        Optional<Signature> signature = signature(method, false);
        if (moduleName.isEmpty() || fieldName.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        String module = moduleName.get().isEmpty() ? "env" : moduleName.get();
        String name = fieldName.get().isEmpty() ? Names.snakeCase(method.getSimpleName().toString()) : fieldName.get();
        String key = module + "." + name;
        ExecutableElement duplicate = provided.putIfAbsent(key, method);
        if (duplicate != null) {
            diagnostics.error(method, Message.DUPLICATE_IMPORT, describe(duplicate), describe(method), key);
            return Optional.empty();
        }
        FunctionImportInfo wanted = needed.get(key);
        if (wanted == null) {
            List<String> candidates = needed.values().stream().map(FunctionImportInfo::describe)
                    .collect(Collectors.toList());
            diagnostics.warning(method, Message.IMPORT_NOT_NEEDED, describe(method), key, resource,
                    suggestion(key, candidates));
            return Optional.empty();
        }
        Signature sig = signature.get();
        if (!wanted.signature().equals(sig.wasm())) {
            diagnostics.error(method, Message.IMPORT_SIGNATURE_MISMATCH, describe(method), key, resource,
                    wanted.signature(), sig.wasm(), sig.java());
            return Optional.empty();
        }
        return Optional.of(new Import(method.getSimpleName().toString(), module, name, sig.parameters(), sig.result()));
    }

    /** A Java method's parameters and result as wire types, with both spellings for messages. */
    private record Signature(List<Parameter> parameters, WireType result, String java, String wasm) {
        boolean usesSlices() {
            return result.isSlice() || parameters.stream().anyMatch(p -> p.type().isSlice());
        }
    }

    private Optional<Signature> signature(ExecutableElement method, boolean export) {
        if (!method.getTypeParameters().isEmpty()) {
            diagnostics.error(method, Message.METHOD_GENERIC, describe(method));
            return Optional.empty();
        }
        boolean ok = true;
        List<Parameter> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            Optional<WireType> type = WireType.of(parameter.asType());
            if (type.isEmpty() || type.get() == WireType.VOID) {
                diagnostics.error(parameter, Message.UNSUPPORTED_PARAMETER, parameter.getSimpleName(),
                        describe(method), simpleType(parameter.asType()), WireType.supportedParameters());
                ok = false;
            } else {
                parameters.add(new Parameter(parameter.getSimpleName().toString(), type.get()));
            }
        }
        Optional<WireType> result = WireType.of(method.getReturnType());
        if (result.isEmpty()) {
            diagnostics.error(method, Message.UNSUPPORTED_RESULT, describe(method), simpleType(method.getReturnType()),
                    WireType.supportedParameters());
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        String java = parameters.stream().map(p -> p.type().javaName()).collect(Collectors.joining(", ", "(", ")"))
                + " -> " + result.get().javaName();
        return Optional.of(new Signature(parameters, result.get(), java,
                BindingModel.wasmSignature(parameters, result.get())));
    }

    /** Abstract methods to bind, inherited ones included, minus those every binding class implements. */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
                .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT))
                .filter(m -> !((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals(WASM_BINDINGS))
                .collect(Collectors.toList());
    }

    /** The value of a name attribute: present and possibly empty (use the default), or reported as blank. */
    private Optional<String> explicitName(ExecutableElement method, AnnotationMirror annotation, String attribute,
            String what) {
        Optional<? extends AnnotationValue> value = value(annotation, attribute);
        if (value.isEmpty()) {
            return Optional.of("");
        }
        String text = (String) value.get().getValue();
        if (text.isBlank()) {
            diagnostics.error(method, Message.EMPTY_NAME, describe(method), what);
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
        List<? extends AnnotationValue> classes = (List<? extends AnnotationValue>) value.get().getValue();
        List<TypeElement> types = new ArrayList<>();
        for (AnnotationValue entry : classes) {
            types.add((TypeElement) ((DeclaredType) entry.getValue()).asElement());
        }
        return types;
    }

    private static Optional<AnnotationMirror> annotation(Element element, String type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(type)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
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
        String parameters = method.getParameters().stream().map(p -> simpleType(p.asType()))
                .collect(Collectors.joining(", ", "(", ")"));
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + parameters;
    }

    /** {@code List<String>} for {@code java.util.List<java.lang.String>}: what the user wrote. */
    static String simpleType(TypeMirror type) {
        return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
    }

    /** " Did you mean 'x'?" for the closest name, when one is close enough to be a typo. */
    private static String suggestion(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
            return " Did you mean '" + best + "'?";
        }
        return candidates.isEmpty() ? " It has none." : " It has: " + String.join(", ", candidates) + ".";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
        return javaResult + " " + toCamelCase(wanted.name()) + "(" + String.join(", ", javaParams) + ")";
    }

    private static String javaTypeFor(String wasmType) {
        switch (wasmType) {
            case "i32": return "int";
            case "i64": return "long /* or String, byte[] */";
            case "f32": return "float";
            case "f64": return "double";
            default: return wasmType;
        }
    }

    private static String toCamelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.length() == 0 ? "imported" : out.toString();
    }
}
