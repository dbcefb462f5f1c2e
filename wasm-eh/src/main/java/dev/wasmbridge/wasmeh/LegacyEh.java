package dev.wasmbridge.wasmeh;

/**
 * Translates WebAssembly modules that use the legacy exception-handling instructions
 * ({@code try}, {@code catch}, {@code catch_all}, {@code delegate}, {@code rethrow}), as emitted
 * by Rust {@code panic=unwind} builds, into the exnref form ({@code try_table},
 * {@code throw_ref}, {@code exnref}) that runtimes such as Chicory execute.
 *
 * <p>The translation preserves semantics exactly: every catch, catch_all, rethrow (at any
 * depth) and delegate (to an enclosing try or to the caller) behaves as before. Only function
 * bodies that use legacy instructions are rewritten; new function types may be appended to the
 * type section (existing type indices are unchanged); all other sections, custom sections
 * included, are copied byte for byte.
 *
 * <pre>{@code
 * byte[] runnable = LegacyEh.translate(Files.readAllBytes(wasmFile));
 * }</pre>
 */
public final class LegacyEh {
    private LegacyEh() {}

    /**
     * Tells whether a module uses a legacy exception-handling instruction in any function.
     *
     * @param module a WebAssembly binary module
     * @return true when {@link #translate(byte[])} would change the module
     * @throws MalformedWasmException if the module is malformed
     */
    public static boolean isLegacy(byte[] module) {
        return WasmModule.parse(module).usesLegacyExceptionHandling();
    }

    /**
     * Translates a module from legacy exception handling to the exnref form.
     *
     * @param module a WebAssembly binary module
     * @return the translated module; the very same array instance when the module uses no legacy
     *     instruction (modules already in exnref form pass through untouched)
     * @throws MalformedWasmException if the module is malformed, or uses the legacy instructions
     *     invalidly (unknown label, rethrow outside a catch, catch without try, ...)
     */
    public static byte[] translate(byte[] module) {
        WasmModule parsed = WasmModule.parse(module);
        if (!parsed.usesLegacyExceptionHandling()) {
            return module;
        }
        return ModuleTranslator.translate(parsed).toBytes();
    }

    /**
     * Translates an already parsed module from legacy exception handling to the exnref form.
     *
     * @param module a parsed module
     * @return the translated module, or {@code module} itself when it uses no legacy instruction
     * @throws MalformedWasmException if the module uses the legacy instructions invalidly
     */
    public static WasmModule translate(WasmModule module) {
        if (!module.usesLegacyExceptionHandling()) {
            return module;
        }
        return ModuleTranslator.translate(module);
    }
}
