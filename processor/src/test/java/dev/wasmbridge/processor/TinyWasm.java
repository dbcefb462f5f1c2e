package dev.wasmbridge.processor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the smallest modules the compile tests need where a Rust build cannot produce the shape
 * (no allocator, no memory): one function per export, each body just {@code unreachable}.
 */
final class TinyWasm {
    static final byte I32 = 0x7f;
    static final byte I64 = 0x7e;

    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream exports = new ByteArrayOutputStream();
    private final ByteArrayOutputStream imports = new ByteArrayOutputStream();
    private int count;
    private int importCount;
    private boolean memory;
    private final java.util.Map<Integer, byte[]> bodies = new java.util.HashMap<>();
    private final java.util.Map<Integer, String> functionNames = new java.util.TreeMap<>();
    private final java.util.Map<String, byte[]> customSections = new java.util.LinkedHashMap<>();

    /** Adds an exported function {@code name} of the given Wasm types (a result of 0 means none). */
    TinyWasm function(String name, byte[] params, byte result) {
        type(params, result);
        name(exports, name);
        exports.write(0x00); // function
        exports.write(importCount + count);
        count++;
        return this;
    }

    /**
     * Adds an exported function {@code name} of type {@code () -> i32} whose body adds {@code additions}
     * constants: a function as large as wanted, named {@code symbol} in the name section.
     */
    TinyWasm largeFunction(String name, int additions, String symbol) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // no locals
        body.writeBytes(new byte[] {0x41, 1}); // i32.const 1
        for (int i = 0; i < additions; i++) {
            body.writeBytes(new byte[] {0x41, (byte) 0xb9, 0x60, 0x6a}); // i32.const 12345, i32.add
        }
        body.write(0x0b);
        bodies.put(count, body.toByteArray());
        functionNames.put(importCount + count, symbol);
        return function(name, new byte[0], I32);
    }

    /**
     * Adds an exported function {@code name} of type {@code () -> i32} made of {@code blocks} blocks, each
     * adding a constant to a local {@code additions} times: as large as wanted, and splittable.
     */
    TinyWasm largeBlockFunction(String name, int blocks, int additions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {1, 1, 0x7f}); // one local i32
        for (int b = 0; b < blocks; b++) {
            body.writeBytes(new byte[] {0x02, 0x40}); // block
            for (int i = 0; i < additions; i++) {
                // local.get 0, i32.const 12345, i32.add, local.set 0
                body.writeBytes(new byte[] {0x20, 0, 0x41, (byte) 0xb9, 0x60, 0x6a, 0x21, 0});
            }
            body.write(0x0b);
        }
        body.writeBytes(new byte[] {0x20, 0, 0x0b}); // local.get 0, end
        bodies.put(count, body.toByteArray());
        return function(name, new byte[0], I32);
    }

    /** Adds an imported function; call before {@link #function}, whose indices come after imports. */
    TinyWasm importFunction(String module, String name, byte[] params, byte result) {
        if (count > 0) {
            throw new IllegalStateException("add imports before functions");
        }
        type(params, result);
        name(imports, module);
        name(imports, name);
        imports.write(0x00); // function
        imports.write(importCount);
        importCount++;
        return this;
    }

    private void type(byte[] params, byte result) {
        types.write(0x60);
        types.write(params.length);
        types.writeBytes(params);
        types.write(result == 0 ? 0 : 1);
        if (result != 0) {
            types.write(result);
        }
    }

    private static void name(ByteArrayOutputStream out, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        out.write(utf8.length);
        out.writeBytes(utf8);
    }

    TinyWasm withMemory() {
        memory = true;
        return this;
    }

    /** Adds a custom section, written after the code section: a {@code wasmbridge.signatures} text, say. */
    TinyWasm customSection(String name, String text) {
        customSections.put(name, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(out, 1, vector(importCount + count, types.toByteArray()));
        if (importCount > 0) {
            section(out, 2, vector(importCount, imports.toByteArray()));
        }
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            functions.write(importCount + i);
        }
        section(out, 3, vector(count, functions.toByteArray()));
        if (memory) {
            section(out, 5, new byte[] {1, 0x00, 1});
        }
        section(out, 7, vector(count, exports.toByteArray()));
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] body = bodies.getOrDefault(i, new byte[] {0, 0x00, 0x0b}); // no locals, unreachable, end
            code.writeBytes(leb(body.length));
            code.writeBytes(body);
        }
        section(out, 10, vector(count, code.toByteArray()));
        customSections.forEach((name, payload) -> {
            ByteArrayOutputStream custom = new ByteArrayOutputStream();
            name(custom, name);
            custom.writeBytes(payload);
            section(out, 0, custom.toByteArray());
        });
        if (!functionNames.isEmpty()) {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            name(names, "name");
            ByteArrayOutputStream map = new ByteArrayOutputStream();
            map.writeBytes(leb(functionNames.size()));
            functionNames.forEach((index, symbol) -> {
                map.writeBytes(leb(index));
                name(map, symbol);
            });
            names.write(1); // function names
            names.writeBytes(leb(map.size()));
            names.writeBytes(map.toByteArray());
            section(out, 0, names.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] leb(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
        return out.toByteArray();
    }

    private static byte[] vector(int count, byte[] items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(count);
        out.writeBytes(items);
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        out.writeBytes(leb(payload.length));
        out.writeBytes(payload);
    }
}
