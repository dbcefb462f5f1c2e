package dev.wasmbridge.it.limits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes modules with the exports of {@link HostileWat} but memory, a table and a data segment of any size,
 * to test what loads: too big to commit as files, so they are made here.
 */
final class WasmModules {
    private WasmModules() {}

    /**
     * A module with a memory of {@code memoryPages} initial pages, a funcref table of {@code tableElements}
     * and, when {@code dataBytes} is positive, an active data segment of that many bytes at address 0.
     */
    static byte[] module(int memoryPages, int tableElements, int dataBytes) {
        Bytes module = new Bytes();
        module.raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        // types: 0 = (i32) -> i32, 1 = () -> i32
        module.section(1, new Bytes().u32(2).raw(0x60, 1, 0x7f, 1, 0x7f).raw(0x60, 0, 1, 0x7f));
        module.section(3, new Bytes().u32(4).raw(0, 0, 1, 1));
        module.section(4, new Bytes().u32(1).raw(0x70, 0x00).u32(tableElements));
        module.section(5, new Bytes().u32(1).raw(0x00).u32(memoryPages));
        Bytes exports = new Bytes().u32(5);
        exports.name("memory").raw(0x02).u32(0);
        exports.name("grow_memory_forever").raw(0x00).u32(0);
        exports.name("grow_table_forever").raw(0x00).u32(1);
        exports.name("memory_pages").raw(0x00).u32(2);
        exports.name("table_size").raw(0x00).u32(3);
        module.section(7, exports);
        Bytes code = new Bytes().u32(4);
        code.body(0x20, 0x00, 0x40, 0x00); // local.get 0; memory.grow 0
        code.body(0xd0, 0x70, 0x20, 0x00, 0xfc, 0x0f, 0x00); // ref.null func; local.get 0; table.grow 0
        code.body(0x3f, 0x00); // memory.size 0
        code.body(0xfc, 0x10, 0x00); // table.size 0
        module.section(10, code);
        if (dataBytes > 0) {
            Bytes data = new Bytes().u32(1).raw(0x00, 0x41, 0x00, 0x0b).u32(dataBytes);
            data.out.write(new byte[dataBytes], 0, dataBytes);
            module.section(11, data);
        }
        return module.out.toByteArray();
    }

    /** A growing byte buffer with the Wasm binary encodings the modules need. */
    private static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        /** An unsigned LEB128 number. */
        Bytes u32(long value) {
            long rest = value;
            do {
                int b = (int) (rest & 0x7f);
                rest >>>= 7;
                out.write(rest == 0 ? b : b | 0x80);
            } while (rest != 0);
            return this;
        }

        Bytes name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            u32(utf8.length);
            out.write(utf8, 0, utf8.length);
            return this;
        }

        /** A function body without locals: {@code instructions}, then {@code end}. */
        Bytes body(int... instructions) {
            u32(instructions.length + 2);
            raw(0x00);
            raw(instructions);
            return raw(0x0b);
        }

        Bytes section(int id, Bytes content) {
            raw(id);
            u32(content.out.size());
            byte[] bytes = content.out.toByteArray();
            out.write(bytes, 0, bytes.length);
            return this;
        }
    }
}
