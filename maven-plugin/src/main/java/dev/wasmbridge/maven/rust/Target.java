package dev.wasmbridge.maven.rust;

import java.util.Locale;

/**
 * The Wasm target a crate is built for. The bindings run both: a {@code wasm32-wasip1} module's WASI imports
 * are bound to Chicory's WASI implementation, with what the bindings' builder grants.
 */
public enum Target {
    /** No platform: no clock, no randomness, no output; what the module imports is the bindings' alone. */
    WASM32_UNKNOWN_UNKNOWN("wasm32-unknown-unknown"),
    /**
     * WASI preview 1: std reaches clocks, randomness, standard output and error, files, environment variables
     * and arguments through {@code wasi_snapshot_preview1} imports. On the Debian route rustc links Debian's
     * C library for WASI ({@link #DEBIAN_WASI_LIBC}, package {@code wasi-libc}); rustup's target brings its
     * own.
     */
    WASM32_WASIP1("wasm32-wasip1");

    /** Where Debian's {@code wasi-libc} package installs the C library and start files for WASI. */
    public static final String DEBIAN_WASI_LIBC = "/usr/lib/wasm32-wasi";

    private final String triple;

    Target(String triple) {
        this.triple = triple;
    }

    /** The target as rustc and cargo name it, and as the {@code target} parameter takes it. */
    public String triple() {
        return triple;
    }

    /** Whether the module gets its platform through WASI. */
    public boolean wasi() {
        return this == WASM32_WASIP1;
    }

    /** The environment variable that gives cargo the linker for this target. */
    public String linkerVariable() {
        return "CARGO_TARGET_" + triple.toUpperCase(Locale.ROOT).replace('-', '_') + "_LINKER";
    }

    /**
     * The target named {@code triple}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Target of(String triple) {
        for (Target target : values()) {
            if (target.triple.equalsIgnoreCase(triple.trim())) {
                return target;
            }
        }
        throw new IllegalArgumentException(
                "unknown target '" + triple + "': use wasm32-unknown-unknown or wasm32-wasip1");
    }
}
