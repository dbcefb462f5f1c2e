package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;
import java.util.List;
import java.util.Optional;

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

    /** {@code fn max_satisfying(&self, versions: Vec<Version>) -> Option<Version>}: takes the versions. */
    @WasmExport
    Optional<Version> maxSatisfying(List<Version> versions);

    /** {@code fn matching(&self, versions: Vec<&Version>) -> Vec<usize>}: borrows the versions. */
    @WasmExport
    List<@Unsigned Integer> matching(List<Version> versions);

    /** {@code fn explain(&self) -> Requirement}: semver's comparators as {@link Bound}s. */
    @WasmExport
    Requirement explain();
}
