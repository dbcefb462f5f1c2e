package dev.wasmbridge.processor;

/**
 * Turns the symbol names rustc writes into a module's name section back into Rust paths, for messages:
 * {@code _RNvCs3N23Cg27TxQ_10big_module11parse_field} becomes {@code big_module::parse_field}. Handles the
 * v0 scheme ({@code _R...}) and the legacy one ({@code _ZN...E}); generic arguments, disambiguators and
 * hashes are left out, since the name is for a person looking for the function in the crate. A name it
 * cannot read comes back as it is.
 */
final class RustNames {
    private final String symbol;
    /** Where the v0 grammar starts: back references count from here. */
    private final int start;

    private int position;
    /** Nested back references, to stop a malformed symbol from looping. */
    private int depth;

    private RustNames(String symbol, int start) {
        this.symbol = symbol;
        this.start = start;
        this.position = start;
    }

    /** The Rust path of {@code symbol}, or {@code symbol} itself when it is not a mangled Rust name. */
    static String demangle(String symbol) {
        try {
            if (symbol.startsWith("_R")) {
                RustNames reader = new RustNames(symbol, 2);
                return reader.path();
            }
            if (symbol.startsWith("_ZN") && symbol.endsWith("E")) {
                return legacy(symbol);
            }
        } catch (RuntimeException e) {
            // not a name we can read: show it as it is
        }
        return symbol;
    }

    private String path() {
        char tag = next();
        switch (tag) {
            case 'C': {
                return identifier();
            }
            case 'N': {
                char namespace = next();
                String parent = path();
                String name = identifier();
                if (Character.isUpperCase(namespace)) { // C: a closure, S: a shim
                    String kind = namespace == 'C' ? "closure" : namespace == 'S' ? "shim" : String.valueOf(namespace);
                    return parent + "::{" + kind + (name.isEmpty() ? "" : ":" + name) + "}";
                }
                return parent + "::" + name;
            }
            case 'M': {
                disambiguator();
                path(); // the impl's own path (crate and module): the type says more
                return "<" + type() + ">";
            }
            case 'X': {
                disambiguator();
                path();
                String self = type();
                return "<" + self + " as " + path() + ">";
            }
            case 'Y': {
                String self = type();
                return "<" + self + " as " + path() + ">";
            }
            case 'I': {
                String generic = path();
                while (!eat('E')) {
                    genericArgument();
                }
                return generic;
            }
            case 'B': {
                return backref(this::path);
            }
            default:
                throw new IllegalArgumentException("unexpected '" + tag + "'");
        }
    }

    private void genericArgument() {
        if (eat('L')) {
            base62();
        } else if (eat('K')) {
            constant();
        } else {
            type();
        }
    }

    private String type() {
        char tag = peek();
        String basic = basicType(tag);
        if (basic != null) {
            position++;
            return basic;
        }
        switch (tag) {
            case 'A': {
                position++;
                String element = type();
                constant();
                return "[" + element + "; _]";
            }
            case 'S': {
                position++;
                return "[" + type() + "]";
            }
            case 'T': {
                position++;
                StringBuilder tuple = new StringBuilder("(");
                for (int i = 0; !eat('E'); i++) {
                    tuple.append(i == 0 ? "" : ", ").append(type());
                }
                return tuple.append(")").toString();
            }
            case 'R':
            case 'Q': {
                position++;
                if (eat('L')) {
                    base62();
                }
                return (tag == 'R' ? "&" : "&mut ") + type();
            }
            case 'P':
            case 'O': {
                position++;
                return (tag == 'P' ? "*const " : "*mut ") + type();
            }
            case 'F': {
                position++;
                if (eat('G')) {
                    base62();
                }
                eat('U');
                if (eat('K') && !eat('C')) {
                    undisambiguatedIdentifier();
                }
                while (!eat('E')) {
                    type();
                }
                type();
                return "fn(..)";
            }
            case 'D': {
                position++;
                if (eat('G')) {
                    base62();
                }
                StringBuilder traits = new StringBuilder("dyn ");
                for (int i = 0; !eat('E'); i++) {
                    traits.append(i == 0 ? "" : " + ").append(path());
                    while (eat('p')) {
                        undisambiguatedIdentifier();
                        type();
                    }
                }
                if (eat('L')) {
                    base62();
                }
                return traits.toString();
            }
            case 'B': {
                position++;
                return backref(this::type);
            }
            default:
                return path();
        }
    }

