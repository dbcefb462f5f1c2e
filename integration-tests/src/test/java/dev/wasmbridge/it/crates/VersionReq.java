package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Debian's {@code semver::VersionReq}, declared in Rust as {@code impl semver::VersionReq as VersionReq}. */
@WasmClass
public interface VersionReq extends WasmObject {
    /** {@code fn matches(&self, version: &Version) -> bool}: an object of another foreign class. */
    @WasmExport
    boolean matches(Version version);

    @WasmExport
    @Unsigned
    int comparatorCount();

    @WasmExport
    String text();
}
