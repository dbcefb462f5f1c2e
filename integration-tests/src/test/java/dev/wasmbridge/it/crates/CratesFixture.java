package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The exports of integration-tests/rust/crates-fixture: Debian's {@code regex} and {@code semver} as classes
 * declared without newtypes ({@code class! { impl regex::Regex as Regex { ... } }}), and Rust's {@code usize}
 * and {@code isize} as Java's {@code @Unsigned int} and {@code int}; semver's comparators as the enum with data
 * {@link Bound}, lists and options of the crates' objects, and the counters of regex's lazy iterators. Each build
 * flavour binds it with its own {@code @WasmModule} sub-interface ({@link CratesFixtureExnref}, {@link
 * CratesFixtureLegacy}).
 */
public interface CratesFixture extends WasmBindings {
    /** {@code fn find(text: &str, needle: &str) -> Option<usize>}: a byte offset. */
    @WasmExport
    Optional<@Unsigned Integer> find(String text, String needle);

    @WasmExport
    List<@Unsigned Integer> offsets(String text, String needle);

    @WasmExport
    @Unsigned
    int usizeMax();

    @WasmExport
    int isizeMin();

    @WasmExport
    @Unsigned
    int usizeNext(@Unsigned int x);

    @WasmExport
    int isizeNegate(int x);

    /** {@code fn deltas(values: Vec<isize>) -> Vec<isize>}: an {@code int[]}, like {@code Vec<i32>}. */
    @WasmExport
    int[] deltas(int[] values);

    @WasmExport
    OptionalInt optionIsize(OptionalInt x);

    @WasmExport
    @Unsigned
    int spanLen(Span span);

    /** {@code fn first_word(text: &str) -> &str}: borrowed from the parameter, copied out. */
    @WasmExport
    String firstWord(String text);

    /** {@code fn utf8(text: &str) -> &[u8]}: borrowed from the parameter, copied out. */
    @WasmExport
    byte[] utf8(String text);

    /** {@code fn compile(pattern: &str) -> Result<Regex, String>}: a plain function returning the newtype. */
    @WasmExport
    Regex compile(String pattern);

    /** {@code fn newest(a: &Version, b: &Version) -> Version}: borrows two objects, returns a new one. */
    @WasmExport
    Version newest(Version a, Version b);

    /** Calls the host's {@code pick(usize) -> usize} and {@code shift(isize, Vec<usize>) -> Option<isize>}. */
    @WasmExport
    OptionalInt askHost(@Unsigned int count, int by);

    /** {@code Regex::new}: regex's error becomes the declared exception. */
    @WasmExport(name = "Regex::new")
    Regex newRegex(String pattern) throws InvalidInputException;

    @WasmExport(name = "Version::parse")
    Version parseVersion(String text) throws InvalidInputException;

    @WasmExport(name = "Version::new")
    Version newVersion(@Unsigned long major, @Unsigned long minor, @Unsigned long patch);

    @WasmExport(name = "VersionReq::parse")
    VersionReq parseRequirement(String text) throws InvalidInputException;

    // ---- Enums with data: semver's comparators as Bound

    /** {@code VersionReq::from_bounds(bounds: Vec<Bound>) -> Result<Self, String>}. */
    @WasmExport(name = "VersionReq::from_bounds")
    VersionReq requirementOf(List<Bound> bounds) throws InvalidInputException;

    // ---- Objects in lists and options

    /** {@code Version::sort(versions: Vec<Self>) -> Vec<Self>}: takes the versions, returns them sorted. */
    @WasmExport(name = "Version::sort")
    List<Version> sortVersions(List<Version> versions);

    /** {@code Version::bump_patches(versions: Vec<&mut Self>)}: borrows each one mutably. */
    @WasmExport(name = "Version::bump_patches")
    void bumpPatches(List<Version> versions);

    /** {@code Regex::try_new(pattern: &str) -> Option<Self>}. */
    @WasmExport(name = "Regex::try_new")
    Optional<Regex> tryRegex(String pattern);

    /** {@code Regex::union(regexes: Vec<&Self>) -> Result<Self, regex::Error>}: borrows the regexes. */
    @WasmExport(name = "Regex::union")
    Regex union(List<Regex> regexes) throws InvalidInputException;

    /** {@code fn pieces(text: &str, separator: Option<&Regex>) -> usize}: borrows the regex. */
    @WasmExport
    @Unsigned
    int pieces(String text, Optional<Regex> separator);

    /** {@code fn pattern_or(regex: Option<Regex>, default: &str) -> String}: takes the regex. */
    @WasmExport
    String patternOr(Optional<Regex> regex, String fallback);

    // ---- Objects lent and given to imports and callbacks

    /** {@code fn offer(requirement: &VersionReq, texts: Vec<String>) -> Result<usize, semver::Error>}. */
    @WasmExport
    @Unsigned
    int offer(VersionReq requirement, List<String> texts) throws InvalidInputException;

    /** {@code fn pick_with(versions: Vec<Version>, better: Callback<(&Version, &Version), bool>)}. */
    @WasmExport
    Optional<Version> pickWith(List<Version> versions, VersionCallbacks.Chooser better);

    /** {@code fn hand_out(versions: Vec<Version>, sink: Callback<(Version, usize), ()>)}. */
    @WasmExport
    void handOut(List<Version> versions, VersionCallbacks.Sink sink);

    // ---- Iterators' counters

    /** The {@code find_iter} and {@code split_iter} iterators alive in Rust. */
    @WasmExport
    int liveIterators();

    /** The matches those iterators have found so far. */
    @WasmExport
    long matchesFound();
}
