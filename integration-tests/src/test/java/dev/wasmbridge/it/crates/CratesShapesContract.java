package dev.wasmbridge.it.crates;

import static dev.wasmbridge.it.crates.CratesContract.javaSpans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmbridge.it.crates.Bound.Any;
import dev.wasmbridge.it.crates.Bound.Caret;
import dev.wasmbridge.it.crates.Bound.Exact;
import dev.wasmbridge.it.crates.Bound.Greater;
import dev.wasmbridge.it.crates.Bound.GreaterEq;
import dev.wasmbridge.it.crates.Bound.Less;
import dev.wasmbridge.it.crates.Bound.LessEq;
import dev.wasmbridge.it.crates.Bound.Tilde;
import dev.wasmbridge.it.crates.Bound.Wildcard;
import dev.wasmbridge.runtime.BorrowEndedException;
import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's enums with data, objects in collections and iterators (items 4, 5 and 6) on real crates: semver's
 * comparators as the sealed interface {@link Bound}, lists and options of {@code semver::Version} and
 * {@code regex::Regex} objects, versions lent and given to an import and to callbacks, and regex's matches as
 * lazy iterators; run on the exnref and legacy builds. Expected values come from Java: its own reading of the
 * SemVer specification ({@link Semver}) and its own regex engine.
 */
abstract class CratesShapesContract {
    private RecordingCratesHost host;
    private CratesFixture rust;

    /** Binds the flavour under test. */
    abstract CratesFixture create(CratesHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingCratesHost();
        rust = create(host);
    }

    @AfterEach
    void noIteratorLeftAlive() {
        assertEquals(0, rust.liveIterators(), "every iterator was dropped");
    }

    /**
     * A release or pre-release version as SemVer 2.0 orders them (build metadata left out), written from the
     * specification: numbers numerically, a pre-release before its release, pre-release identifiers one by
     * one (numeric ones numerically and before alphanumeric ones, which compare in ASCII), then by count.
     */
    record Semver(long major, long minor, long patch, List<String> pre) implements Comparable<Semver> {
        static Semver parse(String text) {
            String[] parts = text.split("-", 2);
            String[] numbers = parts[0].split("\\.", -1);
            return new Semver(
                    Long.parseLong(numbers[0]),
                    Long.parseLong(numbers[1]),
                    Long.parseLong(numbers[2]),
                    parts.length == 1 ? List.of() : List.of(parts[1].split("\\.", -1)));
        }

        boolean isRelease() {
            return pre.isEmpty();
        }

        /** {@code lower <= this < upper}, for a release. */
        boolean releaseIn(String lower, String upper) {
            return isRelease() && compareTo(parse(lower)) >= 0 && compareTo(parse(upper)) < 0;
        }

        @Override
        public int compareTo(Semver other) {
            int byNumbers = Comparator.comparingLong(Semver::major)
                    .thenComparingLong(Semver::minor)
                    .thenComparingLong(Semver::patch)
                    .compare(this, other);
            if (byNumbers != 0 || isRelease() || other.isRelease()) {
                return byNumbers != 0 ? byNumbers : Boolean.compare(isRelease(), other.isRelease());
            }
            for (int i = 0; i < Math.min(pre.size(), other.pre.size()); i++) {
                int byIdentifier = compareIdentifiers(pre.get(i), other.pre.get(i));
                if (byIdentifier != 0) {
                    return byIdentifier;
                }
            }
            return Integer.compare(pre.size(), other.pre.size());
        }

        private static int compareIdentifiers(String a, String b) {
            boolean aNumeric = a.chars().allMatch(Character::isDigit);
            boolean bNumeric = b.chars().allMatch(Character::isDigit);
            if (aNumeric && bNumeric) {
                return Long.compare(Long.parseLong(a), Long.parseLong(b));
            }
            return aNumeric != bNumeric ? (aNumeric ? -1 : 1) : a.compareTo(b);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch + (isRelease() ? "" : "-" + String.join(".", pre));
        }
    }

    private List<Version> parseAll(List<String> texts) {
        List<Version> versions = new ArrayList<>();
        for (String text : texts) {
            try {
                versions.add(rust.parseVersion(text));
            } catch (InvalidInputException e) {
                throw new AssertionError(e);
            }
        }
        return versions;
    }

    private static List<String> texts(List<Version> versions) {
        return versions.stream().map(Version::text).toList();
    }

