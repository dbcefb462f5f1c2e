package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the WebAssembly spec tests for the legacy exception-handling instructions: every module
 * is translated with {@link LegacyEh#translate(byte[])} and executed on Chicory; every command
 * of the suite becomes one named test.
 *
 * <p>The suite has three kinds of checks, counted apart in the summary this class prints: runtime
 * assertions on the translated modules ({@code assert_return}, {@code assert_exception}, {@code
 * assert_trap}); {@code assert_invalid} binary modules, which must be refused by the translator or
 * by Chicory's validation; and {@code assert_malformed} modules given as {@code .wat} text. A
 * binary translator never reads text, so those cannot fail here: they are reported as skipped,
 * not as passed.
 */
class LegacyEhSpecTest {
    private static final Tally TALLY = new Tally();

    @TestFactory
    Stream<DynamicContainer> legacyExceptionHandlingSuite() {
        return SpecFiles.commandFiles().stream()
                .map(file -> DynamicContainer.dynamicContainer(
                        file.getFileName().toString(), new SpecRun(file, LegacyEh::translate, TALLY).tests()));
    }

    @AfterAll
    static void printSummary() {
        System.out.println(TALLY.summary());
    }

    /**
     * What a run of the suite did, by kind of check: only the outcomes of tests that passed are
     * counted, so the summary says what was shown, not what was attempted.
     */
    static final class Tally {
        int modules;
        int runtimeAssertions;
        int invalidRefusedByTranslator;
        int invalidRefusedByEngine;
        int malformedBinaryRefused;
        int malformedTextSkipped;

        String summary() {
            return String.format(
                    "legacy-eh spec suite: %d runtime assertions held on %d translated"
                            + " modules; %d assert_invalid modules refused (%d by the translator, %d by"
                            + " Chicory's validation); %d assert_malformed binary modules refused; %d"
                            + " assert_malformed modules given as .wat text skipped (not applicable to a"
                            + " binary translator)",
                    runtimeAssertions,
                    modules,
                    invalidRefusedByTranslator + invalidRefusedByEngine,
                    invalidRefusedByTranslator,
                    invalidRefusedByEngine,
                    malformedBinaryRefused,
                    malformedTextSkipped);
        }
    }

    /**
     * The state of running one command file: the store and the current module instance. Every
     * module goes through {@code prepare} (a translation) before it is instantiated.
     */
    static final class SpecRun {
        private final Path commandFile;
        private final UnaryOperator<byte[]> prepare;
        private final Tally tally;
        private final Store store = new Store();
        private final Map<String, Instance> named = new HashMap<>();
        private Instance current;

        SpecRun(Path commandFile, UnaryOperator<byte[]> prepare) {
            this(commandFile, prepare, new Tally());
        }

        SpecRun(Path commandFile, UnaryOperator<byte[]> prepare, Tally tally) {
            this.commandFile = commandFile;
            this.prepare = prepare;
            this.tally = tally;
            store.addFunction(spectestPrinters());
        }

        @SuppressWarnings("unchecked")
        Stream<DynamicTest> tests() {
            Map<String, Object> json = (Map<String, Object>) Json.parse(SpecFiles.read(commandFile));
            List<Map<String, Object>> commands = (List<Map<String, Object>>) json.get("commands");
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> command : commands) {
                tests.add(test(command));
            }
            return tests.stream();
        }

        private DynamicTest test(Map<String, Object> command) {
            String type = (String) command.get("type");
            String line = "line " + command.get("line") + ": ";
            switch (type) {
                case "module":
                    return DynamicTest.dynamicTest(
                            line + "module " + command.get("filename") + " translates and instantiates", () -> {
                                instantiate(command);
                                tally.modules++;
                            });
                case "register":
                    return DynamicTest.dynamicTest(
                            line + "register as \"" + command.get("as") + "\"", () -> register(command));
                case "assert_return":
                    return DynamicTest.dynamicTest(line + "assert_return " + describe(command), () -> {
                        assertReturn(command);
                        tally.runtimeAssertions++;
                    });
                case "assert_exception":
                    return DynamicTest.dynamicTest(line + "assert_exception " + describe(command), () -> {
                        assertThrows(WasmException.class, () -> invoke(command));
                        tally.runtimeAssertions++;
                    });
                case "assert_trap":
                    return DynamicTest.dynamicTest(
                            line + "assert_trap " + describe(command) + " \"" + command.get("text") + "\"", () -> {
                                assertTrap(command);
                                tally.runtimeAssertions++;
                            });
                case "assert_invalid":
                    return DynamicTest.dynamicTest(
                            line + type + " " + command.get("filename") + " is refused (" + command.get("text") + ")",
                            () -> {
                                if (assertRefused(command)) {
                                    tally.invalidRefusedByTranslator++;
                                } else {
                                    tally.invalidRefusedByEngine++;
                                }
                            });
                case "assert_malformed":
                    if ("text".equals(command.get("module_type"))) {
                        return DynamicTest.dynamicTest(
                                line + type + " " + command.get("filename") + " (" + command.get("text") + "): skipped",
                                () -> {
                                    tally.malformedTextSkipped++;
                                    Assumptions.abort("a module given as .wat text: malformed text"
                                            + " is a text parser's matter, and the translator"
                                            + " reads binary modules only");
                                });
                    }
                    return DynamicTest.dynamicTest(
                            line + type + " " + command.get("filename") + " is refused (" + command.get("text") + ")",
                            () -> {
                                assertRefused(command);
                                tally.malformedBinaryRefused++;
                            });
                default:
                    return DynamicTest.dynamicTest(line + type, () -> fail("unsupported command type " + type));
            }
        }

        private void instantiate(Map<String, Object> command) {
            byte[] original = SpecFiles.bytes(commandFile.resolveSibling((String) command.get("filename")));
            byte[] translated = prepare.apply(original);
            assertTrue(!LegacyEh.isLegacy(translated), "translation left legacy instructions");
            current = Instance.builder(Parser.parse(translated))
                    .withImportValues(store.toImportValues())
                    .build();
            if (command.get("name") != null) {
                named.put((String) command.get("name"), current);
            }
        }

        private void register(Map<String, Object> command) {
            Instance instance = command.get("name") == null ? current : named.get((String) command.get("name"));
            store.register((String) command.get("as"), instance);
        }

        @SuppressWarnings("unchecked")
        private long[] invoke(Map<String, Object> command) {
            Map<String, Object> action = (Map<String, Object>) command.get("action");
            if (!"invoke".equals(action.get("type"))) {
                fail("unsupported action " + action.get("type"));
            }
            Instance instance = action.get("module") == null ? current : named.get((String) action.get("module"));
            if (instance == null) {
                fail("no module instance (an earlier module failed)");
            }
            List<Map<String, Object>> args = (List<Map<String, Object>>) action.get("args");
            long[] values = new long[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = SpecValue.argument(args.get(i));
            }
            return instance.export((String) action.get("field")).apply(values);
        }

        @SuppressWarnings("unchecked")
        private void assertReturn(Map<String, Object> command) {
            List<Map<String, Object>> expected = (List<Map<String, Object>>) command.get("expected");
            long[] results = invoke(command);
            if (results == null) {
                results = new long[0];
            }
            assertEquals(expected.size(), results.length, "number of results");
            for (int i = 0; i < results.length; i++) {
                SpecValue.assertMatches(expected.get(i), results[i], "result " + i);
            }
        }

        private void assertTrap(Map<String, Object> command) {
            ChicoryException trap = assertThrows(ChicoryException.class, () -> invoke(command));
            String text = (String) command.get("text");
            assertTrue(
                    trap.getMessage() != null && trap.getMessage().contains(text),
                    "trap message \"" + trap.getMessage() + "\" should contain \"" + text + "\"");
        }

        /**
         * Asserts that a binary module is refused. Returns true if the translator refused it,
         * false if Chicory did (parsing, validating or instantiating the translation).
         */
        private boolean assertRefused(Map<String, Object> command) {
            byte[] bytes = SpecFiles.bytes(commandFile.resolveSibling((String) command.get("filename")));
            byte[] translated;
            try {
                translated = prepare.apply(bytes);
            } catch (MalformedWasmException refusedByTranslator) {
                return true;
            }
            try {
                Instance.builder(Parser.parse(translated))
                        .withImportValues(store.toImportValues())
                        .build();
            } catch (ChicoryException refusedByChicory) {
                return false;
            }
            return fail("module " + command.get("filename") + " was accepted, expected: " + command.get("text"));
        }

        @SuppressWarnings("unchecked")
        private static String describe(Map<String, Object> command) {
            Map<String, Object> action = (Map<String, Object>) command.get("action");
            List<Map<String, Object>> args = (List<Map<String, Object>>) action.get("args");
            return action.get("field") + "("
                    + args.stream()
                            .map(a -> a.get("type") + ":" + a.get("value"))
                            .collect(Collectors.joining(", ")) + ")";
        }

        private static HostFunction[] spectestPrinters() {
            return new HostFunction[] {
                printer("print", List.of()),
                printer("print_i32", List.of(ValType.I32)),
                printer("print_i64", List.of(ValType.I64)),
                printer("print_f32", List.of(ValType.F32)),
                printer("print_f64", List.of(ValType.F64)),
                printer("print_i32_f32", List.of(ValType.I32, ValType.F32)),
                printer("print_f64_f64", List.of(ValType.F64, ValType.F64)),
            };
        }

        private static HostFunction printer(String name, List<ValType> params) {
            return new HostFunction("spectest", name, FunctionType.of(params, List.of()), (instance, args) -> null);
        }
    }
}
