package dev.wasmbridge.processor;

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
import dev.wasmbridge.processor.RustType.Borrowed;
import dev.wasmbridge.processor.RustType.Named;
import dev.wasmbridge.processor.RustType.OptionOf;
import dev.wasmbridge.processor.RustType.OwnedString;
import dev.wasmbridge.processor.RustType.Primitive;
import dev.wasmbridge.processor.RustType.SliceOf;
import dev.wasmbridge.processor.RustType.Str;
import dev.wasmbridge.processor.RustType.Unit;
import dev.wasmbridge.processor.RustType.VecOf;

/**
 * Decides whether a Java type and a Rust type are the two ends of one ABI row (docs/ABI.md, "Values"), and
 * names the Java type a Rust type calls for, for messages.
 */
final class TypeMatcher {
    /** Where a type appears; some Rust types are allowed in one direction only. */
    enum Position {
        /** A parameter of an export: Java lends it to Rust. */
        EXPORT_PARAMETER,
        /** An export's result: Rust hands it to Java. */
        EXPORT_RESULT,
        /** A parameter of an import: Rust lends it to Java. */
        IMPORT_PARAMETER,
        /** An import's result: Java hands it to Rust. */
        IMPORT_RESULT,
        /** Inside an encoded value (Option, Vec, record field). */
        NESTED;

        boolean topLevel() {
            return this != NESTED;
        }
    }

    /** The element types whose top-level vectors are Java arrays rather than lists (ABI.md). */
    private static final java.util.Set<String> ARRAY_ELEMENTS =
            java.util.Set.of("u8", "i16", "i32", "i64", "f32", "f64");

    private TypeMatcher() {}

    /**
     * Whether Java's {@code java} and Rust's {@code rust} are the same value at {@code position}. Rust's
     * {@code usize} and {@code isize} follow the rules of {@code u32} and {@code i32}, which they are on wasm32.
     */
    static boolean matches(JavaType java, RustType rust, Position position) {
        if (java instanceof Scalar s) {
            return rust instanceof Primitive p && p.onWasm32().equals(s.kind().rust(s.unsigned()));
        }
        if (java instanceof JavaType.Void) {
            return rust instanceof Unit;
        }
        if (java instanceof Text) {
            return rust instanceof OwnedString
                    || rust instanceof Str && position != Position.NESTED && position != Position.IMPORT_RESULT;
        }
        if (java instanceof Bytes b) {
            if (b.buffer() && position == Position.NESTED) {
                return false;
            }
            return isBytes(rust, VecOf.class) || isBytes(rust, SliceOf.class) && slicesAllowed(position);
        }
        if (java instanceof NumericArray a) {
            RustType element = rust instanceof VecOf v
                    ? v.element()
                    : rust instanceof SliceOf s && slicesAllowed(position) ? s.element() : null;
            // `Vec<isize>` is an int[] like `Vec<i32>`; a borrowed `&[isize]` is not (isize is 64-bit natively).
            return position.topLevel()
                    && element instanceof Primitive p
                    && (rust instanceof VecOf ? p.onWasm32() : p.name()).equals(a.element().rust);
        }
        if (java instanceof OptionalOf o) {
            if (!(rust instanceof OptionOf r)) {
                return false;
            }
            if (o.value() instanceof ClassType c) {
                return isObjectOf(c, r.value(), position);
            }
            return matches(o.value(), r.value(), Position.NESTED);
        }
        if (java instanceof OptionalPrimitive o) {
            return rust instanceof OptionOf r
                    && r.value() instanceof Primitive p
                    && p.onWasm32().equals(o.kind().rust);
        }
        if (java instanceof ListOf l) {
            if (!(rust instanceof VecOf v)) {
                return false;
            }
            if (l.element() instanceof ClassType c) {
                return isObjectOf(c, v.element(), position);
            }
            if (position.topLevel() && v.element() instanceof Primitive p && ARRAY_ELEMENTS.contains(p.onWasm32())) {
                return false; // these vectors are arrays at the top level (ABI.md)
            }
            return matches(l.element(), v.element(), Position.NESTED);
        }
        if (java instanceof RecordType r) {
            return rust instanceof Named n && n.name().equals(r.rustName());
        }
        if (java instanceof EnumType e) {
            return rust instanceof Named n && n.name().equals(e.rustName());
        }
        if (java instanceof JavaType.DataEnumType d) {
            return rust instanceof Named n && n.name().equals(d.rustName());
        }
        if (java instanceof JavaType.TypeRef r) {
            return rust instanceof Named n && n.name().equals(r.rustName());
        }
        if (java instanceof JavaType.InterfaceType i) {
            // its methods were checked against the section's interface line when it was resolved
            return position == Position.EXPORT_PARAMETER
                    && rust instanceof Named n
                    && n.name().equals(i.rustName());
        }
        if (java instanceof JavaType.CallbackType c) {
            if (!(rust instanceof RustType.FnOf f)
                    || position != Position.EXPORT_PARAMETER
                    || f.parameters().size() != c.parameters().size()) {
                return false;
            }
            for (int i = 0; i < f.parameters().size(); i++) {
                JavaType parameter = c.parameters().get(i);
                RustType argument = f.parameters().get(i);
                // a Rust object is given or lent to a callback as to an import; other values are encoded
                boolean same = matches(
                        parameter,
                        argument,
                        parameter instanceof ClassType ? Position.IMPORT_PARAMETER : Position.NESTED);
                if (!same) {
                    return false;
                }
            }
            return c.result() instanceof JavaType.Void
                    ? f.result() instanceof Unit
                    : matches(c.result(), f.result(), Position.NESTED);
        }
        if (java instanceof ClassType c) {
            // export parameters move or borrow, results give; imports (and callbacks) are given or lent one
            return isObjectOf(c, rust, position.topLevel() && position != Position.IMPORT_RESULT, position);
        }
        if (java instanceof JavaType.FutureOf f) {
            if (!(position == Position.EXPORT_RESULT || position == Position.IMPORT_RESULT)
                    || !(rust instanceof RustType.FutureOf r)) {
                return false;
            }
            RustType value = position == Position.EXPORT_RESULT && r.value() instanceof RustType.ResultOf result
                    ? result.value()
                    : r.value();
            return f.value() instanceof JavaType.Void
                    ? value instanceof Unit
                    : !(value instanceof Unit) && matches(f.value(), value, Position.NESTED);
        }
        if (java instanceof JavaType.IteratorOf i) {
            return position == Position.EXPORT_RESULT
                    && rust instanceof RustType.IteratorOf r
                    && itemMatches(i.item(), r.item());
        }
        return false;
    }

