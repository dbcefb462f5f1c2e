package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The processor's table of WASI preview 1 is what the runtime binds: Chicory's implementation. */
class WasiImportsTest {
    @Test
    void theTableIsChicorysPreviewOne() {
        Map<String, String> chicory = new TreeMap<>();
        try (WasiPreview1 wasi = WasiPreview1.builder().build()) {
            for (HostFunction function : wasi.toHostFunctions()) {
                assertEquals(WasiImports.MODULE, function.module());
                if (!function.name().startsWith("adapter_")) { // the component adapter's, not preview 1's
                    chicory.put(function.name(), WasmModuleInfo.signature(function.functionType()));
                }
            }
        }
        assertEquals(46, chicory.size(), "WASI preview 1 has 46 functions");
        assertEquals(chicory, new TreeMap<>(WasiImports.SIGNATURES));
    }
}
