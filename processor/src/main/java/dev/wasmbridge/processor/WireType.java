package dev.wasmbridge.processor;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.element.TypeElement;

/** A Java type Wasmbridge can move across the boundary, and the one Wasm value it travels as (docs/ABI.md). */
enum WireType {
    INT("int", "i32"),
    LONG("long", "i64"),
    FLOAT("float", "f32"),
    DOUBLE("double", "f64"),
    BOOLEAN("boolean", "i32"),
    STRING("String", "i64"),
    BYTES("byte[]", "i64"),
    VOID("void", null);

    private final String javaName;
    private final String wasmName;

    WireType(String javaName, String wasmName) {
        this.javaName = javaName;
        this.wasmName = wasmName;
    }

    /** The Java spelling, as in a method signature. */
    String javaName() {
        return javaName;
    }

    /** {@code i32}, {@code i64}, {@code f32} or {@code f64}; null for {@link #VOID}. */
    String wasmName() {
        return wasmName;
    }

    /** Whether it travels as a slice of linear memory, which needs the ABI's allocator. */
    boolean isSlice() {
        return this == STRING || this == BYTES;
    }

    /** The parameter types, as listed in messages. */
    static String supportedParameters() {
        return Arrays.stream(values()).filter(t -> t != VOID).map(WireType::javaName)
                .collect(Collectors.joining(", "));
    }

    /** The wire type of {@code type}, if it has one. */
    static Optional<WireType> of(TypeMirror type) {
        switch (type.getKind()) {
            case INT: return Optional.of(INT);
            case LONG: return Optional.of(LONG);
            case FLOAT: return Optional.of(FLOAT);
            case DOUBLE: return Optional.of(DOUBLE);
            case BOOLEAN: return Optional.of(BOOLEAN);
            case VOID: return Optional.of(VOID);
            case ARRAY:
                return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
                        ? Optional.of(BYTES)
                        : Optional.empty();
            case DECLARED:
                TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
                return element.getQualifiedName().contentEquals("java.lang.String")
                        ? Optional.of(STRING)
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
