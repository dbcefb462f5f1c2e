package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load-time half of the processor's checks, for a module that is not the file the bindings were
 * compiled against: the Rust declarations the bindings use (lines of the {@value Abi#SIGNATURES_SECTION}
 * section, recorded in the bindings) must all be in the module unchanged, and its ABI version must be this
 * runtime's. The Wasm signatures of the exports and imports are checked for every module, by {@link
 * LiveInstance#checkExports} and {@link LiveInstance#checkImports}.
 */
final class ModuleCheck {
    private ModuleCheck() {}

    /**
     * What no longer fits, one line each (empty when the module still fits).
     *
     * @param declarations the signature lines the bindings were checked against
     */
    static List<String> differences(WasmModule module, List<String> declarations) {
        List<String> problems = new ArrayList<>();
        String abi = section(module, Abi.VERSION_SECTION);
        if (abi != null && !abi.equals(Integer.toString(Abi.VERSION))) {
            problems.add("it was built for ABI version " + abi + "; the bindings and this runtime use version "
                    + Abi.VERSION);
        }
        if (declarations.isEmpty()) {
            return problems;
        }
        String section = section(module, Abi.SIGNATURES_SECTION);
        if (section == null) {
            problems.add("it has no " + Abi.SIGNATURES_SECTION + " section, so the Rust types the bindings were"
                    + " checked against (" + declarations.size() + " declarations) cannot be checked");
            return problems;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            if (!line.isEmpty()) {
                byKey.putIfAbsent(key(line), line);
            }
        }
        for (String expected : declarations) {
            String now = byKey.get(key(expected));
            if (now == null) {
                problems.add(key(expected) + ": the bindings were checked against '" + expected
                        + "', which the module no longer declares");
            } else if (!now.equals(expected)) {
                problems.add(key(expected) + ": the bindings were checked against '" + expected
                        + "'; the module now has '" + now + "'");
            }
        }
        return problems;
    }

    /**
     * What a line declares, without its types: {@code "fn greet"}, {@code "import host.log"}, {@code "class
     * Counter"}, {@code "enum Color"}, {@code "record Point"} (docs/ABI.md, "Signatures section").
     */
    static String key(String line) {
        int parenthesis = line.indexOf('(');
        int brace = line.indexOf(" {");
        int end = line.length();
        if (parenthesis >= 0) {
            end = parenthesis;
        }
        if (brace >= 0 && brace < end) {
            end = brace;
        }
        return line.substring(0, end);
    }

    /** A custom section's payload as UTF-8 text, or null when the module has no such section. */
    private static String section(WasmModule module, String name) {
        CustomSection section = module.customSection(name);
        return section instanceof UnknownCustomSection
                ? new String(((UnknownCustomSection) section).bytes(), StandardCharsets.UTF_8)
                : null;
    }
}