    private static List<String> sortedBySemver(List<String> texts) {
        return texts.stream().map(Semver::parse).sorted().map(Semver::toString).toList();
    }

    private static <T> List<T> drain(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    // ---- Enums with data: semver's comparators as Bound ---------------------------------------------

    @Test
    void rustTakesARequirementApartIntoBounds() throws InvalidInputException {
        String text = ">=1.2.3-beta.1, <2, ~1.4, 1.*, =1.5.0, >0.1, <=3.0.0, ^0.3, 1.2.*";
        Requirement expected = new Requirement(
                text,
                List.of(
                        new GreaterEq(VersionParts.of(1, 2, 3, "beta", "1")),
                        new Less(VersionParts.of(2)),
                        new Tilde(VersionParts.of(1, 4)),
                        new Wildcard(1, Optional.empty()),
                        new Exact(VersionParts.of(1, 5, 0)),
                        new Greater(VersionParts.of(0, 1)),
                        new LessEq(VersionParts.of(3, 0, 0)),
                        new Caret(VersionParts.of(0, 3)),
                        new Wildcard(1, Optional.of(2L))),
                Optional.of(new Less(VersionParts.of(2))));
        try (VersionReq requirement = rust.parseRequirement(text)) {
            assertEquals(expected, requirement.explain());
        }
        try (VersionReq star = rust.parseRequirement("*");
                VersionReq bare = rust.parseRequirement("1.2")) {
            assertEquals(new Requirement("*", List.of(new Any()), Optional.empty()), star.explain(), "a unit variant");
            assertEquals(
                    new Requirement("^1.2", List.of(new Caret(VersionParts.of(1, 2))), Optional.empty()),
                    bare.explain(),
                    "semver's default operator is ^");
        }
    }

    /** Bounds Java builds, the text semver gives their requirement, and which releases it matches. */
    private record BoundsCase(List<Bound> bounds, String text, Predicate<Semver> matches) {}

    @Test
    void javaBoundsBecomeSemverComparators() throws InvalidInputException {
        List<BoundsCase> cases = List.of(
                new BoundsCase(
                        List.of(new GreaterEq(VersionParts.of(1, 2, 0)), new Less(VersionParts.of(2))),
                        ">=1.2.0, <2",
                        v -> v.releaseIn("1.2.0", "2.0.0")),
                new BoundsCase(List.of(new Tilde(VersionParts.of(1, 4))), "~1.4", v -> v.releaseIn("1.4.0", "1.5.0")),
                new BoundsCase(
                        List.of(new Caret(VersionParts.of(0, 3, 1))), "^0.3.1", v -> v.releaseIn("0.3.1", "0.4.0")),
                new BoundsCase(List.of(new Wildcard(1, Optional.of(2L))), "1.2.*", v -> v.releaseIn("1.2.0", "1.3.0")),
                new BoundsCase(List.of(new Wildcard(2, Optional.empty())), "2.*", v -> v.releaseIn("2.0.0", "3.0.0")),
                new BoundsCase(
                        List.of(new Exact(VersionParts.of(1, 0, 3))), "=1.0.3", v -> v.equals(Semver.parse("1.0.3"))),
                new BoundsCase(
                        List.of(new Greater(VersionParts.of(0, 2, 3)), new LessEq(VersionParts.of(1, 1))),
                        ">0.2.3, <=1.1",
                        v -> v.compareTo(Semver.parse("0.2.3")) > 0 && v.releaseIn("0.0.0", "1.2.0")),
                new BoundsCase(List.of(new Any()), "*", v -> true),
                new BoundsCase(
                        List.of(new Caret(VersionParts.of(1)), new Any()), "^1", v -> v.releaseIn("1.0.0", "2.0.0")));
        List<String> grid = new ArrayList<>();
        for (int major = 0; major <= 2; major++) {
            for (int minor = 0; minor <= 4; minor++) {
                for (int patch = 0; patch <= 3; patch++) {
                    grid.add(major + "." + minor + "." + patch);
                }
            }
        }
        List<Version> versions = parseAll(grid);
        for (BoundsCase c : cases) {
            try (VersionReq requirement = rust.requirementOf(c.bounds())) {
                assertEquals(c.text(), requirement.text());
                for (int i = 0; i < grid.size(); i++) {
                    assertEquals(
                            c.matches().test(Semver.parse(grid.get(i))),
                            requirement.matches(versions.get(i)),
                            c.text() + " against " + grid.get(i));
                }
            }
        }
        versions.forEach(Version::close);
    }

    @Test
    void boundsSemverWouldNotParseAreRefused() throws InvalidInputException {
        InvalidInputException noMinor = assertThrows(
                InvalidInputException.class,
                () -> rust.requirementOf(
                        List.of(new Exact(new VersionParts(1, Optional.empty(), Optional.of(2L), List.of())))));
        assertTrue(noMinor.getMessage().contains("a patch version needs a minor version"), noMinor.getMessage());
        InvalidInputException leadingZero = assertThrows(
                InvalidInputException.class,
                () -> rust.requirementOf(List.of(new Less(VersionParts.of(1, 2, 3, "beta", "01")))));
        assertTrue(leadingZero.getMessage().contains("invalid leading zero"), leadingZero.getMessage());
        assertThrows(NullPointerException.class, () -> rust.requirementOf(List.of(new GreaterEq(null))));
        try (VersionReq requirement = rust.requirementOf(List.of())) {
            assertEquals("*", requirement.text(), "no bounds: semver's requirement that matches anything");
        }
    }

    @Test
    void aRequirementSurvivesTheRoundTrip() throws InvalidInputException {
        String text = ">=1.2.3-rc.2, <1.2.4, ~0.9";
        try (VersionReq parsed = rust.parseRequirement(text);
                VersionReq rebuilt = rust.requirementOf(parsed.explain().bounds())) {
            assertEquals(text, rebuilt.text());
        }
    }

    // ---- Objects in lists and options ---------------------------------------------------------------

    @Test
    void aListOfVersionsIsTakenAndReturnedInSemverOrder() {
        List<String> texts = List.of(
                "1.0.0-rc.1",
                "1.10.0",
                "1.0.0-alpha.beta",
                "0.9.12",
                "1.0.0",
                "1.0.0-beta.11",
                "1.0.0-alpha",
                "1.2.0",
                "1.0.0-beta.2",
                "1.0.0-alpha.1",
                "1.0.0-beta",
                "2.0.0-0");
        List<Version> versions = parseAll(texts);
        List<Version> sorted = rust.sortVersions(versions);
        assertEquals(sortedBySemver(texts), texts(sorted));
        for (Version moved : versions) {
            ClosedObjectException e = assertThrows(ClosedObjectException.class, moved::text);
            assertTrue(e.getMessage().contains("moved into Rust"), e.getMessage());
        }
        sorted.forEach(Version::close);
        assertEquals(List.of(), rust.sortVersions(List.of()));
    }

    @Test
    void aRequirementBorrowsOrTakesAListOfVersions() throws InvalidInputException {
        List<String> texts = List.of("1.1.9", "1.2.0", "1.9.3", "1.10.0-rc.1", "2.0.0", "1.10.0", "0.5.0");
        // Releases only: semver lets a pre-release match only a comparator that names its x.y.z with a
        // pre-release (1.10.0-rc.1 is not >=1.2).
        Predicate<Semver> inRange = v -> v.releaseIn("1.2.0", "2.0.0");
        try (VersionReq requirement = rust.parseRequirement(">=1.2, <2")) {
            List<Version> versions = parseAll(texts);
            assertEquals(
                    IntStream.range(0, texts.size())
                            .filter(i -> inRange.test(Semver.parse(texts.get(i))))
                            .boxed()
                            .toList(),
                    requirement.matching(versions));
            assertEquals(texts, texts(versions), "borrowed: still Java's");

            Optional<Version> newest = requirement.maxSatisfying(versions);
            String expected = texts.stream()
                    .map(Semver::parse)
                    .filter(inRange)
                    .max(Comparator.naturalOrder())
                    .orElseThrow()
                    .toString();
            assertEquals(expected, newest.orElseThrow().text());
            for (Version moved : versions) {
                assertThrows(ClosedObjectException.class, moved::text, "taken, the newest one too");
            }
            newest.get().close();
            assertEquals(Optional.empty(), requirement.maxSatisfying(parseAll(List.of("2.0.0", "1.0.0"))));
        }
    }

    @Test
    void versionsBorrowedMutablyInAList() {
        List<Version> versions = parseAll(List.of("1.2.3-beta", "0.0.9"));
        rust.bumpPatches(versions);
        assertEquals(List.of("1.2.4", "0.0.10"), texts(versions));
        Version first = versions.get(0);
        RustPanicException twice =
                assertThrows(RustPanicException.class, () -> rust.bumpPatches(List.of(first, first)));
        assertTrue(twice.panicMessage().contains("already borrowed"), twice.panicMessage());
        assertEquals("1.2.4", first.text(), "refused before anything changed");
        versions.forEach(Version::close);
    }

    @Test
    void optionalRegexesAreBorrowedOrTaken() throws InvalidInputException {
        String pattern = "[,;]\\s*";
        String text = "a, b;c ;  d";
        assertEquals(Optional.empty(), rust.tryRegex("(unclosed"));
        Optional<Regex> separator = rust.tryRegex(pattern);
        assertTrue(separator.isPresent());
        assertEquals(Pattern.compile(pattern).split(text, -1).length, rust.pieces(text, separator));
        assertEquals(text.strip().split("\\s+", -1).length, rust.pieces(text, Optional.empty()));
        assertTrue(separator.get().isMatch(";"), "borrowed: still Java's");
        assertEquals(pattern, rust.patternOr(separator, "none"));
        assertThrows(ClosedObjectException.class, separator.get()::asStr, "taken");
        assertEquals("none", rust.patternOr(Optional.empty(), "none"));

        try (Regex digits = rust.newRegex("\\d+");
                Regex words = rust.newRegex("[a-zé]+");
                Regex union = rust.union(List.of(digits, words))) {
            String sample = "ab12 cé-3";
            assertEquals(javaSpans("\\d+|[a-zé]+", sample), union.spans(sample));
            assertEquals("\\d+", digits.asStr(), "borrowed: still Java's");
        }
    }

    // ---- Objects lent and given to imports and callbacks --------------------------------------------

    @Test
    void anImportIsLentEachVersionAndGivenTheOnesItKeeps() throws InvalidInputException {
        List<String> texts = List.of("1.4.0", "1.5.1", "2.0.0", "1.5.2", "1.3.0-rc.1", "0.1.0", "1.6.0", "1.4.7");
        host.accept = version -> version.patch() % 2 == 0;
        try (VersionReq requirement = rust.parseRequirement("^1.4")) {
            int taken = rust.offer(requirement, texts);
            List<Semver> offered = texts.stream()
                    .map(Semver::parse)
                    .filter(v -> v.releaseIn("1.4.0", "2.0.0"))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            List<String> kept = offered.stream()
                    .filter(v -> v.patch() % 2 == 0)
                    .map(Semver::toString)
                    .toList();
            assertEquals(offered.stream().map(Semver::toString).toList(), host.consideredTexts, "newest first");
            assertEquals(kept.size(), taken);
            assertEquals(kept, texts(host.adopted), "given: Java's, usable after the call");
            for (Version lent : host.considered) {
                BorrowEndedException e = assertThrows(BorrowEndedException.class, lent::text);
                assertEquals("CratesHost.consider", e.lentTo());
                lent.close(); // does nothing: Rust owned it
            }
            assertEquals(
                    IntStream.range(0, kept.size()).boxed().toList(),
                    requirement.matching(host.adopted),
                    "adopted versions go back to Rust like any other");
            host.adopted.forEach(Version::close);
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> rust.offer(requirement, List.of("1.4.x")));
            assertTrue(e.getMessage().contains("patch version"), e.getMessage());
        }
    }

