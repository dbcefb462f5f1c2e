package dev.wasmbridge.processor;

import static dev.wasmbridge.processor.RuntimeNames.SLICE_TYPE;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.wasmbridge.processor.JavaType.Bytes;
import dev.wasmbridge.processor.JavaType.ClassType;
import dev.wasmbridge.processor.JavaType.EnumType;
import dev.wasmbridge.processor.JavaType.ListOf;
import dev.wasmbridge.processor.JavaType.NumericArray;
import dev.wasmbridge.processor.JavaType.OptionalOf;
import dev.wasmbridge.processor.JavaType.OptionalPrimitive;
import dev.wasmbridge.processor.JavaType.RecordType;
import dev.wasmbridge.processor.JavaType.Scalar;
import dev.wasmbridge.processor.JavaType.ScalarKind;
import dev.wasmbridge.processor.JavaType.Text;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.lang.model.element.Modifier;

/**
 * The code that converts one value between Java and its Wasm form (docs/ABI.md, "Values"), for the writer.
 * Collects the static members that code needs in the generated class: the codecs of encoded values and the
 * discriminant mappings of enums, each written once.
 */
final class ValueCode {

    /** The codec fields, in an order in which each only uses fields declared before it. */
    private final Map<String, FieldSpec> codecFields = new LinkedHashMap<>();

    private final Map<String, String> codecNames = new HashMap<>();
    private final Map<ClassName, String> enumHelpers = new LinkedHashMap<>();
    private final Map<ClassName, EnumType> enums = new LinkedHashMap<>();
    /** Names of the generated implementations of {@code @WasmClass} interfaces. */
    private final Map<ClassName, String> classImplementations;

    /** The generated class, whose codec fields a type that contains itself names when it refers to its own. */
    private final ClassName generated;

    /** The codec field of each record and enum with data, by the Java type. */
    private final Map<ClassName, String> typeCodecs = new HashMap<>();

    /** The codec fields that refer lazily to the codec of a type containing itself: field name, Java type. */
    private final Map<String, ClassName> selfReferences = new LinkedHashMap<>();

    ValueCode(Map<ClassName, String> classImplementations, ClassName generated) {
        this.classImplementations = classImplementations;
        this.generated = generated;
    }

    /** The Java type a user declares for {@code type}. */
    static TypeName typeName(JavaType type) {
        if (type instanceof Scalar s) {
            return s.boxed() ? ClassName.get("java.lang", s.kind().boxed) : primitive(s.kind());
        }
        if (type instanceof JavaType.Void) {
            return TypeName.VOID;
        }
        if (type instanceof Text) {
            return ClassName.get(String.class);
        }
        if (type instanceof Bytes b) {
            return b.buffer() ? ClassName.get(ByteBuffer.class) : ArrayTypeName.of(TypeName.BYTE);
        }
        if (type instanceof NumericArray a) {
            return ArrayTypeName.of(primitive(a.element()));
        }
        if (type instanceof OptionalOf o) {
            return ParameterizedTypeName.get(ClassName.get(Optional.class), typeName(o.value()));
        }
        if (type instanceof OptionalPrimitive o) {
            return ClassName.get(
                    o.kind() == ScalarKind.INT
                            ? OptionalInt.class
                            : o.kind() == ScalarKind.LONG ? OptionalLong.class : OptionalDouble.class);
        }
        if (type instanceof ListOf l) {
            return ParameterizedTypeName.get(ClassName.get(List.class), typeName(l.element()));
        }
        if (type instanceof RecordType r) {
            return r.name();
        }
        if (type instanceof EnumType e) {
            return e.name();
        }
        if (type instanceof JavaType.DataEnumType d) {
            return d.name();
        }
        if (type instanceof JavaType.TypeRef r) {
            return r.name();
        }
        if (type instanceof JavaType.CallbackType c) {
            return c.name();
        }
        if (type instanceof JavaType.InterfaceType i) {
            return i.name();
        }
        if (type instanceof JavaType.IteratorOf i) {
            return ParameterizedTypeName.get(i.form().type, typeName(i.item()));
        }
        if (type instanceof JavaType.FutureOf f) {
            return ParameterizedTypeName.get(
                    ClassName.get("java.util.concurrent", "CompletableFuture"),
                    f.value() instanceof JavaType.Void ? ClassName.get("java.lang", "Void") : typeName(f.value()));
        }
        return ((ClassType) type).name();
    }

