package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Names from the name section of the committed big_module.exnref.wasm, as rustc 1.96 mangles them (v0). */
class RustNamesTest {
    @Test
    void nestedPaths() {
        assertEquals(
                "wasmbridge::host::imports::host_panic",
                RustNames.demangle("_RNvNtNtCscLGyNUgjsM2_10wasmbridge4host7imports10host_panic"));
    }

    @Test
    void genericArgumentsAndTheInstantiatingCrateAreLeftOut() {
        assertEquals(
                "big_module::parse_field", RustNames.demangle("_RINvCs3N23Cg27TxQ_10big_module11parse_fieldaEB2_"));
    }

    @Test
    void inherentImpl() {
        assertEquals(
                "<str>::parse",
                RustNames.demangle("_RINvMNtCs4icQbwIuh3_4core3stre5parsenECs3N23Cg27TxQ_10big_module"));
    }

    @Test
    void traitImplWithBackReferences() {
        assertEquals(
                "<[u8] as alloc::borrow::ToOwned>::to_owned",
                RustNames.demangle("_RNvXs7_NtCsaYtoEx9mlno_5alloc5sliceShNtNtB7_6borrow7ToOwned8to_ownedB7_"));
        assertEquals(
                "<f64 as core::str::traits::FromStr>::from_str",
                RustNames.demangle(
                        "_RNvXs2_NtNtCs4icQbwIuh3_4core3num11float_parsedNtNtNtB9_3str6traits7FromStr8from_str"));
    }

    @Test
    void closures() {
        assertEquals("my_crate::main::{closure}", RustNames.demangle("_RNCNvCs1234_8my_crate4main0B5_"));
    }

    @Test
    void legacyScheme() {
        assertEquals("core::fmt::write", RustNames.demangle("_ZN4core3fmt5write17h0123456789abcdefE"));
        assertEquals(
                "<T as core::fmt::Debug>::fmt",
                RustNames.demangle("_ZN38_$LT$T$u20$as$u20$core..fmt..Debug$GT$3fmt17h0123456789abcdefE"));
    }

    @Test
    void otherNamesComeBackAsTheyAre() {
        assertEquals("memcpy", RustNames.demangle("memcpy"));
        assertEquals("_RNvC", RustNames.demangle("_RNvC")); // cut short
        assertEquals("_RB_", RustNames.demangle("_RB_")); // a back reference to itself
    }
}
