package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits WebAssembly functions that are too big for the JVM's JIT compiler.
 *
 * <p>Chicory's compiler turns every Wasm function into one JVM method, and HotSpot never
 * compiles a method of more than {@value #HUGE_METHOD_LIMIT} bytes of bytecode
 * ({@code -XX:+DontCompileHugeMethods}, the default): such a function stays interpreted, 10 to
 * 100 times slower. {@link #split(byte[], int)} moves regions of every function whose estimated
 * bytecode is over a budget into new functions, until each fits (or no region can move): whole
 * {@code block}, {@code loop}, {@code if} or {@code try_table} instructions, the largest that fit
 * first, so a loop moves whole where it can. The result computes exactly what the input did.
 *
 * <p>The existing functions keep their indices, so exports, element segments, the start function
 * and imports are untouched; the new functions and their types are appended, and named
 * {@code <name>.outlined.<n>} in the {@code name} section if the module has one. Other sections
 * are copied as they are.
 *
 * <pre>{@code
 * byte[] runnable = FunctionSplitter.split(LegacyEh.translate(wasm));
 * for (OversizedFunction f : FunctionSplitter.oversizedFunctions(runnable)) {
 *     warn(f + " stays interpreted");
 * }
 * }</pre>
 */
public final class FunctionSplitter {
    /** The largest JVM method HotSpot JIT-compiles by default, in bytes of bytecode. */
    public static final int HUGE_METHOD_LIMIT = 8000;

    /**
     * The default budget: the estimate is within 10% of the real size, so functions under it
     * compile to methods under {@value #HUGE_METHOD_LIMIT} bytes.
     */
    public static final int DEFAULT_BUDGET = 7000;

    private FunctionSplitter() {}

    /**
     * Splits the functions over {@link #DEFAULT_BUDGET}.
     *
     * @param module a WebAssembly binary module
     * @return the split module, or the very same array when no function is over the budget
     * @throws MalformedWasmException if the module is malformed
     * @see #split(byte[], int)
     */
    public static byte[] split(byte[] module) {
        return split(module, DEFAULT_BUDGET);
    }

    /**
     * Splits every function whose estimated JVM bytecode is over {@code budget} bytes. A module
     * in legacy exception-handling form is first translated ({@link LegacyEh#translate(byte[])})
     * when it needs splitting; the result is in exnref form.
     *
     * @param module a WebAssembly binary module
     * @param budget the largest estimated method size, in bytes of JVM bytecode, a function may
     *     have (see {@link OversizedFunction#estimatedSize()})
     * @return the split module, or the very same array when no function is over the budget
     * @throws MalformedWasmException if the module is malformed
     * @throws IllegalArgumentException if {@code budget} is not positive
     */
    public static byte[] split(byte[] module, int budget) {
        checkBudget(budget);
        WasmModule parsed = runnable(WasmModule.parse(module));
        if (ModuleSplitter.oversized(parsed, budget).isEmpty()) {
            return module;
        }
        return ModuleSplitter.split(parsed, budget, false).toBytes();
    }

    /**
     * Lists the functions over {@link #DEFAULT_BUDGET}: after {@link #split(byte[])}, the ones
     * that could not be split enough (and so will not be JIT-compiled).
     *
     * @param module a WebAssembly binary module
     * @return the functions over the budget, by function index
     * @throws MalformedWasmException if the module is malformed
     */
    public static List<OversizedFunction> oversizedFunctions(byte[] module) {
        return oversizedFunctions(module, DEFAULT_BUDGET);
    }

    /**
     * Lists the functions whose estimated JVM bytecode is over {@code budget} bytes (for a
     * module in legacy exception-handling form: once translated to the exnref form).
     *
     * @param module a WebAssembly binary module
     * @param budget the size limit, in bytes of JVM bytecode
     * @return the functions over the budget, by function index
     * @throws MalformedWasmException if the module is malformed
     * @throws IllegalArgumentException if {@code budget} is not positive
     */
    public static List<OversizedFunction> oversizedFunctions(byte[] module, int budget) {
        checkBudget(budget);
        return new ArrayList<>(ModuleSplitter.oversized(runnable(WasmModule.parse(module)), budget));
    }

    private static WasmModule runnable(WasmModule module) {
        return LegacyEh.translate(module);
    }

    private static void checkBudget(int budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
    }
}
