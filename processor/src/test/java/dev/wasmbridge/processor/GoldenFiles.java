package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares generated text with a committed golden file, or rewrites the file on purpose: run the tests with
 * {@value #UPDATE_PROPERTY}{@code =true} (see {@link #HOW_TO_UPDATE}) and review the diff before committing.
 * A mismatch names the file, the first line that differs, and that command.
 */
final class GoldenFiles {
    /** The system property that makes the tests rewrite golden files instead of comparing with them. */
    static final String UPDATE_PROPERTY = "wasmbridge.golden.update";

    /** The command that regenerates every golden file of the processor (from the repository root). */
    static final String HOW_TO_UPDATE = "mvn -B -q test -pl processor -am -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtest='GoldenFilesTest,DiagnosticsDocTest' -D" + UPDATE_PROPERTY + "=true";

    private GoldenFiles() {}

    /** Whether this run rewrites golden files. */
    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /**
     * Checks that {@code golden} holds exactly {@code actual}, or writes {@code actual} to it when {@link
     * #updating()}.
     */
    static void check(Path golden, String actual) throws IOException {
        if (updating()) {
            Files.createDirectories(golden.toAbsolutePath().getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("The golden file " + golden + " does not exist. Create it with:\n" + HOW_TO_UPDATE);
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(golden + " is not what the code generates now. " + firstDifference(expected, actual)
                    + "\nIf the change is intended, regenerate the golden files, review the diff, and commit"
                    + " them:\n" + HOW_TO_UPDATE);
        }
    }

    /** Where two texts first differ, by line: {@code line 12: expected ... but was ...}. */
    static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : null;
            String right = i < b.size() ? b.get(i) : null;
            if (left == null || !left.equals(right)) {
                return "First difference at line " + (i + 1) + ":\n  golden:    "
                        + (left == null ? "(end of file)" : left) + "\n  generated: "
                        + (right == null ? "(end of file)" : right);
            }
        }
        return "They differ only in line endings or a final newline.";
    }
}
