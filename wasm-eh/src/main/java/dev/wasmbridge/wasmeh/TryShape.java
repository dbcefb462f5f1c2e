package dev.wasmbridge.wasmeh;

import java.util.List;

/**
 * The shape of one legacy {@code try}: the tags of its catch clauses in order ({@code -1} for
 * {@code catch_all}) and, for a {@code try ... delegate}, the delegate's label depth.
 *
 * @param catchTags the tag of each catch clause, -1 for catch_all; empty for delegate or a
 *     catch-less try
 * @param delegateDepth the label depth of the delegate, or -1 when the try ends with end
 */
record TryShape(List<Long> catchTags, long delegateDepth) {
    static final long CATCH_ALL = -1;

    boolean isDelegate() {
        return delegateDepth >= 0;
    }

    boolean hasCatches() {
        return !catchTags.isEmpty();
    }
}
