package dev.wasmbridge.processor;

import static dev.wasmbridge.processor.Severity.ERROR;
import static dev.wasmbridge.processor.Severity.WARNING;

import java.util.Locale;

/**
 * Every diagnostic the processor reports, in one place so the wording stays consistent and each has a
 * test. Each message carries a stable tag ({@code [WB101]}) a user can search for and its {@link Severity},
 * and says what is wrong and what to do about it. docs/DIAGNOSTICS.md is generated from this catalogue
 * ({@code DiagnosticsDocTest} keeps it current).
 */
enum Message {
    MODULE_NOT_INTERFACE(101, ERROR, "@WasmModule goes on an interface, but %s is a %s. Declare it as an interface."),
    MODULE_GENERIC(
            102,
            ERROR,
            "@WasmModule interface %s has type parameters; Wasm exports are not generic." + " Remove them."),
    MODULE_PRIVATE(
            103,
            ERROR,
            "@WasmModule interface %s is private; the generated %s in the same package must see it."
                    + " Make it package-private or public."),
    MODULE_NOT_FOUND(
            104,
            ERROR,
            "Wasm module '%s' was not found. Looked in: %s. Put the file under"
                    + " src/main/resources/%s (or src/test/resources for test code), or pass"
                    + " -Awasmbridge.path=<folder> to javac."),
    MODULE_UNREADABLE(105, ERROR, "Wasm module '%s' could not be read from %s: %s"),
    MODULE_INVALID(106, ERROR, "'%s' is not a valid Wasm module: %s. Rebuild it from its Rust crate."),
    ABI_VERSION_MISMATCH(
            107,
            ERROR,
            "Wasm module '%s' was built for Wasmbridge ABI version %s, but this processor"
                    + " implements version %s (docs/ABI.md). Build the crate with the wasmbridge support crate of the"
                    + " same release as the Java dependencies."),

    METHOD_NOT_ANNOTATED(
            201,
            ERROR,
            "%s is abstract but has no @WasmExport, so the bindings cannot implement it."
                    + " Add @WasmExport (or @WasmExport(name = \"...\")), or give it a default body."),
    METHOD_GENERIC(202, ERROR, "%s has type parameters; a Wasm export has fixed types. Remove them."),
    UNSUPPORTED_PARAMETER(
            203, ERROR, "Parameter '%s' of %s has type %s, which Wasmbridge cannot pass to Rust." + " Supported: %s."),
    UNSUPPORTED_RESULT(204, ERROR, "%s returns %s, which Wasmbridge cannot take from Rust. Supported: %s, void."),
    EXPORT_NOT_FOUND(
            205,
            ERROR,
            "%s calls the Rust export '%s', but Wasm module '%s' has no function export of"
                    + " that name.%s Add the function to the Rust crate's wasmbridge::export! block, or name the"
                    + " export with @WasmExport(name = \"...\")."),
    EXPORT_SIGNATURE_MISMATCH(
            206,
            ERROR,
            "%s does not match the Rust export '%s' in '%s': the export has Wasm"
                    + " signature %s, but the Java method lowers to %s (%s). Change the Java signature to match the"
                    + " Rust function."),
    DUPLICATE_EXPORT(
            207,
            ERROR,
            "%s and %s both call the Rust export '%s'. Give one of them"
                    + " @WasmExport(name = \"...\") naming another export."),
    RESERVED_NAME(
            208,
            ERROR,
            "'%s' starts with '" + "wasmbridge_" + "', which is reserved for the Wasmbridge ABI."
                    + " Rename the Rust function."),
    MISSING_ALLOCATOR(
            209,
            ERROR,
            "%s passes strings or bytes, so Wasm module '%s' must export %s and %s with the"
                    + " signatures of docs/ABI.md, but %s. Add the wasmbridge support crate to the Rust crate."),
    MISSING_MEMORY(210, ERROR, "%s passes strings or bytes, but Wasm module '%s' has no linear memory."),
    EMPTY_NAME(211, ERROR, "%s has an empty name in %s; leave the attribute out to use the default."),
    TYPE_MISMATCH(
            212,
            ERROR,
            "%s is %s in Java, but %s in Rust (`%s`); a Rust %s is %s in Java. Change the Java"
                    + " type, or the Rust one."),
    ARITY_MISMATCH(
            213,
            ERROR,
            "%s has %d parameter(s), but the Rust function `%s` has %d. Declare the same parameters"
                    + " as the Rust function."),
    NEEDS_SIGNATURES(
            214,
            ERROR,
            "%s uses %s, which needs the Rust types recorded in the wasmbridge.signatures section,"
                    + " but Wasm module '%s' %s. Declare the Rust function with the wasmbridge support crate's macros"
                    + " (export!, class!), or use only int, long, float, double, boolean, String and byte[]."),
    ERROR_CONSTRUCTOR(
            215,
            ERROR,
            "%s declares %s, which Wasmbridge throws for a Rust Err(e), but %s has no public"
                    + " constructor taking (String) or (String, Throwable). Add one, or remove it from the throws clause"
                    + " to get RustErrorException."),
    NOT_A_METHOD(
            216,
            ERROR,
            "%s calls the Rust function '%s', which has no self parameter: it is an associated"
                    + " function. Declare it on the @WasmModule interface, as `@WasmExport(name = \"%s\") %s`."),
    EXPORT_IS_CLASS_METHOD(
            217,
            ERROR,
            "%s calls the Rust export '%s', which Wasm module '%s' does not have. Did you mean '%s', a method of"
                    + " the Rust class %s? Declare it on the @WasmClass interface for %s instead, without a parameter"
                    + " for self: `%s`."),
    EXPORT_IS_FUNCTION(
            218,
            ERROR,
            "%s calls the Rust export '%s', which Wasm module '%s' does not have. Did you mean '%s'? It has no"
                    + " self parameter, so it is not a method of %s: declare it on the @WasmModule interface instead,"
                    + " as `%s`."),
    ITERATOR_NOT_A_RESULT(
            219,
            ERROR,
            "%s is %s, but an Iterator, Stream or WasmIterator can only be the result of a @WasmExport method (a"
                    + " Rust wasmbridge::Iter<T> result), from which Java pulls the items. Pass a List instead."),
    ITERATOR_ITEM_MISMATCH(
            220,
            ERROR,
            "The items of %s are %s in Java, but %s in Rust (`%s`); a Rust %s item is %s in Java. Declare %s, or"
                    + " change the Rust item type."),
    ITERATOR_EXPORTS_MISSING(
            221,
            ERROR,
            "%s returns a Rust iterator, but in Wasm module '%s' %s. Build the crate with the wasmbridge support"
                    + " crate of the same release as the Java dependencies: it exports both (docs/ABI.md,"
                    + " \"Iterators\")."),
    FUTURE_NOT_A_RESULT(
            222,
            ERROR,
            "%s is %s, but a CompletableFuture can only be the result of a @WasmExport method (a Rust async fn) or"
                    + " of a @WasmImport method (a wasmbridge::JavaFuture<T> Rust awaits). Pass the value instead, once"
                    + " it is there."),
    FUTURE_VALUE_MISMATCH(
            223,
            ERROR,
            "%s completes with %s in Java, but Rust's future has %s (`%s`); a Rust %s is %s in Java. Declare %s,"
                    + " or change the Rust type."),

