package dev.wasmbridge.wasmeh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny test-only builder of binary modules: function types, tags, functions with exports and
 * custom sections. Function bodies are written with {@link Code}.
 */
final class TestModuleBuilder {
    static final int I32 = 0x7F;
    static final int I64 = 0x7E;
    static final int F32 = 0x7D;
    static final int F64 = 0x7C;
    static final int VOID = 0x40;

    private final List<byte[]> types = new ArrayList<>();
    private final List<Integer> tags = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> leadingCustom = new ArrayList<>();
    private final List<byte[]> trailingCustom = new ArrayList<>();

    /** Adds a function type and returns its index. */
    int type(int[] params, int[] results) {
        Bytes entry = new Bytes().u8(0x60).u32(params.length);
        for (int p : params) {
            entry.u8(p);
        }
        entry.u32(results.length);
        for (int r : results) {
            entry.u8(r);
        }
        types.add(entry.toArray());
        return types.size() - 1;
    }

    static int[] of(int... valueTypes) {
        return valueTypes;
    }

    /** Adds a tag of the given function type and returns its index. */
    int tag(int typeIndex) {
        tags.add(typeIndex);
        return tags.size() - 1;
    }

    /** Adds a function, exported under {@code exportName} unless null; returns its index. */
    int function(int typeIndex, String exportName, int[] locals, Code code) {
        functionTypes.add(typeIndex);
        int index = functionTypes.size() - 1;
        Bytes body = new Bytes().u32(locals.length);
        for (int local : locals) {
            body.u32(1).u8(local);
        }
        body.raw(code.toArray()).u8(0x0B);
        bodies.add(new Bytes().u32(body.size()).raw(body.toArray()).toArray());
        if (exportName != null) {
            exports.add(new Bytes().name(exportName).u8(0x00).u32(index).toArray());
        }
        return index;
    }

    /**
     * Adds a function whose code section entry (size field included) is given as raw bytes,
     * e.g. with non-minimal LEB128 encodings; returns its index.
     */
    int rawFunction(int typeIndex, String exportName, byte[] entry) {
        functionTypes.add(typeIndex);
        bodies.add(entry);
        int index = functionTypes.size() - 1;
        if (exportName != null) {
            exports.add(new Bytes().name(exportName).u8(0x00).u32(index).toArray());
        }
        return index;
    }

    /** Adds a custom section before (leading) or after all other sections. */
    TestModuleBuilder custom(String name, byte[] content, boolean leading) {
        byte[] payload = new Bytes().name(name).raw(content).toArray();
        (leading ? leadingCustom : trailingCustom).add(payload);
        return this;
    }

    byte[] build() {
        Bytes module = new Bytes().raw(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        leadingCustom.forEach(c -> module.section(0, c));
        module.section(1, vector(types));
        List<byte[]> functions = new ArrayList<>();
        functionTypes.forEach(t -> functions.add(new Bytes().u32(t).toArray()));
        module.section(3, vector(functions));
        if (!tags.isEmpty()) {
            List<byte[]> tagEntries = new ArrayList<>();
            tags.forEach(t -> tagEntries.add(new Bytes().u8(0).u32(t).toArray()));
            module.section(13, vector(tagEntries));
        }
        module.section(7, vector(exports));
        module.section(10, vector(bodies));
        trailingCustom.forEach(c -> module.section(0, c));
        return module.toArray();
    }

    private static byte[] vector(List<byte[]> items) {
        Bytes bytes = new Bytes().u32(items.size());
        items.forEach(bytes::raw);
        return bytes.toArray();
    }

    /** A byte sequence with the binary format's encodings. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int value) {
            out.write(value);
            return this;
        }

        Bytes u32(long value) {
            do {
                int b = (int) (value & 0x7F);
                value >>>= 7;
                out.write(value != 0 ? b | 0x80 : b);
            } while (value != 0);
            return this;
        }

        Bytes s64(long value) {
            while (true) {
                int b = (int) (value & 0x7F);
                value >>= 7;
                if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0)) {
                    out.write(b);
                    return this;
                }
                out.write(b | 0x80);
            }
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            return u32(utf8.length).raw(utf8);
        }

        Bytes section(int id, byte[] payload) {
            return u8(id).u32(payload.length).raw(payload);
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** Instructions of a function body (the final end is added by the builder). */
    static final class Code {
        private final Bytes bytes = new Bytes();

        /** Block type for a type index, usable wherever a block type code is expected. */
        static int typeIndex(int index) {
            return -(index + 1);
        }

        private Code blockType(int type) {
            if (type < 0) {
                bytes.s64(-(type + 1));
            } else {
                bytes.u8(type);
            }
            return this;
        }

        Code op(int... opcodes) {
            for (int opcode : opcodes) {
                bytes.u8(opcode);
            }
            return this;
        }

        Code raw(byte... raw) {
            bytes.raw(raw);
            return this;
        }

        Code i32(int value) {
            bytes.u8(0x41).s64(value);
            return this;
        }

        Code i64(long value) {
            bytes.u8(0x42).s64(value);
            return this;
        }

        Code localGet(int index) {
            bytes.u8(0x20).u32(index);
            return this;
        }

        Code localSet(int index) {
            bytes.u8(0x21).u32(index);
            return this;
        }

        Code localTee(int index) {
            bytes.u8(0x22).u32(index);
            return this;
        }

        Code call(int function) {
            bytes.u8(0x10).u32(function);
            return this;
        }

        Code block(int type) {
            bytes.u8(0x02);
            return blockType(type);
        }

        Code loop(int type) {
            bytes.u8(0x03);
            return blockType(type);
        }

        Code ifThen(int type) {
            bytes.u8(0x04);
            return blockType(type);
        }

        Code elseThen() {
            return op(0x05);
        }

        Code tryBlock(int type) {
            bytes.u8(0x06);
            return blockType(type);
        }

        Code catchTag(int tag) {
            bytes.u8(0x07).u32(tag);
            return this;
        }

        Code catchAll() {
            return op(0x19);
        }

        Code throwTag(int tag) {
            bytes.u8(0x08).u32(tag);
            return this;
        }

        Code rethrow(int depth) {
            bytes.u8(0x09).u32(depth);
            return this;
        }

        Code delegate(int depth) {
            bytes.u8(0x18).u32(depth);
            return this;
        }

        Code br(int depth) {
            bytes.u8(0x0C).u32(depth);
            return this;
        }

        Code brIf(int depth) {
            bytes.u8(0x0D).u32(depth);
            return this;
        }

        Code brTable(int... depthsThenDefault) {
            bytes.u8(0x0E).u32(depthsThenDefault.length - 1);
            for (int depth : depthsThenDefault) {
                bytes.u32(depth);
            }
            return this;
        }

        Code end() {
            return op(0x0B);
        }

        Code drop() {
            return op(0x1A);
        }

        byte[] toArray() {
            return bytes.toArray();
        }
    }
}
