package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmCallback;

/** The callbacks of the crates fixture that take semver versions. */
public final class VersionCallbacks {
    private VersionCallbacks() {}

    /** {@code Callback<(&Version, &Version), bool>}: both lent for the call; is {@code candidate} better? */
    @WasmCallback
    public interface Chooser {
        boolean better(Version candidate, Version best);
    }

    /** {@code Callback<(Version, usize), ()>}: each version given to Java, with its rank. */
    @WasmCallback
    public interface Sink {
        void accept(Version version, @Unsigned int rank);
    }
}
