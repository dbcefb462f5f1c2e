package dev.wasmbridge.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: the best hand-written Chicory code for the same calls, with none of the proxy's checks,
 * locking or panic handling. It follows docs/ABI.md by hand, on the same Chicory engine as the proxy.
 */
final class RawChicory {
    final Instance instance;
    final ExportFunction add;
    final ExportFunction echo;
    final ExportFunction malloc;
    final ExportFunction free;
    final Memory memory;

    /**
     * @param wasm a module in exnref form (raw Chicory does not run legacy exception handling)
     * @param engine {@code auto} (the bytecode Chicory's Maven plugin compiled at build time), {@code compiler} (Chicory's runtime compiler) or {@code interpreter}
     */
    RawChicory(byte[] wasm, String engine) {
        WasmModule module = Parser.parse(wasm);
        this.instance = Instance.builder(module)
                .withImportValues(stubImports(module))
                .withMachineFactory(ChicoryBigModule.machineFactory(engine, module))
                .build();
        this.add = instance.export("add");
        this.echo = instance.export("echo");
        this.malloc = instance.export("wasmbridge_malloc");
        this.free = instance.export("wasmbridge_free");
        this.memory = instance.memory();
    }

    /**
     * The module's imports (the support crate's {@code wasmbridge.*} panic reporting, which these
     * benchmarks never trigger) answered with zeros, so that raw Chicory can instantiate it.
     */
    private static ImportValues stubImports(WasmModule module) {
        ImportValues.Builder imports = ImportValues.builder();
        module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION)
                .map(FunctionImport.class::cast)
                .forEach(i -> {
                    FunctionType type = module.typeSection().getType(i.typeIndex());
                    int results = type.returns().size();
                    imports.addFunction(new HostFunction(
                            i.module(), i.name(), type, (inst, args) -> results == 0 ? null : new long[results]));
                });
        return imports.build();
    }

    int add(int a, int b) {
        return (int) add.apply(a, b)[0];
    }

    /**
     * A string round trip by hand: malloc, write, call, read the result, free both blocks. The result is
     * freed before the argument (last allocated, first freed): with Rust's allocator that order is
     * measurably cheaper than the other, and it is also the order the proxy uses.
     */
    String echo(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        int inPtr = 1;
        if (in.length > 0) {
            inPtr = (int) malloc.apply(in.length, 1)[0];
            if (inPtr == 0) {
                throw new OutOfMemoryError("wasmbridge_malloc(" + in.length + ", 1) returned 0");
            }
            memory.write(inPtr, in);
        }
        try {
            long result = echo.apply(((long) in.length << 32) | (inPtr & 0xFFFF_FFFFL))[0];
            int outPtr = (int) result;
            int outLen = (int) (result >>> 32);
            if (outLen == 0) {
                return "";
            }
            byte[] out = memory.readBytes(outPtr, outLen);
            free.apply(outPtr, outLen, 1);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            if (in.length > 0) {
                free.apply(inPtr, in.length, 1);
            }
        }
    }
}
