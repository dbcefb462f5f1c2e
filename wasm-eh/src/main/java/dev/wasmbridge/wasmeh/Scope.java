package dev.wasmbridge.wasmeh;

import java.util.List;

/**
 * A label scope seen while walking a function body, as far as exception routing is concerned:
 * whether an exception thrown directly inside it is examined by handlers that belong to this
 * scope (a legacy try in its body part, a try_table with catch clauses, or the function itself,
 * whose "handler" is the caller).
 */
interface Scope {
    /** True when exceptions thrown inside this scope meet handlers owned by it. */
    boolean ownsHandlers();

    /**
     * For the body of a {@code try ... delegate}: the position of the scope its exceptions are
     * delegated to (exceptions thrown inside it go on from there); -1 for other scopes.
     */
    int forwardsTo();

    /**
     * Finds where a {@code delegate} whose label resolves to {@code scopes.get(target)} sends
     * the exception: the nearest scope at or outside the target that owns handlers (the
     * function scope, at position 0, always does). Reaching the body of another
     * {@code try ... delegate} continues at that try's own destination.
     */
    static int delegateDestination(List<? extends Scope> scopes, int target) {
        for (int i = target; i > 0; i--) {
            Scope scope = scopes.get(i);
            if (scope.ownsHandlers()) {
                return i;
            }
            if (scope.forwardsTo() >= 0) {
                return scope.forwardsTo();
            }
        }
        return 0;
    }
}
