package dev.wasmbridge.runtime.internal;

/**
 * Makes sure a nested call (Rust calls a Java import, which calls Rust again) starts only with room on the
 * thread's stack to end cleanly.
 *
 * <p>Calls nested without bound run the stack out somewhere, possibly inside the boundary's own
 * bookkeeping: a {@link StackOverflowError} in the code that leaves a call ({@link CallBoundary#exit()},
 * which gives back the instance's lock) would leave the instance locked for good. So before a nested call
 * takes anything, it descends {@value #FRAMES} small frames: more than ending the call needs. If the stack
 * runs out there, nothing was taken yet, and the {@code StackOverflowError} reaches the import that made the
 * call, whose boundary aborts the instance ({@code STACK_OVERFLOW}) with the room that check left it.
 */
final class StackRoom {
    /** The frames the check descends, each a few dozen bytes: some kilobytes, more than leaving a call uses. */
    static final int FRAMES = 64;

    private StackRoom() {}

    /**
     * Returns if the stack has room for {@value #FRAMES} more small frames.
     *
     * @throws StackOverflowError if it does not
     */
    static void require() {
        if (descend(FRAMES) != FRAMES) {
            throw new AssertionError("descend counts its frames");
        }
    }

    /** Recurses {@code frames} deep; not a tail call, so every level keeps its frame. */
    private static int descend(int frames) {
        return frames == 0 ? 0 : descend(frames - 1) + 1;
    }
}
