package dev.wasmbridge.wasmeh;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Redirects the unsigned integer comparisons in the JVM classes that Chicory's compiler makes from a module
 * ({@code i32.lt_u} and the seven others) to {@value #TARGET}, whose methods compare without {@code
 * Integer.compareUnsigned} and {@code Long.compareUnsigned}.
 *
 * <p>Why: HotSpot's C2 compiler of JDK 17 (seen on 17.0.15) miscompiles Chicory's {@code OpcodeImpl}
 * comparisons, which use {@code Integer.compareUnsigned}, once they are inlined into a compiled Wasm function
 * (Chicory issues 755 and 843; JDK 21 and later are right). Chicory 1.7.5 works around it for {@code i32.ge_u}
 * only, and only up to JDK 17, through a call site kept megamorphic; the other seven comparisons still call
 * {@code OpcodeImpl}. In Wasmbridge it struck Rust's {@code __rust_realloc} (dlmalloc): compiled by C2 with a
 * profile that had never seen a request under 11 bytes, a 10-byte request passed {@code bytes >=
 * max_request()} ({@code i32.gt_u} against a constant), the compiled code left through the uncommon trap of
 * that never-taken branch, and realloc returned null with most of memory free: the intermittent {@code
 * LegacyExnrefDifferentialTest} failure, "memory allocation of 10 bytes failed".
 *
 * <p>The rewrite touches only the constant pool: each {@code Methodref} to one of those methods gets the
 * target class (and, for Chicory's own {@code i32_ge_u} helper, the name {@code I32_GE_U}), appended to the
 * pool. The bytecode, its offsets and the stack map frames stay as they are; the descriptors are the same.
 */
public final class UnsignedComparisons {
    /** The class the comparisons are redirected to (in the runtime's internal package), as a JVM internal name. */
    public static final String TARGET = "dev/wasmbridge/runtime/internal/UnsignedCompare";

    /** Chicory's class of opcode implementations, which the compiled machine calls for most comparisons. */
    static final String OPCODE_IMPL = "com/dylibso/chicory/runtime/OpcodeImpl";

    /** The opcode methods redirected, by name, with their descriptors. */
    static final Map<String, String> METHODS = Map.of(
            "I32_LT_U", "(II)I",
            "I32_GT_U", "(II)I",
            "I32_LE_U", "(II)I",
            "I32_GE_U", "(II)I",
            "I64_LT_U", "(JJ)I",
            "I64_GT_U", "(JJ)I",
            "I64_LE_U", "(JJ)I",
            "I64_GE_U", "(JJ)I");

    /** The helper Chicory's compiler copies into each machine ({@code <Machine>Shaded}) for {@code i32.ge_u}. */
    static final String SHADED_I32_GE_U = "i32_ge_u";

    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int METHODREF = 10;
    private static final int NAME_AND_TYPE = 12;

    private UnsignedComparisons() {}

    /**
     * Rewrites every class of one compiled machine.
     *
     * @param classes class name (binary or internal) → class file, as Chicory's compiler returns them
     * @return the same names → the rewritten class files, in the same order
     */
    public static Map<String, byte[]> redirect(Map<String, byte[]> classes) {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (String name : classes.keySet()) {
            own.add(name.replace('.', '/'));
        }
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> rewritten.put(name, redirect(bytes, own)));
        return rewritten;
    }

    /**
     * Rewrites one class file.
     *
     * @param classFile the class file
     * @param machineClasses the internal names of the classes compiled with it: a call of {@code i32_ge_u} in a
     *     class among them whose name ends with {@code Shaded} is Chicory's helper, redirected too
     * @return the rewritten class file, or {@code classFile} itself when it calls none of the comparisons
     * @throws IllegalArgumentException if {@code classFile} is not a class file
     */
    public static byte[] redirect(byte[] classFile, Set<String> machineClasses) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        if (in.getInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getShort(); // minor
        in.getShort(); // major
        int count = in.getShort() & 0xFFFF;
        int[] offsets = new int[count];
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            offsets[i] = in.position();
            int tag = in.get() & 0xFF;
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> {
                    int length = in.getShort() & 0xFFFF;
                    utf8[i] = modifiedUtf8(classFile, in.position(), length);
                    in.position(in.position() + length);
                }
                case 3, 4 -> in.position(in.position() + 4);
                case 5, 6 -> {
                    in.position(in.position() + 8);
                    i++; // takes two entries
                }
                case CLASS, 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 9, METHODREF, 11, NAME_AND_TYPE, 17, 18 -> in.position(in.position() + 4);
                case 15 -> in.position(in.position() + 3);
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        int poolEnd = in.position();

        byte[] out = classFile.clone();
        ByteArrayOutputStream appended = new ByteArrayOutputStream();
        int next = count;
        int targetClass = 0;
        Map<String, Integer> renamed = new HashMap<>(); // a name and type for the Shaded helper's new name
        for (int i = 1; i < count; i++) {
            if (tags[i] != METHODREF) {
                continue;
            }
            int owner = u2(classFile, offsets[i] + 1);
            int nameAndType = u2(classFile, offsets[i] + 3);
            String ownerName = utf8[u2(classFile, offsets[owner] + 1)];
            String name = utf8[u2(classFile, offsets[nameAndType] + 1)];
            String descriptor = utf8[u2(classFile, offsets[nameAndType] + 3)];
            boolean opcode = ownerName.equals(OPCODE_IMPL) && descriptor.equals(METHODS.get(name));
            boolean shaded = name.equals(SHADED_I32_GE_U)
                    && descriptor.equals("(II)I")
                    && ownerName.endsWith("Shaded")
                    && machineClasses.contains(ownerName);
            if (!opcode && !shaded) {
                continue;
            }
            if (targetClass == 0) {
                writeUtf8(appended, TARGET);
                writeEntry(appended, CLASS, next++);
                targetClass = next++;
            }
            put2(out, offsets[i] + 1, targetClass);
            if (shaded) {
                Integer renamedType = renamed.get(descriptor);
                if (renamedType == null) {
                    writeUtf8(appended, "I32_GE_U");
                    int newName = next++;
                    appended.write(NAME_AND_TYPE);
                    appended.write(newName >> 8);
                    appended.write(newName);
                    int descriptorIndex = u2(classFile, offsets[nameAndType] + 3);
                    appended.write(descriptorIndex >> 8);
                    appended.write(descriptorIndex);
                    renamedType = next++;
                    renamed.put(descriptor, renamedType);
                }
                put2(out, offsets[i] + 3, renamedType);
            }
        }
        if (targetClass == 0) {
            return classFile;
        }
        if (next > 0xFFFF) {
            throw new IllegalArgumentException("the constant pool would have " + next + " entries, over 65535");
        }
        byte[] extra = appended.toByteArray();
        byte[] result = new byte[classFile.length + extra.length];
        System.arraycopy(out, 0, result, 0, poolEnd);
        System.arraycopy(extra, 0, result, poolEnd, extra.length);
        System.arraycopy(out, poolEnd, result, poolEnd + extra.length, classFile.length - poolEnd);
        put2(result, 8, next);
        return result;
    }

    private static String modifiedUtf8(byte[] bytes, int start, int length) {
        // the names compared here are ASCII; other entries are only kept, never compared
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }

    /** Appends a Utf8 entry; the caller counts it. */
    private static void writeUtf8(ByteArrayOutputStream out, String value) {
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.writeByte(UTF8);
            data.writeUTF(value);
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** Appends an entry with one index (a Class entry). */
    private static void writeEntry(ByteArrayOutputStream out, int tag, int index) {
        out.write(tag);
        out.write(index >> 8);
        out.write(index);
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static void put2(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >> 8);
        bytes[at + 1] = (byte) value;
    }
}
