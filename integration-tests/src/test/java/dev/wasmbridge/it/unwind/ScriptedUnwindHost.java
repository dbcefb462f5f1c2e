package dev.wasmbridge.it.unwind;

import java.util.function.LongSupplier;

/** Implements the unwind fixture's import with what the test sets. */
class ScriptedUnwindHost implements UnwindHost {
    /** What {@link #hostAmount()} does; by default returns 10. */
    LongSupplier amount = () -> 10;

    @Override
    public long hostAmount() {
        return amount.getAsLong();
    }
}
