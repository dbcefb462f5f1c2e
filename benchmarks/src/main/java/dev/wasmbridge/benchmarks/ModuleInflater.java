package dev.wasmbridge.benchmarks;

import dev.wasmbridge.wasmeh.Section;
import dev.wasmbridge.wasmeh.WasmModule;
import java.io.ByteArrayOutputStream;

/**
 * Makes a larger module out of a real one by repeating its function bodies: the function section's type
 * indices and the code section's entries are written {@code copies} times (counts multiplied), every other
 * section is copied unchanged. The copies are never called or exported, but they are valid code (their
 * calls and branches still refer to valid indices), so the translator decodes, analyses and rewrites them
 * like the originals. The result is a module with the same mix of code, {@code copies} times as much of it,
 * which is what a linearity check needs.
 *
 * <p>Reading uses the public reader of wasm-eh ({@link WasmModule#parse}, {@link Section}); wasm-eh has no
 * public writer, so the few bytes of framing (section header, LEB128 counts) are written here.
 */
final class ModuleInflater {
    private static final int FUNCTION_SECTION = 3;
    private static final int CODE_SECTION = 10;
    private static final int HEADER_SIZE = 8;

    private ModuleInflater() {}

    static byte[] inflate(byte[] wasm, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1: " + copies);
        }
        if (copies == 1) {
            return wasm.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length * copies);
        out.write(wasm, 0, HEADER_SIZE);
        boolean sawCode = false;
        for (Section section : WasmModule.parse(wasm).sections()) {
            if (section.id() == FUNCTION_SECTION || section.id() == CODE_SECTION) {
                sawCode |= section.id() == CODE_SECTION;
                byte[] payload = repeatVector(section.payload(), copies);
                out.write(section.id());
                writeU32(out, payload.length);
                out.writeBytes(payload);
            } else {
                out.writeBytes(section.encoded());
            }
        }
        if (!sawCode) {
            throw new IllegalArgumentException("the module has no code section");
        }
        return out.toByteArray();
    }

    /** A Wasm vector (a LEB128 count, then the entries) with its entries repeated {@code copies} times. */
    private static byte[] repeatVector(byte[] vector, int copies) {
        long count = 0;
        int shift = 0;
        int offset = 0;
        byte b;
        do {
            b = vector[offset++];
            count |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(vector.length * copies + 5);
        writeU32(out, count * copies);
        for (int i = 0; i < copies; i++) {
            out.write(vector, offset, vector.length - offset);
        }
        return out.toByteArray();
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("does not fit a u32: " + value);
        }
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
