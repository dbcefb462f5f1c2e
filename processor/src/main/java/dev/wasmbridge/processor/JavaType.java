package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Locale;

/**
 * A Java type Wasmbridge can move across the boundary, as the validator resolved it from javac's model and
 * the writer generates code for (docs/ABI.md, "Values"). Free of javac elements.
 */
sealed interface JavaType {
    /**
     * The Wasm value a value of this type travels as at the top level of a signature: {@code i32}, {@code
     * i64}, {@code f32}, {@code f64}; null for {@code void}.
     */
    String wasm();

    /** The Java spelling, as a user writes it, for messages. */
    String spelling();

    /** Whether it needs the module's memory and allocator (slices and encoded values). */
    default boolean usesMemory() {
        return "i64".equals(wasm()) && !(this instanceof Scalar);
    }

    /**
     * Whether it crosses in the value encoding at the top level (Optional, List, records, enums with data);
     * not a list or Optional of Rust objects, which cross as handles (docs/ABI.md, "Classes").
     */
    default boolean isEncoded() {
        return this instanceof OptionalOf o && !(o.value() instanceof ClassType)
                || this instanceof OptionalPrimitive
                || this instanceof ListOf l && !(l.element() instanceof ClassType)
                || this instanceof RecordType
                || this instanceof DataEnumType
                || this instanceof TypeRef;
    }

    /** Whether ABI version 1 had it, so a module without the signatures section can use it. */
    default boolean inFirstAbi() {
        return this instanceof Scalar s
                        && !s.unsigned()
                        && !s.boxed()
                        && s.kind() != ScalarKind.BYTE
                        && s.kind() != ScalarKind.SHORT
                || this instanceof Void
                || this instanceof Text
                || this instanceof Bytes b && !b.buffer();
    }

    /** The primitive kinds, with their Wasm type and Rust names. */
    enum ScalarKind {
        BOOLEAN("boolean", "Boolean", "i32", "bool", null),
        BYTE("byte", "Byte", "i32", "i8", "u8"),
        SHORT("short", "Short", "i32", "i16", "u16"),
        INT("int", "Integer", "i32", "i32", "u32"),
        LONG("long", "Long", "i64", "i64", "u64"),
        FLOAT("float", "Float", "f32", "f32", null),
        DOUBLE("double", "Double", "f64", "f64", null);

        final String primitive;
        final String boxed;
        final String wasm;
        final String rust;
        final String rustUnsigned;

        ScalarKind(String primitive, String boxed, String wasm, String rust, String rustUnsigned) {
            this.primitive = primitive;
            this.boxed = boxed;
            this.wasm = wasm;
            this.rust = rust;
            this.rustUnsigned = rustUnsigned;
        }

        /** Whether {@code @Unsigned} applies. */
        boolean canBeUnsigned() {
            return rustUnsigned != null;
        }

        /** The Rust type, e.g. {@code u32} for an unsigned {@code INT}. */
        String rust(boolean unsigned) {
            return unsigned ? rustUnsigned : rust;
        }

        /** The method-name part of ValueWriter/ValueReader/Codecs, e.g. {@code Int} and {@code INT}. */
        String title() {
            return primitive.substring(0, 1).toUpperCase(Locale.ROOT) + primitive.substring(1);
        }
    }

    /** A primitive, or its box inside Optional/List/records. */
    record Scalar(ScalarKind kind, boolean unsigned, boolean boxed) implements JavaType {
        @Override
        public String wasm() {
            return kind.wasm;
        }

        @Override
        public String spelling() {
            return (unsigned ? "@Unsigned " : "") + (boxed ? kind.boxed : kind.primitive);
        }
    }

    /** No result. */
    record Void() implements JavaType {
        @Override
        public String wasm() {
            return null;
        }

        @Override
        public String spelling() {
            return "void";
        }
    }

