package dev.wasmbridge.wasmeh;

import java.util.List;
import java.util.Map;

/**
 * Decodes the type section, including recursive groups, sub types, struct and array types of
 * the GC proposal: fills the type index space (function types, null for other types) and
 * remembers the plain function types that block types may reuse.
 */
final class TypeSectionDecoder {
    private TypeSectionDecoder() {}

    static void decode(ByteReader reader, int count, List<FuncType> types, Map<FuncType, Integer> reusable) {
        for (int i = 0; i < count; i++) {
            int form = reader.peekByte("type form");
            if (form == 0x4E) {
                reader.readByte("rec");
                int members = reader.readCount("recursive type group member", 1);
                for (int m = 0; m < members; m++) {
                    types.add(readSubType(reader));
                }
            } else if (form == 0x60) {
                reader.readByte("func");
                FuncType type = FuncType.readBody(reader);
                reusable.putIfAbsent(type, types.size());
                types.add(type);
            } else {
                types.add(readSubType(reader));
            }
        }
    }

    /** Reads a sub type and returns it when it is a function type, else null. */
    private static FuncType readSubType(ByteReader reader) {
        int form = reader.peekByte("type form");
        if (form == 0x50 || form == 0x4F) {
            reader.readByte("sub");
            int supers = reader.readCount("super type", 1);
            for (int i = 0; i < supers; i++) {
                reader.readU32("super type index");
            }
        }
        int start = reader.position();
        int composite = reader.readByte("composite type");
        switch (composite) {
            case 0x60:
                return FuncType.readBody(reader);
            case 0x5F: {
                int fields = reader.readCount("struct field", 2);
                for (int i = 0; i < fields; i++) {
                    readFieldType(reader);
                }
                return null;
            }
            case 0x5E:
                readFieldType(reader);
                return null;
            default:
                throw reader.error(String.format("malformed type form 0x%02x", composite), start);
        }
    }

    private static void readFieldType(ByteReader reader) {
        int storage = reader.peekByte("storage type");
        if (storage == 0x78 || storage == 0x77) {
            reader.readByte("packed type");
        } else {
            ValueType.skip(reader);
        }
        readMutability(reader);
    }

    static void readMutability(ByteReader reader) {
        int at = reader.position();
        int mutability = reader.readByte("mutability");
        if (mutability > 1) {
            throw reader.error("malformed mutability " + mutability, at);
        }
    }
}
