package dev.wasmbridge.it.crates;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Implements the crates fixture's imports with checkable arithmetic, and records what it got. */
class RecordingCratesHost implements CratesHost {
    final List<Object> received = new ArrayList<>();

    /** Twice {@code count}, with {@code usize}'s 32-bit wrap-around. */
    @Override
    public int pick(int count) {
        received.add(Integer.toUnsignedLong(count));
        return count * 2;
    }

    /** {@code by} plus the sum of {@code values}; none for an empty list. */
    @Override
    public OptionalInt shift(int by, List<Integer> values) {
        received.add(by);
        received.add(List.copyOf(values));
        return values.isEmpty()
                ? OptionalInt.empty()
                : OptionalInt.of(by + values.stream().mapToInt(v -> v).sum());
    }
}
