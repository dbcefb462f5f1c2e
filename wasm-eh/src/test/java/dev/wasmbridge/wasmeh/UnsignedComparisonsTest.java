package dev.wasmbridge.wasmeh;

import static dev.wasmbridge.wasmeh.TestModuleBuilder.I32;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.I64;
import static dev.wasmbridge.wasmeh.TestModuleBuilder.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.wasm.Parser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The classes Chicory's compiler makes from a module that uses all eight unsigned comparisons call {@link
 * UnsignedComparisons#TARGET} for each of them, and nothing of Chicory's unsigned comparisons, and still
 * pass the JVM's verifier.
 */
class UnsignedComparisonsTest {
    private static final String MACHINE = "dev.wasmbridge.wasmeh.UnsignedComparisonsMachine";

    /** {@code i32.lt_u} ... {@code i64.ge_u}, one exported function each, {@code (a, b) -> a op b}. */
    private static byte[] comparisons() {
        TestModuleBuilder module = new TestModuleBuilder();
        int i32 = module.type(of(I32, I32), of(I32));
        int i64 = module.type(of(I64, I64), of(I32));
        int[][] ops = {
            {i32, 0x49}, {i32, 0x4B}, {i32, 0x4D}, {i32, 0x4F}, {i64, 0x54}, {i64, 0x56}, {i64, 0x58}, {i64, 0x5A}
        };
        for (int[] op : ops) {
            module.function(
                    op[0],
                    "f" + op[1],
                    of(),
                    new TestModuleBuilder.Code().localGet(0).localGet(1).op(op[1]));
        }
        return module.build();
    }

    private static Map<String, byte[]> compiled() {
        return Compiler.builder(Parser.parse(comparisons()))
                .withClassName(MACHINE)
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
    }

    @Test
    void everyUnsignedComparisonCallsTheTargetAndNoneCallsChicorys() throws Exception {
        Map<String, byte[]> before = compiled();
        Set<String> calledBefore = new TreeSet<>();
        before.values().forEach(bytes -> calledBefore.addAll(methodrefs(bytes)));
        assertTrue(
                calledBefore.contains(UnsignedComparisons.OPCODE_IMPL + ".I32_LT_U(II)I"),
                "the test module is compiled to calls of Chicory's comparisons: " + calledBefore);

        Map<String, byte[]> after = UnsignedComparisons.redirect(before);

        assertEquals(before.keySet(), after.keySet());
        Set<String> called = new TreeSet<>();
        after.values().forEach(bytes -> called.addAll(methodrefs(bytes)));
        Set<String> expected = new TreeSet<>();
        UnsignedComparisons.METHODS.forEach(
                (name, descriptor) -> expected.add(UnsignedComparisons.TARGET + "." + name + descriptor));
        Set<String> toTarget = new TreeSet<>();
        for (String call : called) {
            assertFalse(
                    call.startsWith(UnsignedComparisons.OPCODE_IMPL + ".")
                            && UnsignedComparisons.METHODS.containsKey(
                                    call.substring(call.indexOf('.') + 1, call.indexOf('('))),
                    "still calls " + call);
            assertFalse(call.contains("Shaded.i32_ge_u"), "still calls " + call);
            if (call.startsWith(UnsignedComparisons.TARGET + ".")) {
                toTarget.add(call);
            }
        }
        assertEquals(expected, toTarget);

        // the rewritten classes are still valid class files: defining and linking them runs the verifier
        ClassLoader loader = new ClassLoader(UnsignedComparisonsTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = after.get(name.replace('.', '/'));
                if (bytes == null) {
                    bytes = after.get(name);
                }
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        for (String name : after.keySet()) {
            Class.forName(name.replace('/', '.'), true, loader);
        }
    }

    @Test
    void aClassWithoutComparisonsIsReturnedAsItIs() {
        byte[] classFile = compiled().values().stream()
                .filter(bytes ->
                        methodrefs(bytes).stream().noneMatch(call -> call.contains("_U(") || call.contains("i32_ge_u")))
                .findFirst()
                .orElseThrow();
        assertSame(classFile, UnsignedComparisons.redirect(classFile, Set.of()));
    }

    @Test
    void theRewriteChangesOnlyTheConstantPool() {
        for (byte[] bytes : compiled().values()) {
            byte[] rewritten = UnsignedComparisons.redirect(bytes, Set.of());
            int poolEnd = poolEnd(bytes);
            int added = rewritten.length - bytes.length;
            byte[] tail = new byte[bytes.length - poolEnd];
            System.arraycopy(rewritten, poolEnd + added, tail, 0, tail.length);
            byte[] originalTail = new byte[tail.length];
            System.arraycopy(bytes, poolEnd, originalTail, 0, tail.length);
            assertArrayEquals(originalTail, tail, "fields, methods and attributes are unchanged");
        }
    }

    /**
     * A class file's constant pool, read here independently of {@link UnsignedComparisons}: each entry's offset,
     * tag and (for {@code Utf8}) text, and where the pool ends.
     */
    private record ConstantPool(ByteBuffer in, int[] offsets, int[] tags, String[] utf8, int end) {
        static ConstantPool of(byte[] classFile) {
            ByteBuffer in = ByteBuffer.wrap(classFile);
            in.position(8);
            int count = in.getShort() & 0xFFFF;
            int[] offsets = new int[count];
            int[] tags = new int[count];
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                offsets[i] = in.position();
                tags[i] = in.get() & 0xFF;
                switch (tags[i]) {
                    case 1 -> {
                        int length = in.getShort() & 0xFFFF;
                        utf8[i] = new String(classFile, in.position(), length, StandardCharsets.UTF_8);
                        in.position(in.position() + length);
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                    case 5, 6 -> {
                        in.position(in.position() + 8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                    case 15 -> in.position(in.position() + 3);
                    default -> throw new IllegalArgumentException("tag " + tags[i]);
                }
            }
            return new ConstantPool(in, offsets, tags, utf8, in.position());
        }

        /** The index entry {@code i} holds at {@code at} bytes past its tag. */
        int index(int i, int at) {
            return in.getShort(offsets[i] + at) & 0xFFFF;
        }
    }

    /** Every {@code Methodref} of a class file, as {@code owner.name descriptor}. */
    private static List<String> methodrefs(byte[] classFile) {
        ConstantPool pool = ConstantPool.of(classFile);
        List<String> refs = new ArrayList<>();
        for (int i = 1; i < pool.tags().length; i++) {
            if (pool.tags()[i] == 10) {
                int owner = pool.index(i, 1);
                int nameAndType = pool.index(i, 3);
                String ownerName = pool.utf8()[pool.index(owner, 1)];
                String name = pool.utf8()[pool.index(nameAndType, 1)];
                String descriptor = pool.utf8()[pool.index(nameAndType, 3)];
                refs.add(ownerName + "." + name + descriptor);
            }
        }
        return refs;
    }

    private static int poolEnd(byte[] classFile) {
        return ConstantPool.of(classFile).end();
    }
}
