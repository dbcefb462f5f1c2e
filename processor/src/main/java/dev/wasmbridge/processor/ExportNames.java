package dev.wasmbridge.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names generated code calls the exports of its export list by, in the order of that list: for the
 * Rust export {@code word_count} at index 3, the constant {@code EXPORT_WORD_COUNT = 3} and the direct-call
 * helper {@code direct$word_count}. Names stay unique: a later export whose name would collide gets its
 * index appended ({@code EXPORT_COUNTER_NEW_4}).
 */
final class ExportNames {
    /**
     * One export of the list.
     *
     * @param exportName the Rust export name, such as {@code Counter::new}
     * @param index its index in the export list
     * @param stem the Java identifier made of the export name, such as {@code Counter_new}
     */
    record Named(String exportName, int index, String stem) {
        /** The constant holding {@link #index}: {@code EXPORT_COUNTER_NEW}. */
        String constant() {
            return "EXPORT_" + stem.toUpperCase(Locale.ROOT);
        }

        /** The method that calls the export's compiled method directly: {@code direct$Counter_new}. */
        String directHelper() {
            return "direct$" + stem;
        }
    }

    private final List<Named> all = new ArrayList<>();
    private final Set<String> constants = new HashSet<>();

    /** Adds the next export of the list. */
    Named add(String exportName) {
        int index = all.size();
        String stem = stem(exportName);
        if (constants.contains(stem.toUpperCase(Locale.ROOT))) {
            stem = stem + "_" + index;
            while (constants.contains(stem.toUpperCase(Locale.ROOT))) {
                stem = stem + "_";
            }
        }
        Named named = new Named(exportName, index, stem);
        constants.add(stem.toUpperCase(Locale.ROOT));
        all.add(named);
        return named;
    }

    /** Every export added, in index order. */
    List<Named> all() {
        return List.copyOf(all);
    }

    /** {@code Counter::new} → {@code Counter_new}: a character that cannot be in a Java name becomes {@code _}. */
    static String stem(String exportName) {
        StringBuilder stem = new StringBuilder();
        String name = exportName.replace("::", "_");
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            stem.appendCodePoint(c < 128 && Character.isJavaIdentifierPart(c) && c != '$' ? c : '_');
            i += Character.charCount(c);
        }
        return stem.toString();
    }
}
