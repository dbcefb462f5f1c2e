package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/DIAGNOSTICS.md what {@link DiagnosticsDoc} writes from the message catalogue. */
class DiagnosticsDocTest {
    private static final Path DOC = Path.of("../docs/DIAGNOSTICS.md");

    @Test
    void diagnosticsMdIsGeneratedFromTheCatalogue() throws IOException {
        GoldenFiles.check(DOC, DiagnosticsDoc.markdown());
    }

    @Test
    void everyTagIsDocumentedWithItsSeverity() {
        String doc = DiagnosticsDoc.markdown();
        for (Message message : Message.values()) {
            String heading = "### " + message.tag() + ": ";
            int at = doc.indexOf(heading);
            assertTrue(at >= 0, "no section for " + message.tag());
            String severity = message.severity() == Severity.ERROR ? "**Error.**" : "**Warning.**";
            assertTrue(doc.startsWith(severity, doc.indexOf("\n\n", at) + 2), message.tag() + " is not a " + severity);
        }
    }
}
