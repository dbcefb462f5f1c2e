package dev.wasmbridge.maven.rust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a crate is compiled to Wasm: what a Rust panic does, and which exception instructions carry it. The
 * flags are those of the repository's {@code scripts/build-wasm.sh}, which builds every committed
 * {@code .wasm}.
 */
public enum Flavour {
    /** {@code panic=unwind} with exception handling in its exnref form, the one Chicory runs directly. */
    EXNREF(true, List.of("-Cllvm-args=-wasm-use-legacy-eh=false"), "std,panic_unwind,panic_abort"),
    /** {@code panic=unwind} with the legacy exception instructions, rustc's default; translated at load. */
    LEGACY(true, List.of(), "std,panic_unwind,panic_abort"),
    /** {@code panic=abort}: a panic ends the instance. */
    ABORT(false, List.of(), "std,panic_abort");

    /** The flag that turns on Wasm exception handling, when rustc does not imply it from panic=unwind. */
    public static final String EXCEPTION_HANDLING = "-Ctarget-feature=+exception-handling";

    private final boolean unwind;
    private final List<String> extraFlags;
    private final String buildStd;

    Flavour(boolean unwind, List<String> extraFlags, String buildStd) {
        this.unwind = unwind;
        this.extraFlags = extraFlags;
        this.buildStd = buildStd;
    }

    /** The name users configure and {@code {flavour}} expands to: {@code exnref}, {@code legacy}, {@code abort}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this flavour unwinds on a panic (and so needs Wasm exception handling). */
    public boolean unwinds() {
        return unwind;
    }

    /**
     * The {@code RUSTFLAGS} of this flavour, without the path remapping.
     *
     * @param exceptionHandlingImplied whether rustc turns on the {@code exception-handling} target feature by
     *     itself for {@code -Cpanic=unwind} (current rustc versions do; see {@link Toolchain}). When it does,
     *     {@link #EXCEPTION_HANDLING} is left out: it changes no byte of the module, and rustc would warn on
     *     every crate that the feature is unstable, a warning a user cannot act on.
     */
    public List<String> rustflags(boolean exceptionHandlingImplied) {
        List<String> flags = new ArrayList<>();
        flags.add(unwind ? "-Cpanic=unwind" : "-Cpanic=abort");
        if (unwind && !exceptionHandlingImplied) {
            flags.add(EXCEPTION_HANDLING);
        }
        flags.addAll(extraFlags);
        return flags;
    }

    /** The {@code -Zbuild-std=...} argument: std is rebuilt with this flavour's panic strategy. */
    public String buildStdArgument() {
        return "-Zbuild-std=" + buildStd;
    }

    /**
     * The flavour named {@code id}, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Flavour of(String id) {
        for (Flavour flavour : values()) {
            if (flavour.id().equalsIgnoreCase(id.trim())) {
                return flavour;
            }
        }
        throw new IllegalArgumentException("unknown flavour '" + id + "': use exnref, legacy or abort");
    }
}
