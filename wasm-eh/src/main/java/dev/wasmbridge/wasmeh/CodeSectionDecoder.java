package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Decodes the code section: every entry's size, locals declaration and instructions, giving a
 * {@link FunctionBody} per entry.
 */
final class CodeSectionDecoder {
    private static final long MAX_LOCALS = 0xFFFF_FFFFL;

    private CodeSectionDecoder() {}

    /**
     * Decodes the entries at the reader's position (just past the entry count).
     *
     * @param definedTypes the type index of every function the module defines
     * @param functionReferences told the function index of every {@code ref.func} in the bodies
     */
    static List<FunctionBody> decode(
            byte[] module, ByteReader reader, int count, List<Long> definedTypes, LongConsumer functionReferences) {
        if (count != definedTypes.size()) {
            throw reader.error("function and code section have inconsistent lengths: " + definedTypes.size()
                    + " functions, " + count + " code entries");
        }
        List<FunctionBody> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int entryStart = reader.position();
            int size = reader.readLength("function body size");
            int bodyStart = reader.position();
            ByteReader body = new ByteReader(module, bodyStart, bodyStart + size);
            bodies.add(decodeBody(i, definedTypes.get(i), entryStart, body, functionReferences));
            reader.skip(size, "function body");
        }
        return bodies;
    }

    private static FunctionBody decodeBody(
            int definedIndex, long typeIndex, int entryStart, ByteReader reader, LongConsumer functionReferences) {
        String function = "function " + definedIndex;
        int localsStart = reader.position();
        int groups = reader.readCount("local group", 2);
        int groupsStart = reader.position();
        long locals = 0;
        for (int g = 0; g < groups; g++) {
            int at = reader.position();
            locals += reader.readU32("local count");
            if (locals > MAX_LOCALS) {
                throw reader.error("too many locals in " + function, at);
            }
            ValueType.skip(reader);
        }
        int codeStart = reader.position();
        boolean legacy = Expression.read(reader, function + " body", functionReferences);
        if (!reader.atEnd()) {
            throw reader.error(function + " has bytes after its final end (section size " + "mismatch)");
        }
        return new FunctionBody(
                definedIndex,
                typeIndex,
                entryStart,
                localsStart,
                groups,
                groupsStart,
                codeStart,
                reader.position(),
                locals,
                legacy);
    }
}
