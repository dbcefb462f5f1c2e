package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/** A function type: parameter and result value types. Also the expansion of a block type. */
final class FuncType {
    private final List<ValueType> params;
    private final List<ValueType> results;

    FuncType(List<ValueType> params, List<ValueType> results) {
        this.params = List.copyOf(params);
        this.results = List.copyOf(results);
    }

    List<ValueType> params() {
        return params;
    }

    List<ValueType> results() {
        return results;
    }

    /** Returns a type with the same parameters and the given results. */
    FuncType withResults(List<ValueType> newResults) {
        return new FuncType(params, newResults);
    }

    static List<ValueType> concat(List<ValueType> first, List<ValueType> second) {
        List<ValueType> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Reads the body of a function type (after the 0x60 form byte). */
    static FuncType readBody(ByteReader reader) {
        return new FuncType(readResultType(reader, "parameter"), readResultType(reader, "result"));
    }

    private static List<ValueType> readResultType(ByteReader reader, String what) {
        int count = reader.readCount(what + " type", 1);
        List<ValueType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(ValueType.read(reader));
        }
        return types;
    }

    /** Writes this type as a type section entry (form byte 0x60 included). */
    void writeTo(ByteWriter writer) {
        writer.writeByte(0x60);
        writer.writeUnsigned(params.size());
        params.forEach(type -> type.writeTo(writer));
        writer.writeUnsigned(results.size());
        results.forEach(type -> type.writeTo(writer));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FuncType
                && params.equals(((FuncType) other).params)
                && results.equals(((FuncType) other).results);
    }

    @Override
    public int hashCode() {
        return params.hashCode() * 31 + results.hashCode();
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
