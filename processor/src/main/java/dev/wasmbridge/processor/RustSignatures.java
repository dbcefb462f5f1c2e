package dev.wasmbridge.processor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Rust-level declarations the support crate records in the {@code wasmbridge.signatures} custom section
 * (docs/ABI.md, "Signatures section"): every export and import with its Rust types, and the classes, enums
 * and records they use.
 */
final class RustSignatures {
    /** A parameter as Rust declares it. */
    record RustParameter(String name, RustType type) {
        String describe() {
            return name + ": " + type.spelling();
        }
    }

    /** An exported or imported function. */
    record RustFunction(String name, List<RustParameter> parameters, RustType result) {
        /** The declaration as the section writes it, for messages. */
        String describe(String keyword) {
            StringBuilder text =
                    new StringBuilder(keyword).append(' ').append(name).append('(');
            for (int i = 0; i < parameters.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(parameters.get(i).describe());
            }
            return text.append(") -> ").append(result.spelling()).toString();
        }
    }

    /** A variant of a C-like enum and its discriminant. */
    record Variant(String name, int discriminant) {}

    /** A field of a record, or of a variant of an enum with data ({@code "0"}, {@code "1"}, ... in a tuple variant). */
    record Field(String name, RustType type) {}

    /**
     * A variant of an enum with data ({@code wasmbridge::data_enum!}): its index on the wire is its position
     * in the enum's list.
     *
     * @param tuple whether its fields are positional ({@code Text(String, Option<Point>)}); a variant without
     *     fields is neither
     */
    record DataVariant(String name, boolean tuple, List<Field> fields) {
        /** The variant as the section writes it: {@code Circle { r: f64 }}, {@code Text(String)}, {@code Empty}. */
        String describe() {
            if (fields.isEmpty()) {
                return name;
            }
            StringBuilder text = new StringBuilder(name).append(tuple ? "(" : " { ");
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ", ");
                if (!tuple) {
                    text.append(fields.get(i).name()).append(": ");
                }
                text.append(fields.get(i).type().spelling());
            }
            return text.append(tuple ? ")" : " }").toString();
        }
    }

    private final Map<String, RustFunction> functions = new LinkedHashMap<>();
    private final Map<String, RustFunction> imports = new LinkedHashMap<>();
    private final Set<String> classes = new LinkedHashSet<>();
    private final Map<String, List<Variant>> enums = new LinkedHashMap<>();
    private final Map<String, List<DataVariant>> dataEnums = new LinkedHashMap<>();
    private final Map<String, List<Field>> records = new LinkedHashMap<>();
    /** The methods of each {@code java_interface!} type, in declaration order (their index on the wire). */
    private final Map<String, List<RustFunction>> interfaces = new LinkedHashMap<>();

    /** Each declaration's line, by its key ({@code "fn greet"}, {@code "record Point"}). */
    private final Map<String, String> lines = new LinkedHashMap<>();

    /**
     * The lines of the declarations looked up so far, in key order: what bindings checked against this
     * module depend on, recorded in them so the runtime can tell whether another module still fits.
     */
    private final Map<String, String> consulted = new java.util.TreeMap<>();

    private RustSignatures() {}

    /**
     * Parses the section's payload.
     *
     * @throws IllegalArgumentException naming the line, if it is not UTF-8 text in the format of docs/ABI.md
     */
    static RustSignatures parse(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the wasmbridge.signatures section is not UTF-8 text");
        }
        RustSignatures signatures = new RustSignatures();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            try {
                signatures.add(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "line '" + line + "' of the wasmbridge.signatures section: " + e.getMessage(), e);
            }
        }
        return signatures;
    }

    private void add(String line) {
        String key;
        if (line.startsWith("fn ")) {
            RustFunction function = parseFunction(line.substring(3));
            functions.put(function.name(), function);
            key = "fn " + function.name();
        } else if (line.startsWith("import ")) {
            RustFunction function = parseFunction(line.substring(7));
            imports.put(function.name(), function);
            key = "import " + function.name();
        } else if (line.startsWith("class ")) {
            RustType.Parser parser = new RustType.Parser(line.substring(6));
            String name = parser.name();
            classes.add(name);
            parser.expectEnd();
            key = "class " + name;
        } else if (line.startsWith("enum ")) {
            RustType.Parser parser = new RustType.Parser(line.substring(5));
            String name = parser.name();
            if (isDataEnum(line)) {
                dataEnums.put(name, braced(parser, RustSignatures::dataVariant));
            } else {
                enums.put(name, braced(parser, RustSignatures::variant));
            }
            key = "enum " + name;
        } else if (line.startsWith("record ")) {
            RustType.Parser parser = new RustType.Parser(line.substring(7));
            String name = parser.name();
            records.put(name, braced(parser, p -> {
                String field = p.name();
                p.expect(": ");
                return new Field(field, p.type());
            }));
            key = "record " + name;
        } else if (line.startsWith("interface ")) {
            RustType.Parser parser = new RustType.Parser(line.substring(10));
            String name = parser.name();
            interfaces.put(name, interfaceMethods(line.substring(10 + name.length())));
            key = "interface " + name;
        } else {
            throw new IllegalArgumentException("unknown declaration");
        }
        lines.put(key, line);
    }

    /** Returns {@code found} after recording the line of declaration {@code key} as consulted, if found. */
    private <T> Optional<T> consult(String key, Optional<T> found) {
        if (found.isPresent()) {
            consulted.put(key, lines.get(key));
        }
        return found;
    }

    /**
     * The lines of every declaration found by a lookup so far ({@link #function}, {@link #imported}, {@link
     * #isClass}, {@link #enumeration}, {@link #record}), sorted: the Rust declarations a binding checked
     * against this module depends on.
     */
    List<String> consultedLines() {
        return List.copyOf(consulted.values());
    }

    /** The rest of an enum or record line: {@code " { item, item }"} (or {@code " { }"}), to its end. */
    private static <T> List<T> braced(RustType.Parser parser, java.util.function.Function<RustType.Parser, T> item) {
        List<T> items = new ArrayList<>();
        parser.expect(" {");
        while (!parser.eat(" }")) {
            parser.expect(items.isEmpty() ? " " : ", ");
            items.add(item.apply(parser));
        }
        parser.expectEnd();
        return List.copyOf(items);
    }

    /**
     * Whether an {@code enum} line declares an enum with data ({@code enum Shape { Circle { r: f64 }, Empty
     * }}) rather than one of unit variants with discriminants ({@code enum Color { Red = 0 }}): its first
     * variant has no {@code " = "} after its name. An enum without variants is of the second kind.
     */
    private static boolean isDataEnum(String line) {
        int open = line.indexOf(" { ");
        if (open < 0) {
            return false;
        }
        int at = open + 3;
        while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_')) {
            at++;
        }
        return !line.startsWith(" = ", at);
    }

    /** {@code Empty}, {@code Text(String, Option<Point>)} or {@code Circle { r: f64 }}. */
    private static DataVariant dataVariant(RustType.Parser parser) {
        String name = parser.name();
        List<Field> fields = new ArrayList<>();
        if (parser.eat("(")) {
            do {
                fields.add(new Field(Integer.toString(fields.size()), parser.type()));
            } while (parser.eat(", "));
            parser.expect(")");
            return new DataVariant(name, true, List.copyOf(fields));
        }
        if (parser.eat(" { ")) {
            do {
                String field = parser.name();
                parser.expect(": ");
                fields.add(new Field(field, parser.type()));
            } while (parser.eat(", "));
            parser.expect(" }");
        }
        return new DataVariant(name, false, List.copyOf(fields));
    }

    /**
     * The rest of an interface line, {@code " { fn log(level: i32, message: String) -> (); fn name() -> String
     * }"} (or {@code " { }"}): its methods, without the receiver.
     */
    private static List<RustFunction> interfaceMethods(String text) {
        if (!text.startsWith(" {") || !text.endsWith(" }")) {
            throw new IllegalArgumentException("expected ' { ... }' after the interface name");
        }
        String body = text.substring(2, text.length() - 2).trim();
        List<RustFunction> methods = new ArrayList<>();
        if (body.isEmpty()) {
            return List.of();
        }
        for (String method : body.split("; ", -1)) {
            if (!method.startsWith("fn ")) {
                throw new IllegalArgumentException("expected 'fn' in '" + method + "'");
            }
            methods.add(parseFunction(method.substring(3)));
        }
        return List.copyOf(methods);
    }

    /** {@code Name = 7} or {@code Name = -1}. */
    private static Variant variant(RustType.Parser parser) {
        String name = parser.name();
        parser.expect(" = ");
        boolean negative = parser.eat("-");
        String digits = parser.name();
        try {
            int value = Integer.parseInt(digits);
            return new Variant(name, negative ? -value : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + digits + "' is not an i32 discriminant");
        }
    }

    /** {@code name(a: T, b: U) -> R}, the name possibly {@code Type::method} or {@code module.field}. */
    private static RustFunction parseFunction(String text) {
        int open = text.indexOf('(');
        if (open <= 0) {
            throw new IllegalArgumentException("expected '(' after the function name");
        }
        String name = text.substring(0, open);
        RustType.Parser parser = new RustType.Parser(text.substring(open + 1));
        List<RustParameter> parameters = new ArrayList<>();
        while (!parser.eat(")")) {
            if (!parameters.isEmpty()) {
                parser.expect(", ");
            }
            String parameter = parser.name();
            parser.expect(": ");
            parameters.add(new RustParameter(parameter, parser.type()));
        }
        parser.expect(" -> ");
        RustType result = parser.type();
        parser.expectEnd();
        return new RustFunction(name, List.copyOf(parameters), result);
    }

    /** The export {@code name} ({@code greet}, {@code Counter::new}). */
    Optional<RustFunction> function(String exportName) {
        return consult("fn " + exportName, Optional.ofNullable(functions.get(exportName)));
    }

    /** The import {@code module.name}. */
    Optional<RustFunction> imported(String module, String name) {
        return consult("import " + module + "." + name, Optional.ofNullable(imports.get(module + "." + name)));
    }

    boolean isClass(String name) {
        return consult("class " + name, Optional.of(name).filter(classes::contains))
                .isPresent();
    }

    Optional<List<Variant>> enumeration(String name) {
        return consult("enum " + name, Optional.ofNullable(enums.get(name)));
    }

    /** The variants of the enum with data {@code name}, in declaration order; empty for an enum of the other kind. */
    Optional<List<DataVariant>> dataEnumeration(String name) {
        return consult("enum " + name, Optional.ofNullable(dataEnums.get(name)));
    }

    /** The line of the enum {@code name}, whatever its kind, for messages; empty if there is none. */
    Optional<String> enumLine(String name) {
        return Optional.ofNullable(lines.get("enum " + name));
    }

    Optional<List<Field>> record(String name) {
        return consult("record " + name, Optional.ofNullable(records.get(name)));
    }

    /** The methods of the Java interface {@code name} ({@code java_interface!}), in declaration order. */
    Optional<List<RustFunction>> javaInterface(String name) {
        return consult("interface " + name, Optional.ofNullable(interfaces.get(name)));
    }

    /** The declared classes, enums (both kinds) and records, for "did you mean" suggestions. */
    List<String> typeNames() {
        List<String> names = new ArrayList<>(classes);
        names.addAll(enums.keySet());
        names.addAll(dataEnums.keySet());
        names.addAll(records.keySet());
        names.addAll(interfaces.keySet());
        return names;
    }
}
