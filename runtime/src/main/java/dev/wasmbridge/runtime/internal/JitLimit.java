package dev.wasmbridge.runtime.internal;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * HotSpot's limit on the size of the methods it compiles: with {@code DontCompileHugeMethods} on (the
 * default), a method over 8,000 bytes of bytecode runs in the interpreter for ever. Chicory compiles each
 * Wasm function to one method, so a large Rust function can be 10 to 100 times slower than it should be.
 */
final class JitLimit {
    /** The HotSpot flag; {@code -XX:-DontCompileHugeMethods} lifts the limit. */
    static final String FLAG = "DontCompileHugeMethods";

    private JitLimit() {}

    /**
     * Logs one warning when {@code hugeMethods} (methods of the module's bytecode over the limit) will stay
     * interpreted on this JVM; says nothing when there are none, or the flag is off, or this JVM has no such
     * flag.
     */
    static void warnIfInterpreted(String module, List<String> hugeMethods) {
        if (hugeMethods.isEmpty() || !hugeMethodsInterpreted()) {
            return;
        }
        Log.warning(() -> "Wasm module '" + module + "' has " + hugeMethods.size()
                + (hugeMethods.size() == 1 ? " method" : " methods") + " over HotSpot's JIT limit of 8,000 bytes of"
                + " bytecode, which this JVM leaves to its interpreter (10 to 100 times slower): "
                + String.join(", ", hugeMethods) + ". Run the JVM with -XX:-" + FLAG + ".");
    }

    /** Whether this JVM is HotSpot with {@value #FLAG} on. */
    static boolean hugeMethodsInterpreted() {
        try {
            return Boolean.parseBoolean(
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                            .getVMOption(FLAG)
                            .getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no such flag: nothing to say
        }
    }
}
