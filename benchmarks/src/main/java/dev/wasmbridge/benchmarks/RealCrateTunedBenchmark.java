package dev.wasmbridge.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link RealCrateBenchmark} with {@code -XX:-DontCompileHugeMethods}: HotSpot then JIT-compiles the
 * Wasm functions whose bytecode is over its 8,000-byte limit too (the processor's warning WB402 names
 * them), as the Wasmbridge archetype's tests and {@code exec:java} do. The Java benchmarks run again as
 * the control: the flag should not change them.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:-DontCompileHugeMethods"})
public class RealCrateTunedBenchmark extends RealCrateBenchmark {}