    @Test
    void aCallbackIsLentVersionsToChooseAmong() {
        List<String> texts = List.of("1.2.0", "1.10.0-beta", "1.9.0", "0.9.0", "1.10.0", "1.10.1-rc.1");
        List<Version> versions = parseAll(texts);
        List<Version> lent = new ArrayList<>();
        // Java's preference: any release before any pre-release, then the newer.
        Comparator<Semver> preference =
                Comparator.comparing((Semver v) -> v.isRelease()).thenComparing(Comparator.<Semver>naturalOrder());
        Optional<Version> picked = rust.pickWith(versions, (candidate, best) -> {
            lent.add(candidate);
            lent.add(best);
            return preference.compare(Semver.parse(candidate.text()), Semver.parse(best.text())) > 0;
        });
        String expected =
                texts.stream().map(Semver::parse).max(preference).orElseThrow().toString();
        assertEquals(expected, picked.orElseThrow().text());
        assertEquals(2 * (texts.size() - 1), lent.size(), "two lent per call");
        for (Version view : lent) {
            assertThrows(BorrowEndedException.class, view::text);
        }
        for (Version moved : versions) {
            assertThrows(ClosedObjectException.class, moved::text);
        }
        picked.get().close();
        assertEquals(Optional.empty(), rust.pickWith(List.of(), (candidate, best) -> fail("nothing to choose")));
    }

