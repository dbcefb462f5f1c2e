/**
 * The public API of Wasmbridge's runtime: what hand-written code uses beside the interfaces it declares
 * and the bindings the annotation processor generates for them.
 *
 * <ul>
 *   <li>{@link dev.wasmbridge.runtime.WasmBindings}: control of the Wasm instance behind a proxy (abort
 *       handler, reset, call timeout, memory size); {@link dev.wasmbridge.runtime.WasmObject}: a Rust object
 *       seen from Java; {@link dev.wasmbridge.runtime.WasmIterator}: a Rust iterator seen from Java;
 *   <li>the exceptions, all under {@link dev.wasmbridge.runtime.WasmBridgeException}: a Rust panic ({@link
 *       dev.wasmbridge.runtime.RustPanicException}), a Rust {@code Err} ({@link
 *       dev.wasmbridge.runtime.RustErrorException}), an abort ({@link
 *       dev.wasmbridge.runtime.WasmAbortException}) and what follows it, a module that cannot be loaded;
 *   <li>{@link dev.wasmbridge.runtime.AbortHandler}, {@link dev.wasmbridge.runtime.AbortEvent} and {@link
 *       dev.wasmbridge.runtime.AbortReason}: hearing of aborts;
 *   <li>{@link dev.wasmbridge.runtime.ModuleSource}: another build of a module to run with the same
 *       bindings; {@link dev.wasmbridge.runtime.Engine}: which engine runs the code;
 *   <li>{@link dev.wasmbridge.runtime.WasmOptions}: how the bindings build each instance, with {@link
 *       dev.wasmbridge.runtime.Wasi}: what a module built for {@code wasm32-wasip1} sees of the machine
 *       (clocks, randomness, output, granted directories, environment, arguments); {@link
 *       dev.wasmbridge.runtime.ModuleExitException}: such a module called {@code proc_exit}.
 * </ul>
 *
 * <p>Generated bindings also call {@code dev.wasmbridge.runtime.internal}, which is not part of the API:
 * it may change in any release, and hand-written code should not use it.
 */
package dev.wasmbridge.runtime;
