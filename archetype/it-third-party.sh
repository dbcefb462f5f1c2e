#!/usr/bin/env bash
# Issue 12, done-when (d): a project generated from the archetype, whose crate depends on a third-party
# crate packaged by Debian, builds offline through the goal wasmbridge:build in all three flavours.
# Needs Rust, so it is not part of `mvn verify`; .ci/run runs it.
#
#   archetype/it-third-party.sh
#
# Needs Debian's Rust and the crate: apt-get install rustc-web cargo-web rust-web-src lld-19 librust-semver-dev
# wasi-libc
#
# 1. Builds this repository's artifacts into the archetype's private repository, target/it-repository
#    (mvn -pl archetype -am verify -DskipTests: maven-invoker-plugin:install, see archetype/pom.xml);
#    nothing goes to ~/.m2.
# 2. Generates a project from the archetype with that repository and src/it/settings.xml.
# 3. Runs `mvn -Prust generate-resources` on it unchanged: the plugin's exnref build of the template
#    crate must be byte-identical to the archetype's prebuilt rustlib.wasm (build-prebuilt.sh).
# 4. Adds `semver` (librust-semver-dev, /usr/share/cargo/registry) to the crate, with a pinned
#    Cargo.lock and an exported `semver_matches`; three @WasmModule interfaces, one per flavour, and a
#    JUnit test calling each; configures the plugin with the three flavours and the registry as a vendor
#    directory; runs `mvn -Prust verify` with --locked cargo builds (cargo runs --offline).
# 5. Checks the three modules exist, the tests ran on each flavour, and that a second run skips cargo.
# 6. Builds the same crate for wasm32-wasip1 (issue 17: -Dwasmbridge.rust.target, Debian's wasi-libc) in the
#    three flavours into a directory of their own, and checks that each module imports WASI: the crate's
#    `unix_seconds` export reads the clock (with the support crate, wasm-ld leaves the exports unwrapped).
#    Only built: running a WASI module is the integration tests' part (integration-tests, WasiFixture).
set -euo pipefail

ARCHETYPE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$ARCHETYPE")
REPOSITORY="$ARCHETYPE/target/it-repository"
# Outside this repository: its own .cargo/config.toml (std's vendored sources for scripts/build-wasm.sh)
# would otherwise apply to the generated crate, and the plugin rightly leaves a user's crates-io
# replacement alone. Kept on failure, for the logs.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wasmbridge-it-third-party.XXXXXX")
OUTER_REPOSITORY=${OUTER_REPOSITORY:-$HOME/.m2/repository}
REGISTRY=/usr/share/cargo/registry
VERSION=$(sed -n 's|^    <version>\(.*\)</version>$|\1|p' "$ARCHETYPE/pom.xml" | head -n 1)

fail() {
  echo "it-third-party: $*" >&2
  exit 1
}

[[ -d $REGISTRY/semver-1.0.14 ]] || fail "$REGISTRY/semver-1.0.14 not found: apt-get install librust-semver-dev"

echo "it-third-party: building the dev.wasmbridge $VERSION artifacts into $REPOSITORY"
(cd "$ROOT" && mvn -B -q -pl archetype -am verify -DskipTests)
[[ -d $REPOSITORY/dev/wasmbridge/wasmbridge-maven-plugin/$VERSION ]] || fail "the plugin is not in $REPOSITORY"

sed -e "s|@itOffline@|false|" -e "s|@localRepositoryUrl@|file://$OUTER_REPOSITORY|" \
  "$ARCHETYPE/src/it/settings.xml" > "$WORK/settings.xml"
mvn_it() {
  mvn -B -s "$WORK/settings.xml" -Dmaven.repo.local="$REPOSITORY" "$@"
}

echo "it-third-party: generating the project"
(cd "$WORK" && mvn_it -q org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate \
  -DarchetypeGroupId=dev.wasmbridge -DarchetypeArtifactId=wasmbridge-archetype -DarchetypeVersion="$VERSION" \
  -DarchetypeCatalog=local -DgroupId=com.example.semver -DartifactId=semver-app \
  -Dpackage=com.example.semver -DinteractiveMode=false)
PROJECT="$WORK/semver-app"
JAVA="$PROJECT/src/main/java/com/example/semver"
TEST="$PROJECT/src/test/java/com/example/semver"