    IMPORTS_NOT_INTERFACE(
            301,
            ERROR,
            "%s is listed in @WasmModule(imports = ...) but is not an interface. List"
                    + " interfaces whose @WasmImport methods implement the module's imports."),
    IMPORTS_LISTED_TWICE(302, ERROR, "%s is listed twice in @WasmModule(imports = ...). List it once."),
    IMPORT_NOT_ANNOTATED(
            303,
            ERROR,
            "%s is abstract but has no @WasmImport, so Wasm cannot call it. Add"
                    + " @WasmImport, or give it a default body."),
    IMPORT_NOT_NEEDED(
            304,
            WARNING,
            "%s provides %s, but Wasm module '%s' does not import it.%s Check the module"
                    + " and field names against the Rust crate's wasmbridge::import! block."),
    IMPORT_SIGNATURE_MISMATCH(
            305,
            ERROR,
            "%s does not match the import %s of '%s': the module imports it with"
                    + " Wasm signature %s, but the Java method lowers to %s (%s). Change the Java signature to match"
                    + " the Rust declaration."),
    IMPORT_MISSING(
            306,
            ERROR,
            "Wasm module '%s' imports %s with Wasm signature %s, but no @WasmImport method"
                    + " provides it. Add a method such as `@WasmImport(module = \"%s\", name = \"%s\") %s` to an"
                    + " interface listed in @WasmModule(imports = ...)."),
    IMPORT_UNSUPPORTED_KIND(
            307,
            ERROR,
            "Wasm module '%s' imports %s %s; Wasmbridge provides only function"
                    + " imports. Remove the import from the Rust crate (or its linker flags)."),
    DUPLICATE_IMPORT(308, ERROR, "%s and %s both provide the import %s. Keep one."),
    SUPPORT_IMPORT_UNKNOWN(
            309,
            ERROR,
            "Wasm module '%s' imports %s with Wasm signature %s, which is not part of"
                    + " Wasmbridge ABI version " + AbiVersion.VERSION + ". Build the crate with the wasmbridge support"
                    + " crate of the same release as the Java dependencies; the 'wasmbridge' import module is"
                    + " reserved."),
    WASI_IMPORT_UNKNOWN(
            310,
            ERROR,
            "Wasm module '%s' imports %s with Wasm signature %s, which is not a function of WASI preview 1%s. The"
                    + " runtime provides WASI preview 1 alone (rustc's target wasm32-wasip1): build the crate for"
                    + " that target, or remove what imports it."),
    WASI_IMPORT_DECLARED(
            311,
            ERROR,
            "%s declares an import of module '" + WasiImports.MODULE + "', which the runtime provides itself"
                    + " (WASI preview 1, for modules built for wasm32-wasip1). Remove the method; set what the"
                    + " module sees with WasmOptions.withWasi when creating the bindings."),

