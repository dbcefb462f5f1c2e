package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;
import java.util.Optional;

/** Debian's {@code semver::Version}, declared in Rust as {@code impl semver::Version as Version}. */
@WasmClass
public interface Version extends WasmObject {
    @WasmExport
    @Unsigned
    long major();

    @WasmExport
    @Unsigned
    long minor();

    @WasmExport
    @Unsigned
    long patch();

    /** {@code fn pre(&self) -> &str}: borrowed from the object, copied out. */
    @WasmExport
    String pre();

    @WasmExport
    String text();

    /** {@code fn compare(&self, other: &Self) -> isize}: -1, 0 or 1. */
    @WasmExport
    int compare(Version other);

    /** {@code fn newer(&self, other: &Self) -> Option<Self>}: a copy of {@code other} if it is newer. */
    @WasmExport
    Optional<Version> newer(Version other);

    @WasmExport
    @Unsigned
    long bumpPatch();

    /** {@code fn max(self, other: Self) -> Self}: takes both objects. */
    @WasmExport
    Version max(Version other);
}