echo "it-third-party: the plugin's exnref build of the template crate must be the prebuilt .wasm"
(cd "$PROJECT" && mvn_it -q -Prust -Dwasmbridge.rust.toolchain=debian generate-resources)
cmp "$PROJECT/src/main/resources/wasm/rustlib.wasm" \
  "$ARCHETYPE/src/main/resources/archetype-resources/src/main/resources/wasm/rustlib.wasm" \
  || fail "wasmbridge:build does not build the archetype's prebuilt rustlib.wasm byte for byte"

echo "it-third-party: adding semver to the crate, three flavours to the build"
python3 - "$PROJECT" <<'EOF'
import pathlib, sys

project = pathlib.Path(sys.argv[1])

def edit(path, old, new):
    file = project / path
    text = file.read_text()
    if old not in text:
        sys.exit(f"it-third-party: '{old}' not found in {file}")
    file.write_text(text.replace(old, new, 1))

edit("rust/Cargo.toml", 'wasmbridge = { path = "wasmbridge" }\n',
     'wasmbridge = { path = "wasmbridge" }\n'
     '# from Debian\'s librust-semver-dev (/usr/share/cargo/registry), offline\n'
     'semver = "1.0.14"\n')
# An export! block of its own, at the end of the template's lib.rs (whatever its last item is: the
# template ends with its tests module, not with its export! block).
lib = (project / "rust/src/lib.rs").read_text()
assert "wasmbridge::export! {" in lib, "lib.rs should declare its exports with wasmbridge::export!"
(project / "rust/src/lib.rs").write_text(lib.rstrip() + '''

wasmbridge::export! {
    /// Whether `version` matches the requirement `req`, by Cargo's rules (the `semver` crate).
    fn semver_matches(req: &str, version: &str) -> Result<bool, String> {
        let req = semver::VersionReq::parse(req).map_err(|e| e.to_string())?;
        let version = semver::Version::parse(version).map_err(|e| e.to_string())?;
        Ok(req.matches(&version))
    }

    /// The wall clock, in seconds: on wasm32-wasip1 a WASI import (clock_time_get), as step 6 checks.
    fn unix_seconds() -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_secs())
    }
}
''')
edit("pom.xml", "<flavour>exnref</flavour>",
     "<flavour>exnref</flavour>\n<flavour>legacy</flavour>\n<flavour>abort</flavour>")
edit("pom.xml", ": uncomment\n", " -->\n")
edit("pom.xml", "</vendorDirectories>\n                  -->", "</vendorDirectories>")
EOF

# Pinned: the build runs cargo with --locked, so a Cargo.lock that does not say semver 1.0.14 fails.
cat > "$PROJECT/rust/Cargo.lock" <<'EOF'
# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 4

[[package]]
name = "rustlib"
version = "0.1.0"
dependencies = [
 "semver",
 "wasmbridge",
]

[[package]]
name = "semver"
version = "1.0.14"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "e25dfac463d778e353db5be2449d1cce89bd6fd23c9f1ea21310ce6e5a1b29c4"

[[package]]
name = "wasmbridge"
version = "0.1.0"
EOF

# The module now has three flavours ({crate}.{flavour}.wasm); RustLib uses the exnref one.
rm "$PROJECT/src/main/resources/wasm/rustlib.wasm"
sed -i 's|@WasmModule("wasm/rustlib.wasm")|@WasmModule("wasm/rustlib.exnref.wasm")|' "$JAVA/RustLib.java"
for flavour in Exnref Legacy Abort; do
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$flavour")
  cat > "$JAVA/Semver$flavour.java" <<EOF
package com.example.semver;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.annotations.WasmModule;

/** semver_matches of rust/src/lib.rs, from the $lower flavour. */
@WasmModule("wasm/rustlib.$lower.wasm")
public interface Semver$flavour {
    /** Rust: {@code fn semver_matches(req: &str, version: &str) -> Result<bool, String>}. */
    @WasmExport
    boolean semverMatches(String req, String version);
}
EOF
done
cat > "$TEST/SemverTest.java" <<'EOF'
package com.example.semver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The semver crate, a Debian-packaged third-party dependency, called in each flavour. */
class SemverTest {
    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("exnref", (BiFunction<String, String, Boolean>) SemverExnrefBindings.create()::semverMatches),
                Arguments.of("legacy", (BiFunction<String, String, Boolean>) SemverLegacyBindings.create()::semverMatches),
                Arguments.of("abort", (BiFunction<String, String, Boolean>) SemverAbortBindings.create()::semverMatches));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void matchesVersionsWithTheSemverCrate(String flavour, BiFunction<String, String, Boolean> matches)
            throws IOException {
        assertTrue(matches.apply("^1.2", "1.4.0"));
        assertTrue(matches.apply(">=1.0.0, <2.0.0", "1.99.0"));
        assertFalse(matches.apply("^1.2", "2.0.0"));
        assertFalse(matches.apply("~1.2.3", "1.3.0"));
        RustErrorException error = assertThrows(RustErrorException.class, () -> matches.apply("^1.2", "one"));
        assertTrue(error.getMessage().contains("unexpected character"), error.getMessage());
        Files.writeString(Path.of("target", "semver-" + flavour + ".passed"), flavour);
    }
}
EOF
# junit-jupiter, in the generated pom, brings junit-jupiter-params for the parameterised test.

