package dev.wasmbridge.wasmeh;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls every exported function of a Wasmbridge module the way the runtime does (strings and
 * byte slices allocated with {@code wasmbridge_malloc} and passed as {@code (len << 32) | ptr}),
 * and records what happened: the results or the trap, and a digest of linear memory after each
 * call. Two modules that compute the same give the same record.
 */
final class ExportDriver {
    /** The text passed for every {@code i64} parameter (a slice: a string or bytes). */
    static final String TEXT = "3, 4,5 ,-17 x = 2 * (3 + 4); y=1.5\nname=value k=v";

    private static final long[] INTS = {0, 1, 3, 7};

    private ExportDriver() {}

    /** The import module of WASI preview 1 (modules built for {@code wasm32-wasip1}). */
    private static final String WASI = "wasi_snapshot_preview1";

    /**
     * WASI's errno {@code EBADF}: what a WASI function returns here. Zeros would mean success without
     * results, which a WASI module may take as an endless list of preopened directories (wasi-libc asks
     * {@code fd_prestat_get} for descriptors 3, 4, ... until one is bad).
     */
    private static final long WASI_EBADF = 8;

    /**
     * Instantiates a module with host functions that return zeros (and throw for a panic); WASI functions
     * fail with {@code EBADF}, as on a machine that has nothing to offer.
     */
    static Instance instantiate(byte[] bytes, boolean compiled) {
        WasmModule module = Parser.parse(bytes);
        ImportValues.Builder imports = ImportValues.builder();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            if (module.importSection().getImport(i) instanceof FunctionImport) {
                FunctionImport function =
                        (FunctionImport) module.importSection().getImport(i);
                FunctionType type = module.typeSection().getType(function.typeIndex());
                String name = function.module() + "." + function.name();
                imports.addFunction(new HostFunction(function.module(), function.name(), type, (instance, args) -> {
                    if (name.contains("panic")) {
                        throw new IllegalStateException("host: " + name);
                    }
                    long[] results = new long[type.returns().size()];
                    if (function.module().equals(WASI) && results.length == 1) {
                        results[0] = WASI_EBADF;
                    }
                    return results;
                }));
            }
        }
        Instance.Builder builder = Instance.builder(module).withImportValues(imports.build());
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler::compile);
        }
        return builder.build();
    }

    /** Calls every export with numeric and slice arguments; returns one line per call. */
    static List<String> callEverything(byte[] bytes, boolean compiled) {
        return callEverything(bytes, compiled, false);
    }

    /**
     * Like {@link #callEverything(byte[], boolean)}; with {@code fuel}, for a module instrumented by
     * {@link FuelMeter}, each line ends with the fuel the call used.
     */
    static List<String> callEverything(byte[] bytes, boolean compiled, boolean fuel) {
        return callEverything(bytes, compiled, fuel, 0);
    }

    /**
     * Like {@link #callEverything(byte[], boolean, boolean)}, with the counter set to {@code budget} before each
     * call when it is positive: the line ends with the fuel the call used, and a call that runs out traps.
     */
    static List<String> callEverything(byte[] bytes, boolean compiled, boolean fuel, long budget) {
        Instance instance = instantiate(bytes, compiled);
        WasmModule module = Parser.parse(bytes);
        Map<String, List<String>> rustParams = rustParameterTypes(bytes);
        List<String> record = new ArrayList<>();
        for (int e = 0; e < module.exportSection().exportCount(); e++) {
            Export export = module.exportSection().getExport(e);
            if (export.exportType() != ExternalType.FUNCTION || export.name().startsWith("wasmbridge_")) {
                continue;
            }
            FunctionType type = functionType(module, export.index());
            List<String> rust = rustParams.getOrDefault(export.name(), List.of());
            for (long value : INTS) {
                if (fuel && budget > 0) { // the fuel a call before left, maybe none
                    instance.exports().global(FuelMeter.FUEL_EXPORT).setValue(Long.MAX_VALUE);
                }
                long[] args = new long[type.params().size()];
                for (int p = 0; p < args.length; p++) {
                    boolean number = rust.size() == args.length
                            && (rust.get(p).equals("i64") || rust.get(p).equals("u64"));
                    args[p] = number ? value : argument(instance, type.params().get(p), value);
                }
                if (fuel && budget > 0) { // after placing the arguments, which may call the module
                    instance.exports().global(FuelMeter.FUEL_EXPORT).setValue(budget);
                }
                long before =
                        fuel ? instance.exports().global(FuelMeter.FUEL_EXPORT).getValue() : 0;
                String line = call(instance, export.name(), args);
                if (fuel) {
                    line += ", fuel "
                            + (before
                                    - instance.exports()
                                            .global(FuelMeter.FUEL_EXPORT)
                                            .getValue());
                }
                record.add(line);
            }
        }
        return record;
    }

    /**
     * The Rust parameter types of every export, from the {@code wasmbridge.signatures} section
     * ({@code fn spin(iterations: i64) -> i64}), so that an {@code i64} that is a number is not
     * given a slice (a huge number).
     */
    private static Map<String, List<String>> rustParameterTypes(byte[] bytes) {
        Map<String, List<String>> types = new HashMap<>();
        for (Section section : dev.wasmbridge.wasmeh.WasmModule.parse(bytes).sections()) {
            if (!section.customName().filter("wasmbridge.signatures"::equals).isPresent()) {
                continue;
            }
            byte[] payload = section.payload();
            String text = new String(payload, StandardCharsets.UTF_8);
            for (String line : text.substring(text.indexOf("wasmbridge.signatures") + "wasmbridge.signatures".length())
                    .split("\n")) {
                int open = line.indexOf('(');
                int close = line.lastIndexOf(')');
                if (!line.startsWith("fn ") || open < 0 || close < open) {
                    continue;
                }
                List<String> params = new ArrayList<>();
                int depth = 0;
                int from = open + 1;
                for (int i = open + 1; i <= close; i++) {
                    char c = line.charAt(i);
                    depth += c == '(' || c == '<' || c == '[' ? 1 : c == ')' || c == '>' || c == ']' ? -1 : 0;
                    if ((c == ',' && depth == 0) || i == close) {
                        String param = line.substring(from, i).trim();
                        if (!param.isEmpty()) {
                            params.add(param.substring(param.indexOf(':') + 1).trim());
                        }
                        from = i + 1;
                    }
                }
                types.put(line.substring(3, open).trim(), params);
            }
        }
        return types;
    }

    private static FunctionType functionType(WasmModule module, long function) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int typeIndex = function < imported
                ? ((FunctionImport) module.importSection().stream()
                                .filter(i -> i instanceof FunctionImport)
                                .toArray()[(int) function])
                        .typeIndex()
                : module.functionSection().getFunctionType((int) function - imported);
        return module.typeSection().getType(typeIndex);
    }

    private static long argument(Instance instance, ValType type, long value) {
        if (type.equals(ValType.I64)) {
            return slice(instance, TEXT.substring(0, (int) value * 7).getBytes(StandardCharsets.UTF_8));
        }
        if (type.equals(ValType.F32)) {
            return Float.floatToRawIntBits(value + 0.5f);
        }
        if (type.equals(ValType.F64)) {
            return Double.doubleToRawLongBits(value + 0.25);
        }
        return value;
    }

    /** Copies bytes into the module's memory and returns the slice {@code (len << 32) | ptr}. */
    static long slice(Instance instance, byte[] data) {
        int pointer = (int) instance.export("wasmbridge_malloc").apply(Math.max(1, data.length), 1)[0];
        instance.memory().write(pointer, data);
        return ((long) data.length << 32) | (pointer & 0xFFFF_FFFFL);
    }

    /** Reads the UTF-8 text of a slice {@code (len << 32) | ptr}. */
    static String text(Instance instance, long slice) {
        return new String(instance.memory().readBytes((int) slice, (int) (slice >>> 32)), StandardCharsets.UTF_8);
    }

    private static String call(Instance instance, String name, long[] args) {
        String outcome;
        try {
            outcome = Arrays.toString(instance.export(name).apply(args));
        } catch (RuntimeException | StackOverflowError e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        byte[] memory = instance.memory().readBytes(0, instance.memory().pages() * 65536);
        return name + Arrays.toString(args) + " -> " + outcome + ", memory " + Arrays.hashCode(memory);
    }
}