    /**
     * Whether a borrowed slice {@code &[T]} is allowed at {@code position}: lent as a parameter in either
     * direction, or an export's result borrowed from a parameter or {@code &self}, which is copied out.
     */
    private static boolean slicesAllowed(Position position) {
        return position == Position.EXPORT_PARAMETER
                || position == Position.IMPORT_PARAMETER
                || position == Position.EXPORT_RESULT;
    }

    /**
     * Whether an element of a Java {@code List} or {@code Optional} of Rust objects is the element {@code rust}
     * of the Rust {@code Vec} or {@code Option} at {@code position} (docs/ABI.md, "Classes"): export parameters
     * move ({@code T}) or borrow ({@code &T}, {@code &mut T}) them, export results give them ({@code T}); an
     * import and a callback take a Rust object alone, not in a list.
     */
    private static boolean isObjectOf(ClassType java, RustType rust, Position position) {
        return isObjectOf(
                java, rust, position == Position.EXPORT_PARAMETER || position == Position.EXPORT_RESULT, position);
    }

    /**
     * Whether {@code rust} is the Rust object {@code java} where {@code allowed}: by value ({@code T}) anywhere
     * allowed, by reference ({@code &T}, {@code &mut T}) where Rust hands it over for a call only (a parameter
     * of an export, which borrows it, or of an import, to which Rust lends it), never as a result.
     */
    private static boolean isObjectOf(ClassType java, RustType rust, boolean allowed, Position position) {
        if (!allowed) {
            return false;
        }
        if (rust instanceof Named n) {
            return n.name().equals(java.rustName());
        }
        return rust instanceof Borrowed b
                && b.name().equals(java.rustName())
                && (position == Position.EXPORT_PARAMETER || position == Position.IMPORT_PARAMETER);
    }

    /** Whether the items of a Java iterator are those of a Rust {@code Iterator<T>}: Rust objects, or encoded. */
    static boolean itemMatches(JavaType java, RustType rust) {
        return java instanceof ClassType c
                ? rust instanceof Named n && n.name().equals(c.rustName())
                : matches(java, rust, Position.NESTED);
    }