    @Test
    void aCallbackIsGivenVersionsInSemverOrder() {
        List<String> texts = List.of("0.3.0", "0.10.0", "0.3.0-alpha.2", "0.3.0-alpha.10", "0.2.99");
        List<Version> given = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        rust.handOut(parseAll(texts), (version, rank) -> {
            given.add(version);
            ranks.add(rank);
        });
        assertEquals(sortedBySemver(texts), texts(given), "given: usable after the call");
        assertEquals(IntStream.range(0, texts.size()).boxed().toList(), ranks);
        given.forEach(Version::close);
    }

    // ---- Iterators over regex's matches ---------------------------------------------------------------

    @Test
    void findIterYieldsWhatJavaAndTheCratesOwnIteratorFind() throws InvalidInputException {
        String pattern = "[a-zé]+|\\d";
        String text = "été 42, naïve x9";
        try (Regex regex = rust.newRegex(pattern)) {
            Iterator<Span> matches = regex.findIter(text);
            assertEquals(javaSpans(pattern, text), drain(matches));
            assertEquals(0, rust.liveIterators(), "dropped when exhausted");
            assertFalse(matches.hasNext());
        }
        // Empty matches: regex skips one right after a match (Java's engine does not), and steps over a whole
        // character after one.
        try (Regex regex = rust.newRegex("a*")) {
            assertEquals(
                    List.of(new Span(0, 0, ""), new Span(1, 4, "aaa"), new Span(5, 5, "")),
                    drain(regex.findIter("baaab")));
            assertEquals(List.of(new Span(0, 1, "a"), new Span(3, 3, "")), drain(regex.findIter("aé")));
            for (String sample : List.of("baaab", "", "aé", "ééa", "aaa")) {
                assertEquals(regex.spans(sample), drain(regex.findIter(sample)), "as regex's find_iter: " + sample);
            }
        }
    }

