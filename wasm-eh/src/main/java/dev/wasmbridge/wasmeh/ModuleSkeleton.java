package dev.wasmbridge.wasmeh;

/**
 * The skeleton of a module: every section but the function bodies, each of which becomes {@code
 * unreachable}, and only the custom sections whose names start with {@code wasmbridge.} (no names, no
 * producers). Function indices, types, imports, exports, memory, data and elements are unchanged, so an
 * engine that runs the module from code compiled ahead of time can instantiate the skeleton instead of
 * parsing the whole code.
 *
 * <pre>{@code
 * byte[] skeleton = ModuleSkeleton.of(runnable);
 * }</pre>
 */
public final class ModuleSkeleton {
    /** A body: its size (3), no locals, {@code unreachable}, {@code end}. */
    private static final byte[] STUB = {3, 0, 0x00, 0x0b};

    private ModuleSkeleton() {}

    /**
     * Makes the skeleton of {@code module}.
     *
     * @param module a WebAssembly binary module
     * @return the skeleton, a new array
     * @throws MalformedWasmException if the module is malformed
     */
    public static byte[] of(byte[] module) {
        WasmModule parsed = WasmModule.parse(module);
        int functions = 0;
        for (Section section : parsed.sections()) {
            if (section.id() == SectionId.FUNCTION) {
                byte[] payload = section.payload();
                functions = new ByteReader(payload, 0, payload.length).readCount("function count", 1);
            }
        }
        ByteWriter writer = new ByteWriter(module.length / 8 + 64);
        writer.writeBytes(module, 0, 8); // the header
        for (Section section : parsed.sections()) {
            if (section.isCustom()) {
                if (section.customName().orElse("").startsWith("wasmbridge.")) {
                    section.writeTo(writer);
                }
            } else if (section.id() == SectionId.CODE) {
                ByteWriter bodies = new ByteWriter(functions * STUB.length + 5).writeUnsigned(functions);
                for (int i = 0; i < functions; i++) {
                    bodies.writeBytes(STUB);
                }
                Section.of(SectionId.CODE, bodies.toByteArray()).writeTo(writer);
            } else {
                section.writeTo(writer);
            }
        }
        return writer.toByteArray();
    }
}
