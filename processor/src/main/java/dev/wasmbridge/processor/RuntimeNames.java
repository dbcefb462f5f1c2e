package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every class of the runtime ({@code wasmbridge-runtime}) that generated code names or the processor
 * checks for, in one place: a runtime class that moves or is renamed changes here only. The processor does
 * not depend on the runtime, so these are names, not class literals; a test compiles generated code
 * against the runtime, which catches a stale name.
 */
final class RuntimeNames {
    /** The runtime's package of user-facing types. */
    static final String PACKAGE = "dev.wasmbridge.runtime";

    // User-facing: hand-written code sees these too.

    /** What a {@code @WasmModule} interface may extend for {@code resetState()}, {@code setOnAbort()}, .... */
    static final ClassName WASM_BINDINGS = ClassName.get(PACKAGE, "WasmBindings");
    /** What a {@code @WasmClass} interface extends. */
    static final ClassName WASM_OBJECT = ClassName.get(PACKAGE, "WasmObject");
    /** Where the module comes from; users pass one to {@code create(ModuleSource)}. */
    static final ClassName MODULE_SOURCE = ClassName.get(PACKAGE, "ModuleSource");
    /** What the factories throw when the module cannot be loaded. */
    static final ClassName MODULE_LOAD_EXCEPTION = ClassName.get(PACKAGE, "ModuleLoadException");
    /** What a Rust {@code Err(e)} becomes, unless the method declares an exception of its own. */
    static final ClassName RUST_ERROR_EXCEPTION = ClassName.get(PACKAGE, "RustErrorException");
    /** The root of the runtime's exceptions. */
    static final ClassName WASM_BRIDGE_EXCEPTION = ClassName.get(PACKAGE, "WasmBridgeException");

    // For generated code only.

    static final ClassName CALL_BOUNDARY = ClassName.get(PACKAGE, "CallBoundary");
    static final ClassName BOUNDARY_POOL = ClassName.get(PACKAGE, "BoundaryPool");
    static final ClassName INSTANCES = ClassName.get(PACKAGE, "Instances");
    static final ClassName GENERATED_BINDINGS = ClassName.get(PACKAGE, "GeneratedBindings");
    static final ClassName EXPORT_BINDING = ClassName.get(PACKAGE, "ExportBinding");
    static final ClassName IMPORT_BINDING = ClassName.get(PACKAGE, "ImportBinding");
    static final ClassName WASM_SIGNATURE = ClassName.get(PACKAGE, "WasmSignature");
    static final ClassName WASM_VALUE_TYPE = ClassName.get(PACKAGE, "WasmValueType");
    static final ClassName RUST_OBJECT = ClassName.get(PACKAGE, "RustObject");
    static final ClassName CODEC = ClassName.get(PACKAGE, "Codec");
    static final ClassName CODECS = ClassName.get(PACKAGE, "Codecs");
    static final ClassName VALUE_READER = ClassName.get(PACKAGE, "ValueReader");
    static final ClassName VALUE_WRITER = ClassName.get(PACKAGE, "ValueWriter");

    private RuntimeNames() {}
}