    private static TypeName primitive(ScalarKind kind) {
        switch (kind) {
            case BOOLEAN:
                return TypeName.BOOLEAN;
            case BYTE:
                return TypeName.BYTE;
            case SHORT:
                return TypeName.SHORT;
            case INT:
                return TypeName.INT;
            case LONG:
                return TypeName.LONG;
            case FLOAT:
                return TypeName.FLOAT;
            default:
                return TypeName.DOUBLE;
        }
    }

    /**
     * A Java value going to Rust as the {@code long} Chicory passes: lent for an export call ({@code
     * given == false}) or handed over as an import's result ({@code given == true}). Not for class objects.
     *
     * @param what names the value in messages, e.g. {@code "argument 'name' of Greeter.greet"}
     */
    CodeBlock toWasm(JavaType type, CodeBlock value, String call, String what, boolean given) {
        String verb = given ? "give" : "lend";
        if (type instanceof Scalar s) {
            switch (s.kind()) {
                case BOOLEAN:
                    return CodeBlock.of("($L ? 1L : 0L)", value);
                case FLOAT:
                    return CodeBlock.of("$T.floatToRawIntBits($L)", Float.class, value);
                case DOUBLE:
                    return CodeBlock.of("$T.doubleToRawLongBits($L)", Double.class, value);
                case BYTE:
                    return s.unsigned() ? CodeBlock.of("$T.toUnsignedLong($L)", Byte.class, value) : value;
                case SHORT:
                    return s.unsigned() ? CodeBlock.of("$T.toUnsignedLong($L)", Short.class, value) : value;
                default:
                    return value;
            }
        }
        if (type instanceof Text || type instanceof Bytes || type instanceof NumericArray) {
            return CodeBlock.of("$L.$L($T.$L, $L, $S)", call, verb, SLICE_TYPE, sliceType(type), value, what);
        }
        if (type instanceof EnumType e) {
            return CodeBlock.of("$L($L, $S)", enumHelper(e) + "ToRust", value, what);
        }
        if (type.isEncoded()) {
            return CodeBlock.of("$L.$LEncoded($L, $L, $S)", call, verb, codec(type), value, what);
        }
        if (type instanceof JavaType.InterfaceType i) {
            return CodeBlock.of("$L.holdObject($L, $L, $S)", call, value, interfaceAdapter(i, value), what);
        }
        if (type instanceof JavaType.CallbackType c) {
            return CodeBlock.of(
                    "$L.$L($L, $L, $S)",
                    call,
                    c.stored() ? "holdCallback" : "lendCallback",
                    value,
                    callbackAdapter(c, value, call),
                    what);
        }
        if (type instanceof JavaType.FutureOf f && given) {
            return CodeBlock.of("$T.awaited($L, $L, $L, $S)", RuntimeNames.TASKS, call, value, futureCodec(f), what);
        }
        throw new IllegalArgumentException("no Wasm form for " + type);
    }