    private static boolean isBytes(RustType rust, Class<? extends RustType> kind) {
        RustType element = rust instanceof VecOf v ? v.element() : rust instanceof SliceOf s ? s.element() : null;
        return kind.isInstance(rust)
                && element instanceof Primitive p
                && p.name().equals("u8");
    }

    /** The Java type to declare for {@code rust} at {@code position}, as a user would write it. */
    static String javaFor(RustType rust, Position position) {
        boolean nested = position == Position.NESTED;
        RustType object = rust instanceof VecOf v ? v.element() : rust instanceof OptionOf o ? o.value() : rust;
        if (position == Position.EXPORT_RESULT && object instanceof Borrowed b) {
            String owned = rust == object ? b.name() : rust.spelling().replace(object.spelling(), b.name());
            return "nothing (Java cannot keep an object Rust only borrows; return " + owned + ", new objects)";
        }
        if (rust instanceof Unit) {
            return "void";
        }
        if (rust instanceof Primitive p) {
            for (ScalarKind kind : ScalarKind.values()) {
                if (p.onWasm32().equals(kind.rust)) {
                    return nested ? kind.boxed : kind.primitive;
                }
                if (p.onWasm32().equals(kind.rustUnsigned)) {
                    return "@Unsigned " + (nested ? kind.boxed : kind.primitive);
                }
            }
        }
        if (rust instanceof Str || rust instanceof OwnedString) {
            return "String";
        }
        if (rust instanceof SliceOf || rust instanceof VecOf) {
            RustType element = rust instanceof SliceOf s ? s.element() : ((VecOf) rust).element();
            if (element instanceof Primitive p && p.name().equals("u8")) {
                return nested ? "byte[]" : "byte[] or ByteBuffer";
            }
            if (!nested && element instanceof Primitive p) {
                String name = rust instanceof VecOf ? p.onWasm32() : p.name();
                for (ScalarKind kind : ScalarKind.values()) {
                    if (name.equals(kind.rust) && kind != ScalarKind.BOOLEAN && kind != ScalarKind.BYTE) {
                        return kind.primitive + "[]";
                    }
                }
            }
            return "List<" + javaFor(element, Position.NESTED) + ">";
        }
        if (rust instanceof OptionOf o) {
            if (o.value() instanceof Primitive p) {
                switch (p.onWasm32()) {
                    case "i32":
                        return "OptionalInt (or Optional<Integer>)";
                    case "i64":
                        return "OptionalLong (or Optional<Long>)";
                    case "f64":
                        return "OptionalDouble (or Optional<Double>)";
                    default:
                        break;
                }
            }
            return "Optional<" + javaFor(o.value(), Position.NESTED) + ">";
        }
        if (rust instanceof RustType.ResultOf r) {
            return javaFor(r.value(), position);
        }
        if (rust instanceof RustType.FutureOf f) {
            RustType value = f.value() instanceof RustType.ResultOf r ? r.value() : f.value();
            return "CompletableFuture<" + (value instanceof Unit ? "Void" : javaFor(value, Position.NESTED)) + ">";
        }
        if (rust instanceof RustType.IteratorOf i) {
            String item = javaFor(i.item(), Position.NESTED);
            return "Iterator<" + item + ">, Stream<" + item + "> or WasmIterator<" + item + ">";
        }
        if (rust instanceof Named n) {
            return n.name();
        }
        if (rust instanceof Borrowed b) {
            return b.name();
        }
        if (rust instanceof RustType.FnOf f) {
            StringBuilder text = new StringBuilder("a @WasmCallback interface with a method (");
            for (int i = 0; i < f.parameters().size(); i++) {
                RustType p = f.parameters().get(i);
                text.append(i == 0 ? "" : ", ")
                        .append(javaFor(p, p instanceof Primitive ? Position.EXPORT_RESULT : Position.NESTED));
            }
            return text.append(") -> ")
                    .append(
                            f.result() instanceof Unit
                                    ? "void"
                                    : javaFor(
                                            f.result(),
                                            f.result() instanceof Primitive ? Position.EXPORT_RESULT : Position.NESTED))
                    .toString();
        }
        return rust.spelling();
    }
}