    /** {@code String}. */
    record Text() implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return "String";
        }
    }

    /** {@code byte[]}, or {@code ByteBuffer} when {@code buffer}. */
    record Bytes(boolean buffer) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return buffer ? "ByteBuffer" : "byte[]";
        }
    }

    /** {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]} or {@code double[]}. */
    record NumericArray(ScalarKind element) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return element.primitive + "[]";
        }
    }

    /** {@code Optional<T>}. */
    record OptionalOf(JavaType value) implements JavaType {
        @Override
        public String wasm() {
            return value instanceof ClassType ? "i32" : "i64";
        }

        @Override
        public String spelling() {
            return "Optional<" + value.spelling() + ">";
        }
    }

    /** {@code OptionalInt}, {@code OptionalLong} or {@code OptionalDouble}. */
    record OptionalPrimitive(ScalarKind kind) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return "Optional" + kind.title();
        }
    }

    /** {@code List<T>}. */
    record ListOf(JavaType element) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return "List<" + element.spelling() + ">";
        }
    }

    /**
     * A {@code @WasmRecord} record.
     *
     * @param components in the order of the Rust fields, which is the order of the value encoding
     * @param javaOrder the component names in the order of the canonical constructor
     */
    record RecordType(ClassName name, String rustName, List<Component> components, List<String> javaOrder)
            implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }

        /** A record component and the Rust field it is. */
        record Component(String javaName, String rustName, JavaType type) {}

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordType r && r.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /** A {@code @WasmEnum} enum, with the Rust discriminant of each constant. */
    record EnumType(ClassName name, String rustName, List<Constant> constants) implements JavaType {
        @Override
        public String wasm() {
            return "i32";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }

        /** A Java constant and the discriminant of its Rust variant. */
        record Constant(String javaName, int discriminant) {}

        @Override
        public boolean equals(Object other) {
            return other instanceof EnumType e && e.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /**
     * A {@code @WasmEnum} sealed interface: a Rust enum with data ({@code wasmbridge::data_enum!}), each of
     * whose variants is one of the records the interface permits.
     *
     * @param variants the record of each Rust variant, in the Rust declaration order, which gives the variant
     *     index on the wire; each record's {@link RecordType#rustName()} is the variant's name, and its
     *     components are the variant's fields in order
     */
    record DataEnumType(ClassName name, String rustName, List<RecordType> variants) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DataEnumType d && d.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    /**
     * A record or enum with data met again inside itself, while it was being resolved: a type that contains
     * itself ({@code Neg(Box<Expr>)} in {@code Expr}, a {@code List<Tree>} in {@code Tree}). Its codec is the
     * type's own, reached lazily.
     */
    record TypeRef(ClassName name, String rustName) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }
    }

    /**
     * A {@code @WasmInterface} interface: a Java object Rust keeps and calls ({@code wasmbridge::java_interface!}).
     *
     * @param rustName the Rust type's name
     * @param methods its methods, in the order of the Rust declaration (their index on the wire)
     */
    record InterfaceType(ClassName name, String rustName, List<InterfaceMethod> methods) implements JavaType {
        @Override
        public String wasm() {
            return "i32";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }

        @Override
        public boolean usesMemory() {
            return true; // arguments and results cross as encoded slices
        }
    }

    /**
     * A method of a {@link InterfaceType}.
     *
     * @param result {@link Void} for {@code void}
     */
    record InterfaceMethod(String name, List<JavaType> parameters, JavaType result) {}

    /**
     * A {@code @WasmCallback} interface: a Java object Rust calls during the export call.
     *
     * @param method the name of its one abstract method
     * @param result {@link Void} for {@code void}
     * @param lent for each parameter, whether it is a Rust object that Rust lends for the call ({@code &T},
     *     {@code &mut T}) rather than gives ({@code T}); false for other types. Which one depends on the Rust
     *     function the callback is passed to: the resolver leaves every one false, and the validator sets
     *     them with {@link #lending}
     * @param stored whether Rust keeps it beyond the call ({@code StoredFn}: a held Java object); set by the
     *     validator with {@link #lending}, like {@code lent}
     */
    record CallbackType(
            ClassName name,
            String method,
            List<JavaType> parameters,
            JavaType result,
            List<Boolean> lent,
            boolean stored)
            implements JavaType {
        /** This callback as the Rust function that takes it sees it: the objects it lends, whether it keeps it. */
        CallbackType lending(List<Boolean> lent, boolean stored) {
            return new CallbackType(name, method, parameters, result, List.copyOf(lent), stored);
        }

        @Override
        public String wasm() {
            return "i32";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }

        @Override
        public boolean usesMemory() {
            return true; // arguments and results cross as encoded slices
        }
    }

    /** How a Java method declares a Rust iterator it returns. */
    enum IteratorForm {
        /** {@code java.util.Iterator<T>}. */
        ITERATOR(ClassName.get("java.util", "Iterator")),
        /** {@code dev.wasmbridge.runtime.WasmIterator<T>}: an Iterator with {@code close()}. */
        WASM_ITERATOR(RuntimeNames.WASM_ITERATOR),
        /** {@code java.util.stream.Stream<T>}. */
        STREAM(ClassName.get("java.util.stream", "Stream"));

        final ClassName type;

        IteratorForm(ClassName type) {
            this.type = type;
        }
    }

    /**
     * A Rust iterator ({@code wasmbridge::Iter<T>}, docs/ABI.md "Iterators") as a method result: a handle, and
     * items in the value encoding (Rust objects as handles).
     *
     * @param item the type of the items: boxed where it is a primitive, or a {@link ClassType}
     */
    record IteratorOf(JavaType item, IteratorForm form) implements JavaType {
        @Override
        public String wasm() {
            return "i32";
        }

        @Override
        public String spelling() {
            return form.type.simpleName() + "<" + item.spelling() + ">";
        }

        @Override
        public boolean usesMemory() {
            return true; // items cross as slices
        }
    }

    /**
     * {@code CompletableFuture<T>}: a Rust {@code async fn} export's result, or an import's result Rust awaits
     * ({@code wasmbridge::JavaFuture<T>}), docs/ABI.md "Async"; an {@code i64} task or future id on the wire.
     *
     * @param value the value's type, boxed where it is a primitive; {@link Void} for {@code CompletableFuture<Void>}
     */
    record FutureOf(JavaType value) implements JavaType {
        @Override
        public String wasm() {
            return "i64";
        }

        @Override
        public String spelling() {
            return "CompletableFuture<" + (value instanceof Void ? "Void" : value.spelling()) + ">";
        }

        @Override
        public boolean usesMemory() {
            return true; // the value crosses as an encoded slice
        }
    }

    /** A {@code @WasmClass} interface: a handle to a Rust object. */
    record ClassType(ClassName name, String rustName) implements JavaType {
        @Override
        public String wasm() {
            return "i32";
        }

        @Override
        public String spelling() {
            return name.simpleName();
        }
    }
}
