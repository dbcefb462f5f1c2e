package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmEnum;
import java.util.Optional;

/**
 * Rust's enum with data {@code Bound}: a {@code semver::Comparator}, one record per {@code semver::Op};
 * {@link Any} is the requirement {@code *}, which has no comparator.
 */
@WasmEnum
public sealed interface Bound {
    /** {@code =1.2.3}. */
    record Exact(VersionParts version) implements Bound {}

    /** {@code >1.2.3}. */
    record Greater(VersionParts version) implements Bound {}

    /** {@code >=1.2.3}. */
    record GreaterEq(VersionParts version) implements Bound {}

    /** {@code <1.2.3}. */
    record Less(VersionParts version) implements Bound {}

    /** {@code <=1.2.3}. */
    record LessEq(VersionParts version) implements Bound {}

    /** {@code ~1.2.3}. */
    record Tilde(VersionParts version) implements Bound {}

    /** {@code ^1.2.3}, and a version without an operator. */
    record Caret(VersionParts version) implements Bound {}

    /** {@code 1.*} or {@code 1.2.*}. */
    record Wildcard(@Unsigned long major, Optional<@Unsigned Long> minor) implements Bound {}

    /** {@code *}: a unit variant. */
    record Any() implements Bound {}
}
