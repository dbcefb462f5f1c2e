package dev.wasmbridge.it.limits;

import java.util.function.LongUnaryOperator;

/** The imports of the limits fixture: {@code host_nest} calls Rust back; {@code host_check} runs a script. */
final class NestingHost implements LimitsHost {
    volatile LimitsFixture rust;

    /** What {@code host_check} does; by default it returns its argument. */
    volatile LongUnaryOperator check = value -> value;

    @Override
    public int hostNest(int depth) {
        return rust.nest(depth);
    }

    @Override
    public long hostCheck(long value) {
        return check.applyAsLong(value);
    }
}
