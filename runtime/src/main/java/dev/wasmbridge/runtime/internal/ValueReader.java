package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmBridgeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads values in the value encoding of docs/ABI.md ("Encoded values") from bytes Rust sent. Every read
 * checks the bytes: running out of them, a {@code bool} or tag other than {@code 0}/{@code 1}, malformed
 * UTF-8 or a count larger than the bytes left could hold throws a {@link WasmBridgeException} whose
 * message starts with {@value #MALFORMED}, never an index exception or a replacement character. {@link
 * #finish()} checks that no bytes are left over.
 *
 * <p>Not thread-safe; use one reader per value.
 */
public final class ValueReader {
    /** How the message of every exception about bytes that are not a valid encoding starts. */
    public static final String MALFORMED = "Malformed value from Rust: ";

    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private int position;

    /** A reader of {@code bytes}, from the first; the array is read in place, not copied. */
    public ValueReader(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * Reads a {@code bool}.
     *
     * @throws WasmBridgeException if the byte is neither {@code 0} nor {@code 1}, or there is none
     */
    public boolean readBoolean() {
        return readZeroOrOne("a bool");
    }

    /** Reads an {@code i8} or {@code u8}. */
    public byte readByte() {
        need(1, "an i8");
        return bytes[position++];
    }

    /** Reads an {@code i16} or {@code u16}. */
    public short readShort() {
        need(2, "an i16");
        short value = (short) SHORTS.get(bytes, position);
        position += 2;
        return value;
    }

    /** Reads an {@code i32}, a {@code u32} or an enum discriminant. */
    public int readInt() {
        need(4, "an i32");
        return readIntUnchecked();
    }

    /** Reads an {@code i64} or {@code u64}. */
    public long readLong() {
        need(8, "an i64");
        long value = (long) LONGS.get(bytes, position);
        position += 8;
        return value;
    }

    /** Reads an {@code f32}, bit for bit. */
    public float readFloat() {
        need(4, "an f32");
        return Float.intBitsToFloat(readIntUnchecked());
    }

    /** Reads an {@code f64}, bit for bit. */
    public double readDouble() {
        need(8, "an f64");
        long bits = (long) LONGS.get(bytes, position);
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    /**
     * Reads a {@code String}: a {@code u32} byte length, then that many bytes of UTF-8.
     *
     * @throws WasmBridgeException if the bytes are not valid UTF-8, or fewer are left than the length says
     */
    public String readString() {
        int start = position;
        int length = readLength("a String");
        try {
            String value = Utf8.decodeStrict(bytes, position, length);
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw malformedValue(
                    "the String of " + length + " bytes at byte " + start + " is not valid UTF-8 (" + e + ")");
        }
    }

    /** Reads a {@code Vec<u8>}: a {@code u32} length, then the bytes. */
    public byte[] readBytes() {
        int length = readLength("a Vec<u8>");
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /**
     * Reads the element count of a {@code Vec<T>}; the caller then reads each element. Every element takes
     * at least one byte, so a count larger than the number of bytes left is malformed (and is refused before
     * anything is allocated for it).
     */
    public int readCount() {
        int start = position;
        need(4, "the element count of a Vec");
        long count = Integer.toUnsignedLong(readIntUnchecked());
        if (count > remaining()) {
            throw malformedValue("the Vec at byte " + start + " has " + count + " elements, but only " + remaining()
                    + " bytes are left to hold them");
        }
        return (int) count;
    }

    /**
     * Reads the tag of an {@code Option<T>}: true when a value follows ({@code Some}), false for {@code
     * None}.
     *
     * @throws WasmBridgeException if the tag is neither {@code 0} nor {@code 1}
     */
    public boolean readTag() {
        return readZeroOrOne("an Option tag");
    }

    /**
     * Checks that the whole value was read.
     *
     * @throws WasmBridgeException if bytes are left over
     */
    public void finish() {
        if (position != bytes.length) {
            throw malformedValue((bytes.length - position) + " bytes are left over after the value, which ended"
                    + " at byte " + position);
        }
    }

    /** The number of bytes not read yet. */
    public int remaining() {
        return bytes.length - position;
    }

    /**
     * An exception for a value that is not valid, for codecs that check more than this reader does (an
     * unknown enum discriminant, say). Its message starts with {@value #MALFORMED}.
     *
     * @param problem what is wrong, e.g. {@code "7 is not a discriminant of enum Color"}
     */
    public WasmBridgeException malformed(String problem) {
        return malformedValue(problem);
    }

    private boolean readZeroOrOne(String what) {
        need(1, what);
        byte value = bytes[position];
        if (value != 0 && value != 1) {
            throw malformedValue(what + " must be 0 or 1, but byte " + position + " is " + (value & 0xFF));
        }
        position++;
        return value == 1;
    }

    private int readLength(String what) {
        int start = position;
        need(4, "the length of " + what);
        long length = Integer.toUnsignedLong(readIntUnchecked());
        if (length > remaining()) {
            throw malformedValue(
                    what + " at byte " + start + " has " + length + " bytes, but only " + remaining() + " are left");
        }
        return (int) length;
    }

    private int readIntUnchecked() {
        int value = (int) INTS.get(bytes, position);
        position += 4;
        return value;
    }

    private void need(int count, String what) {
        if (bytes.length - position < count) {
            throw malformedValue("expected " + what + " (" + count + " bytes) at byte " + position + ", but only "
                    + (bytes.length - position) + " are left");
        }
    }

    private WasmBridgeException malformedValue(String problem) {
        return new WasmBridgeException(MALFORMED + problem + " (value of " + bytes.length + " bytes). The Java"
                + " and Rust declarations of the type disagree, or the Rust side wrote it wrong: rebuild the"
                + " bindings against this module.");
    }
}
