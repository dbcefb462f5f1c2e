package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * The one place where Wasmbridge's description of Wasm signatures ({@link WasmSignature}) becomes the
 * engine's. Everything public speaks {@link WasmSignature}; only the code that hands functions to the
 * engine or reads its parsed module converts here.
 */
final class EngineTypes {
    private EngineTypes() {}

    /** The engine's function type for {@code signature}. */
    static FunctionType functionType(WasmSignature signature) {
        return FunctionType.of(valTypes(signature.params()), valTypes(signature.results()));
    }

    /** Whether the engine's {@code type} is {@code signature}. */
    static boolean matches(FunctionType type, WasmSignature signature) {
        return type.equals(functionType(signature));
    }

    /**
     * The engine's {@code type} as {@code (i32, i64) -> f64}, the way {@link WasmSignature} and the
     * processor's messages write it.
     */
    static String describe(FunctionType type) {
        String params = type.params().stream()
                .map(t -> t.toString().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        List<String> results = type.returns().stream()
                .map(t -> t.toString().toLowerCase(java.util.Locale.ROOT))
                .toList();
        return params + " -> " + (results.size() == 1 ? results.get(0) : "(" + String.join(", ", results) + ")");
    }

    private static List<ValType> valTypes(List<WasmValueType> types) {
        return types.stream().map(EngineTypes::valType).toList();
    }

    private static ValType valType(WasmValueType type) {
        switch (type) {
            case I32:
                return ValType.I32;
            case I64:
                return ValType.I64;
            case F32:
                return ValType.F32;
            case F64:
                return ValType.F64;
            default:
                throw new IllegalArgumentException("no engine type for " + type);
        }
    }
}
