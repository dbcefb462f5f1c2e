package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compiles split modules with Chicory's compiler (as the annotation processor does) and checks
 * the size of every {@code func_<index>} method against the budget, which keeps
 * {@link SizeModel} honest.
 */
class FunctionSplitterCompilerTest {

    @Test
    void afterSplittingNoCompiledFunctionOfTheBigModuleIsOverTheHugeMethodLimit() {
        byte[] split = FunctionSplitter.split(SpecFiles.bytes(FunctionSplitterFixtureTest.BIG_MODULE));
        Map<Integer, Integer> sizes = compiledFunctionSizes(split);
        List<String> huge = new ArrayList<>();
        sizes.forEach((function, size) -> {
            if (size > FunctionSplitter.HUGE_METHOD_LIMIT) {
                huge.add("func_" + function + ": " + size + " bytes");
            }
        });
        assertEquals(List.of(), huge);
    }

    @Test
    void functionsWithinTheBudgetCompileToMethodsWithinTheBudget() {
        for (int budget : new int[] {500, 3000}) {
            for (String module : new String[] {
                "benchmarks/src/main/resources/wasm/big_module.exnref.wasm",
                "examples/calculator/src/main/resources/wasm/calculator.exnref.wasm",
                "integration-tests/src/test/resources/wasm/rich_fixture.exnref.wasm"
            }) {
                byte[] original = SpecFiles.bytes(FunctionSplitterFixtureTest.repository(module));
                byte[] split = FunctionSplitter.split(original, budget);
                Map<Integer, Long> estimates = new HashMap<>();
                FunctionSplitter.oversizedFunctions(split, 1)
                        .forEach(f -> estimates.put(f.functionIndex(), f.estimatedSize()));
                Map<Integer, Integer> sizes = compiledFunctionSizes(split);
                List<String> over = new ArrayList<>();
                int compiled = 0;
                for (Map.Entry<Integer, Integer> entry : sizes.entrySet()) {
                    long estimate = estimates.getOrDefault(entry.getKey(), 0L);
                    if (estimate <= budget && entry.getValue() > budget) {
                        over.add(
                                "func_" + entry.getKey() + " estimated " + estimate + ", compiled " + entry.getValue());
                    }
                    compiled++;
                }
                assertEquals(List.of(), over, module + " split with budget " + budget);
                assertTrue(compiled > FunctionSplitterFixtureTest.functionCount(original) - 10);
            }
        }
    }

    @Test
    void newFunctionsStayOutOfTheCallIndirectDispatchOfTheModule() {
        byte[] original = SpecFiles.bytes(FunctionSplitterFixtureTest.BIG_MODULE);
        byte[] split = FunctionSplitter.split(original, 2000);
        Map<String, Integer> before = compiledMethodSizes(original);
        Map<String, Integer> after = compiledMethodSizes(split);
        WasmModule module = Parser.parse(original);
        Set<String> used = new TreeSet<>();
        for (int f = 0; f < module.codeSection().functionBodyCount(); f++) {
            for (Instruction instruction :
                    module.codeSection().getFunctionBody(f).instructions()) {
                if (instruction.opcode() == OpCode.CALL_INDIRECT) {
                    used.add("call_indirect_" + instruction.operand(0));
                }
            }
        }
        assertTrue(used.size() >= 3, "call_indirect types: " + used);
        for (String method : used) {
            assertEquals(before.get(method), after.get(method), method);
        }
    }

    /** The bytecode size of every method of every class Chicory's compiler makes. */
    static Map<String, Integer> compiledMethodSizes(byte[] module) {
        Map<String, byte[]> classes = Compiler.builder(Parser.parse(module))
                .withClassName("SplitTestMachine")
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
        Map<String, Integer> sizes = new HashMap<>();
        classes.values().forEach(classFile -> sizes.putAll(methodCodeSizes(classFile)));
        return sizes;
    }

    /** The bytecode size of every {@code func_<index>} method Chicory's compiler makes. */
    static Map<Integer, Integer> compiledFunctionSizes(byte[] module) {
        Map<String, byte[]> classes = Compiler.builder(Parser.parse(module))
                .withClassName("SplitTestMachine")
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (byte[] classFile : classes.values()) {
            methodCodeSizes(classFile).forEach((name, size) -> {
                if (name.startsWith("func_")) {
                    sizes.put(Integer.parseInt(name.substring(5)), size);
                }
            });
        }
        return sizes;
    }

    /** Reads the length of every method's Code attribute from a class file. */
    static Map<String, Integer> methodCodeSizes(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        in.position(8);
        int constants = in.getShort() & 0xFFFF;
        String[] utf8 = new String[constants];
        for (int i = 1; i < constants; i++) {
            int tag = in.get();
            switch (tag) {
                case 1: {
                    byte[] text = new byte[in.getShort() & 0xFFFF];
                    in.get(text);
                    utf8[i] = new String(text, StandardCharsets.UTF_8);
                    break;
                }
                case 5:
                case 6:
                    in.getLong();
                    i++;
                    break;
                case 7:
                case 8:
                case 16:
                case 19:
                case 20:
                    in.getShort();
                    break;
                case 15:
                    in.get();
                    in.getShort();
                    break;
                default: // 3, 4, 9, 10, 11, 12, 17, 18: four bytes
                    in.getInt();
            }
        }
        in.position(in.position() + 6);
        int interfaces = in.getShort() & 0xFFFF;
        in.position(in.position() + 2 * interfaces);
        int fields = in.getShort() & 0xFFFF;
        for (int f = 0; f < fields; f++) {
            in.position(in.position() + 6);
            skipAttributes(in);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int methods = in.getShort() & 0xFFFF;
        for (int m = 0; m < methods; m++) {
            in.getShort();
            String name = utf8[in.getShort() & 0xFFFF];
            in.getShort();
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.getShort() & 0xFFFF];
                int length = in.getInt();
                int next = in.position() + length;
                if (attribute.equals("Code")) {
                    in.getInt();
                    sizes.put(name, in.getInt());
                }
                in.position(next);
            }
        }
        return sizes;
    }

    private static void skipAttributes(ByteBuffer in) {
        int attributes = in.getShort() & 0xFFFF;
        for (int a = 0; a < attributes; a++) {
            in.getShort();
            int length = in.getInt();
            in.position(in.position() + length);
        }
    }
}