    private void constant() {
        if (eat('p')) {
            return;
        }
        if (eat('B')) {
            backref(() -> {
                constant();
                return "";
            });
            return;
        }
        type();
        eat('n');
        while (next() != '_') {
            // hex digits of the value
        }
    }

    private static String basicType(char tag) {
        switch (tag) {
            case 'a':
                return "i8";
            case 'b':
                return "bool";
            case 'c':
                return "char";
            case 'd':
                return "f64";
            case 'e':
                return "str";
            case 'f':
                return "f32";
            case 'h':
                return "u8";
            case 'i':
                return "isize";
            case 'j':
                return "usize";
            case 'l':
                return "i32";
            case 'm':
                return "u32";
            case 'n':
                return "i128";
            case 'o':
                return "u128";
            case 's':
                return "i16";
            case 't':
                return "u16";
            case 'u':
                return "()";
            case 'v':
                return "...";
            case 'x':
                return "i64";
            case 'y':
                return "u64";
            case 'z':
                return "!";
            case 'p':
                return "_";
            default:
                return null;
        }
    }

    private String backref(java.util.function.Supplier<String> reader) {
        int tag = position - 1; // the 'B'
        int target = start + (int) base62();
        if (target >= tag || ++depth > 64) {
            throw new IllegalArgumentException("bad back reference");
        }
        int resume = position;
        position = target;
        try {
            return reader.get();
        } finally {
            position = resume;
            depth--;
        }
    }

    private String identifier() {
        disambiguator();
        return undisambiguatedIdentifier();
    }

    private void disambiguator() {
        if (peek() == 's') {
            position++;
            base62();
        }
    }

    private String undisambiguatedIdentifier() {
        boolean punycode = eat('u');
        int length = decimal();
        eat('_');
        String name = symbol.substring(position, position + length);
        position += length;
        return punycode ? name + "(punycode)" : name;
    }

    private int decimal() {
        int begin = position;
        while (Character.isDigit(peek())) {
            position++;
        }
        if (begin == position) {
            throw new IllegalArgumentException("expected a number");
        }
        return Integer.parseInt(symbol.substring(begin, position));
    }

    /** {@code _} is 0, otherwise the digits' value plus one. */
    private long base62() {
        if (eat('_')) {
            return 0;
        }
        long value = 0;
        char c;
        while ((c = next()) != '_') {
            int digit = c >= '0' && c <= '9'
                    ? c - '0'
                    : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 36 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("bad base-62 digit");
            }
            value = value * 62 + digit;
        }
        return value + 1;
    }

    private char peek() {
        return position < symbol.length() ? symbol.charAt(position) : '\0';
    }

    private char next() {
        if (position >= symbol.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return symbol.charAt(position++);
    }

    private boolean eat(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    /** {@code _ZN4core3fmt5write17h0123456789abcdefE} → {@code core::fmt::write}. */
    private static String legacy(String symbol) {
        StringBuilder path = new StringBuilder();
        int i = 3;
        while (i < symbol.length() - 1) {
            int begin = i;
            while (Character.isDigit(symbol.charAt(i))) {
                i++;
            }
            int length = Integer.parseInt(symbol.substring(begin, i));
            String part = symbol.substring(i, i + length);
            i += length;
            if (i == symbol.length() - 1 && part.matches("h[0-9a-f]{16}")) {
                break; // the hash
            }
            if (part.startsWith("_$")) {
                part = part.substring(1); // rustc escapes a leading '$' with '_'
            }
            path.append(path.length() == 0 ? "" : "::")
                    .append(part.replace("$LT$", "<")
                            .replace("$GT$", ">")
                            .replace("$RF$", "&")
                            .replace("$BP$", "*")
                            .replace("$u20$", " ")
                            .replace("$u27$", "'")
                            .replace("$u5b$", "[")
                            .replace("$u5d$", "]")
                            .replace("$C$", ",")
                            .replace("..", "::"));
        }
        return path.toString();
    }
}
