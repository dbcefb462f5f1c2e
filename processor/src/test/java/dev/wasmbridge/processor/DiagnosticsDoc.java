package dev.wasmbridge.processor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes docs/DIAGNOSTICS.md from the {@link Message} catalogue: every tag with its severity and its text,
 * which says what is wrong and what to do. {@link DiagnosticsDocTest} fails when the committed file is not
 * what this writes.
 */
final class DiagnosticsDoc {
    /** The groups of tags, by hundreds. */
    private static final Map<Integer, String> GROUPS = new TreeMap<>(Map.of(
            1, "The module (`@WasmModule`)",
            2, "Exports (`@WasmExport`)",
            3, "Imports (`@WasmImport`)",
            4, "Build-time compilation to JVM bytecode",
            5, "Classes, records, enums and callbacks"));

    private static final Pattern PLACEHOLDER = Pattern.compile("%[sd]");

    private DiagnosticsDoc() {}

    static String markdown() {
        StringBuilder doc = new StringBuilder()
                .append("# Diagnostics\n\n")
                .append("<!-- Generated from processor/src/main/java/dev/wasmbridge/processor/Message.java by"
                        + " DiagnosticsDoc.java; do not edit. Regenerate: ")
                .append(GoldenFiles.HOW_TO_UPDATE)
                .append(" -->\n\n")
                .append("Every message the annotation processor reports starts with a tag such as `[WB206]`, the"
                        + " same in every release, so\nyou can search for it. An **error** fails the compile and no"
                        + " bindings are written for that interface; a\n**warning** leaves the bindings working but"
                        + " points at something to fix. In the texts below, `…` stands\nfor what the message names"
                        + " in your code: a method, a type, an export, a module.\n")
                .append("\nA problem is reported once, on the element at fault. A type that has a problem (a record"
                        + " whose\ncomponent does not match Rust, say) is the one error: the methods, records and"
                        + " callbacks that use it get\nnone of their own. When several `@WasmModule` interfaces"
                        + " check the same element (one base interface\nwith the exports, extended by one"
                        + " sub-interface per build flavour of the crate, and the types and imports\nthey use), a"
                        + " problem with it is reported once, ending with the interfaces it concerns:\n\n");
        for (Message.Shared shared : Message.Shared.values()) {
            doc.append("- ").append(text(shared.template().trim())).append("\n");
        }
        int group = 0;
        Message[] messages = Message.values().clone();
        Arrays.sort(messages, (a, b) -> a.tag().compareTo(b.tag()));
        for (Message message : messages) {
            int hundreds = Integer.parseInt(message.tag().substring(2)) / 100;
            if (hundreds != group) {
                group = hundreds;
                doc.append("\n## ")
                        .append(GROUPS.getOrDefault(group, "WB" + group + "xx"))
                        .append("\n");
            }
            doc.append("\n### ")
                    .append(message.tag())
                    .append(": ")
                    .append(title(message))
                    .append("\n\n")
                    .append(message.severity() == Severity.ERROR ? "**Error.** " : "**Warning.** ")
                    .append(text(message.template()))
                    .append("\n");
        }
        return doc.toString();
    }

    /** {@code EXPORT_SIGNATURE_MISMATCH} → {@code Export signature mismatch}. */
    private static String title(Message message) {
        String words = message.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The template with {@code …} for each argument, and Markdown's special characters escaped outside code. */
    private static String text(String template) {
        String[] parts = template.split("`", -1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            // ".%s Do this": the argument is an optional sentence, such as a "did you mean"
            String part =
                    PLACEHOLDER.matcher(parts[i].replace(".%s ", ". %s ")).replaceAll(Matcher.quoteReplacement("…"));
            if (i % 2 == 0) {
                part = part.replace("<", "\\<").replace("*", "\\*").replace("_", "\\_");
            } else {
                text.append('`');
            }
            text.append(part);
            if (i % 2 == 1) {
                text.append('`');
            }
        }
        return text.toString();
    }
}
