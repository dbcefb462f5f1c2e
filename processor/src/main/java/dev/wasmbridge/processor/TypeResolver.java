package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;
import dev.wasmbridge.processor.JavaType.ClassType;
import dev.wasmbridge.processor.JavaType.DataEnumType;
import dev.wasmbridge.processor.JavaType.EnumType;
import dev.wasmbridge.processor.JavaType.RecordType;
import dev.wasmbridge.processor.JavaType.Scalar;
import dev.wasmbridge.processor.JavaType.ScalarKind;
import dev.wasmbridge.processor.RustSignatures.DataVariant;
import dev.wasmbridge.processor.RustSignatures.Field;
import dev.wasmbridge.processor.RustSignatures.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Resolves javac's types into {@link JavaType}s for one module, checking the {@code @WasmEnum}, {@code
 * @WasmRecord} and {@code @WasmClass} types it meets against the module's Rust declarations (once each, with
 * errors on the type's own element).
 *
 * <p>One error per problem: a type that does not resolve because of a problem already reported (an invalid
 * annotated type anywhere in it, a misplaced {@code @Unsigned}) is known to {@link #reported}, and the callers
 * report nothing more about it; so does this class for the records and callbacks that contain it.
 */
final class TypeResolver {
    static final String UNSIGNED = "dev.wasmbridge.annotations.Unsigned";
    static final String WASM_CLASS = "dev.wasmbridge.annotations.WasmClass";
    static final String WASM_ENUM = "dev.wasmbridge.annotations.WasmEnum";
    static final String WASM_RECORD = "dev.wasmbridge.annotations.WasmRecord";
    static final String WASM_OBJECT = RuntimeNames.WASM_OBJECT.canonicalName();
    static final String WASM_CALLBACK = "dev.wasmbridge.annotations.WasmCallback";
    static final String WASM_INTERFACE = "dev.wasmbridge.annotations.WasmInterface";

    private final Diagnostics diagnostics;
    private final String resource;
    /** The module's Rust declarations; null when it has no signatures section. */
    private final RustSignatures signatures;

    /**
     * The annotated types met, by qualified name; empty for one with a problem, which was reported on its
     * element (every path of {@link #enumeration}, {@link #record}, {@link #callback} and {@link #classType}
     * that returns empty reports first, or meets a type that did).
     */
    private final Map<String, Optional<JavaType>> resolved = new HashMap<>();

    /** Declarations where a problem of their own was reported (a misplaced {@code @Unsigned}). */
    private final Set<Element> reportedSites = new HashSet<>();

    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, ClassType> classes = new java.util.LinkedHashMap<>();
    private final Map<String, TypeElement> classElements = new HashMap<>();

    TypeResolver(Diagnostics diagnostics, String resource, RustSignatures signatures) {
        this.diagnostics = diagnostics;
        this.resource = resource;
        this.signatures = signatures;
    }

    /**
     * The Java type of {@code type}, or empty if Wasmbridge cannot move it (the caller reports that).
     *
     * @param unsigned whether the declaration ({@code site}) carries {@code @Unsigned}
     * @param site where to report problems with {@code @Unsigned}
     */
    Optional<JavaType> resolve(TypeMirror type, boolean unsigned, Element site) {
        return resolve(type, unsigned || isUnsigned(type), false, site);
    }

    /**
     * Whether {@link #resolve} found no type for {@code type} at {@code site} because of a problem already
     * reported: {@code type} is, or contains (as a type argument or array component), an annotated type that
     * was reported invalid, or {@code site} carries a reported misplaced {@code @Unsigned}. The caller then
     * reports nothing: the problem has its one error, on its own element.
     */
    boolean reported(TypeMirror type, Element site) {
        return reportedSites.contains(site) || containsInvalid(type);
    }

    private boolean containsInvalid(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return containsInvalid(((ArrayType) type).getComponentType());
            case DECLARED: {
                Optional<JavaType> known = resolved.get(qualifiedName(type));
                return (known != null && known.isEmpty())
                        || ((DeclaredType) type).getTypeArguments().stream().anyMatch(this::containsInvalid);
            }
            default:
                return false;
        }
    }

    /** The {@code @WasmClass} types met so far, with their elements, in the order met. */
    Map<ClassType, TypeElement> classes() {
        Map<ClassType, TypeElement> result = new java.util.LinkedHashMap<>();
        classes.forEach((name, type) -> result.put(type, classElements.get(name)));
        return result;
    }

    private Optional<JavaType> resolve(TypeMirror type, boolean unsigned, boolean nested, Element site) {
        Optional<ScalarKind> kind = scalarKind(type, nested);
        if (kind.isPresent()) {
            if (unsigned && !kind.get().canBeUnsigned()) {
                diagnostics.report(site, Message.UNSIGNED_MISPLACED, site.getSimpleName(), simple(type));
                reportedSites.add(site);
                return Optional.empty();
            }
            return Optional.of(new Scalar(kind.get(), unsigned, !type.getKind().isPrimitive()));
        }
        if (unsigned) {
            diagnostics.report(site, Message.UNSIGNED_MISPLACED, site.getSimpleName(), simple(type));
            reportedSites.add(site);
            return Optional.empty();
        }
        switch (type.getKind()) {
            case VOID:
                return nested ? Optional.empty() : Optional.of(new JavaType.Void());
            case ARRAY:
                return array((ArrayType) type, nested);
            case DECLARED:
                return declared((DeclaredType) type, nested, site);
            default:
                return Optional.empty();
        }
    }

    private static Optional<ScalarKind> scalarKind(TypeMirror type, boolean nested) {
        if (type.getKind().isPrimitive()) { // a record component may be a primitive even though it is nested
            switch (type.getKind()) {
                case BOOLEAN:
                    return Optional.of(ScalarKind.BOOLEAN);
                case BYTE:
                    return Optional.of(ScalarKind.BYTE);
                case SHORT:
                    return Optional.of(ScalarKind.SHORT);
                case INT:
                    return Optional.of(ScalarKind.INT);
                case LONG:
                    return Optional.of(ScalarKind.LONG);
                case FLOAT:
                    return Optional.of(ScalarKind.FLOAT);
                case DOUBLE:
                    return Optional.of(ScalarKind.DOUBLE);
                default:
                    return Optional.empty();
            }
        }
        if (!nested || type.getKind() != TypeKind.DECLARED) {
            return Optional.empty(); // boxes only inside Optional, List and records
        }
        String name = qualifiedName(type);
        for (ScalarKind kind : ScalarKind.values()) {
            if (name.equals("java.lang." + kind.boxed)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private Optional<JavaType> array(ArrayType type, boolean nested) {
        switch (type.getComponentType().getKind()) {
            case BYTE:
                return Optional.of(new JavaType.Bytes(false));
            case SHORT:
                return nested ? Optional.empty() : Optional.of(new JavaType.NumericArray(ScalarKind.SHORT));
            case INT:
                return nested ? Optional.empty() : Optional.of(new JavaType.NumericArray(ScalarKind.INT));
            case LONG:
                return nested ? Optional.empty() : Optional.of(new JavaType.NumericArray(ScalarKind.LONG));
            case FLOAT:
                return nested ? Optional.empty() : Optional.of(new JavaType.NumericArray(ScalarKind.FLOAT));
            case DOUBLE:
                return nested ? Optional.empty() : Optional.of(new JavaType.NumericArray(ScalarKind.DOUBLE));
            default:
                return Optional.empty();
        }
    }

    private Optional<JavaType> declared(DeclaredType type, boolean nested, Element site) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        switch (name) {
            case "java.lang.String":
                return Optional.of(new JavaType.Text());
            case "java.nio.ByteBuffer":
                return nested ? Optional.empty() : Optional.of(new JavaType.Bytes(true));
            case "java.util.OptionalInt":
                return Optional.of(new JavaType.OptionalPrimitive(ScalarKind.INT));
            case "java.util.OptionalLong":
                return Optional.of(new JavaType.OptionalPrimitive(ScalarKind.LONG));
            case "java.util.OptionalDouble":
                return Optional.of(new JavaType.OptionalPrimitive(ScalarKind.DOUBLE));
            case "java.util.Optional":
            case "java.util.List": {
                if (arguments.size() != 1) {
                    return Optional.empty();
                }
                TypeMirror argument = arguments.get(0);
                // Rust objects in a List or Optional cross as handles (docs/ABI.md, "Classes"); the matcher
                // allows them where Rust does
                Optional<JavaType> inner = isClass(argument)
                        ? declared((DeclaredType) argument, false, site)
                        : resolve(argument, isUnsigned(argument), true, site);
                return inner.map(
                        t -> name.equals("java.util.List") ? new JavaType.ListOf(t) : new JavaType.OptionalOf(t));
            }
            case "java.util.concurrent.CompletableFuture":
                return nested || arguments.size() != 1 ? Optional.empty() : future(arguments.get(0), site);
            case "java.util.Iterator":
            case "java.util.stream.Stream":
            case "dev.wasmbridge.runtime.WasmIterator":
                return nested || arguments.size() != 1 ? Optional.empty() : iterator(name, arguments.get(0), site);
            default:
                break;
        }
        if (annotation(element, WASM_ENUM).isPresent()) {
            return cached(element, () -> enumeration(element));
        }
        if (annotation(element, WASM_RECORD).isPresent()) {
            return cached(element, () -> record(element, site));
        }
        if (annotation(element, WASM_CALLBACK).isPresent() && !nested) {
            return cached(element, () -> callback(element));
        }
        if (annotation(element, WASM_CLASS).isPresent() && !nested) {
            return cached(element, () -> classType(element));
        }
        if (annotation(element, WASM_INTERFACE).isPresent() && !nested) {
            return cached(element, () -> interfaceType(element));
        }
        return Optional.empty();
    }

    /** A Rust iterator result (docs/ABI.md, "Iterators"): its items boxed, or Rust objects. */
    private Optional<JavaType> iterator(String name, TypeMirror argument, Element site) {
        JavaType.IteratorForm form = name.equals("java.util.Iterator")
                ? JavaType.IteratorForm.ITERATOR
                : name.equals("java.util.stream.Stream")
                        ? JavaType.IteratorForm.STREAM
                        : JavaType.IteratorForm.WASM_ITERATOR;
        Optional<JavaType> item = isClass(argument)
                ? declared((DeclaredType) argument, false, site)
                : resolve(argument, isUnsigned(argument), true, site);
        return item.map(t -> new JavaType.IteratorOf(t, form));
    }

    /** An async result (docs/ABI.md, "Async"): its value boxed, or {@code Void} for none. */
    private Optional<JavaType> future(TypeMirror argument, Element site) {
        if (argument.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) argument).asElement())
                        .getQualifiedName()
                        .contentEquals("java.lang.Void")) {
            return Optional.of(new JavaType.FutureOf(new JavaType.Void()));
        }
        return resolve(argument, isUnsigned(argument), true, site).map(JavaType.FutureOf::new);
    }

    private static boolean isClass(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && annotation(((DeclaredType) type).asElement(), WASM_CLASS).isPresent();
    }

    private Optional<JavaType> cached(TypeElement element, java.util.function.Supplier<Optional<JavaType>> resolver) {
        String name = element.getQualifiedName().toString();
        Optional<JavaType> known = resolved.get(name);
        if (known != null) {
            return known;
        }
        diagnostics.checks(element);
        Optional<JavaType> type = resolver.get();
        resolved.put(name, type);
        return type;
    }

    private Optional<JavaType> enumeration(TypeElement element) {
        if (element.getKind() == ElementKind.INTERFACE) {
            return dataEnum(element);
        }
        if (element.getKind() != ElementKind.ENUM) {
            diagnostics.report(
                    element,
                    Message.WRONG_KIND,
                    element.getSimpleName(),
                    kindName(element),
                    "WasmEnum",
                    "an enum or a sealed interface");
            return Optional.empty();
        }
        String rustName = rustName(element, WASM_ENUM);
        ClassName name = ClassName.get(element);
        if (signatures == null) {
            return Optional.of(new EnumType(name, rustName, List.of()));
        }
        Optional<List<Variant>> variants = signatures.enumeration(rustName);
        if (variants.isEmpty()) {
            Optional<List<DataVariant>> withData = signatures.dataEnumeration(rustName);
            if (withData.isPresent()) {
                diagnostics.report(
                        element,
                        Message.UNIT_ENUM_FOR_DATA_ENUM,
                        element.getSimpleName(),
                        rustName,
                        signatures.enumLine(rustName).orElse(""),
                        element.getSimpleName(),
                        withData.get().stream().map(v -> "record " + sketch(v)).collect(Collectors.joining(", ")));
                return Optional.empty();
            }
            diagnostics.report(
                    element,
                    Message.ENUM_NOT_IN_MODULE,
                    element.getSimpleName(),
                    rustName,
                    resource,
                    Names.suggestion(rustName, signatures.typeNames()),
                    "wasmbridge::enumeration!");
            return Optional.empty();
        }
        List<EnumType.Constant> constants = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        boolean ok = true;
        for (Element constant : element.getEnclosedElements()) {
            if (constant.getKind() != ElementKind.ENUM_CONSTANT) {
                continue;
            }
            String javaName = constant.getSimpleName().toString();
            Optional<Variant> variant = variants.get().stream()
                    .filter(v -> normalized(v.name()).equals(normalized(javaName)))
                    .findFirst();
            if (variant.isEmpty()) {
                diagnostics.report(
                        constant,
                        Message.ENUM_CONSTANT_MISSING,
                        element.getSimpleName(),
                        javaName,
                        rustName,
                        variants.get().stream().map(Variant::name).collect(Collectors.joining(", ")));
                ok = false;
                continue;
            }
            matched.add(variant.get().name());
            constants.add(new EnumType.Constant(javaName, variant.get().discriminant()));
        }
        for (Variant variant : variants.get()) {
            // a constant without a variant is usually the missing variant misspelt: WB504 lists the variants
            if (ok && !matched.contains(variant.name())) {
                diagnostics.report(
                        element,
                        Message.ENUM_VARIANT_MISSING,
                        rustName,
                        variant.name(),
                        variant.discriminant(),
                        element.getSimpleName(),
                        Names.snakeCase(variant.name()).toUpperCase(Locale.ROOT));
                ok = false;
            }
        }
        return ok ? Optional.of(new EnumType(name, rustName, List.copyOf(constants))) : Optional.empty();
    }

    /**
     * A sealed interface marked {@code @WasmEnum}: a Rust enum with data, whose variants are the records it
     * permits (matched by name, ignoring case and underscores), checked variant by variant.
     */
    private Optional<JavaType> dataEnum(TypeElement element) {
        javax.lang.model.element.Name simple = element.getSimpleName();
        if (!element.getModifiers().contains(Modifier.SEALED)) {
            diagnostics.report(element, Message.DATA_ENUM_NOT_SEALED, simple, simple);
            return Optional.empty();
        }
        boolean ok = true;
        List<TypeElement> records = new ArrayList<>();
        for (TypeMirror permitted : element.getPermittedSubclasses()) {
            TypeElement subtype = (TypeElement) ((DeclaredType) permitted).asElement();
            diagnostics.checks(subtype); // checked with the interface, wherever it is declared
            if (subtype.getKind() == ElementKind.RECORD) {
                records.add(subtype);
            } else {
                diagnostics.report(
                        subtype,
                        Message.VARIANT_NOT_RECORD,
                        subtype.getSimpleName(),
                        simple,
                        kindName(subtype),
                        subtype.getSimpleName(),
                        simple);
                ok = false;
            }
        }
        String rustName = rustName(element, WASM_ENUM);
        ClassName name = ClassName.get(element);
        if (signatures == null) {
            return ok ? Optional.of(new DataEnumType(name, rustName, List.of())) : Optional.empty();
        }
        Optional<List<DataVariant>> variants = signatures.dataEnumeration(rustName);
        if (variants.isEmpty()) {
            Optional<List<Variant>> unit = signatures.enumeration(rustName);
            if (unit.isPresent()) {
                diagnostics.report(
                        element,
                        Message.DATA_ENUM_FOR_UNIT_ENUM,
                        simple,
                        rustName,
                        signatures.enumLine(rustName).orElse(""),
                        simple,
                        unit.get().stream()
                                .map(v -> Names.snakeCase(v.name()).toUpperCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
            } else {
                diagnostics.report(
                        element,
                        Message.ENUM_NOT_IN_MODULE,
                        simple,
                        rustName,
                        resource,
                        Names.suggestion(rustName, signatures.typeNames()),
                        "wasmbridge::data_enum!");
            }
            return Optional.empty();
        }
        if (!ok) {
            return Optional.empty();
        }
        String key = element.getQualifiedName().toString();
        if (!inProgress.add(key)) {
            return Optional.of(new JavaType.TypeRef(name, rustName)); // it contains itself
        }
        try {
            return variants(element, rustName, variants.get(), records);
        } finally {
            inProgress.remove(key);
        }
    }

    /** Pairs each Rust variant with its record, and checks the record's components against its fields. */
    private Optional<JavaType> variants(
            TypeElement element, String rustName, List<DataVariant> variants, List<TypeElement> records) {
        boolean ok = true;
        String variantList = variants.stream().map(DataVariant::name).collect(Collectors.joining(", "));
        Map<String, TypeElement> byVariant = new HashMap<>();
        for (TypeElement record : records) {
            String javaName = record.getSimpleName().toString();
            Optional<DataVariant> variant = variants.stream()
                    .filter(v -> normalized(v.name()).equals(normalized(javaName)))
                    .findFirst();
            if (variant.isEmpty() || byVariant.putIfAbsent(variant.get().name(), record) != null) {
                diagnostics.report(
                        record, Message.VARIANT_RECORD_EXTRA, javaName, element.getSimpleName(), rustName, variantList);
                ok = false;
            }
        }
        List<RecordType> types = new ArrayList<>();
        for (DataVariant variant : variants) {
            TypeElement record = byVariant.get(variant.name());
            if (record == null) {
                diagnostics.report(
                        element,
                        Message.VARIANT_RECORD_MISSING,
                        rustName,
                        variant.describe(),
                        element.getSimpleName(),
                        "record " + sketch(variant) + " implements " + element.getSimpleName() + " {}");
                ok = false;
                continue;
            }
            String owner = rustName + "::" + variant.name();
            Optional<RecordType> type = variant.tuple()
                    ? tupleComponents(record, owner, variant)
                    : components(record, ClassName.get(record), variant.name(), variant.fields(), owner)
                            .map(RecordType.class::cast);
            if (type.isEmpty()) {
                ok = false;
            } else {
                types.add(type.get());
            }
        }
        return ok
                ? Optional.of(new DataEnumType(ClassName.get(element), rustName, List.copyOf(types)))
                : Optional.empty();
    }

    /** The record of a tuple variant: its components are the variant's fields, in order, whatever their names. */
    private Optional<RecordType> tupleComponents(TypeElement record, String owner, DataVariant variant) {
        List<RecordComponentElement> declared = ElementFilter.recordComponentsIn(record.getEnclosedElements());
        List<Field> fields = variant.fields();
        if (declared.size() != fields.size()) {
            diagnostics.report(
                    record,
                    Message.VARIANT_ARITY_MISMATCH,
                    record.getSimpleName(),
                    declared.size(),
                    owner + variant.describe().substring(variant.name().length()),
                    fields.size(),
                    "record " + sketch(variant));
            return Optional.empty();
        }
        boolean ok = true;
        List<RecordType.Component> components = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Optional<JavaType> type = component(record, declared.get(i), fields.get(i), owner);
            if (type.isEmpty()) {
                ok = false;
            } else {
                components.add(new RecordType.Component(
                        declared.get(i).getSimpleName().toString(),
                        fields.get(i).name(),
                        type.get()));
            }
        }
        List<String> javaOrder =
                declared.stream().map(c -> c.getSimpleName().toString()).collect(Collectors.toList());
        return ok
                ? Optional.of(new RecordType(ClassName.get(record), variant.name(), List.copyOf(components), javaOrder))
                : Optional.empty();
    }

    /**
     * The Java type of a variant's record component, if it matches the Rust field; otherwise reports WB538 on
     * the component, unless resolving the component's type already reported its own problem.
     */
    private Optional<JavaType> component(
            TypeElement record, RecordComponentElement component, Field field, String owner) {
        TypeMirror type = component.asType();
        boolean unsigned = isUnsigned(type) || annotation(component, UNSIGNED).isPresent();
        Element site = site(component);
        Optional<JavaType> resolvedType = resolve(type, unsigned, true, site);
        if (resolvedType.isPresent()
                && TypeMatcher.matches(resolvedType.get(), field.type(), TypeMatcher.Position.NESTED)) {
            return resolvedType;
        }
        if (resolvedType.isPresent() || !reported(type, site)) {
            diagnostics.report(
                    site,
                    Message.VARIANT_COMPONENT_MISMATCH,
                    component.getSimpleName(),
                    record.getSimpleName(),
                    resolvedType.map(JavaType::spelling).orElse(simple(type)),
                    Character.isDigit(field.name().charAt(0)) ? field.name() : "'" + field.name() + "'",
                    owner,
                    field.type().spelling(),
                    componentJava(field.type()));
        }
        return Optional.empty();
    }

    /**
     * A record declaration for a Rust variant, for messages: {@code Rect(double w, double h)}, {@code
     * Text(String value0, Optional<Point> value1)}, {@code Empty()}.
     */
    private static String sketch(DataVariant variant) {
        List<String> components = new ArrayList<>();
        for (Field field : variant.fields()) {
            String componentName = !variant.tuple()
                    ? Names.camelCase(field.name())
                    : variant.fields().size() == 1 ? "value" : "value" + field.name();
            components.add(componentJava(field.type()) + " " + componentName);
        }
        return variant.name() + "(" + String.join(", ", components) + ")";
    }

    private Optional<JavaType> record(TypeElement element, Element site) {
        if (element.getKind() != ElementKind.RECORD) {
            diagnostics.report(
                    element, Message.WRONG_KIND, element.getSimpleName(), kindName(element), "WasmRecord", "a record");
            return Optional.empty();
        }
        String rustName = rustName(element, WASM_RECORD);
        ClassName name = ClassName.get(element);
        if (signatures == null) {
            return Optional.of(new RecordType(name, rustName, List.of(), List.of()));
        }
        Optional<List<Field>> fields = signatures.record(rustName);
        if (fields.isEmpty()) {
            diagnostics.report(
                    element,
                    Message.RECORD_NOT_IN_MODULE,
                    element.getSimpleName(),
                    rustName,
                    resource,
                    Names.suggestion(rustName, signatures.typeNames()));
            return Optional.empty();
        }
        String key = element.getQualifiedName().toString();
        if (!inProgress.add(key)) {
            return Optional.of(new JavaType.TypeRef(name, rustName)); // it contains itself
        }
        try {
            return components(element, name, rustName, fields.get(), null);
        } finally {
            inProgress.remove(key);
        }
    }

    /**
     * Matches a record's components with Rust fields by name.
     *
     * @param variant null for a {@code @WasmRecord}, {@code Enum::Variant} for the record of a struct variant
     *     of an enum with data (whose messages then name the variant)
     */
    private Optional<JavaType> components(
            TypeElement element, ClassName name, String rustName, List<Field> fields, String variant) {
        Map<String, RecordComponentElement> byRustName = new java.util.LinkedHashMap<>();
        boolean ok = true;
        String fieldList =
                fields.stream().map(f -> f.name() + ": " + f.type().spelling()).collect(Collectors.joining(", "));
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
            String javaName = component.getSimpleName().toString();
            String fieldName = Names.snakeCase(javaName);
            if (fields.stream().noneMatch(f -> f.name().equals(fieldName))) {
                diagnostics.report(
                        site(component),
                        variant == null ? Message.RECORD_COMPONENT_MISSING : Message.VARIANT_COMPONENT_MISSING,
                        javaName,
                        element.getSimpleName(),
                        fieldName,
                        variant == null ? rustName : variant,
                        fields.isEmpty() ? "none" : fieldList);
                ok = false;
                continue;
            }
            byRustName.put(fieldName, component);
        }
        // a component without a field is usually the missing field misspelt: WB507 lists the fields
        boolean reportMissingFields = ok;
        List<RecordType.Component> components = new ArrayList<>();
        for (Field field : fields) {
            RecordComponentElement component = byRustName.get(field.name());
            if (component == null) {
                if (reportMissingFields) {
                    diagnostics.report(
                            element,
                            variant == null ? Message.RECORD_FIELD_MISSING : Message.VARIANT_FIELD_MISSING,
                            variant == null ? rustName : variant,
                            field.name(),
                            field.type().spelling(),
                            element.getSimpleName(),
                            Names.camelCase(field.name()),
                            componentJava(field.type()),
                            Names.camelCase(field.name()));
                }
                ok = false;
                continue;
            }
            if (variant != null) {
                Optional<JavaType> type = component(element, component, field, variant);
                if (type.isEmpty()) {
                    ok = false;
                } else {
                    components.add(
                            new RecordType.Component(component.getSimpleName().toString(), field.name(), type.get()));
                }
                continue;
            }
            TypeMirror type = component.asType();
            boolean unsigned =
                    isUnsigned(type) || annotation(component, UNSIGNED).isPresent();
            Element site = site(component);
            Optional<JavaType> resolvedType = resolve(type, unsigned, true, site);
            if (resolvedType.isEmpty() && reported(type, site)) {
                ok = false;
                continue;
            }
            if (resolvedType.isEmpty()
                    || !TypeMatcher.matches(resolvedType.get(), field.type(), TypeMatcher.Position.NESTED)) {
                diagnostics.report(
                        site,
                        Message.RECORD_COMPONENT_MISMATCH,
                        component.getSimpleName(),
                        element.getSimpleName(),
                        resolvedType.map(JavaType::spelling).orElse(simple(type)),
                        field.name(),
                        field.type().spelling(),
                        componentJava(field.type()));
                ok = false;
                continue;
            }
            components.add(
                    new RecordType.Component(component.getSimpleName().toString(), field.name(), resolvedType.get()));
        }
        List<String> javaOrder = ElementFilter.recordComponentsIn(element.getEnclosedElements()).stream()
                .map(c -> c.getSimpleName().toString())
                .collect(Collectors.toList());
        return ok ? Optional.of(new RecordType(name, rustName, List.copyOf(components), javaOrder)) : Optional.empty();
    }

    /**
     * Where to report a problem with a record component: its field, which javac places on the component's
     * declaration (it gives the component element itself no position).
     */
    private static Element site(RecordComponentElement component) {
        Element record = component.getEnclosingElement();
        return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
                .filter(f -> f.getSimpleName().contentEquals(component.getSimpleName()))
                .<Element>map(f -> f)
                .findFirst()
                .orElse(record);
    }

    private Optional<JavaType> classType(TypeElement element) {
        boolean isObject = element.getKind() == ElementKind.INTERFACE
                && element.getInterfaces().stream()
                        .anyMatch(i -> qualifiedName(i).equals(WASM_OBJECT) || extendsObject(i));
        if (!isObject) {
            diagnostics.report(element, Message.CLASS_NOT_OBJECT, element.getSimpleName());
            return Optional.empty();
        }
        String rustName = rustName(element, WASM_CLASS);
        if (signatures != null && !signatures.isClass(rustName)) {
            diagnostics.report(
                    element,
                    Message.CLASS_NOT_IN_MODULE,
                    element.getSimpleName(),
                    rustName,
                    resource,
                    Names.suggestion(rustName, signatures.typeNames()));
            return Optional.empty();
        }
        ClassType type = new ClassType(ClassName.get(element), rustName);
        classes.put(element.getQualifiedName().toString(), type);
        classElements.put(element.getQualifiedName().toString(), element);
        return Optional.of(type);
    }

    private Optional<JavaType> callback(TypeElement element) {
        List<javax.lang.model.element.ExecutableElement> methods =
                ElementFilter.methodsIn(element.getEnclosedElements()).stream()
                        .filter(m -> m.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT))
                        .collect(Collectors.toList());
        if (element.getKind() != ElementKind.INTERFACE || methods.size() != 1) {
            diagnostics.report(element, Message.CALLBACK_NOT_FUNCTIONAL, element.getSimpleName(), methods.size());
            return Optional.empty();
        }
        javax.lang.model.element.ExecutableElement method = methods.get(0);
        boolean ok = true;
        List<JavaType> parameters = new ArrayList<>();
        for (javax.lang.model.element.VariableElement parameter : method.getParameters()) {
            boolean unsigned = annotation(parameter, UNSIGNED).isPresent() || isUnsigned(parameter.asType());
            // a Rust object is given or lent to the callback as a handle (docs/ABI.md, "Classes")
            Optional<JavaType> type = isClass(parameter.asType())
                    ? declared((DeclaredType) parameter.asType(), false, parameter)
                    : resolve(parameter.asType(), unsigned, true, parameter);
            if (type.isEmpty() && reported(parameter.asType(), parameter)) {
                ok = false;
            } else if (type.isEmpty()) {
                diagnostics.report(
                        parameter,
                        Message.CALLBACK_UNSUPPORTED,
                        "Parameter '" + parameter.getSimpleName() + "'",
                        element.getSimpleName() + "." + method.getSimpleName(),
                        simple(parameter.asType()));
                ok = false;
            } else {
                parameters.add(type.get());
            }
        }
        Optional<JavaType> result = resolveResult(method);
        if (result.isEmpty() && reported(method.getReturnType(), method)) {
            ok = false;
        } else if (result.isEmpty()) {
            diagnostics.report(
                    method,
                    Message.CALLBACK_UNSUPPORTED,
                    "The result",
                    element.getSimpleName() + "." + method.getSimpleName(),
                    simple(method.getReturnType()));
            ok = false;
        }
        return ok
                ? Optional.of(new JavaType.CallbackType(
                        ClassName.get(element),
                        method.getSimpleName().toString(),
                        List.copyOf(parameters),
                        result.get(),
                        java.util.Collections.nCopies(parameters.size(), false),
                        false))
                : Optional.empty();
    }

    /**
     * A {@code @WasmInterface}: its abstract methods, checked one by one against the methods of the section's
     * {@code interface} line of the same name (docs/ABI.md, "Held Java objects"), in order.
     */
    private Optional<JavaType> interfaceType(TypeElement element) {
        if (element.getKind() != ElementKind.INTERFACE) {
            diagnostics.report(
                    element,
                    Message.WRONG_KIND,
                    element.getSimpleName(),
                    kindName(element),
                    "WasmInterface",
                    "an interface");
            return Optional.empty();
        }
        String rustName = rustName(element, WASM_INTERFACE);
        List<javax.lang.model.element.ExecutableElement> methods =
                ElementFilter.methodsIn(element.getEnclosedElements()).stream()
                        .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT))
                        .collect(Collectors.toList());
        List<RustSignatures.RustFunction> rust = null;
        if (signatures != null) {
            Optional<List<RustSignatures.RustFunction>> declared = signatures.javaInterface(rustName);
            if (declared.isEmpty()) {
                diagnostics.report(
                        element,
                        Message.INTERFACE_NOT_IN_MODULE,
                        element.getSimpleName(),
                        rustName,
                        resource,
                        Names.suggestion(rustName, signatures.typeNames()));
                return Optional.empty();
            }
            rust = declared.get();
            List<String> javaNames = methods.stream()
                    .map(m -> Names.snakeCase(m.getSimpleName().toString()))
                    .collect(Collectors.toList());
            List<String> rustNames =
                    rust.stream().map(RustSignatures.RustFunction::name).collect(Collectors.toList());
            if (!javaNames.equals(rustNames)) {
                diagnostics.report(
                        element,
                        Message.INTERFACE_METHODS_MISMATCH,
                        element.getSimpleName(),
                        methods.stream().map(m -> m.getSimpleName().toString()).collect(Collectors.joining(", ")),
                        rustName,
                        rust.stream().map(f -> f.describe("fn")).collect(Collectors.joining("; ")),
                        rust.stream().map(f -> Names.camelCase(f.name())).collect(Collectors.joining(", ")));
                return Optional.empty();
            }
        }
        boolean ok = true;
        List<JavaType.InterfaceMethod> resolved = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            javax.lang.model.element.ExecutableElement method = methods.get(m);
            RustSignatures.RustFunction rustMethod = rust == null ? null : rust.get(m);
            String where = element.getSimpleName() + "." + method.getSimpleName();
            List<JavaType> parameters = new ArrayList<>();
            List<? extends javax.lang.model.element.VariableElement> javaParameters = method.getParameters();
            if (rustMethod != null && rustMethod.parameters().size() != javaParameters.size()) {
                diagnostics.report(
                        method,
                        Message.INTERFACE_METHOD_MISMATCH,
                        "The parameter list",
                        where,
                        javaParameters.size() + " parameter(s)",
                        rustMethod.describe("fn"),
                        rustMethod.parameters().size() + " parameter(s)",
                        "as many");
                ok = false;
                continue;
            }
            for (int i = 0; i < javaParameters.size(); i++) {
                javax.lang.model.element.VariableElement parameter = javaParameters.get(i);
                boolean unsigned = annotation(parameter, UNSIGNED).isPresent() || isUnsigned(parameter.asType());
                Optional<JavaType> type = resolve(parameter.asType(), unsigned, true, parameter);
                String what = "Parameter '" + parameter.getSimpleName() + "'";
                if (type.isEmpty()) {
                    if (!reported(parameter.asType(), parameter)) {
                        diagnostics.report(
                                parameter, Message.INTERFACE_UNSUPPORTED, what, where, simple(parameter.asType()));
                    }
                    ok = false;
                    continue;
                }
                if (rustMethod != null) {
                    RustType expected = rustMethod.parameters().get(i).type();
                    if (!TypeMatcher.matches(type.get(), expected, TypeMatcher.Position.NESTED)) {
                        diagnostics.report(
                                parameter,
                                Message.INTERFACE_METHOD_MISMATCH,
                                what,
                                where,
                                type.get().spelling(),
                                rustMethod.describe("fn"),
                                expected.spelling(),
                                javaFor(expected));
                        ok = false;
                        continue;
                    }
                }
                parameters.add(type.get());
            }
            Optional<JavaType> result = resolveResult(method);
            if (result.isEmpty()) {
                if (!reported(method.getReturnType(), method)) {
                    diagnostics.report(
                            method, Message.INTERFACE_UNSUPPORTED, "The result", where, simple(method.getReturnType()));
                }
                ok = false;
                continue;
            }
            if (rustMethod != null) {
                RustType expected = rustMethod.result();
                boolean same = result.get() instanceof JavaType.Void
                        ? expected instanceof RustType.Unit
                        : TypeMatcher.matches(result.get(), expected, TypeMatcher.Position.NESTED);
                if (!same) {
                    diagnostics.report(
                            method,
                            Message.INTERFACE_METHOD_MISMATCH,
                            "The result",
                            where,
                            result.get() instanceof JavaType.Void
                                    ? "void"
                                    : result.get().spelling(),
                            rustMethod.describe("fn"),
                            expected.spelling(),
                            expected instanceof RustType.Unit ? "void" : javaFor(expected));
                    ok = false;
                    continue;
                }
            }
            resolved.add(new JavaType.InterfaceMethod(method.getSimpleName().toString(), parameters, result.get()));
        }
        return ok
                ? Optional.of(new JavaType.InterfaceType(ClassName.get(element), rustName, List.copyOf(resolved)))
                : Optional.empty();
    }

    /** The Java type for a parameter or result of a held Java object's method: a primitive where it can be. */
    private static String javaFor(RustType rust) {
        return TypeMatcher.javaFor(
                rust,
                rust instanceof RustType.Primitive ? TypeMatcher.Position.EXPORT_RESULT : TypeMatcher.Position.NESTED);
    }

    private static boolean extendsObject(TypeMirror type) {
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        return element.getInterfaces().stream().anyMatch(i -> qualifiedName(i).equals(WASM_OBJECT) || extendsObject(i));
    }

    /** The Java type of a record component for a Rust field: a primitive where it can be. */
    private static String componentJava(RustType field) {
        return TypeMatcher.javaFor(
                field,
                field instanceof RustType.Primitive ? TypeMatcher.Position.EXPORT_RESULT : TypeMatcher.Position.NESTED);
    }

    /** The Rust name given in the annotation, or the Java simple name. */
    private static String rustName(TypeElement element, String annotationType) {
        return annotation(element, annotationType)
                .flatMap(a -> a.getElementValues().entrySet().stream()
                        .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
                        .map(e -> (String) e.getValue().getValue())
                        .filter(v -> !v.isEmpty())
                        .findFirst())
                .orElse(element.getSimpleName().toString());
    }

    /** Whether {@code type} carries {@code @Unsigned} as a type annotation. */
    static boolean isUnsigned(TypeMirror type) {
        return type.getAnnotationMirrors().stream()
                .anyMatch(a -> qualifiedName(a.getAnnotationType()).equals(UNSIGNED));
    }

    static Optional<AnnotationMirror> annotation(Element element, String type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (qualifiedName(mirror.getAnnotationType()).equals(type)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    private static String qualifiedName(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                ? ((TypeElement) ((DeclaredType) type).asElement())
                        .getQualifiedName()
                        .toString()
                : type.toString();
    }

    private static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String kindName(TypeElement element) {
        return "a" + (element.getKind() == ElementKind.INTERFACE || element.getKind() == ElementKind.ENUM ? "n " : " ")
                + element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The type as written, without its annotations: {@code double} for {@code @Unsigned double}. */
    private static String simple(TypeMirror type) {
        return BindingValidator.simpleType(type).replaceAll("@[\\w.]+(\\([^)]*\\))? ", "");
    }

    /** The result type of a callback's or a Java interface's method: {@link JavaType.Void} for {@code void}. */
    private Optional<JavaType> resolveResult(ExecutableElement method) {
        return method.getReturnType().getKind() == TypeKind.VOID
                ? Optional.of(new JavaType.Void())
                : resolve(
                        method.getReturnType(),
                        annotation(method, UNSIGNED).isPresent() || isUnsigned(method.getReturnType()),
                        true,
                        method);
    }
}
