package dev.wasmbridge.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Numeric arrays as the little-endian bytes of their slices (docs/ABI.md, "Slices"), converted in bulk
 * through {@link ByteBuffer} views, never element by element.
 */
final class LittleEndian {
    /** The largest slice Java can build or read: the largest byte array. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private LittleEndian() {}

    static byte[] bytes(short[] values, String what) {
        ByteBuffer bytes = allocate(values.length, Short.BYTES, what);
        bytes.asShortBuffer().put(values);
        return bytes.array();
    }

    static byte[] bytes(int[] values, String what) {
        ByteBuffer bytes = allocate(values.length, Integer.BYTES, what);
        bytes.asIntBuffer().put(values);
        return bytes.array();
    }

    static byte[] bytes(long[] values, String what) {
        ByteBuffer bytes = allocate(values.length, Long.BYTES, what);
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }

    static byte[] bytes(float[] values, String what) {
        ByteBuffer bytes = allocate(values.length, Float.BYTES, what);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    static byte[] bytes(double[] values, String what) {
        ByteBuffer bytes = allocate(values.length, Double.BYTES, what);
        bytes.asDoubleBuffer().put(values);
        return bytes.array();
    }

    static short[] shorts(byte[] bytes) {
        short[] values = new short[bytes.length / Short.BYTES];
        wrap(bytes).asShortBuffer().get(values);
        return values;
    }

    static int[] ints(byte[] bytes) {
        int[] values = new int[bytes.length / Integer.BYTES];
        wrap(bytes).asIntBuffer().get(values);
        return values;
    }

    static long[] longs(byte[] bytes) {
        long[] values = new long[bytes.length / Long.BYTES];
        wrap(bytes).asLongBuffer().get(values);
        return values;
    }

    static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    static double[] doubles(byte[] bytes) {
        double[] values = new double[bytes.length / Double.BYTES];
        wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer allocate(int length, int elementBytes, String what) {
        long size = (long) length * elementBytes;
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(what + " has " + length + " elements (" + size + " bytes), more"
                    + " than one slice can carry from Java (" + MAX_BYTES + " bytes); pass it in parts.");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
