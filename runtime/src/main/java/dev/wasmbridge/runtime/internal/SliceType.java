package dev.wasmbridge.runtime.internal;

import java.nio.ByteBuffer;

/**
 * A Java type that crosses the boundary as a slice (docs/ABI.md, "Slices"): how a value becomes the bytes
 * of its slice and back, and the alignment of its elements. Generated code passes one of the constants to
 * {@link CallBoundary#lend}, {@link CallBoundary#take}, {@link CallBoundary#read} and {@link
 * CallBoundary#give}, so every direction is written once for all types.
 *
 * <p>Each constant is an instance of its own final class, and generated code names the constant at the
 * call site: once the JIT inlines {@code lend}, {@code take}, {@code read} or {@code give} there, the call
 * of {@link #toBytes} or {@link #fromBytes} has one known receiver and is inlined too. Primitive arrays are
 * converted in bulk, without boxing.
 *
 * @param <T> the Java type
 */
public abstract class SliceType<T> {
    /** {@code String}: UTF-8, align 1 (a {@code &str} or {@code String}). */
    public static final SliceType<String> STRING = new Text();

    /** {@code byte[]}: the bytes themselves, align 1 ({@code &[u8]} or {@code Vec<u8>}). */
    public static final SliceType<byte[]> BYTES = new Bytes();

    /**
     * {@link ByteBuffer}: its remaining bytes, without moving its position; read back as a new heap buffer
     * at position 0. Align 1.
     */
    public static final SliceType<ByteBuffer> BUFFER = new Buffer();

    /** {@code short[]}: 2 bytes per element, little-endian, align 2 ({@code i16}/{@code u16}). */
    public static final SliceType<short[]> SHORTS = new Shorts();

    /** {@code int[]}: 4 bytes per element, little-endian, align 4 ({@code i32}/{@code u32}). */
    public static final SliceType<int[]> INTS = new Ints();

    /** {@code long[]}: 8 bytes per element, little-endian, align 8 ({@code i64}/{@code u64}). */
    public static final SliceType<long[]> LONGS = new Longs();

    /** {@code float[]}: 4 bytes per element (raw bits), little-endian, align 4 ({@code f32}). */
    public static final SliceType<float[]> FLOATS = new Floats();

    /** {@code double[]}: 8 bytes per element (raw bits), little-endian, align 8 ({@code f64}). */
    public static final SliceType<double[]> DOUBLES = new Doubles();

    private final String name;
    private final int elementBytes;

    private SliceType(String name, int elementBytes) {
        this.name = name;
        this.elementBytes = elementBytes;
    }

    /** {@return the Java type's name, for messages: {@code "String"}, {@code "int[]"}, ...} */
    final String name() {
        return name;
    }

    /**
     * {@return the size of one element in bytes} It is also the alignment the slice is allocated with, and
     * a slice's byte length must be a multiple of it.
     */
    final int elementBytes() {
        return elementBytes;
    }

    /**
     * The bytes of {@code value}'s slice; may be {@code value}'s own array (never written to).
     *
     * @param value not null
     * @param what names the value in messages
     * @throws IllegalArgumentException if {@code value} cannot be encoded (a string with an unpaired
     *     surrogate, an array too large for one slice)
     */
    abstract byte[] toBytes(T value, String what);

    /**
     * The value of a slice's bytes, a whole number of elements.
     *
     * @param bytes a copy the value may keep
     */
    abstract T fromBytes(byte[] bytes);

    @Override
    public String toString() {
        return "SliceType[" + name + "]";
    }

    private static final class Text extends SliceType<String> {
        Text() {
            super("String", 1);
        }

        @Override
        byte[] toBytes(String value, String what) {
            return Utf8.encode(value, what);
        }

        @Override
        String fromBytes(byte[] bytes) {
            return Utf8.decode(bytes);
        }
    }

    private static final class Bytes extends SliceType<byte[]> {
        Bytes() {
            super("byte[]", 1);
        }

        @Override
        byte[] toBytes(byte[] value, String what) {
            return value;
        }

        @Override
        byte[] fromBytes(byte[] bytes) {
            return bytes;
        }
    }

    private static final class Buffer extends SliceType<ByteBuffer> {
        Buffer() {
            super("ByteBuffer", 1);
        }

        @Override
        byte[] toBytes(ByteBuffer value, String what) {
            byte[] bytes = new byte[value.remaining()];
            value.get(value.position(), bytes);
            return bytes;
        }

        @Override
        ByteBuffer fromBytes(byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
    }

    private static final class Shorts extends SliceType<short[]> {
        Shorts() {
            super("short[]", Short.BYTES);
        }

        @Override
        byte[] toBytes(short[] value, String what) {
            return LittleEndian.bytes(value, what);
        }

        @Override
        short[] fromBytes(byte[] bytes) {
            return LittleEndian.shorts(bytes);
        }
    }

    private static final class Ints extends SliceType<int[]> {
        Ints() {
            super("int[]", Integer.BYTES);
        }

        @Override
        byte[] toBytes(int[] value, String what) {
            return LittleEndian.bytes(value, what);
        }

        @Override
        int[] fromBytes(byte[] bytes) {
            return LittleEndian.ints(bytes);
        }
    }

    private static final class Longs extends SliceType<long[]> {
        Longs() {
            super("long[]", Long.BYTES);
        }

        @Override
        byte[] toBytes(long[] value, String what) {
            return LittleEndian.bytes(value, what);
        }

        @Override
        long[] fromBytes(byte[] bytes) {
            return LittleEndian.longs(bytes);
        }
    }

    private static final class Floats extends SliceType<float[]> {
        Floats() {
            super("float[]", Float.BYTES);
        }

        @Override
        byte[] toBytes(float[] value, String what) {
            return LittleEndian.bytes(value, what);
        }

        @Override
        float[] fromBytes(byte[] bytes) {
            return LittleEndian.floats(bytes);
        }
    }

    private static final class Doubles extends SliceType<double[]> {
        Doubles() {
            super("double[]", Double.BYTES);
        }

        @Override
        byte[] toBytes(double[] value, String what) {
            return LittleEndian.bytes(value, what);
        }

        @Override
        double[] fromBytes(byte[] bytes) {
            return LittleEndian.doubles(bytes);
        }
    }
}