    /**
     * A lambda that decodes the arguments Rust sent, calls {@code function} and encodes its result. Written
     * without JavaPoet statements, since it sits inside one.
     */
    private CodeBlock callbackAdapter(JavaType.CallbackType callback, CodeBlock function, String boundary) {
        CodeBlock.Builder adapter =
                CodeBlock.builder().add("(in$$, out$$) -> {\n").indent();
        java.util.List<CodeBlock> arguments = new java.util.ArrayList<>();
        java.util.List<String> lent = new java.util.ArrayList<>();
        String method = String.join(".", callback.name().simpleNames()) + "." + callback.method();
        for (int i = 0; i < callback.parameters().size(); i++) {
            JavaType parameter = callback.parameters().get(i);
            if (parameter instanceof ClassType c && callback.lent().get(i)) { // a view, for this call only
                adapter.add(
                        "$L arg$L$$ = $L;\n",
                        classImplementations.get(c.name()),
                        i,
                        lent(c, CodeBlock.of("in$$.readInt()"), boundary, method));
                lent.add("arg" + i + "$");
            } else if (parameter instanceof ClassType c) { // given: Java owns it
                adapter.add(
                        "$T arg$L$$ = new $L($L, in$$.readInt());\n",
                        typeName(parameter),
                        i,
                        classImplementations.get(c.name()),
                        boundary);
            } else {
                adapter.add("$T arg$L$$ = $L;\n", typeName(parameter), i, readValue(parameter, "in$"));
            }
            arguments.add(CodeBlock.of("arg$L$$", i));
        }
        adapter.add("in$$.finish();\n");
        CodeBlock call = CodeBlock.of("$L.$L($L)", function, callback.method(), CodeBlock.join(arguments, ", "));
        if (!lent.isEmpty()) {
            adapter.add("try {\n").indent();
        }
        adapter.add(
                "$L;\n",
                callback.result() instanceof JavaType.Void ? call : writeValue(callback.result(), call, "out$"));
        if (!lent.isEmpty()) {
            adapter.unindent().add("} finally {\n").indent();
            // the views end when the callback returns: the objects are Rust's again
            lent.forEach(local -> adapter.add("$L.endBorrow();\n", local));
            adapter.unindent().add("}\n");
        }
        return adapter.unindent().add("}").build();
    }

    /**
     * A lambda that runs method {@code m$} of a {@code @WasmInterface} object for Rust: decodes the arguments,
     * calls the method, encodes its result (docs/ABI.md, "Held Java objects").
     */
    private CodeBlock interfaceAdapter(JavaType.InterfaceType type, CodeBlock object) {
        CodeBlock.Builder adapter =
                CodeBlock.builder().add("(m$$, in$$, out$$) -> {\n").indent();
        adapter.add("switch (m$$) {\n").indent();
        for (int m = 0; m < type.methods().size(); m++) {
            JavaType.InterfaceMethod method = type.methods().get(m);
            adapter.add("case $L: {\n", m).indent();
            java.util.List<CodeBlock> arguments = new java.util.ArrayList<>();
            for (int i = 0; i < method.parameters().size(); i++) {
                JavaType parameter = method.parameters().get(i);
                adapter.add("$T arg$L$$ = $L;\n", typeName(parameter), i, readValue(parameter, "in$"));
                arguments.add(CodeBlock.of("arg$L$$", i));
            }
            adapter.add("in$$.finish();\n");
            CodeBlock call = CodeBlock.of("$L.$L($L)", object, method.name(), CodeBlock.join(arguments, ", "));
            adapter.add(
                    "$L;\n",
                    method.result() instanceof JavaType.Void ? call : writeValue(method.result(), call, "out$"));
            adapter.add("break;\n").unindent().add("}\n");
        }
        adapter.add("default:\n").indent();
        adapter.add(
                "throw new $T($S + m$$ + $S);\n",
                RuntimeNames.WASM_BRIDGE_EXCEPTION,
                "Rust called method ",
                " of " + type.name().simpleName() + ", which has "
                        + type.methods().size() + " methods: the module does not match the bindings; rebuild them.");
        adapter.unindent().unindent().add("}\n");
        return adapter.unindent().add("}").build();
    }

    /**
     * A view of a Rust object that Rust lends to an import or callback method for one call ({@code &T},
     * {@code &mut T}): the generated class's lending constructor.
     *
     * @param handle the view's handle, an {@code int} expression
     * @param lentTo the method it is lent to, for messages: {@code "Host.inspect"}
     */
    CodeBlock lent(JavaType type, CodeBlock handle, String boundary, String lentTo) {
        ClassType c = (ClassType) type;
        return CodeBlock.of("new $L($L, $L, $S)", classImplementations.get(c.name()), boundary, handle, lentTo);
    }

