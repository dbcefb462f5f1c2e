package dev.wasmbridge.wasmeh;

/**
 * A bounds-checked cursor over a region of a byte array that decodes the primitive encodings of
 * the WebAssembly binary format (bytes, LEB128 integers, vectors). Every failure is reported as
 * a {@link MalformedWasmException} carrying the absolute offset.
 */
final class ByteReader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    ByteReader(byte[] bytes, int start, int limit) {
        this.bytes = bytes;
        this.position = start;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    boolean atEnd() {
        return position >= limit;
    }

    byte[] bytes() {
        return bytes;
    }

    MalformedWasmException error(String problem) {
        return new MalformedWasmException(problem, position);
    }

    MalformedWasmException error(String problem, int at) {
        return new MalformedWasmException(problem, at);
    }

    int peekByte(String what) {
        if (position >= limit) {
            throw error("unexpected end while reading " + what);
        }
        return bytes[position] & 0xFF;
    }

    int readByte(String what) {
        int value = peekByte(what);
        position++;
        return value;
    }

    void skip(int count, String what) {
        if (count < 0 || count > remaining()) {
            throw error(
                    "unexpected end while reading " + what + " (" + count + " bytes needed, " + remaining() + " left)");
        }
        position += count;
    }

    /** Reads an unsigned LEB128 integer of at most {@code bits} bits (32 or 64). */
    long readUnsigned(int bits, String what) {
        int start = position;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++) {
            if (i >= maxBytes) {
                throw error("integer representation too long in " + what, start);
            }
            int b = readByte(what);
            if (shift + 7 > bits) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long in " + what, start);
                }
                int unusedBits = b & 0x7F & ~((1 << (bits - shift)) - 1);
                if (unusedBits != 0) {
                    throw error("integer too large in " + what, start);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    /** Reads a signed LEB128 integer of at most {@code bits} bits (32, 33 or 64). */
    long readSigned(int bits, String what) {
        int start = position;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++) {
            if (i >= maxBytes) {
                throw error("integer representation too long in " + what, start);
            }
            int b = readByte(what);
            if (shift + 7 > bits) {
                // The bits beyond the width must all equal the sign bit.
                int usedBits = bits - shift;
                int signAndUnused = (b & 0x7F) >> (usedBits - 1);
                int allOnes = (1 << (7 - usedBits + 1)) - 1;
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long in " + what, start);
                }
                if (signAndUnused != 0 && signAndUnused != allOnes) {
                    throw error("integer too large in " + what, start);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    long readU32(String what) {
        return readUnsigned(32, what);
    }

    /** Reads a u32 that is used as an index or size and must fit a Java int. */
    int readIndex(String what) {
        int start = position;
        long value = readU32(what);
        if (value > Integer.MAX_VALUE) {
            throw error(what + " " + value + " is out of range", start);
        }
        return (int) value;
    }

    /**
     * Reads the element count of a vector and checks that the remaining bytes can hold that many
     * elements of at least {@code minElementSize} bytes, so huge declared counts fail early.
     */
    int readCount(String what, int minElementSize) {
        int start = position;
        long count = readU32(what + " count");
        if (count * minElementSize > remaining()) {
            throw error(
                    what + " count " + count + " is larger than the " + remaining() + " bytes left can hold", start);
        }
        return (int) count;
    }

    /** Reads a byte length and checks that that many bytes remain. */
    int readLength(String what) {
        int start = position;
        long length = readU32(what);
        if (length > remaining()) {
            throw error(what + " " + length + " exceeds the " + remaining() + " bytes left", start);
        }
        return (int) length;
    }

    /** Reads a length-prefixed byte vector (e.g. a name) and returns its start offset. */
    int readByteVector(String what) {
        int length = readLength(what + " length");
        int start = position;
        position += length;
        return start;
    }
}
