package dev.wasmbridge.wasmeh;

import java.util.List;

/**
 * The block type immediate of a structured instruction: empty, a single value type, or a type
 * index (multi-value / parameterised blocks). Remembers where its encoding lies in the module so
 * that it can be copied byte for byte.
 */
final class BlockType {
    private static final int EMPTY_CODE = 0x40;

    private final int start;
    private final int end;
    private final ValueType valueType;
    private final long typeIndex;

    private BlockType(int start, int end, ValueType valueType, long typeIndex) {
        this.start = start;
        this.end = end;
        this.valueType = valueType;
        this.typeIndex = typeIndex;
    }

    static BlockType read(ByteReader reader) {
        int start = reader.position();
        int first = reader.peekByte("block type");
        if (first == EMPTY_CODE) {
            reader.readByte("block type");
            return new BlockType(start, reader.position(), null, -1);
        }
        if (ValueType.startsValueType(first)) {
            ValueType type = ValueType.read(reader);
            return new BlockType(start, reader.position(), type, -1);
        }
        long index = reader.readSigned(33, "block type");
        if (index < 0) {
            throw reader.error("malformed block type " + index, start);
        }
        return new BlockType(start, reader.position(), null, index);
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Expands this block type to parameter and result types. */
    FuncType expand(ModuleIndex module, int offset) {
        if (typeIndex >= 0) {
            return module.functionType(typeIndex, "block type", offset);
        }
        return new FuncType(List.of(), valueType == null ? List.of() : List.of(valueType));
    }

    /** Expands this block type, resolving a type index through {@code pool} (appended too). */
    FuncType expand(TypePool pool, int offset) {
        if (typeIndex >= 0) {
            return pool.typeAt(typeIndex, "block type", offset);
        }
        return new FuncType(List.of(), valueType == null ? List.of() : List.of(valueType));
    }

    /** Writes the block type for {@code type}: compact form when possible, else a type index. */
    static void writeFor(FuncType type, TypePool pool, ByteWriter writer) {
        if (type.params().isEmpty() && type.results().isEmpty()) {
            writer.writeByte(EMPTY_CODE);
        } else if (type.params().isEmpty() && type.results().size() == 1) {
            type.results().get(0).writeTo(writer);
        } else {
            writer.writeSigned(pool.indexOf(type));
        }
    }
}