    /**
     * Reads one item of a Rust iterator from a {@code ValueReader}: a Rust object Java owns, or a value of the
     * value encoding (docs/ABI.md, "Iterators"). A lambda or method reference.
     */
    CodeBlock itemReader(JavaType item, String boundary) {
        if (item instanceof ClassType c) {
            return CodeBlock.of("in$$ -> new $L($L, in$$.readInt())", classImplementations.get(c.name()), boundary);
        }
        return CodeBlock.of("$L::read", codec(item));
    }

    /** Reads one value of {@code type} from a ValueReader. */
    private CodeBlock readValue(JavaType type, String reader) {
        return type instanceof Scalar s
                ? CodeBlock.of("$L.read$L()", reader, s.kind().title())
                : CodeBlock.of("$L.read($L)", codec(type), reader);
    }

    /** Writes one value of {@code type} to a ValueWriter. */
    private CodeBlock writeValue(JavaType type, CodeBlock value, String writer) {
        return type instanceof Scalar s
                ? CodeBlock.of("$L.write$L($L)", writer, s.kind().title(), value)
                : CodeBlock.of("$L.write($L, $L)", codec(type), value, writer);
    }

    /**
     * The {@code long} Chicory returned (or passed to an import) as a Java value: taken and freed when it is
     * an export's result ({@code owned}), only read when Rust lends it to an import.
     */
    CodeBlock fromWasm(JavaType type, CodeBlock wasm, String call, boolean owned) {
        String verb = owned ? "take" : "read";
        if (type instanceof Scalar s) {
            switch (s.kind()) {
                case INT:
                    return CodeBlock.of("(int) $L", wasm);
                case SHORT:
                    return CodeBlock.of("(short) $L", wasm);
                case BYTE:
                    return CodeBlock.of("(byte) $L", wasm);
                case FLOAT:
                    return CodeBlock.of("$T.intBitsToFloat((int) $L)", Float.class, wasm);
                case DOUBLE:
                    return CodeBlock.of("$T.longBitsToDouble($L)", Double.class, wasm);
                case BOOLEAN:
                    return CodeBlock.of("(int) $L != 0", wasm);
                default:
                    return wasm;
            }
        }
        if (type instanceof Text || type instanceof Bytes || type instanceof NumericArray) {
            return CodeBlock.of("$L.$L($T.$L, $L)", call, verb, SLICE_TYPE, sliceType(type), wasm);
        }
        if (type instanceof EnumType e) {
            return CodeBlock.of("$L((int) $L)", enumHelper(e) + "FromRust", wasm);
        }
        if (type instanceof ClassType c) {
            return CodeBlock.of("new $L($L, (int) $L)", classImplementations.get(c.name()), call, wasm);
        }
        if (type instanceof ListOf l && l.element() instanceof ClassType c) {
            return CodeBlock.of(
                    "$T.takeAll($L, $L, h$$ -> new $L($L, h$$))",
                    RuntimeNames.RUST_OBJECT,
                    call,
                    wasm,
                    classImplementations.get(c.name()),
                    call);
        }
        if (type instanceof OptionalOf o && o.value() instanceof ClassType c) {
            return CodeBlock.of(
                    "$L == 0 ? $T.empty() : $T.of(new $L($L, (int) $L))",
                    wasm,
                    Optional.class,
                    Optional.class,
                    classImplementations.get(c.name()),
                    call,
                    wasm);
        }
        if (type.isEncoded()) {
            return CodeBlock.of("$L.$LEncoded($L, $L)", call, verb, codec(type), wasm);
        }
        return wasm;
    }

