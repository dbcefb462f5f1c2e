package dev.wasmbridge.wasmeh;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * A rough speed check, not a unit test (run it by hand, default JVM flags): times exports on
 * Chicory's compiler before and after {@link FunctionSplitter#split}.
 *
 * <pre>
 * java -cp wasm-eh/target/classes:wasm-eh/target/test-classes:$CHICORY_AND_ASM \
 *     dev.wasmbridge.wasmeh.SplitSpeedCheck benchmarks/src/main/resources/wasm/big_module.exnref.wasm
 * </pre>
 */
public final class SplitSpeedCheck {
    private SplitSpeedCheck() {}

    /**
     * Times the synthetic huge function, and with a path to big_module.exnref.wasm, its
     * fnv_hash_rounds and parse_numbers exports unsplit and split to 2,000 and 500 bytes.
     *
     * @param args optionally the path of big_module.exnref.wasm
     * @throws Exception if the module cannot be read
     */
    public static void main(String[] args) throws Exception {
        byte[] huge = HugeFunctionModule.build();
        System.out.println("synthetic hash(200000): 8 blocks x 65 rounds in a loop");
        time("  original", huge, instance -> call(instance.export("hash"), 200_000));
        time(
                "  split, default budget",
                FunctionSplitter.split(huge),
                instance -> call(instance.export("hash"), 200_000));
        if (args.length > 0) {
            byte[] big = Files.readAllBytes(Path.of(args[0]));
            byte[] data = new byte[4096];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                csv.append(i * 7919 % 100_003).append(i % 3 == 0 ? " , " : ",");
            }
            byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
            for (int budget : new int[] {0, 2000, 500}) {
                byte[] module = budget == 0 ? big : FunctionSplitter.split(big, budget);
                String label = budget == 0 ? "original" : "split, budget " + budget;
                time("fnv_hash_rounds(4 KB, 200), " + label, module, instance -> {
                    long slice = ExportDriver.slice(instance, data);
                    return () -> instance.export("fnv_hash_rounds").apply(slice, 200)[0];
                });
                time("parse_numbers(2000 numbers), " + label, module, instance -> {
                    long slice = ExportDriver.slice(instance, text);
                    return () -> instance.export("parse_numbers").apply(slice)[0];
                });
            }
        }
    }

    private static LongSupplier call(ExportFunction function, long argument) {
        return () -> function.apply(argument)[0];
    }

    private interface Workload {
        LongSupplier prepare(Instance instance);
    }

    /** Warms up for 3 s, then reports the mean time per call over 3 s. */
    private static void time(String label, byte[] module, Workload workload) {
        Instance instance = ExportDriver.instantiate(module, true);
        LongSupplier call = workload.prepare(instance);
        long result = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            result = call.getAsLong();
        }
        int calls = 0;
        long start = System.nanoTime();
        end = start + 3_000_000_000L;
        long now;
        do {
            result = call.getAsLong();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        System.out.printf(
                "%-45s %10.1f us/call (%d calls, result %d)%n", label, (now - start) / 1e3 / calls, calls, result);
    }
}
