package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmRecord;
import java.util.List;
import java.util.Optional;

/**
 * Rust's {@code VersionParts}: the version of a semver comparator, {@code 1}, {@code 1.2}, {@code 1.2.3} or
 * {@code 1.2.3-beta.1} (its pre-release identifiers split at the dots).
 */
@WasmRecord
public record VersionParts(
        @Unsigned long major, Optional<@Unsigned Long> minor, Optional<@Unsigned Long> patch, List<String> pre) {
    /** {@code major} alone. */
    static VersionParts of(long major) {
        return new VersionParts(major, Optional.empty(), Optional.empty(), List.of());
    }

    /** {@code major.minor}. */
    static VersionParts of(long major, long minor) {
        return new VersionParts(major, Optional.of(minor), Optional.empty(), List.of());
    }

    /** {@code major.minor.patch-pre}. */
    static VersionParts of(long major, long minor, long patch, String... pre) {
        return new VersionParts(major, Optional.of(minor), Optional.of(patch), List.of(pre));
    }
}
