package dev.wasmbridge.wasmeh;

import java.util.Arrays;

/** A growable byte buffer with the LEB128 encodings of the WebAssembly binary format. */
final class ByteWriter {
    private byte[] buffer;
    private int size;

    ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    ByteWriter() {
        this(64);
    }

    int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new MalformedWasmException("output module would exceed 2 GiB", size);
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }

    ByteWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    ByteWriter writeBytes(byte[] source) {
        return writeBytes(source, 0, source.length);
    }

    ByteWriter writeBytes(byte[] source, int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(source, from, buffer, size, length);
        size += length;
        return this;
    }

    ByteWriter writeUnsigned(long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            if (value != 0) {
                b |= 0x80;
            }
            writeByte(b);
        } while (value != 0);
        return this;
    }

    ByteWriter writeSigned(long value) {
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (done) {
                writeByte(b);
                return this;
            }
            writeByte(b | 0x80);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