    /** The runtime's {@code SliceType} constant of a type that crosses as a slice: {@code STRING}, {@code INTS}, ... */
    private static String sliceType(JavaType type) {
        if (type instanceof Text) {
            return "STRING";
        }
        if (type instanceof Bytes b) {
            return b.buffer() ? "BUFFER" : "BYTES";
        }
        return ((NumericArray) type).element().title().toUpperCase(java.util.Locale.ROOT) + "S";
    }

    /** The codec of a future's value: {@code Tasks.VOID} for {@code CompletableFuture<Void>}. */
    CodeBlock futureCodec(JavaType.FutureOf future) {
        return future.value() instanceof JavaType.Void
                ? CodeBlock.of("$T.VOID", RuntimeNames.TASKS)
                : codec(future.value());
    }

    /** A reference to the static codec field for an encodable type, declaring it on first use. */
    CodeBlock codec(JavaType type) {
        if (type instanceof JavaType.TypeRef r) {
            return selfReference(r);
        }
        CodeBlock expression = codecExpression(type);
        String key = expression.toString();
        String name = codecNames.get(key);
        if (name == null) {
            name = "CODEC_" + codecNames.size();
            codecNames.put(key, name);
            codecFields.put(name, codecField(type, name, expression));
        }
        if (type instanceof RecordType r) {
            typeCodecs.putIfAbsent(r.name(), name);
        } else if (type instanceof JavaType.DataEnumType d) {
            typeCodecs.putIfAbsent(d.name(), name);
        }
        return CodeBlock.of("$L", name);
    }

