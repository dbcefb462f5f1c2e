package dev.wasmbridge.wasmeh;

/**
 * Where one entry of the code section lies in the module, with what the translator needs to
 * know about it: its function type, the extent of its locals declaration and instructions, its
 * number of locals, and whether it uses a legacy exception-handling instruction.
 *
 * @param definedIndex index among the functions defined by the module (0 = first code entry)
 * @param typeIndex the function's type index
 * @param entryStart offset of the entry's size field
 * @param localsStart offset of the locals declaration (the vector count)
 * @param localGroupCount number of (count, type) groups in the locals declaration
 * @param localGroupsStart offset of the first locals group
 * @param codeStart offset of the first instruction
 * @param end offset just past the final {@code end}
 * @param localCount number of declared locals (parameters not included)
 * @param usesLegacy whether a legacy exception-handling instruction occurs in the body
 */
record FunctionBody(
        int definedIndex,
        long typeIndex,
        int entryStart,
        int localsStart,
        int localGroupCount,
        int localGroupsStart,
        int codeStart,
        int end,
        long localCount,
        boolean usesLegacy) {}
