package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmImport;
import java.util.List;
import java.util.OptionalInt;

/** The imports of the crates fixture: {@code usize} and {@code isize} in the import direction. */
public interface CratesHost {
    /** {@code fn pick(count: usize) -> usize}. */
    @WasmImport(module = "host")
    @Unsigned
    int pick(@Unsigned int count);

    /** {@code fn shift(by: isize, values: Vec<usize>) -> Option<isize>}. */
    @WasmImport(module = "host")
    OptionalInt shift(int by, List<@Unsigned Integer> values);
}
