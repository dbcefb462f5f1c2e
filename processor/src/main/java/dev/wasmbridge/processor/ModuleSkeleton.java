package dev.wasmbridge.processor;

import dev.wasmbridge.wasmeh.Section;
import dev.wasmbridge.wasmeh.WasmModule;
import java.io.ByteArrayOutputStream;

/**
 * The module as the build-time bytecode needs it at run time: every section but the function bodies, each
 * of which becomes {@code unreachable}, and without the custom sections the runtime does not read (names,
 * producers), so the runtime parses a few kilobytes instead of the whole code. The bindings load it only
 * for the very file they were checked against, and only to run the bytecode compiled from it; any other
 * module, engine or need is served from the whole file.
 */
final class ModuleSkeleton {
    private static final int CODE = 10;
    private static final int FUNCTION = 3;
    /** A body: its size (3), no locals, {@code unreachable}, {@code end}. */
    private static final byte[] STUB = {3, 0, 0x00, 0x0b};

    private ModuleSkeleton() {}

    /** The skeleton of {@code runnable}, a module in the form Chicory runs. */
    static byte[] of(byte[] runnable) {
        WasmModule module = WasmModule.parse(runnable);
        int functions = 0;
        for (Section section : module.sections()) {
            if (section.id() == FUNCTION) {
                functions = readCount(section.payload());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        for (Section section : module.sections()) {
            if (section.isCustom()) {
                if (section.customName().orElse("").startsWith("wasmbridge.")) {
                    out.writeBytes(section.encoded());
                }
            } else if (section.id() == CODE) {
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                payload.writeBytes(leb(functions));
                for (int i = 0; i < functions; i++) {
                    payload.writeBytes(STUB);
                }
                out.write(CODE);
                out.writeBytes(leb(payload.size()));
                out.writeBytes(payload.toByteArray());
            } else {
                out.writeBytes(section.encoded());
            }
        }
        return out.toByteArray();
    }

    private static int readCount(byte[] payload) {
        int value = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            int b = payload[i] & 0xff;
            value |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
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
}
