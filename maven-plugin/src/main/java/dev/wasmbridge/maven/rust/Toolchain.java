package dev.wasmbridge.maven.rust;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Rust toolchain that can build for the {@link Target} with {@code -Zbuild-std}, as {@link ToolchainDetector}
 * found it.
 *
 * @param route rustup's or Debian's
 * @param cargo the cargo executable
 * @param rustc the rustc executable given to cargo as {@code RUSTC}; empty on the rustup route, where
 *     cargo's proxy picks the crate's toolchain
 * @param linker the linker for the target ({@code wasm-ld-19} on the Debian route); empty on the
 *     rustup route (rustc's own {@code rust-lld})
 * @param stdVendor the directory with std's own dependencies vendored ({@code
 *     /usr/src/rustc-<version>/library/vendor} on the Debian route), which {@code -Zbuild-std} reads offline;
 *     empty on the rustup route, where cargo downloads them
 * @param description what the fingerprint records: {@code rustc -vV}, {@code cargo -V} and the linker's
 *     version, so a new toolchain rebuilds
 * @param exceptionHandlingImplied whether this rustc turns on the {@code exception-handling} target feature
 *     for {@code -Cpanic=unwind} by itself (see {@link Flavour#rustflags})
 * @param target the target to build for
 * @param wasiLibc the C library rustc links for {@code wasm32-wasip1} instead of its own: Debian's {@code
 *     wasi-libc} ({@link Target#DEBIAN_WASI_LIBC}) on the Debian route; empty for {@code wasm32-unknown-unknown}
 *     and on the rustup route, whose target brings its own
 */
public record Toolchain(
        Route route,
        Path cargo,
        Optional<Path> rustc,
        Optional<String> linker,
        Optional<Path> stdVendor,
        String description,
        boolean exceptionHandlingImplied,
        Target target,
        Optional<Path> wasiLibc) {

    /** Where the toolchain comes from. */
    public enum Route {
        /** rustup, with the wasm32-unknown-unknown target and the rust-src component. */
        RUSTUP,
        /** Debian's packages rustc-web, cargo-web, rust-web-src and lld-19: works offline. */
        DEBIAN;

        /** {@code rustup} or {@code debian}, as the {@code toolchain} parameter spells it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The environment cargo runs with, besides {@code RUSTFLAGS}: {@code RUSTC_BOOTSTRAP=1} (lets a stable
     * rustc take {@code -Zbuild-std}), and on the Debian route {@code RUSTC} and the target's linker.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RUSTC_BOOTSTRAP", "1");
        rustc.ifPresent(r -> environment.put("RUSTC", r.toString()));
        linker.ifPresent(l -> environment.put(target.linkerVariable(), l));
        return environment;
    }

    /**
     * The {@code RUSTFLAGS} the target needs on this route, besides the flavour's: for {@code wasm32-wasip1} on
     * Debian's, {@code -Clink-self-contained=no -L/usr/lib/wasm32-wasi} (link Debian's wasi-libc, not the C
     * library and start files rustc would otherwise look for in its own sysroot).
     */
    public List<String> targetRustflags() {
        return wasiLibc.map(directory -> List.of("-Clink-self-contained=no", "-L" + directory))
                .orElse(List.of());
    }

    /** Arguments cargo gets on this route: {@code --offline} on Debian's, whose sources are all local. */
    public List<String> cargoArguments() {
        return route == Route.DEBIAN ? List.of("--offline") : List.of();
    }
}
