package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime type the processor names: what generated code calls, and the user-facing types it checks
 * interfaces against. The runtime has two packages: {@value #API}, the public API users import, and
 * {@value #INTERNAL}, what only generated code calls (left out of the published Javadoc, like
 * {@code dagger.internal}). One place, so a runtime class that moves changes one line here.
 */
final class RuntimeNames {
    /** The runtime's public API package. */
    static final String API = "dev.wasmbridge.runtime";

    /** The runtime's package for generated code. */
    static final String INTERNAL = "dev.wasmbridge.runtime.internal";

    // ---- The public API ----------------------------------------------------------------------------

    static final ClassName MODULE_SOURCE = ClassName.get(API, "ModuleSource");
    static final ClassName WASM_OPTIONS = ClassName.get(API, "WasmOptions");
    static final ClassName MODULE_LOAD_EXCEPTION = ClassName.get(API, "ModuleLoadException");
    static final ClassName WASM_BINDINGS = ClassName.get(API, "WasmBindings");
    static final ClassName WASM_OBJECT = ClassName.get(API, "WasmObject");
    static final ClassName WASM_ITERATOR = ClassName.get(API, "WasmIterator");
    static final ClassName WASM_BRIDGE_EXCEPTION = ClassName.get(API, "WasmBridgeException");
    static final ClassName RUST_ERROR_EXCEPTION = ClassName.get(API, "RustErrorException");

    // ---- For generated code --------------------------------------------------------------------------

    static final ClassName CALL_BOUNDARY = ClassName.get(INTERNAL, "CallBoundary");
    static final ClassName BOUNDARY_POOL = ClassName.get(INTERNAL, "BoundaryPool");
    static final ClassName INSTANCES = ClassName.get(INTERNAL, "Instances");
    static final ClassName CHECKED_MODULE = ClassName.get(INTERNAL, "CheckedModule");
    static final ClassName EXPORT_BINDING = ClassName.get(INTERNAL, "ExportBinding");
    static final ClassName IMPORT_BINDING = ClassName.get(INTERNAL, "ImportBinding");
    static final ClassName WASM_SIGNATURE = ClassName.get(INTERNAL, "WasmSignature");
    static final ClassName WASM_VALUE_TYPE = ClassName.get(INTERNAL, "WasmValueType");
    static final ClassName GENERATED_BINDINGS = ClassName.get(INTERNAL, "GeneratedBindings");
    static final ClassName RUST_OBJECT = ClassName.get(INTERNAL, "RustObject");
    static final ClassName RUST_ITERATOR = ClassName.get(INTERNAL, "RustIterator");
    static final ClassName TASKS = ClassName.get(INTERNAL, "Tasks");
    static final ClassName SLICE_TYPE = ClassName.get(INTERNAL, "SliceType");
    static final ClassName CODEC = ClassName.get(INTERNAL, "Codec");
    static final ClassName CODECS = ClassName.get(INTERNAL, "Codecs");
    static final ClassName VALUE_READER = ClassName.get(INTERNAL, "ValueReader");
    static final ClassName VALUE_WRITER = ClassName.get(INTERNAL, "ValueWriter");

    private RuntimeNames() {}
}
