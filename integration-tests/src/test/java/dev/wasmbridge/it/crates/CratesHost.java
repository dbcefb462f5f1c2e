package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmImport;
import java.util.List;
import java.util.OptionalInt;

/**
 * The imports of the crates fixture: {@code usize} and {@code isize} in the import direction, and semver versions
 * Rust lends or gives to Java.
 */
public interface CratesHost {
    /** {@code fn pick(count: usize) -> usize}. */
    @WasmImport(module = "host")
    @Unsigned
    int pick(@Unsigned int count);

    /** {@code fn shift(by: isize, values: Vec<usize>) -> Option<isize>}. */
    @WasmImport(module = "host")
    OptionalInt shift(int by, List<@Unsigned Integer> values);

    /** {@code fn consider(version: &Version) -> bool}: lent for the call. */
    @WasmImport(module = "host")
    boolean consider(Version version);

    /** {@code fn adopt(version: Version)}: given, Java owns it. */
    @WasmImport(module = "host")
    void adopt(Version version);
}
