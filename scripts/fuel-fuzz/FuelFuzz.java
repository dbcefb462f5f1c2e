import dev.wasmbridge.wasmeh.FuelMeter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Java half of scripts/fuel-fuzz.sh, run as a single-file program on wasm-eh's classes.
 *
 * <pre>
 * java -cp wasm-eh/target/classes scripts/fuel-fuzz/FuelFuzz.java seed N FILE        16 KiB seed number N
 * java -cp wasm-eh/target/classes scripts/fuel-fuzz/FuelFuzz.java instrument IN OUT  FuelMeter.instrument
 * java -cp wasm-eh/target/classes scripts/fuel-fuzz/FuelFuzz.java declare IN OUT     declares every function
 * java -cp wasm-eh/target/classes scripts/fuel-fuzz/FuelFuzz.java undeclare IN OUT   takes that back
 * </pre>
 *
 * <p>{@code declare} adds a declarative element segment naming every function of the module. The spec counts
 * a function as declared for {@code ref.func} when a global's initializer, an export or an element segment
 * names it; Chicory 1.7.5's validator looks at element segments only, so it refuses binaryen's modules whose
 * {@code ref.func} targets are named by a global alone. The segment changes nothing else for the engines, but
 * it names every function, so fuel metering finds none that only direct calls reach (no flat function, no
 * counter passed): {@code undeclare} removes it again for binaryen, which needs no such segment.
 */
public final class FuelFuzz {
    private static final int SEED_BYTES = 16 * 1024;

