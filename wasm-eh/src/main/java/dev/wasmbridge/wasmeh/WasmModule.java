package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable WebAssembly module in binary form: the header and the list of its sections, in
 * their original order and encoding.
 *
 * <p>{@link #parse(byte[])} decodes every known section (all instructions of every function
 * body included) and fails with {@link MalformedWasmException} on malformed input;
 * {@link #toBytes()} writes the module back byte for byte. Sections with unknown ids are kept
 * as they are.
 */
public final class WasmModule {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};
    private static final int HEADER_SIZE = 8;

    private final byte[] bytes;
    private final List<Section> sections;
    private final ModuleIndex index;

    private WasmModule(byte[] bytes, List<Section> sections, ModuleIndex index) {
        this.bytes = bytes;
        this.sections = List.copyOf(sections);
        this.index = index;
    }

    /**
     * Reads a module from its binary encoding. The array is copied; later changes to it do not
     * affect the module.
     *
     * @param module the bytes of a WebAssembly binary module
     * @return the decoded module
     * @throws MalformedWasmException if the bytes are not a well-formed module
     */
    public static WasmModule parse(byte[] module) {
        if (module == null) {
            throw new MalformedWasmException("no module bytes (null)", 0);
        }
        byte[] bytes = module.clone();
        checkHeader(bytes);
        List<Section> sections = splitSections(bytes);
        return new WasmModule(bytes, sections, ModuleDecoder.decode(bytes, sections));
    }

    private static void checkHeader(byte[] bytes) {
        if (bytes.length < 4) {
            throw new MalformedWasmException("unexpected end: module shorter than the magic " + "number", bytes.length);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new MalformedWasmException("magic header not detected (not a binary " + "WebAssembly module)", i);
            }
        }
        if (bytes.length < HEADER_SIZE) {
            throw new MalformedWasmException("unexpected end: missing version", bytes.length);
        }
        if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            throw new MalformedWasmException("unknown binary version (only version 1 modules " + "are supported)", 4);
        }
    }

    private static List<Section> splitSections(byte[] bytes) {
        List<Section> sections = new ArrayList<>();
        ByteReader reader = new ByteReader(bytes, HEADER_SIZE, bytes.length);
        while (!reader.atEnd()) {
            int start = reader.position();
            reader.readByte("section id");
            int size = reader.readLength("section size");
            int payloadStart = reader.position();
            reader.skip(size, "section payload");
            sections.add(new Section(bytes, start, payloadStart, reader.position()));
        }
        return sections;
    }

    /**
     * Returns the sections in module order.
     *
     * @return an unmodifiable list of the sections
     */
    public List<Section> sections() {
        return sections;
    }

    /**
     * Returns whether any function body uses a legacy exception-handling instruction
     * ({@code try}, {@code catch}, {@code catch_all}, {@code delegate} or {@code rethrow}).
     *
     * @return true when the module needs {@link LegacyEh#translate(byte[])} to run on an
     *     exnref-only runtime
     */
    public boolean usesLegacyExceptionHandling() {
        return index.usesLegacy();
    }

    /**
     * Writes the module: the header followed by every section exactly as encoded.
     *
     * @return a new array with the binary module
     */
    public byte[] toBytes() {
        ByteWriter writer = new ByteWriter(bytes.length);
        writer.writeBytes(bytes, 0, HEADER_SIZE);
        for (Section section : sections) {
            section.writeTo(writer);
        }
        return writer.toByteArray();
    }

    byte[] bytes() {
        return bytes;
    }

    ModuleIndex index() {
        return index;
    }
}
