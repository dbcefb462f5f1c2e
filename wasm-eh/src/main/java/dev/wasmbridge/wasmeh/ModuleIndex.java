package dev.wasmbridge.wasmeh;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the translator needs to know about a decoded module: its types, the type of every
 * function and tag, its function bodies, and where the type and code sections are.
 *
 * @param types the type index space; null entries are non-function (struct/array) types
 * @param reusableFunctionTypes plain (non-recursive-group) function types and their index
 * @param typeCountStart offset of the type section's count field (-1 without type section)
 * @param typeEntriesStart offset of the first type section entry (-1 without type section)
 * @param functionTypeIndices the type index of every function (imported first)
 * @param tagTypeIndices the type index of every tag (imported first)
 * @param bodies the function bodies of the code section
 * @param typeSection position of the type section in the section list, or -1
 * @param codeSection position of the code section in the section list, or -1
 * @param codeCountEnd offset just past the code section's count field (-1 without code)
 * @param referencedFunctions the functions named other than by a direct {@code call} or {@code return_call}:
 *     exported, the start function, in an element segment, or named by a {@code ref.func} (in a constant
 *     expression or a body). Only these may be called from outside the module or indirectly.
 */
record ModuleIndex(
        List<FuncType> types,
        Map<FuncType, Integer> reusableFunctionTypes,
        int typeCountStart,
        int typeEntriesStart,
        List<Long> functionTypeIndices,
        List<Long> tagTypeIndices,
        List<FunctionBody> bodies,
        int typeSection,
        int codeSection,
        int codeCountEnd,
        Set<Long> referencedFunctions) {

    /** Returns the function type with the given index, or fails naming {@code what}. */
    FuncType functionType(long typeIndex, String what, int offset) {
        if (typeIndex < 0 || typeIndex >= types.size()) {
            throw new MalformedWasmException("unknown type " + typeIndex + " in " + what, offset);
        }
        FuncType type = types.get((int) typeIndex);
        if (type == null) {
            throw new MalformedWasmException(
                    "type " + typeIndex + " used by " + what + " is not a function type", offset);
        }
        return type;
    }

    /** Returns the parameter types of the given tag. */
    List<ValueType> tagParams(long tagIndex, int offset) {
        if (tagIndex < 0 || tagIndex >= tagTypeIndices.size()) {
            throw new MalformedWasmException("unknown tag " + tagIndex, offset);
        }
        return functionType(tagTypeIndices.get((int) tagIndex), "tag " + tagIndex, offset)
                .params();
    }

    boolean usesLegacy() {
        for (FunctionBody body : bodies) {
            if (body.usesLegacy()) {
                return true;
            }
        }
        return false;
    }
}
