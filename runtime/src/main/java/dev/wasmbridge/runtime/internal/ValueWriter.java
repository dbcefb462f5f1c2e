package dev.wasmbridge.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes values in the value encoding of docs/ABI.md ("Encoded values"): little-endian, without padding
 * or alignment. {@link Codec}s call it; {@link #toByteArray()} gives the bytes to send to Rust.
 *
 * <p>Not thread-safe; use one writer per value.
 */
public final class ValueWriter {
    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[32];
    private int size;

    /** An empty writer. */
    public ValueWriter() {}

    /** Writes a {@code bool}: one byte, {@code 0} or {@code 1}. */
    public void writeBoolean(boolean value) {
        writeByte(value ? (byte) 1 : (byte) 0);
    }

    /** Writes an {@code i8} or {@code u8}: one byte. */
    public void writeByte(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    /** Writes an {@code i16} or {@code u16}: two bytes. */
    public void writeShort(short value) {
        ensure(2);
        SHORTS.set(bytes, size, value);
        size += 2;
    }

    /** Writes an {@code i32}, a {@code u32} or an enum discriminant: four bytes. */
    public void writeInt(int value) {
        ensure(4);
        INTS.set(bytes, size, value);
        size += 4;
    }

    /** Writes an {@code i64} or {@code u64}: eight bytes. */
    public void writeLong(long value) {
        ensure(8);
        LONGS.set(bytes, size, value);
        size += 8;
    }

    /** Writes an {@code f32}: its raw bits (NaN payloads kept), four bytes. */
    public void writeFloat(float value) {
        writeInt(Float.floatToRawIntBits(value));
    }

    /** Writes an {@code f64}: its raw bits (NaN payloads kept), eight bytes. */
    public void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /**
     * Writes a {@code String}: its UTF-8 byte length as a {@code u32}, then the bytes.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} holds an unpaired surrogate, which Rust strings cannot
     *     hold (it is refused rather than replaced)
     */
    public void writeString(String value) {
        Objects.requireNonNull(value, "a String in the value is null; Rust values cannot hold null (use Optional)");
        byte[] utf8 = Utf8.encode(value, "a String in the value");
        writeLength(utf8.length);
        writeRaw(utf8);
    }

    /**
     * Writes a {@code Vec<u8>}: its length as a {@code u32}, then the bytes.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public void writeBytes(byte[] value) {
        Objects.requireNonNull(value, "a byte[] in the value is null; Rust values cannot hold null (use Optional)");
        writeLength(value.length);
        writeRaw(value);
    }

    /**
     * Writes the element count of a {@code Vec<T>} as a {@code u32}; the caller then writes each element.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void writeCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("an element count cannot be negative, got " + count);
        }
        writeInt(count);
    }

    /**
     * Writes the tag of an {@code Option<T>}: {@code 1} when a value follows (the caller then writes it),
     * {@code 0} for {@code None}.
     */
    public void writeTag(boolean present) {
        writeBoolean(present);
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    private void writeLength(int length) {
        writeInt(length);
    }

    private void writeRaw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    private void ensure(int more) {
        if (more <= bytes.length - size) {
            return;
        }
        long needed = (long) size + more;
        if (needed > LittleEndian.MAX_BYTES) {
            throw new IllegalArgumentException("The encoded value would take more than " + LittleEndian.MAX_BYTES
                    + " bytes, more than a Java array (and one slice) can hold; pass a smaller value.");
        }
        long grown = Math.max(needed, Math.min((long) bytes.length * 2, LittleEndian.MAX_BYTES));
        bytes = Arrays.copyOf(bytes, (int) grown);
    }
}
