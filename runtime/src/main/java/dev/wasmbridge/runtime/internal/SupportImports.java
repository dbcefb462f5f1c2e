package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/** The imports of module {@code wasmbridge} that the Rust support crate calls (docs/ABI.md, "Panics and aborts"). */
final class SupportImports {
    /** {@code panic(message: slice)}: a panic ended the call, or is about to abort the instance. */
    static final String PANIC = "panic";
    static final FunctionType PANIC_TYPE = FunctionType.of(List.of(ValType.I64), List.of());

    /** {@code import_failed() -> i32}: did the import just called throw? */
    static final String IMPORT_FAILED = "import_failed";
    static final FunctionType IMPORT_FAILED_TYPE = FunctionType.of(List.of(), List.of(ValType.I32));

    /** {@code java_exception_unwound()}: Rust unwound because of the import's exception. */
    static final String UNWOUND = "java_exception_unwound";
    static final FunctionType UNWOUND_TYPE = FunctionType.of(List.of(), List.of());

    /** {@code error(type_name: slice, message: slice)}: the export returned {@code Err(e)}; both slices lent. */
    static final String ERROR = "error";
    static final FunctionType ERROR_TYPE = FunctionType.of(List.of(ValType.I64, ValType.I64), List.of());

    /** {@code callback(id, args: slice) -> slice}: Rust calls a Java callback object (docs/ABI.md, "Callbacks"). */
    static final String CALLBACK = "callback";
    static final FunctionType CALLBACK_TYPE = FunctionType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64));

    private SupportImports() {}

    /** Whether Rust asks after each import call if it threw, i.e. can unwind on a Java exception. */
    static boolean importsImportFailed(WasmModule module) {
        return module.importSection().stream()
                .anyMatch(i -> i.importType() == ExternalType.FUNCTION
                        && i.module().equals(CallBoundary.SUPPORT_MODULE)
                        && i.name().equals(IMPORT_FAILED));
    }
}
