package dev.wasmbridge.processor;

import java.util.List;
import java.util.Optional;

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
        return Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    }

    /** " Did you mean 'x'?" for the closest name, when one is close enough to be a typo. */
    static String suggestion(String name, List<String> candidates) {
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

    /**
     * The export closest to {@code name} in another place: the same function name (or one a typo away) as a
     * method of a class when {@code name} is a function of the module, or as a function of the module or of
     * another class when {@code name} is {@code Type::function}; empty when the place of {@code name} has an
     * export at least as close (the plain {@link #suggestion} then applies), or none is close enough.
     */
    static Optional<String> elsewhere(String name, List<String> exports) {
        Optional<String> place = typeOf(name);
        String member = member(name);
        String best = null;
        int bestDistance = Math.max(1, member.length() / 4) + 1; // a typo in a long name at most
        int sameplace = Integer.MAX_VALUE;
        for (String export : exports) {
            if (export.startsWith(AbiVersion.RESERVED_PREFIX) || export.endsWith(AbiVersion.DROP_SUFFIX)) {
                continue;
            }
            int distance = editDistance(member, member(export));
            if (typeOf(export).equals(place)) {
                sameplace = Math.min(sameplace, distance);
            } else if (distance < bestDistance) {
                best = export;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance < sameplace ? Optional.of(best) : Optional.empty();
    }

    /** {@code Counter} for the export {@code Counter::get}; empty for a function of the module. */
    static Optional<String> typeOf(String exportName) {
        int at = exportName.lastIndexOf("::");
        return at < 0 ? Optional.empty() : Optional.of(exportName.substring(0, at));
    }

    /** {@code get} for the export {@code Counter::get}, the name itself for a function of the module. */
    static String member(String exportName) {
        int at = exportName.lastIndexOf("::");
        return at < 0 ? exportName : exportName.substring(at + 2);
    }

    static int editDistance(String a, String b) {
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

    /** {@code first_name} → {@code firstName}: the Java spelling of a Rust name. */
    static String camelCase(String snake) {
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
