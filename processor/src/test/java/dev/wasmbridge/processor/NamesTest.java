package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource({
        "add, add",
        "greetUser, greet_user",
        "parseURL, parse_url",
        "URLParser, url_parser",
        "getHTTPResponseCode, get_http_response_code",
        "toUtf8, to_utf8",
        "toUtf8Bytes, to_utf8_bytes",
        "sha256Hex, sha256_hex",
        "already_snake, already_snake",
        "x, x",
        "X, x",
    })
    void snakeCase(String java, String rust) {
        assertEquals(rust, Names.snakeCase(java));
    }

    @org.junit.jupiter.api.Test
    void abiConstantsAgreeWithTheRuntime() {
        assertEquals(dev.wasmbridge.runtime.internal.Abi.VERSION, AbiVersion.VERSION);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.RESERVED_PREFIX, AbiVersion.RESERVED_PREFIX);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.VERSION_SECTION, WasmModuleInfo.ABI_SECTION);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.MALLOC, WasmModuleInfo.MALLOC);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.FREE, WasmModuleInfo.FREE);
        assertEquals(dev.wasmbridge.runtime.internal.CallBoundary.SUPPORT_MODULE, SupportImports.MODULE);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.SIGNATURES_SECTION, WasmModuleInfo.SIGNATURES_SECTION);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.DROP_SUFFIX, AbiVersion.DROP_SUFFIX);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.ITER_NEXT, AbiVersion.ITER_NEXT);
        assertEquals(dev.wasmbridge.runtime.internal.Abi.ITER_DROP, AbiVersion.ITER_DROP);
    }

    private static final java.util.List<String> EXPORTS = java.util.List.of(
            "Counter::new",
            "Counter::get",
            "Counter::increment",
            "Counter::drop",
            "Gauge::get",
            "counter_sum",
            "get_all",
            "wasmbridge_malloc");

    @ParameterizedTest
    @CsvSource({
        // a method of a class, asked for as a function of the module: exact, or one typo in a long name
        "get, Counter::get",
        "incremnt, Counter::increment",
        "new, Counter::new",
        // a function of the module or another class's method, asked for as a method
        "Counter::counter_sum, counter_sum",
        "Gauge::increment, Counter::increment",
        // the place asked for has one as close: the plain suggestion applies
        "Gauge::gt, ''",
        "get_al, ''",
        // too far to be a typo in a short name, and never the drop or the ABI's own exports
        "xyz, ''",
        "drop, ''",
        "malloc, ''",
    })
    void elsewhereFindsTheFunctionInAnotherPlace(String name, String expected) {
        assertEquals(
                expected.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(expected),
                Names.elsewhere(name, EXPORTS));
    }

    @org.junit.jupiter.api.Test
    void exportNamesSplitIntoTypeAndMember() {
        assertEquals(java.util.Optional.of("Counter"), Names.typeOf("Counter::new"));
        assertEquals(java.util.Optional.empty(), Names.typeOf("counter_sum"));
        assertEquals("new", Names.member("Counter::new"));
        assertEquals("counter_sum", Names.member("counter_sum"));
    }
}
