package dev.wasmbridge.wasmeh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One section of a WebAssembly module, kept exactly as it was encoded (id byte, size and
 * payload), so that writing the module back reproduces the input byte for byte.
 */
public final class Section {
    private final byte[] module;
    private final int start;
    private final int payloadStart;
    private final int end;
    private final int id;

    Section(byte[] module, int start, int payloadStart, int end) {
        this.module = module;
        this.start = start;
        this.payloadStart = payloadStart;
        this.end = end;
        this.id = module[start] & 0xFF;
    }

    /** Creates a section from an id and a payload, encoding the size minimally. */
    static Section of(int id, byte[] payload) {
        ByteWriter writer = new ByteWriter(payload.length + 6);
        writer.writeByte(id).writeUnsigned(payload.length).writeBytes(payload);
        byte[] bytes = writer.toByteArray();
        return new Section(bytes, 0, bytes.length - payload.length, bytes.length);
    }

    /**
     * Returns the section id (0 for custom sections, 1 type, 2 import, ..., 13 tag).
     *
     * @return the id byte of the section
     */
    public int id() {
        return id;
    }

    /**
     * Returns whether this is a custom section (id 0), such as the {@code name} section.
     *
     * @return true for custom sections
     */
    public boolean isCustom() {
        return id == SectionId.CUSTOM;
    }

    /**
     * Returns the name of a custom section.
     *
     * @return the name, or empty when this is not a custom section
     */
    public Optional<String> customName() {
        if (!isCustom()) {
            return Optional.empty();
        }
        ByteReader reader = new ByteReader(module, payloadStart, end);
        int nameStart = reader.readByteVector("custom section name");
        return Optional.of(new String(module, nameStart, reader.position() - nameStart, StandardCharsets.UTF_8));
    }

    /**
     * Returns a copy of the section's payload (the bytes after the id and size).
     *
     * @return the payload bytes
     */
    public byte[] payload() {
        return Arrays.copyOfRange(module, payloadStart, end);
    }

    /**
     * Returns a copy of the complete encoding of the section: id, size and payload.
     *
     * @return the encoded section
     */
    public byte[] encoded() {
        return Arrays.copyOfRange(module, start, end);
    }

    /**
     * Returns the payload size in bytes.
     *
     * @return the number of payload bytes
     */
    public int payloadSize() {
        return end - payloadStart;
    }

    /** The bytes the section lies in (a whole module, or the section alone). */
    byte[] module() {
        return module;
    }

    int start() {
        return start;
    }

    int payloadStart() {
        return payloadStart;
    }

    int end() {
        return end;
    }

    void writeTo(ByteWriter writer) {
        writer.writeBytes(module, start, end);
    }

    @Override
    public String toString() {
        return "Section[id=" + id + ", size=" + payloadSize() + "]";
    }
}
