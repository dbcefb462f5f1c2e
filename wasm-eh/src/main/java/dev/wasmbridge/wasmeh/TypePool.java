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

    /**
     * Returns the function type with the given index, looking at the module's types and then at
     * the types appended so far; fails naming {@code what} when there is no such function type.
     */
    FuncType typeAt(long index, String what, int offset) {
        int existing = module.types().size();
        if (index >= existing && index < existing + appended.size()) {
            return new ArrayList<>(appended.keySet()).get((int) (index - existing));
        }
        return module.functionType(index, what, offset);
    }

    List<FuncType> appendedTypes() {
        return new ArrayList<>(appended.keySet());
    }
}