    @Test
    void splitIterYieldsWhatJavaAndTheCratesOwnSplitFind() throws InvalidInputException {
        String pattern = "[,;]\\s*";
        try (Regex regex = rust.newRegex(pattern)) {
            for (String text : List.of("a, b;c ;  d", ",x,", "", "none", "é;ü")) {
                List<String> pieces = regex.splitIter(text).toList();
                assertEquals(Arrays.asList(Pattern.compile(pattern).split(text, -1)), pieces, text);
                assertEquals(regex.split(text), pieces, "as regex's split: " + text);
            }
        }
    }

    @Test
    void onlyWhatJavaTakesIsFound() throws InvalidInputException {
        String text = "word12 ".repeat(200_000);
        try (Regex regex = rust.newRegex("\\d+")) {
            long before = rust.matchesFound();
            WasmIterator<Span> matches = regex.findIter(text);
            assertEquals(before, rust.matchesFound(), "nothing found before Java asks");
            List<Span> first = List.of(matches.next(), matches.next(), matches.next());
            assertEquals(javaSpans("\\d+", "word12 ".repeat(3)), first);
            assertEquals(before + 3, rust.matchesFound(), "3 of 200,000 matches found");
            assertEquals(1, rust.liveIterators());
            matches.close();
            assertEquals(0, rust.liveIterators(), "closing dropped it");
            assertThrows(ClosedObjectException.class, matches::hasNext);

            try (Stream<String> pieces = regex.splitIter(text)) {
                assertEquals(List.of("word", " word", " word"), pieces.limit(3).toList());
                assertEquals(before + 6, rust.matchesFound());
            }
            assertEquals(0, rust.liveIterators(), "closing the stream dropped it");
        }
    }

    @Test
    void iteratorsOfAResetInstanceAreStale() throws InvalidInputException {
        Regex regex = rust.newRegex("\\w+");
        WasmIterator<Span> words = regex.findIter("one two three");
        assertEquals("one", words.next().text());
        assertEquals(1, rust.liveIterators());
        rust.resetState();
        StaleHandleException e = assertThrows(StaleHandleException.class, words::hasNext);
        assertTrue(e.getMessage().contains("resetState"), e.getMessage());
        words.close(); // does nothing: its memory went with the old instance
        regex.close();
        assertEquals(0, rust.liveIterators(), "the new instance has none");
    }
}
