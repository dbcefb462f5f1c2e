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
    }
}
