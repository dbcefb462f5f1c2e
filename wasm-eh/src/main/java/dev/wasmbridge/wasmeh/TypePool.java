package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out type indices for the block types the translation needs: an existing plain function
 * type with the same parameters and results is reused, otherwise a new type is appended after
 * the existing ones (so existing type indices stay stable).
 */
final class TypePool {
    private final ModuleIndex module;
    private final Map<FuncType, Integer> appended = new LinkedHashMap<>();

    TypePool(ModuleIndex module) {
        this.module = module;
    }

    int indexOf(FuncType type) {
        Integer existing = module.reusableFunctionTypes().get(type);
        if (existing != null) {
            return existing;
        }
        return appended.computeIfAbsent(type, t -> module.types().size() + appended.size());
    }

    List<FuncType> appendedTypes() {
        return new ArrayList<>(appended.keySet());
    }
}
