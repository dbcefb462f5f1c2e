package dev.wasmbridge.wasmeh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportTag;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TagInstance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.TagImport;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fuzz corpus of src/test/resources/fuel-fuzz: binaryen's random valid modules ({@code wasm-opt
 * -ttf}, fixed seeds, with a declarative element segment Chicory needs; scripts/fuel-fuzz.sh makes them
 * and checks them against binaryen's own validator and interpreter). Instrumented with ample fuel, each validates and does exactly what it did, on
 * Chicory's interpreter and compiler: every export's results or trap, every value logged through its
 * imports, every global it exports. The fuel each call uses is the same on both engines.
 */
class FuelMeterFuzzTest {
    static List<Path> corpus() {
        try {
            Path folder = Paths.get(FuelMeterFuzzTest.class
                    .getClassLoader()
                    .getResource("fuel-fuzz")
                    .toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(p -> p.toString().endsWith(".wasm"))
                        .sorted()
                        .collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCorpusHasItsModulesAndTheirFeatures() {
        List<Path> corpus = corpus();
        assertEquals(40, corpus.size());
        int legacy = 0;
        for (Path module : corpus) {
            legacy += LegacyEh.isLegacy(SpecFiles.bytes(module)) ? 1 : 0;
        }
        assertTrue(legacy >= 10 && legacy <= 30, legacy + " modules in legacy exception-handling form");
    }

    /** The modules whose original Chicory's compiler compiles (it fails on some of binaryen's shapes). */
    private static final java.util.Set<String> COMPILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @TestFactory
    Stream<DynamicTest> everyModuleDoesTheSameInstrumented() {
        return corpus().stream()
                .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
                    byte[] original = LegacyEh.translate(SpecFiles.bytes(path));
                    byte[] instrumented = FuelMeter.instrument(SpecFiles.bytes(path));
                    assertEquals(run(original, false, false), run(instrumented, false, false), "interpreter");
                    List<String> compiledOriginal;
                    try {
                        compiledOriginal = run(original, true, false);
                    } catch (RuntimeException | LinkageError compilerFailed) {
                        // Chicory 1.7.5's compiler fails on most of binaryen's modules (ASM cannot compute the
                        // frames of some unreachable code, or an exception range is empty); the interpreter's
                        // answers above stand for those
                        return;
                    }
                    COMPILED.add(path.getFileName().toString());
                    assertEquals(compiledOriginal, run(instrumented, true, false), "compiler");
                    assertEquals(
                            run(instrumented, false, true),
                            run(instrumented, true, true),
                            "fuel, interpreter vs compiler");
                }));
    }

    @AfterAll
    static void enoughModulesRanOnTheCompilerToo() {
        assertTrue(COMPILED.size() >= 3, "modules compared on the compiler too: " + COMPILED);
    }

    /**
     * Calls every exported function with zeros, in export order, on a fresh instance whose imports log their
     * arguments and return zeros (nulls for references); one line per call, with the exported globals after
     * it, and the fuel it used when {@code fuel}.
     */
    static List<String> run(byte[] bytes, boolean compiled, boolean fuel) {
        List<String> log = new ArrayList<>();
        com.dylibso.chicory.wasm.WasmModule module = Parser.parse(bytes);
        ImportValues.Builder imports = ImportValues.builder();
        int functions = 0;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            var imported = module.importSection().getImport(i);
            if (imported instanceof FunctionImport function) {
                FunctionType type = module.typeSection().getType(function.typeIndex());
                String name = function.name();
                imports.addFunction(new HostFunction(function.module(), name, type, (instance, args) -> {
                    log.add("  " + name + Arrays.toString(args));
                    long[] results = new long[type.returns().size()];
                    for (int r = 0; r < results.length; r++) {
                        results[r] = type.returns().get(r).isReference() ? Value.REF_NULL_VALUE : 0;
                    }
                    return results;
                }));
                functions++;
            } else if (imported instanceof GlobalImport global) {
                ValType type = global.type();
                long value = type.isReference() ? Value.REF_NULL_VALUE : 0;
                imports.addGlobal(new ImportGlobal(
                        global.module(), global.name(), new GlobalInstance(value, 0, type, global.mutabilityType())));
            } else if (imported instanceof TagImport tag) {
                imports.addTag(new ImportTag(
                        tag.module(),
                        tag.name(),
                        new TagInstance(
                                tag.tagType(),
                                module.typeSection().getType(tag.tagType().typeIdx()))));
            } else {
                throw new IllegalStateException("the harness imports functions, globals and tags only: " + imported);
            }
        }
        Instance.Builder builder = Instance.builder(module).withImportValues(imports.build());
        if (compiled) {
            builder.withMachineFactory(com.dylibso.chicory.compiler.MachineFactoryCompiler::compile);
        }
        Instance instance = builder.build();
        for (int e = 0; e < module.exportSection().exportCount(); e++) {
            Export export = module.exportSection().getExport(e);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            int typeIndex = export.index() < functions
                    ? -1
                    : module.functionSection().getFunctionType(export.index() - functions);
            int params = typeIndex < 0
                    ? 0
                    : module.typeSection().getType(typeIndex).params().size();
            long before =
                    fuel ? instance.exports().global(FuelMeter.FUEL_EXPORT).getValue() : 0;
            String outcome;
            try {
                ExportFunction function = instance.export(export.name());
                outcome = Arrays.toString(function.apply(new long[params]));
            } catch (RuntimeException | StackOverflowError failure) {
                outcome = failure.getClass().getSimpleName();
            }
            StringBuilder line = new StringBuilder(export.name()).append(" -> ").append(outcome);
            for (int g = 0; g < module.exportSection().exportCount(); g++) {
                Export global = module.exportSection().getExport(g);
                if (global.exportType() == ExternalType.GLOBAL && !global.name().equals(FuelMeter.FUEL_EXPORT)) {
                    line.append(", ")
                            .append(global.name())
                            .append('=')
                            .append(instance.global(global.index()).getValue());
                }
            }
            if (fuel) {
                line.append(", fuel ")
                        .append(before
                                - instance.exports()
                                        .global(FuelMeter.FUEL_EXPORT)
                                        .getValue());
            }
            log.add(line.toString());
        }
        return log;
    }
}
