package dev.wasmbridge.wasmeh;

import java.util.Arrays;

/**
 * A WebAssembly value type, kept as its binary encoding (one byte for number, vector and
 * abbreviated reference types; a prefix byte plus a heap type for {@code (ref null? ht)}).
 */
final class ValueType {
    /** The {@code exnref} type of the exception-handling proposal. */
    static final ValueType EXNREF = new ValueType(new byte[] {0x69});

    /** {@code i64}. */
    static final ValueType I64 = new ValueType(new byte[] {0x7E});

    private final byte[] encoding;

    private ValueType(byte[] encoding) {
        this.encoding = encoding;
    }

    /** Reads a value type at the reader's position. */
    static ValueType read(ByteReader reader) {
        int start = reader.position();
        skip(reader);
        return new ValueType(Arrays.copyOfRange(reader.bytes(), start, reader.position()));
    }

    /** Skips a value type at the reader's position, checking that it is well-formed. */
    static void skip(ByteReader reader) {
        int start = reader.position();
        int code = reader.readByte("value type");
        if (isSingleByteType(code)) {
            return;
        }
        if (code == 0x63 || code == 0x64) {
            skipHeapType(reader);
            return;
        }
        throw reader.error(String.format("malformed value type 0x%02x", code), start);
    }

    /** Skips a heap type: an abstract heap type byte or a non-negative s33 type index. */
    static void skipHeapType(ByteReader reader) {
        int start = reader.position();
        long value = reader.readSigned(33, "heap type");
        if (value < 0 && !isAbstractHeapType((int) (value & 0x7F))) {
            throw reader.error("malformed heap type " + value, start);
        }
    }

    /** True for the codes of value types that are encoded by a single byte. */
    static boolean isSingleByteType(int code) {
        return (code >= 0x7B && code <= 0x7F) // i32 i64 f32 f64 v128
                || isAbstractHeapType(code);
    }

    /** True for the abbreviated reference types / abstract heap types. */
    static boolean isAbstractHeapType(int code) {
        // exn, array, struct, i31, eq, any, extern, func, none, noextern, nofunc, noexn
        return code >= 0x69 && code <= 0x74;
    }

    /** Starting bytes of a value type (used to tell a value block type from a type index). */
    static boolean startsValueType(int code) {
        return isSingleByteType(code) || code == 0x63 || code == 0x64;
    }

    /**
     * True for a type with a default value, which a local can have: every type but a
     * non-nullable reference.
     */
    boolean isDefaultable() {
        return (encoding[0] & 0xFF) != 0x64;
    }

    /** True for i64 and f64, which take two slots in a JVM method's parameters. */
    boolean isWide() {
        return encoding.length == 1 && (encoding[0] == 0x7E || encoding[0] == 0x7C);
    }

    /**
     * Writes an instruction that pushes the default value of this type (zero, or null for a
     * nullable reference) and returns true; returns false, writing nothing, for a type without
     * a default value (a non-nullable reference).
     */
    boolean writeDefaultValue(ByteWriter writer) {
        int code = encoding[0] & 0xFF;
        switch (code) {
            case 0x7F:
                writer.writeByte(0x41).writeByte(0);
                return true;
            case 0x7E:
                writer.writeByte(0x42).writeByte(0);
                return true;
            case 0x7D:
                writer.writeByte(0x43).writeBytes(new byte[4]);
                return true;
            case 0x7C:
                writer.writeByte(0x44).writeBytes(new byte[8]);
                return true;
            case 0x7B:
                writer.writeByte(Opcodes.SIMD_PREFIX).writeUnsigned(0x0C).writeBytes(new byte[16]);
                return true;
            case 0x63:
                writer.writeByte(0xD0).writeBytes(encoding, 1, encoding.length);
                return true;
            default:
                if (isAbstractHeapType(code)) {
                    writer.writeByte(0xD0).writeByte(code);
                    return true;
                }
                return false;
        }
    }

    void writeTo(ByteWriter writer) {
        writer.writeBytes(encoding);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueType && Arrays.equals(encoding, ((ValueType) other).encoding);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoding);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("valtype[");
        for (byte b : encoding) {
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.append(']').toString();
    }
}