echo "it-third-party: mvn -Prust verify with three flavours and Debian's registry"
log="$WORK/build.log"
(cd "$PROJECT" && mvn_it -Prust -Dwasmbridge.rust.toolchain=debian -Dwasmbridge.rust.locked=true verify) > "$log" 2>&1 \
  || { tail -n 80 "$log" >&2; fail "mvn -Prust verify failed (log: $log)"; }
for flavour in exnref legacy abort; do
  [[ -s $PROJECT/src/main/resources/wasm/rustlib.$flavour.wasm ]] || fail "rustlib.$flavour.wasm was not built"
  grep -q "Wrote .*rustlib.$flavour.wasm ($flavour" "$log" || fail "no build of the $flavour flavour in $log"
done
grep -q "crates-io replaced by .*semver\|crates-io replaced by .*registry" "$log" \
  || fail "the plugin did not combine the vendor directories (log: $log)"
report="$PROJECT/target/surefire-reports/TEST-com.example.semver.SemverTest.xml"
[[ -f $report ]] || fail "SemverTest did not run"
for flavour in exnref legacy abort; do
  [[ -f $PROJECT/target/semver-$flavour.passed ]] || fail "SemverTest did not pass on the $flavour flavour"
done
grep -q 'tests="3"' "$report" && grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report" \
  || fail "SemverTest failed: $report"
if grep -q "unstable feature specified" "$log"; then
  fail "rustc's unstable-feature warning reached the Maven log ($log)"
fi

echo "it-third-party: a second build with nothing changed skips cargo"
(cd "$PROJECT" && mvn_it -Prust -Dwasmbridge.rust.toolchain=debian -Dwasmbridge.rust.locked=true verify) > "$log.2" 2>&1 \
  || { tail -n 80 "$log.2" >&2; fail "the second mvn -Prust verify failed (log: $log.2)"; }
grep -q "unchanged since the last build" "$log.2" || fail "the second build ran cargo again (log: $log.2)"

echo "it-third-party: the same crate for wasm32-wasip1, in three flavours"
WASI_OUT="$WORK/wasi-modules"
(cd "$PROJECT" && mvn_it -Prust -Dwasmbridge.rust.toolchain=debian -Dwasmbridge.rust.locked=true \
  -Dwasmbridge.rust.target=wasm32-wasip1 -Dwasmbridge.rust.outputDirectory="$WASI_OUT" generate-resources) \
  > "$log.wasi" 2>&1 || { tail -n 80 "$log.wasi" >&2; fail "the wasm32-wasip1 build failed (log: $log.wasi)"; }
grep -q "for wasm32-wasip1 in 3 flavour(s)" "$log.wasi" || fail "no wasm32-wasip1 build in $log.wasi"
grep -q -- "-Clink-self-contained=no -L/usr/lib/wasm32-wasi" "$log.wasi" \
  || fail "the wasm32-wasip1 build did not link Debian's wasi-libc (log: $log.wasi)"
for flavour in exnref legacy abort; do
  module="$WASI_OUT/rustlib.$flavour.wasm"
  [[ -s $module ]] || fail "rustlib.$flavour.wasm was not built for wasm32-wasip1"
  grep -q "wasi_snapshot_preview1" "$module" && grep -q "clock_time_get" "$module" \
    || fail "the wasm32-wasip1 $flavour module does not import WASI's clock_time_get"
  if grep -q "command_export" "$module"; then
    fail "wasm-ld wrapped the exports of the $flavour module in command_export functions"
  fi
done

rm -rf "$WORK"
echo "it-third-party: passed: semver 1.0.14 from $REGISTRY in exnref, legacy and abort, tests green;" \
  "built for wasm32-wasip1 too"
