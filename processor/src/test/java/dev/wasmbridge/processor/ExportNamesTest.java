package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportNamesTest {
    @Test
    void constantsAndHelpersAreMadeOfTheExportName() {
        ExportNames names = new ExportNames();
        ExportNames.Named wordCount = names.add("word_count");
        ExportNames.Named counterNew = names.add("Counter::new");
        assertEquals("EXPORT_WORD_COUNT", wordCount.constant());
        assertEquals("direct$word_count", wordCount.directHelper());
        assertEquals("EXPORT_COUNTER_NEW", counterNew.constant());
        assertEquals("direct$Counter_new", counterNew.directHelper());
        assertEquals(
                List.of(0, 1),
                names.all().stream().map(ExportNames.Named::index).toList());
    }

    @Test
    void collidingNamesGetTheirIndex() {
        ExportNames names = new ExportNames();
        names.add("Counter::new");
        names.add("counter_new"); // EXPORT_COUNTER_NEW again
        names.add("counter_new_1"); // what the second one became
        names.add("héllo-wörld");
        assertEquals(
                List.of("EXPORT_COUNTER_NEW", "EXPORT_COUNTER_NEW_1", "EXPORT_COUNTER_NEW_1_2", "EXPORT_H_LLO_W_RLD"),
                names.all().stream().map(ExportNames.Named::constant).toList());
    }
}
