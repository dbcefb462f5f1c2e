package dev.wasmbridge.it.crates;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/** Implements the crates fixture's imports with checkable arithmetic, and records what it got. */
class RecordingCratesHost implements CratesHost {
    final List<Object> received = new ArrayList<>();

    /** The versions Rust lent to {@link #consider}, kept beyond the call (which they must not be used after). */
    final List<Version> considered = new ArrayList<>();

    /** What each version lent to {@link #consider} said its text was, during the call. */
    final List<String> consideredTexts = new ArrayList<>();

    /** The versions Rust gave to {@link #adopt}: Java's own. */
    final List<Version> adopted = new ArrayList<>();

    /** Which versions {@link #consider} accepts; by default all. */
    Predicate<Version> accept = version -> true;

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

    @Override
    public boolean consider(Version version) {
        considered.add(version);
        consideredTexts.add(version.text());
        return accept.test(version);
    }

    @Override
    public void adopt(Version version) {
        adopted.add(version);
    }
}
