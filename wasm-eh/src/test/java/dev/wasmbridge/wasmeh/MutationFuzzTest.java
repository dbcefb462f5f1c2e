package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 deterministic mutants of real modules (the spec suite's modules, valid and
 * invalid, the all-features fixture, and their translations) to the translator: byte flips,
 * byte sets, inserts, deletes, truncations, chunk duplications and LEB128 edits. The only
 * acceptable outcomes are a translated module or a {@link MalformedWasmException}; a
 * translated mutant is then given to Chicory's parser, whose verdict is counted but is not this
 * module's concern. A failing mutant is reported with its number, which reproduces it (set the
 * system property {@code fuzz.dump} to a directory to also write the failing mutants there).
 */
class MutationFuzzTest {
    private static final int MUTANTS = 100_000;
    private static final long SEED = 0x5EED_1E6AL;
    private static final int[] INTERESTING = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0E,
        0x18, 0x19, 0x1F, 0x40, 0x41, 0x60, 0x69, 0x7F, 0x80, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF
    };

    @Test
    void mutantsAreTranslatedOrRefusedWithMalformedWasmException() {
        List<Seed> seeds = seeds();
        Outcomes outcomes = new Outcomes();
        long started = System.nanoTime();
        for (int i = 0; i < MUTANTS; i++) {
            Random random = new Random(SEED * 1_000_003L + i);
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] mutant = mutate(seed, random);
            try {
                run(mutant, outcomes);
            } catch (Throwable unexpected) {
                outcomes.fail("mutant " + i + " of " + seed.name, unexpected);
                if (System.getProperty("fuzz.dump") != null) {
                    try {
                        java.nio.file.Files.write(
                                Path.of(System.getProperty("fuzz.dump"), "mutant-" + i + ".wasm"), mutant);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "fuzz: %d mutants in %d ms: %d refused (MalformedWasmException), "
                        + "%d unchanged, %d translated (then %d refused by Chicory with a "
                        + "ChicoryException, %d crashed Chicory's parser, first: %s)%n",
                MUTANTS,
                millis,
                outcomes.refused,
                outcomes.unchanged,
                outcomes.translated,
                outcomes.refusedByChicory,
                outcomes.chicoryCrashed,
                outcomes.firstChicoryCrash);
        assertTrue(
                outcomes.failures.isEmpty(),
                () -> outcomes.failureCount + " mutants failed:\n" + String.join("\n", outcomes.failures));
        assertTrue(outcomes.translated > 1000, "too few mutants were translated to mean much");
    }

    private static void run(byte[] mutant, Outcomes outcomes) {
        byte[] output;
        try {
            output = LegacyEh.translate(mutant);
        } catch (MalformedWasmException refused) {
            outcomes.refused++;
            return;
        }
        if (output == mutant) {
            outcomes.unchanged++;
            return;
        }
        outcomes.translated++;
        try {
            Parser.parse(output);
        } catch (ChicoryException refused) {
            outcomes.refusedByChicory++;
        } catch (RuntimeException | AssertionError chicoryCrash) {
            // Chicory 1.7.5's parser fails with NullPointerException, AssertionError or
            // IllegalArgumentException on some invalid bodies and name sections that the
            // translator copies untouched (all such mutants seen were invalid per wabt's
            // wasm-validate). Not a failure of this module, but counted and shown.
            outcomes.chicoryCrashed++;
            if (outcomes.firstChicoryCrash == null) {
                outcomes.firstChicoryCrash =
                        chicoryCrash.toString() + " at " + chicoryCrash.getStackTrace()[0];
            }
        }
    }

    /** A module to mutate, with the extent of its code section (to aim half the edits at). */
    private static final class Seed {
        final String name;
        final byte[] bytes;
        final int codeStart;
        final int codeEnd;

        Seed(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
            int start = 8;
            int end = bytes.length;
            for (Section section : WasmModule.parse(bytes).sections()) {
                if (section.id() == SectionId.CODE) {
                    start = section.start();
                    end = section.end();
                }
            }
            this.codeStart = start;
            this.codeEnd = end;
        }
    }

    private static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (Path path : RoundTripTest.allBinaryModules()) {
            byte[] bytes = SpecFiles.bytes(path);
            String name = path.getFileName().toString();
            seeds.add(new Seed(name, bytes));
            try {
                byte[] translated = LegacyEh.translate(bytes);
                if (translated != bytes) {
                    seeds.add(new Seed(name + " (translated)", translated));
                }
            } catch (MalformedWasmException invalidSpecModule) {
                // assert_invalid modules are still good material to mutate
            }
        }
        return seeds;
    }

    private static byte[] mutate(Seed seed, Random random) {
        byte[] bytes = seed.bytes;
        int edits = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            bytes = mutateOnce(bytes, position(seed, bytes, random), random);
        }
        return bytes;
    }

    private static int position(Seed seed, byte[] bytes, Random random) {
        if (random.nextBoolean() && seed.codeEnd <= bytes.length && seed.codeEnd > seed.codeStart) {
            return seed.codeStart + random.nextInt(seed.codeEnd - seed.codeStart);
        }
        return random.nextInt(bytes.length);
    }

    private static byte[] mutateOnce(byte[] bytes, int at, Random random) {
        switch (random.nextInt(9)) {
            case 0: {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1: {
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 2: {
                byte[] copy = bytes.clone();
                copy[at] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                return copy;
            }
            case 3: {
                byte[] inserted = new byte[1 + random.nextInt(4)];
                for (int i = 0; i < inserted.length; i++) {
                    inserted[i] = (byte)
                            (random.nextBoolean()
                                    ? INTERESTING[random.nextInt(INTERESTING.length)]
                                    : random.nextInt(256));
                }
                return splice(bytes, at, 0, inserted);
            }
            case 4:
                return splice(bytes, at, Math.min(1 + random.nextInt(8), bytes.length - at), new byte[0]);
            case 5:
                return Arrays.copyOf(bytes, at);
            case 6: {
                int length = Math.min(1 + random.nextInt(16), bytes.length - at);
                byte[] chunk = Arrays.copyOfRange(bytes, at, at + length);
                return splice(bytes, random.nextInt(bytes.length), 0, chunk);
            }
            case 7:
                // pad the LEB128 byte at `at` to a non-minimal two-byte form of the same value
                return (bytes[at] & 0x80) == 0
                        ? splice(bytes, at, 1, new byte[] {(byte) (bytes[at] | 0x80), 0})
                        : bytes;
            default: {
                byte[][] lebs = {
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
                    {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
                    {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
                    {0x7F},
                };
                return splice(bytes, at, 1, lebs[random.nextInt(lebs.length)]);
            }
        }
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    /** Counts of what happened to the mutants, and the first few failures. */
    private static final class Outcomes {
        final List<String> failures = new ArrayList<>();
        int failureCount;
        int refused;
        int unchanged;
        int translated;
        int refusedByChicory;
        int chicoryCrashed;
        String firstChicoryCrash;

        void fail(String what, Throwable problem) {
            failureCount++;
            if (failures.size() < 10) {
                StringWriter trace = new StringWriter();
                problem.printStackTrace(new PrintWriter(trace));
                String[] lines = trace.toString().split("\n");
                failures.add(what + ": " + String.join("\n    ", Arrays.copyOf(lines, Math.min(lines.length, 6))));
            }
        }
    }
}
