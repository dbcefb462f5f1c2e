package dev.wasmbridge.processor;

/** How Java names become Wasm names (docs/ABI.md, "Names"). */
final class Names {
    private Names() {}

    /**
     * The lower snake case of a Java method name, which is what the Rust function is called: {@code
     * greetUser} → {@code greet_user}, {@code parseURL} → {@code parse_url}, {@code URLParser} → {@code
     * url_parser}, {@code toUtf8Bytes} → {@code to_utf8_bytes}.
     */
    static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && startsWord(javaName, i)) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the upper-case letter at {@code i} starts a new word. */
    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        // the last capital of an acronym that is followed by a word: "URLParser" splits before the P
        return Character.isUpperCase(previous)
                && i + 1 < name.length()
                && Character.isLowerCase(name.charAt(i + 1));
    }
}