    private FuelFuzz() {}

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length == 3 && args[0].equals("seed")) {
            Files.write(Path.of(args[2]), seed(Integer.parseInt(args[1])));
        } else if (args.length == 3 && args[0].equals("declare")) {
            Files.write(Path.of(args[2]), declareEveryFunction(Files.readAllBytes(Path.of(args[1]))));
        } else if (args.length == 3 && args[0].equals("undeclare")) {
            Files.write(Path.of(args[2]), undeclareEveryFunction(Files.readAllBytes(Path.of(args[1]))));
        } else if (args.length == 3 && args[0].equals("instrument")) {
            Files.write(Path.of(args[2]), FuelMeter.instrument(Files.readAllBytes(Path.of(args[1]))));
        } else {
            System.err.println("usage: FuelFuzz seed N FILE | FuelFuzz declare IN OUT | FuelFuzz undeclare IN OUT"
                    + " | FuelFuzz instrument IN OUT");
            System.exit(2);
        }
    }

    /** The bytes binaryen's generator reads as its random source: a SHA-256 chain from "wasmbridge-fuel-fuzz-N". */
    static byte[] seed(int n) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] seed = new byte[SEED_BYTES];
        byte[] block = sha256.digest(("wasmbridge-fuel-fuzz-" + n).getBytes(StandardCharsets.UTF_8));
        for (int at = 0; at < SEED_BYTES; at += block.length) {
            System.arraycopy(block, 0, seed, at, Math.min(block.length, SEED_BYTES - at));
            block = sha256.digest(block);
        }
        return seed;
    }

    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int ELEMENT = 9;
    /** The sections that come after the element section. */
    private static final java.util.List<Integer> AFTER_ELEMENTS = java.util.List.of(12, 10, 11);

    /** The module with a declarative element segment {@code (elem declare func 0 1 ... n-1)}. */
    static byte[] declareEveryFunction(byte[] module) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(module, 0, 8);
        boolean written = false;
        java.util.List<int[]> sections = sections(module);
        java.io.ByteArrayOutputStream segment = declaration(functionCount(module, sections));
        for (int[] section : sections) {
            if (!written && (section[0] == ELEMENT || AFTER_ELEMENTS.contains(section[0]))) {
                java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
                if (section[0] == ELEMENT) {
                    int[] cursor = {section[2]};
                    long count = leb(module, cursor);
                    writeLeb(payload, count + 1);
                    payload.write(module, cursor[0], section[3] - cursor[0]);
                } else {
                    writeLeb(payload, 1);
                }
                payload.writeBytes(segment.toByteArray());
                out.write(ELEMENT);
                writeLeb(out, payload.size());
                out.writeBytes(payload.toByteArray());
                written = true;
                if (section[0] == ELEMENT) {
                    continue;
                }
            }
            out.write(module, section[1], section[3] - section[1]);
        }
        if (!written) {
            throw new IllegalArgumentException("the module has no code section");
        }
        return out.toByteArray();
    }

    /**
     * The module without the segment {@link #declareEveryFunction} added (the last of its element section), as
     * binaryen made it: its functions that only direct calls name are then flat or passed the counter.
     */
    static byte[] undeclareEveryFunction(byte[] module) {
        java.util.List<int[]> sections = sections(module);
        byte[] segment = declaration(functionCount(module, sections)).toByteArray();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(module, 0, 8);
        boolean removed = false;
        for (int[] section : sections) {
            if (section[0] != ELEMENT) {
                out.write(module, section[1], section[3] - section[1]);
                continue;
            }
            int[] cursor = {section[2]};
            long count = leb(module, cursor);
            int end = section[3] - segment.length;
            if (count == 0 || end < cursor[0]
                    || !java.util.Arrays.equals(module, end, section[3], segment, 0, segment.length)) {
                throw new IllegalArgumentException("the element section does not end with the declaration of every"
                        + " function (not a module of the corpus?)");
            }
            java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
            writeLeb(payload, count - 1);
            payload.write(module, cursor[0], end - cursor[0]);
            out.write(ELEMENT);
            writeLeb(out, payload.size());
            out.writeBytes(payload.toByteArray());
            removed = true;
        }
        if (!removed) {
            throw new IllegalArgumentException("the module has no element section");
        }
        return out.toByteArray();
    }

    /** Each section of the module: its id, where it starts, where its payload starts, where it ends. */
    private static java.util.List<int[]> sections(byte[] module) {
        int[] at = {8};
        java.util.List<int[]> sections = new java.util.ArrayList<>();
        while (at[0] < module.length) {
            int start = at[0];
            int id = module[at[0]++] & 0xFF;
            int size = (int) leb(module, at);
            sections.add(new int[] {id, start, at[0], at[0] + size});
            at[0] += size;
        }
        return sections;
    }

    /** The number of functions the module imports and defines. */
    private static int functionCount(byte[] module, java.util.List<int[]> sections) {
        int functions = 0;
        for (int[] section : sections) {
            int[] cursor = {section[2]};
            if (section[0] == FUNCTION) {
                functions += (int) leb(module, cursor);
            } else if (section[0] == IMPORT) {
                long count = leb(module, cursor);
                for (long i = 0; i < count; i++) {
                    for (int name = 0; name < 2; name++) { // module name, name
                        int length = (int) leb(module, cursor);
                        cursor[0] += length;
                    }
                    int kind = module[cursor[0]++];
                    if (kind == 0) {
                        functions++;
                    }
                    skipImportDescription(module, cursor, kind);
                }
            }
        }
        return functions;
    }

    /** {@code (elem declare func 0 1 ... n-1)}, encoded. */
    private static java.io.ByteArrayOutputStream declaration(int functions) {
        java.io.ByteArrayOutputStream segment = new java.io.ByteArrayOutputStream();
        writeLeb(segment, 3); // declarative, element kind and function indices
        segment.write(0x00); // funcref
        writeLeb(segment, functions);
        for (int f = 0; f < functions; f++) {
            writeLeb(segment, f);
        }
        return segment;
    }

    private static void skipImportDescription(byte[] module, int[] cursor, int kind) {
        switch (kind) {
            case 0: // function: type index
            case 4: // tag: attribute is a byte, then the type index
                if (kind == 4) {
                    cursor[0]++;
                }
                leb(module, cursor);
                break;
            case 1: // table: reference type, limits
                skipValueType(module, cursor);
                skipLimits(module, cursor);
                break;
            case 2: // memory
                skipLimits(module, cursor);
                break;
            case 3: // global: value type, mutability
                skipValueType(module, cursor);
                cursor[0]++;
                break;
            default:
                throw new IllegalArgumentException("import kind " + kind);
        }
    }

    private static void skipValueType(byte[] module, int[] cursor) {
        int code = module[cursor[0]++] & 0xFF;
        if (code == 0x63 || code == 0x64) {
            leb(module, cursor); // heap type (s33)
        }
    }

    private static void skipLimits(byte[] module, int[] cursor) {
        int flags = module[cursor[0]++];
        leb(module, cursor);
        if ((flags & 1) != 0) {
            leb(module, cursor);
        }
    }

    private static long leb(byte[] bytes, int[] cursor) {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = bytes[cursor[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static void writeLeb(java.io.ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