    CLASS_NOT_OBJECT(
            501,
            ERROR,
            "@WasmClass %s must be an interface that extends "
                    + RuntimeNames.WASM_OBJECT.canonicalName()
                    + " (which gives it close())."),
    CLASS_NOT_IN_MODULE(
            502,
            ERROR,
            "@WasmClass %s stands for the Rust type '%s', but Wasm module '%s' declares no"
                    + " class of that name.%s Declare it with wasmbridge::class!, or give the Rust name in"
                    + " @WasmClass(\"...\")."),
    ENUM_NOT_IN_MODULE(
            503,
            ERROR,
            "@WasmEnum %s stands for the Rust enum '%s', but Wasm module '%s' declares no enum"
                    + " of that name.%s Declare it with %s, or give the Rust name in @WasmEnum(\"...\")."),
    ENUM_CONSTANT_MISSING(
            504,
            ERROR,
            "%s.%s has no variant in the Rust enum %s (variants: %s). Remove the constant,"
                    + " or add the variant in Rust."),
    ENUM_VARIANT_MISSING(
            505,
            ERROR,
            "The Rust enum %s has the variant %s = %d, but %s has no constant for it. Add the" + " constant %s."),
    RECORD_NOT_IN_MODULE(
            506,
            ERROR,
            "@WasmRecord %s stands for the Rust struct '%s', but Wasm module '%s' declares no"
                    + " record of that name.%s Declare it with wasmbridge::record!, or give the Rust name in"
                    + " @WasmRecord(\"...\")."),
    RECORD_COMPONENT_MISSING(
            507,
            ERROR,
            "Component '%s' of %s has no field '%s' in the Rust record %s (fields: %s)."
                    + " Remove the component, or add the field in Rust."),
    RECORD_FIELD_MISSING(
            508,
            ERROR,
            "The Rust record %s has the field '%s: %s', but %s has no component '%s'. Add" + " the component `%s %s`."),
    RECORD_COMPONENT_MISMATCH(
            509, ERROR, "Component '%s' of %s is %s in Java, but the Rust field '%s' is %s, which is" + " %s in Java."),
    WRONG_KIND(510, ERROR, "%s is %s, but @%s goes on %s."),
    UNSIGNED_MISPLACED(
            511,
            ERROR,
            "@Unsigned is on %s, which is %s; it applies to byte, short, int and long and their" + " boxes only."),
    CALLBACK_NOT_FUNCTIONAL(
            513, ERROR, "@WasmCallback %s must be an interface with exactly one abstract method, but it" + " has %d."),
    CALLBACK_UNSUPPORTED(
            514,
            ERROR,
            "%s of the callback %s is %s, which cannot cross in the value encoding. Use"
                    + " primitives and their boxes, String, byte[], Optional, List, @WasmRecord records or @WasmEnum"
                    + " enums."),
    INTERFACE_NOT_IN_MODULE(
            550,
            ERROR,
            "@WasmInterface %s stands for the Rust type '%s', but Wasm module '%s' declares no Java interface of"
                    + " that name.%s Declare it with wasmbridge::java_interface!, or give the Rust name in"
                    + " @WasmInterface(\"...\")."),
    INTERFACE_METHODS_MISMATCH(
            551,
            ERROR,
            "@WasmInterface %s declares the methods (%s), but the Rust java_interface! %s declares %s. Rust calls"
                    + " them by position: declare the methods (%s), in this order."),
    INTERFACE_UNSUPPORTED(
            552,
            ERROR,
            "%s of %s is %s, which cannot cross in the value encoding. Use primitives and their boxes, String,"
                    + " byte[], Optional, List, @WasmRecord records or @WasmEnum enums."),
    INTERFACE_METHOD_MISMATCH(
            553, ERROR, "%s of %s is %s in Java, but the Rust method is '%s', where it is %s. Use %s in Java."),
    DATA_ENUM_NOT_SEALED(
            530,
            ERROR,
            "@WasmEnum %s is an interface, but not a sealed one. On an interface, @WasmEnum stands for a Rust"
                    + " enum with data (wasmbridge::data_enum!), whose variants are the records the interface"
                    + " permits: declare it `sealed interface %s permits ...`, with one record per variant."),
    VARIANT_NOT_RECORD(
            531,
            ERROR,
            "%s is permitted by the @WasmEnum interface %s, but is %s; each variant of a Rust enum with data"
                    + " is a record. Declare it as `record %s(...) implements %s`."),
    DATA_ENUM_FOR_UNIT_ENUM(
            532,
            ERROR,
            "@WasmEnum %s is a sealed interface, but the Rust enum %s is declared with"
                    + " wasmbridge::enumeration! (`%s`): its values cross as an i32 discriminant, which a Java"
                    + " enum stands for. Declare %s as a Java enum with the constants %s, or declare the Rust enum"
                    + " with wasmbridge::data_enum!."),
    UNIT_ENUM_FOR_DATA_ENUM(
            533,
            ERROR,
            "@WasmEnum %s is a Java enum, but the Rust enum %s is declared with wasmbridge::data_enum!"
                    + " (`%s`): its values cross with their fields, as records. Declare %s as a sealed interface"
                    + " that permits one record per variant: %s."),
    VARIANT_RECORD_EXTRA(
            534,
            ERROR,
            "Record %s, permitted by %s, has no variant in the Rust enum %s (variants: %s). Remove it from"
                    + " the permitted records, or add the variant in Rust."),
    VARIANT_RECORD_MISSING(
            535,
            ERROR,
            "The Rust enum %s has the variant `%s`, but %s permits no record for it. Add `%s` to the"
                    + " permitted records."),
    VARIANT_COMPONENT_MISSING(
            536,
            ERROR,
            "Component '%s' of %s has no field '%s' in the Rust variant %s (fields: %s). Remove the"
                    + " component, or add the field in Rust."),
    VARIANT_FIELD_MISSING(
            537,
            ERROR,
            "The Rust variant %s has the field '%s: %s', but %s has no component '%s'. Add the component"
                    + " `%s %s`."),
    VARIANT_COMPONENT_MISMATCH(
            538,
            ERROR,
            "Component '%s' of %s is %s in Java, but field %s of the Rust variant %s is %s, which is %s in" + " Java."),
    VARIANT_ARITY_MISMATCH(
            539,
            ERROR,
            "%s has %d component(s), but the Rust tuple variant %s has %d field(s), which match components by"
                    + " position. Declare one component per field, in order: `%s`."),

