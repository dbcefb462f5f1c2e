package dev.wasmbridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The inputs and expected results of the engine comparison ({@code ComputeBenchmark} on the Wasm engines,
 * {@code NativeComputeBenchmark} on the same Rust built natively). Both make their input here, from the
 * same fixed seed, so every engine hashes and parses the very same bytes, and both check the first result
 * against the plain Java computation below, so an engine that computes something else fails its setup
 * instead of reporting a time.
 *
 * <p>The kernels are the benchmark crate's {@code fnv_hash_rounds} and {@code parse_numbers}
 * ({@code benchmarks/rust/big-module/src/compute.rs}):
 *
 * <ul>
 *   <li>{@code fnv}: FNV-1a (64-bit) over 1 MiB of pseudo-random bytes, {@link #ROUNDS} round;
 *   <li>{@code parse}: the wrapping sum of a little under 1 MiB of comma-separated decimal {@code long}s
 *       (ASCII, so as many chars as UTF-8 bytes), of 1 to 20 digits, about half of them negative.
 * </ul>
 */
final class ComputeInputs {
    /** The seed of both inputs. Changing it changes the inputs of every recorded result. */
    static final long SEED = 0x5EED_2026L;

    /** The size of the inputs: exactly this many bytes for {@code fnv}, at most this many for {@code parse}. */
    static final int SIZE = 1 << 20;

    /** The {@code rounds} argument of {@code fnv_hash_rounds}. */
    static final int ROUNDS = 1;

    /** The kernel: {@code fnv} or {@code parse}. */
    final String kernel;

    /** The bytes to hash ({@code fnv}), or null. */
    final byte[] data;

    /** The numbers to parse and add ({@code parse}), or null. */
    final String csv;

    /** The result the kernel must return, computed in Java. */
    final long expected;

    private ComputeInputs(String kernel, byte[] data, String csv, long expected) {
        this.kernel = kernel;
        this.data = data;
        this.csv = csv;
        this.expected = expected;
    }

    /** The input of {@code kernel} ({@code fnv} or {@code parse}) and its expected result. */
    static ComputeInputs of(String kernel) {
        switch (kernel) {
            case "fnv": {
                byte[] data = new byte[SIZE];
                new Random(SEED).nextBytes(data);
                return new ComputeInputs(kernel, data, null, fnvHashRounds(data, ROUNDS));
            }
            case "parse": {
                String csv = numbers();
                long expected = parseNumbers(csv);
                if (expected == -1) {
                    throw new IllegalStateException("the generated numbers do not parse");
                }
                return new ComputeInputs(kernel, null, csv, expected);
            }
            default:
                throw new IllegalArgumentException("kernel " + kernel + ": use fnv or parse");
        }
    }

    /** How many input bytes one call processes (the UTF-8 length of the string for {@code parse}). */
    long bytes() {
        return data != null ? data.length : csv.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Throws unless {@code actual}, what {@code engine} returned for this input, is {@link #expected}.
     *
     * @return {@code actual}
     */
    long check(String engine, long actual) {
        if (actual != expected) {
            throw new IllegalStateException(engine + " returned " + actual + " for kernel " + kernel + " on " + bytes()
                    + " bytes; Java computes " + expected);
        }
        return actual;
    }

    /** Comma-separated pseudo-random {@code long}s, at most {@link #SIZE} chars, from {@link #SEED}. */
    private static String numbers() {
        Random random = new Random(SEED);
        StringBuilder csv = new StringBuilder(SIZE);
        while (true) {
            // a random bit length gives numbers of every length, 1 to 20 digits with the sign
            String field = Long.toString(random.nextLong() >> random.nextInt(64));
            int length = csv.length() == 0 ? field.length() : csv.length() + 1 + field.length();
            if (length > SIZE) {
                return csv.toString();
            }
            if (csv.length() > 0) {
                csv.append(',');
            }
            csv.append(field);
        }
    }

    /** Java's {@code fnv_hash_rounds}: FNV-1a 64 per round, the round index xor-ed in after each round. */
    static long fnvHashRounds(byte[] data, int rounds) {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (int round = 0; round < rounds; round++) {
            for (byte b : data) {
                hash ^= b & 0xFF;
                hash *= 0x0000_0100_0000_01b3L;
            }
            hash ^= round;
        }
        return hash;
    }

    /**
     * Java's {@code parse_numbers}: the wrapping sum of the comma-separated fields, trimmed, empty ones
     * skipped; -1 if one is not a {@code long}.
     */
    static long parseNumbers(String csv) {
        long total = 0;
        for (String field : csv.split(",", -1)) {
            field = field.strip();
            if (!field.isEmpty()) {
                try {
                    total += Long.parseLong(field);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return total;
    }
}
