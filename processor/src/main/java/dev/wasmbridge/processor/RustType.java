package dev.wasmbridge.processor;

import java.util.Set;

/**
 * A Rust type as the support crate spells it in the {@code wasmbridge.signatures} section (docs/ABI.md,
 * "Signatures section"): {@code i32}, {@code &str}, {@code Vec<Point>}, {@code Option<u32>}, {@code &mut
 * Counter}, {@code Result<i64, _>}.
 */
sealed interface RustType {
    /** The integer and float types and {@code bool}. */
    Set<String> PRIMITIVES =
            Set.of("bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize", "f32", "f64");

    /** The canonical spelling, as in the section and in messages. */
    String spelling();

    /** {@code ()}. */
    record Unit() implements RustType {
        @Override
        public String spelling() {
            return "()";
        }
    }

    /** {@code bool}, an integer or a float type. */
    record Primitive(String name) implements RustType {
        @Override
        public String spelling() {
            return name;
        }

        boolean isUnsigned() {
            return name.startsWith("u");
        }

        /**
         * The fixed-width type this one is on wasm32, where it crosses: {@code u32} for {@code usize}, {@code
         * i32} for {@code isize} (docs/ABI.md, "Scalars"); the name itself for the others. Java's rules are
         * those of the fixed-width type.
         */
        String onWasm32() {
            switch (name) {
                case "usize":
                    return "u32";
                case "isize":
                    return "i32";
                default:
                    return name;
            }
        }
    }

    /** {@code &str}. */
    record Str() implements RustType {
        @Override
        public String spelling() {
            return "&str";
        }
    }

    /** {@code String}. */
    record OwnedString() implements RustType {
        @Override
        public String spelling() {
            return "String";
        }
    }

    /** {@code &[T]}. */
    record SliceOf(RustType element) implements RustType {
        @Override
        public String spelling() {
            return "&[" + element.spelling() + "]";
        }
    }

    /** {@code Vec<T>}. */
    record VecOf(RustType element) implements RustType {
        @Override
        public String spelling() {
            return "Vec<" + element.spelling() + ">";
        }
    }

    /** {@code Option<T>}. */
    record OptionOf(RustType value) implements RustType {
        @Override
        public String spelling() {
            return "Option<" + value.spelling() + ">";
        }
    }

    /** {@code Result<T, _>}: {@code T}, or an error the host turns into an exception. */
    record ResultOf(RustType value) implements RustType {
        @Override
        public String spelling() {
            return "Result<" + value.spelling() + ", _>";
        }
    }

    /** A class, enum or record named by its own line of the section. */
    record Named(String name) implements RustType {
        @Override
        public String spelling() {
            return name;
        }
    }

    /** {@code &Name} or {@code &mut Name}: a class object borrowed for the call. */
    record Borrowed(String name, boolean mutable) implements RustType {
        @Override
        public String spelling() {
            return (mutable ? "&mut " : "&") + name;
        }
    }

    /** {@code Iterator<T>}: a Rust iterator, {@code wasmbridge::Iter<T>} (docs/ABI.md, "Iterators"). */
    record IteratorOf(RustType item) implements RustType {
        @Override
        public String spelling() {
            return "Iterator<" + item.spelling() + ">";
        }
    }

    /**
     * {@code Future<T>}: the result of an {@code async fn} export (T may be a {@code Result}), or a Java future
     * an import returns ({@code wasmbridge::JavaFuture<T>}), docs/ABI.md "Async".
     */
    record FutureOf(RustType value) implements RustType {
        @Override
        public String spelling() {
            return "Future<" + value.spelling() + ">";
        }
    }

    /**
     * {@code Fn(A, B) -> R}: a callback for the call, {@code wasmbridge::Callback<(A, B), R>}; or, when {@code
     * stored}, {@code StoredFn(A, B) -> R}: one Rust keeps, {@code wasmbridge::StoredCallback<(A, B), R>}.
     */
    record FnOf(java.util.List<RustType> parameters, RustType result, boolean stored) implements RustType {
        @Override
        public String spelling() {
            StringBuilder text = new StringBuilder(stored ? "StoredFn(" : "Fn(");
            for (int i = 0; i < parameters.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(parameters.get(i).spelling());
            }
            return text.append(") -> ").append(result.spelling()).toString();
        }
    }

    /**
     * Parses a canonical spelling.
     *
     * @throws IllegalArgumentException if {@code text} is not one
     */
    static RustType parse(String text) {
        Parser parser = new Parser(text);
        RustType type = parser.type();
        parser.expectEnd();
        return type;
    }

    /** A recursive-descent reader of the grammar in docs/ABI.md. */
    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        RustType type() {
            if (eat("()")) {
                return new Unit();
            }
            if (eat("&str")) {
                return new Str();
            }
            if (eat("&[")) {
                RustType element = type();
                expect("]");
                return new SliceOf(element);
            }
            if (eat("&mut ")) {
                return new Borrowed(name(), true);
            }
            if (eat("&")) {
                return new Borrowed(name(), false);
            }
            String name = name();
            if ((name.equals("Fn") || name.equals("StoredFn")) && eat("(")) {
                java.util.List<RustType> parameters = new java.util.ArrayList<>();
                while (!eat(")")) {
                    if (!parameters.isEmpty()) {
                        expect(", ");
                    }
                    parameters.add(type());
                }
                expect(" -> ");
                return new FnOf(java.util.List.copyOf(parameters), type(), name.equals("StoredFn"));
            }
            switch (name) {
                case "String":
                    return new OwnedString();
                case "Vec":
                    return new VecOf(generic());
                case "Option":
                    return new OptionOf(generic());
                case "Iterator": // a class may be named Iterator too
                    return text.startsWith("<", at) ? new IteratorOf(generic()) : new Named(name);
                case "Future": // likewise
                    return text.startsWith("<", at) ? new FutureOf(generic()) : new Named(name);
                case "Result": {
                    expect("<");
                    RustType value = type();
                    expect(", _>");
                    return new ResultOf(value);
                }
                default:
                    return PRIMITIVES.contains(name) ? new Primitive(name) : new Named(name);
            }
        }

        private RustType generic() {
            expect("<");
            RustType inner = type();
            expect(">");
            return inner;
        }

        String name() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at) {
                throw error("a type name");
            }
            return text.substring(start, at);
        }

        boolean eat(String token) {
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!eat(token)) {
                throw error("'" + token + "'");
            }
        }

        void expectEnd() {
            if (at != text.length()) {
                throw error("the end of the type");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException(
                    "expected " + expected + " at column " + (at + 1) + " of '" + text + "'");
        }
    }
}
