package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;

/** The imports of module {@code wasmbridge} that the Rust support crate calls (docs/ABI.md, "Panics and aborts"). */
final class SupportImports {
    /** {@code panic(message: slice)}: a panic ended the call, or is about to abort the instance. */
    static final String PANIC = "panic";

    static final WasmSignature PANIC_TYPE = WasmSignature.of(WasmValueType.I64);

    /** {@code import_failed() -> i32}: did the import just called throw? */
    static final String IMPORT_FAILED = "import_failed";

    static final WasmSignature IMPORT_FAILED_TYPE = WasmSignature.of().returning(WasmValueType.I32);

    /** {@code java_exception_unwound()}: Rust unwound because of the import's exception. */
    static final String UNWOUND = "java_exception_unwound";

    static final WasmSignature UNWOUND_TYPE = WasmSignature.of();

    /** {@code error(type_name: slice, message: slice)}: the export returned {@code Err(e)}; both slices lent. */
    static final String ERROR = "error";

    static final WasmSignature ERROR_TYPE = WasmSignature.of(WasmValueType.I64, WasmValueType.I64);

    /** {@code callback(id, args: slice) -> slice}: Rust calls a Java callback object (docs/ABI.md, "Callbacks"). */
    static final String CALLBACK = "callback";

    static final WasmSignature CALLBACK_TYPE =
            WasmSignature.of(WasmValueType.I32, WasmValueType.I64).returning(WasmValueType.I64);

    /** {@code poisoned(handle)}: the call that is unwinding held this Rust object; it is poisoned. */
    static final String POISONED = "poisoned";

    static final WasmSignature POISONED_TYPE = WasmSignature.of(WasmValueType.I32);

    /** {@code out_of_memory(size)}: an allocation of {@code size} bytes failed; Rust aborts next. */
    static final String OUT_OF_MEMORY = "out_of_memory";

    static final WasmSignature OUT_OF_MEMORY_TYPE = WasmSignature.of(WasmValueType.I32);

    /** {@code release(handle)}: Rust dropped its reference to a held Java object (docs/ABI.md, "Held Java objects"). */
    static final String RELEASE = "release";

    static final WasmSignature RELEASE_TYPE = WasmSignature.of(WasmValueType.I32);

    /** {@code call_object(handle, method, args: slice) -> slice}: Rust calls a method of a held Java object. */
    static final String CALL_OBJECT = "call_object";

    static final WasmSignature CALL_OBJECT_TYPE = WasmSignature.of(
                    WasmValueType.I32, WasmValueType.I32, WasmValueType.I64)
            .returning(WasmValueType.I64);

    /** {@code task_done(task: i64, java_threw: i32)}: an async task finished (docs/ABI.md, "Async"). */
    static final String TASK_DONE = "task_done";

    static final WasmSignature TASK_DONE_TYPE = WasmSignature.of(WasmValueType.I64, WasmValueType.I32);

    /** {@code future_dropped(id: i64)}: Rust dropped a Java future it awaited (docs/ABI.md, "Async"). */
    static final String FUTURE_DROPPED = "future_dropped";

    static final WasmSignature FUTURE_DROPPED_TYPE = WasmSignature.of(WasmValueType.I64);

    private SupportImports() {}

    /** Whether Rust asks after each import call if it threw, i.e. can unwind on a Java exception. */
    static boolean importsImportFailed(WasmModule module) {
        return module.importSection().stream()
                .anyMatch(i -> i.importType() == ExternalType.FUNCTION
                        && i.module().equals(CallBoundary.SUPPORT_MODULE)
                        && i.name().equals(IMPORT_FAILED));
    }
}
