package dev.wasmbridge.processor;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the processor checks a binding against: the function exports and imports of a parsed module with
 * their Wasm signatures, written as messages print them ({@code (i64, i32) -> i64}).
 */
final class WasmModuleInfo {
    /** The custom section the Rust support crate writes the ABI version into (docs/ABI.md). */
    static final String ABI_SECTION = "wasmbridge.abi";

    /** The custom section with the Rust-level declarations (docs/ABI.md, "Signatures section"). */
    static final String SIGNATURES_SECTION = "wasmbridge.signatures";

    static final String MALLOC = "wasmbridge_malloc";
    static final String MALLOC_SIGNATURE = "(i32, i32) -> i32";
    static final String FREE = "wasmbridge_free";
    static final String FREE_SIGNATURE = "(i32, i32, i32) -> ()";

    /** A function the module imports. */
    record FunctionImportInfo(String module, String name, String signature) {
        String describe() {
            return module + "." + name;
        }
    }

    private final Map<String, String> exports;
    private final List<FunctionImportInfo> functionImports;
    private final List<String> otherImports;
    private final boolean hasMemory;
    private final Optional<String> abiVersion;
    private final Optional<byte[]> signaturesSection;

    private WasmModuleInfo(WasmModule module) {
        List<FunctionType> functionTypes = new ArrayList<>();
        this.functionImports = new ArrayList<>();
        this.otherImports = new ArrayList<>();
        boolean importsMemory = false;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            if (imported.importType() == ExternalType.FUNCTION) {
                FunctionType type = module.typeSection().getType(((FunctionImport) imported).typeIndex());
                functionTypes.add(type);
                functionImports.add(new FunctionImportInfo(imported.module(), imported.name(), signature(type)));
            } else {
                importsMemory |= imported.importType() == ExternalType.MEMORY;
                otherImports.add(imported.importType().name().toLowerCase(Locale.ROOT) + " " + imported.module() + "."
                        + imported.name());
            }
        }
        for (int i = 0; i < module.functionSection().functionCount(); i++) {
            functionTypes.add(
                    module.typeSection().getType(module.functionSection().getFunctionType(i)));
        }
        this.exports = new LinkedHashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                exports.put(export.name(), signature(functionTypes.get(export.index())));
            }
        }
        this.hasMemory = importsMemory || module.memorySection().isPresent();
        CustomSection abi = module.customSection(ABI_SECTION);
        this.abiVersion = abi instanceof UnknownCustomSection
                ? Optional.of(new String(((UnknownCustomSection) abi).bytes(), StandardCharsets.UTF_8))
                : Optional.empty();
        CustomSection signatures = module.customSection(SIGNATURES_SECTION);
        this.signaturesSection = signatures instanceof UnknownCustomSection
                ? Optional.of(((UnknownCustomSection) signatures).bytes())
                : Optional.empty();
    }

    /**
     * Parses {@code wasm}.
     *
     * @throws com.dylibso.chicory.wasm.ChicoryException if it is not a valid module
     */
    static WasmModuleInfo parse(byte[] wasm) {
        return new WasmModuleInfo(Parser.parse(wasm));
    }

    /** The signature of function export {@code name}, if the module has one. */
    Optional<String> exportSignature(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    /** The names of all function exports, in module order. */
    List<String> exportNames() {
        return List.copyOf(exports.keySet());
    }

    List<FunctionImportInfo> functionImports() {
        return functionImports;
    }

    /** Imports other than functions, described as {@code "memory env.memory"}. */
    List<String> otherImports() {
        return otherImports;
    }

    boolean hasMemory() {
        return hasMemory;
    }

    /** The ABI version the Rust support crate recorded, if the module was built with it. */
    Optional<String> abiVersion() {
        return abiVersion;
    }

    /** The payload of the {@code wasmbridge.signatures} section, if the module has one. */
    Optional<byte[]> signaturesSection() {
        return signaturesSection;
    }

    /** {@code (i32, i64) -> f64}; no results print as {@code ()}, several as {@code (i32, i32)}. */
    static String signature(FunctionType type) {
        String params = type.params().stream().map(WasmModuleInfo::name).collect(Collectors.joining(", ", "(", ")"));
        List<ValType> returns = type.returns();
        String results = returns.size() == 1
                ? name(returns.get(0))
                : returns.stream().map(WasmModuleInfo::name).collect(Collectors.joining(", ", "(", ")"));
        return params + " -> " + results;
    }

    private static String name(ValType type) {
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
