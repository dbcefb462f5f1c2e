package dev.wasmbridge.wasmeh;

/**
 * One catch clause of a {@code try_table}: its kind (catch, catch_ref, catch_all,
 * catch_all_ref), the tag for the tagged kinds (else -1) and the label depth it branches to.
 */
final class CatchClause {
    private final int kind;
    private final long tag;
    private final int label;

    CatchClause(int kind, long tag, int label) {
        this.kind = kind;
        this.tag = tag;
        this.label = label;
    }

    int kind() {
        return kind;
    }

    long tag() {
        return tag;
    }

    int label() {
        return label;
    }
}