    private static FieldSpec codecField(JavaType type, String name, CodeBlock initializer) {
        TypeName codecType = ParameterizedTypeName.get(RuntimeNames.CODEC, typeName(boxed(type)));
        return FieldSpec.builder(codecType, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(initializer)
                .build();
    }

    /**
     * The codec field through which a type that contains itself reaches its own codec, which is being built:
     * declared now, before the codecs that use it, and given its initializer ({@code Codecs.lazy(() ->
     * Bindings.CODEC_n)}, qualified, since Java refuses a simple name there) by {@link #addMembers}, once the
     * type's codec has its name.
     */
    private CodeBlock selfReference(JavaType.TypeRef type) {
        String key = "self-reference " + type.name();
        String name = codecNames.get(key);
        if (name == null) {
            name = "CODEC_" + codecNames.size();
            codecNames.put(key, name);
            codecFields.put(name, null);
            selfReferences.put(name, type.name());
        }
        return CodeBlock.of("$L", name);
    }

    private static JavaType boxed(JavaType type) {
        return type instanceof Scalar s ? new Scalar(s.kind(), s.unsigned(), true) : type;
    }

    private CodeBlock codecExpression(JavaType type) {
        if (type instanceof Scalar s) {
            return CodeBlock.of("$T.$L", RuntimeNames.CODECS, s.kind().name());
        }
        if (type instanceof Text) {
            return CodeBlock.of("$T.STRING", RuntimeNames.CODECS);
        }
        if (type instanceof Bytes) {
            return CodeBlock.of("$T.BYTES", RuntimeNames.CODECS);
        }
        if (type instanceof OptionalOf o) {
            return CodeBlock.of("$T.optional($L)", RuntimeNames.CODECS, codec(o.value()));
        }
        if (type instanceof OptionalPrimitive o) {
            return CodeBlock.of("$T.OPTIONAL_$L", RuntimeNames.CODECS, o.kind().name());
        }
        if (type instanceof ListOf l) {
            return CodeBlock.of("$T.list($L)", RuntimeNames.CODECS, codec(l.element()));
        }
        if (type instanceof EnumType e) {
            String helper = enumHelper(e);
            return CodeBlock.of(
                    "$T.of((value$$, out$$) -> out$$.writeInt($LToRust(value$$, $S)), in$$ -> $LFromRust("
                            + "in$$.readInt()))",
                    RuntimeNames.CODECS,
                    helper,
                    "a " + e.spelling() + " in a value",
                    helper);
        }
        if (type instanceof RecordType r) {
            return recordCodec(r);
        }
        if (type instanceof JavaType.DataEnumType d) {
            return dataEnumCodec(d);
        }
        throw new IllegalArgumentException("not encodable: " + type);
    }

    /**
     * The codec of an enum with data (docs/ABI.md, "Encoded values"): the variant's {@code u32} index, then
     * its record's components in the order of the Rust fields. A value of a class the bindings do not know
     * (a record added to the sealed interface after they were generated) is refused; an index Rust sends
     * that names no variant is a malformed value.
     */
    private CodeBlock dataEnumCodec(JavaType.DataEnumType type) {
        CodeBlock.Builder write = CodeBlock.builder();
        CodeBlock.Builder read = CodeBlock.builder()
                .addStatement("int variant$$index = in$$.readInt()")
                .beginControlFlow("switch (variant$$index)");
        for (int index = 0; index < type.variants().size(); index++) {
            RecordType variant = type.variants().get(index);
            String what = variant.name().simpleName() + " (Rust " + type.rustName() + "::" + variant.rustName() + ")";
            if (index == 0) {
                write.beginControlFlow("if (value$$ instanceof $T variant$$)", variant.name());
            } else {
                write.nextControlFlow("else if (value$$ instanceof $T variant$$)", variant.name());
            }
            write.addStatement("out$$.writeInt($L)", index);
            writeComponents(write, variant, "variant$", what);
            read.add("case $L: {\n", index).indent();
            readComponents(read, variant);
            read.unindent().add("}\n");
        }
        write.nextControlFlow("else")
                .addStatement(
                        "throw new $T(value$$.getClass().getName() + $S)",
                        IllegalArgumentException.class,
                        " is not a variant of the Rust enum " + type.rustName() + " that the bindings know; rebuild"
                                + " them against the current Wasm module.")
                .endControlFlow();
        read.add("default:\n")
                .indent()
                .addStatement(
                        "throw in$$.malformed($S + $T.toUnsignedString(variant$$index) + $S)",
                        "unknown variant index ",
                        Integer.class,
                        " for the Rust enum " + type.rustName() + ", which has "
                                + type.variants().size() + " variants")
                .unindent()
                .endControlFlow();
        return codecOf(type.name(), write.build(), read.build());
    }

    /**
     * Writes each component of {@code record} in the order of the Rust fields, reading them from the record
     * in {@code variable}; a null component throws a {@link NullPointerException} naming it and {@code what}
     * holds it.
     */
    private void writeComponents(CodeBlock.Builder write, RecordType record, String variable, String what) {
        for (RecordType.Component component : record.components()) {
            CodeBlock get = CodeBlock.of("$L.$L()", variable, component.javaName());
            if (!(component.type() instanceof Scalar s && !s.boxed())) {
                get = CodeBlock.of(
                        "$T.requireNonNull($L, $S)",
                        Objects.class,
                        get,
                        "component '" + component.javaName() + "' of " + what
                                + " is null; Rust values cannot hold null (use Optional)");
            }
            write.addStatement("$L", writeValue(component.type(), get, "out$"));
        }
    }

    /** Reads each component of {@code record} in the order of the Rust fields, then returns the new record. */
    private void readComponents(CodeBlock.Builder read, RecordType record) {
        for (RecordType.Component component : record.components()) {
            read.addStatement(
                    "$T $L$$ = $L",
                    typeName(component.type()),
                    component.javaName(),
                    readValue(component.type(), "in$"));
        }
        CodeBlock arguments =
                record.javaOrder().stream().map(n -> CodeBlock.of("$L$$", n)).collect(CodeBlock.joining(", "));
        read.addStatement("return new $T($L)", record.name(), arguments);
    }

    /** {@code Codecs.of((T value$, ValueWriter out$) -> {write}, (ValueReader in$) -> {read})}. */
    private static CodeBlock codecOf(ClassName type, CodeBlock write, CodeBlock read) {
        return CodeBlock.builder()
                .add("$T.of(\n", RuntimeNames.CODECS)
                .indent()
                .indent()
                .add("($T value$$, $T out$$) -> {\n", type, RuntimeNames.VALUE_WRITER)
                .indent()
                .add(write)
                .unindent()
                .add("},\n")
                .add("($T in$$) -> {\n", RuntimeNames.VALUE_READER)
                .indent()
                .add(read)
                .unindent()
                .add("})")
                .unindent()
                .unindent()
                .build();
    }

    private CodeBlock recordCodec(RecordType record) {
        CodeBlock.Builder write = CodeBlock.builder();
        CodeBlock.Builder read = CodeBlock.builder();
        writeComponents(write, record, "value$", record.name().simpleName());
        readComponents(read, record);
        return codecOf(record.name(), write.build(), read.build());
    }

    /** The name prefix of an enum's two helper methods, declaring them on first use. */
    private String enumHelper(EnumType type) {
        String name = enumHelpers.get(type.name());
        if (name == null) {
            name = "enum" + String.join("_", type.name().simpleNames())
                    + (enumHelpers.isEmpty() ? "" : enumHelpers.size());
            enumHelpers.put(type.name(), name);
            enums.put(type.name(), type);
        }
        return name;
    }

    /** Adds the codec fields and enum helpers used so far to the generated class. */
    void addMembers(TypeSpec.Builder generated) {
        for (Map.Entry<String, ClassName> reference : selfReferences.entrySet()) {
            String target =
                    Objects.requireNonNull(typeCodecs.get(reference.getValue()), reference.getValue()::toString);
            codecFields.put(
                    reference.getKey(),
                    codecField(
                            new JavaType.TypeRef(reference.getValue(), ""),
                            reference.getKey(),
                            CodeBlock.of("$T.lazy(() -> $T.$L)", RuntimeNames.CODECS, this.generated, target)));
        }
        selfReferences.clear();
        codecFields.values().forEach(generated::addField);
        for (Map.Entry<ClassName, String> helper : enumHelpers.entrySet()) {
            EnumType type = enums.get(helper.getKey());
            generated.addMethod(enumToRust(type, helper.getValue() + "ToRust"));
            generated.addMethod(enumFromRust(type, helper.getValue() + "FromRust"));
        }
    }

    private static MethodSpec enumToRust(EnumType type, String name) {
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement(
                        "$T.requireNonNull(value, () -> what + $S)",
                        Objects.class,
                        " is null, but the Rust side takes a " + type.rustName() + " value; pass a constant.")
                .beginControlFlow("switch (value)");
        for (EnumType.Constant constant : type.constants()) {
            body.add("case $L: return $L;\n", constant.javaName(), constant.discriminant());
        }
        body.add(
                        "default: throw new $T(value + $S);\n",
                        IllegalArgumentException.class,
                        " has no Rust variant; rebuild the bindings against the current Wasm module.")
                .endControlFlow();
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TypeName.INT)
                .addParameter(type.name(), "value")
                .addParameter(String.class, "what")
                .addCode(body.build())
                .build();
    }

    private static MethodSpec enumFromRust(EnumType type, String name) {
        CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (discriminant)");
        for (EnumType.Constant constant : type.constants()) {
            body.add("case $L: return $T.$L;\n", constant.discriminant(), type.name(), constant.javaName());
        }
        body.add(
                        "default: throw new $T($S + discriminant + $S);\n",
                        RuntimeNames.WASM_BRIDGE_EXCEPTION,
                        "Rust returned the discriminant ",
                        " for enum " + type.rustName() + ", which "
                                + type.name().simpleName() + " has no constant for; the Wasm module does not match"
                                + " the one the bindings were generated from. Rebuild them.")
                .endControlFlow();
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(type.name())
                .addParameter(TypeName.INT, "discriminant")
                .addCode(body.build())
                .build();
    }
}