    COMPILE_FAILED(
            401,
            WARNING,
            "Wasm module '%s' could not be compiled to JVM bytecode at build time (%s); the"
                    + " bindings will compile it when first used instead. Pass -Awasmbridge.compile=false to skip the attempt."),
    HUGE_METHODS(
            402,
            WARNING,
            "Wasm module '%s' compiles to %s over HotSpot's JIT limit (8,000 bytes of"
                    + " bytecode): %s. HotSpot leaves them to its interpreter, 10 to 100 times slower, unless the JVM runs"
                    + " with -XX:-DontCompileHugeMethods. Add that flag to the JVM that runs the bindings (tests, exec,"
                    + " your application), or make the Rust functions smaller (a lower inline threshold, opt-level = \"s\")."),
    ;

    /**
     * What ends a message about an element that several {@code @WasmModule} interfaces check, such as a
     * method of a base interface that one sub-interface per build flavour extends: the message is reported
     * once, and says for which of them ({@link Diagnostics#flush}).
     */
    enum Shared {
        /** Every interface that checks the element has the problem. */
        EVERY_MODULE(" (For every @WasmModule interface that uses it: %s.)"),
        /** Only some of them have it: the others agree with the Java declaration. */
        SOME_MODULES(" (For %s only, not for %s, which use it too.)");

        private final String format;

        Shared(String format) {
            this.format = format;
        }

        /** The text with {@code %s} where the interfaces go, for documentation. */
        String template() {
            return format;
        }

        String format(Object... args) {
            return String.format(Locale.ROOT, format, args);
        }
    }

    private final int code;
    private final Severity severity;
    private final String format;

    Message(int code, Severity severity, String format) {
        this.code = code;
        this.severity = severity;
        this.format = format;
    }

    /** Whether the message fails the compile. */
    Severity severity() {
        return severity;
    }

    /** The message text with {@code %s} where the arguments go, for documentation. */
    String template() {
        return format;
    }

    /** The message text with its tag, e.g. {@code [WB205] ...}. */
    String format(Object... args) {
        return "[WB" + code + "] " + String.format(Locale.ROOT, format, args);
    }

    /** The tag alone, e.g. {@code WB205}, for tests and documentation. */
    String tag() {
        return "WB" + code;
    }
}
