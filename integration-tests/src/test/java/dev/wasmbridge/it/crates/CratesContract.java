package dev.wasmbridge.it.crates;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.RustErrorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 on real third-party crates: Debian's {@code regex} and {@code semver} as classes declared without
 * newtypes, {@code usize}/{@code isize} in every position, results borrowed from a parameter or {@code &self};
 * run on the exnref and legacy builds. Offsets from Rust are in bytes of UTF-8; the expected values come from
 * Java's own string and regex code on the same input.
 */
abstract class CratesContract {
    private RecordingCratesHost host;
    private CratesFixture rust;

    /** Binds the flavour under test. */
    abstract CratesFixture create(CratesHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingCratesHost();
        rust = create(host);
    }

    /** The UTF-8 byte offset of the character at {@code charIndex}: what Rust's string offsets are. */
    static int bytesBefore(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(UTF_8).length;
    }

    /** Every match of {@code regex} in {@code text}, by Java's regex engine, with UTF-8 byte offsets. */
    static List<Span> javaSpans(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<Span> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(new Span(bytesBefore(text, matcher.start()), bytesBefore(text, matcher.end()), matcher.group()));
        }
        return spans;
    }

    @Test
    void usizeAndIsizeHaveTheThirtyTwoBitsOfWasm32() {
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(rust.usizeMax()), "usize::MAX on wasm32");
        assertEquals(Integer.MIN_VALUE, rust.isizeMin(), "isize::MIN on wasm32");
        assertEquals(0, rust.usizeNext(rust.usizeMax()), "wraps at 32 bits");
        assertEquals(3_000_000_001L, Integer.toUnsignedLong(rust.usizeNext((int) 3_000_000_000L)));
        assertEquals(-7, rust.isizeNegate(7));
        assertEquals(Integer.MIN_VALUE, rust.isizeNegate(Integer.MIN_VALUE), "wrapping_neg of isize::MIN");
    }

    @Test
    void pointerSizedIntegersInOptionsListsAndArrays() {
        String text = "naïve café, naïve thé";
        assertEquals(Optional.of(bytesBefore(text, text.indexOf("café"))), rust.find(text, "café"));
        assertEquals(Optional.empty(), rust.find(text, "tea"));
        List<Integer> expected = new ArrayList<>();
        for (int at = text.indexOf("naïve"); at >= 0; at = text.indexOf("naïve", at + 1)) {
            expected.add(bytesBefore(text, at));
        }
        assertEquals(expected, rust.offsets(text, "naïve"));
        assertEquals(List.of(), rust.offsets(text, "x"));
        assertArrayEquals(new int[] {3, 5, -10}, rust.deltas(new int[] {1, 4, 9, -1}), "Vec<isize> is an int[]");
        assertArrayEquals(new int[0], rust.deltas(new int[] {42}));
        assertEquals(OptionalInt.of(-42), rust.optionIsize(OptionalInt.of(-21)));
        assertEquals(OptionalInt.empty(), rust.optionIsize(OptionalInt.empty()));
    }

    @Test
    void recordsWithUsizeFields() {
        assertEquals(7, rust.spanLen(new Span(3, 10, "ignored")));
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(rust.spanLen(new Span(0, -1, ""))), "the unsigned range");
    }

    @Test
    void resultsBorrowedFromAParameterAreCopiedOut() {
        assertEquals("été", rust.firstWord("  été chaud"));
        assertEquals("", rust.firstWord("   "));
        assertArrayEquals("héllo".getBytes(UTF_8), rust.utf8("héllo"));
        assertArrayEquals(new byte[0], rust.utf8(""));
    }

    @Test
    void aRegexIsAClassWithoutANewtype() throws InvalidInputException {
        String pattern = "\\d+";
        String text = "é1 b22 ü333 x";
        List<Span> expected = javaSpans(pattern, text);
        assertEquals(3, expected.size());
        try (Regex regex = rust.newRegex(pattern)) {
            assertEquals(pattern, regex.asStr(), "borrowed from &self, copied out");
            assertTrue(regex.isMatch(text));
            assertFalse(regex.isMatch("no digits"));
            assertEquals(expected, regex.spans(text));
            assertEquals(expected.stream().map(Span::start).toList(), regex.matchStarts(text));
            assertEquals(
                    Optional.of(expected.get(1)),
                    regex.findAt(text, expected.get(0).end()));
            assertEquals(Optional.empty(), regex.findAt(text, expected.get(2).end()));
            assertEquals(Optional.of(expected.get(0).start() + 1), regex.shortestMatch(text), "the shortest end");
            assertEquals(1, regex.capturesLen());
            assertEquals(Arrays.asList(text.split(pattern)), regex.split(text));
            assertEquals(text.replaceAll(pattern, "#"), regex.replaceAll(text, "#"));
        }
    }

    @Test
    void captureGroups() throws InvalidInputException {
        try (Regex regex = rust.newRegex("(\\w+)@(\\w+)\\.org")) {
            assertEquals(3, regex.capturesLen());
            assertEquals(Optional.of("example"), regex.group("mail ferris@example.org now", 2));
            assertEquals(Optional.of("ferris@example.org"), regex.group("mail ferris@example.org now", 0));
            assertEquals(Optional.empty(), regex.group("no mail", 1));
        }
    }

    @Test
    void theCratesErrorsBecomeExceptionsWithTheirMessages() {
        InvalidInputException declared = assertThrows(InvalidInputException.class, () -> rust.newRegex("(unclosed"));
        assertTrue(declared.getMessage().contains("unclosed group"), declared.getMessage());
        RustErrorException plain = assertThrows(RustErrorException.class, () -> rust.compile("[z-a]"));
        assertTrue(plain.getMessage().contains("invalid character class range"), plain.getMessage());
        InvalidInputException version = assertThrows(InvalidInputException.class, () -> rust.parseVersion("1.x"));
        assertTrue(version.getMessage().contains("minor version"), version.getMessage());
    }

    @Test
    void callbacksReceiveUsizeOffsets() {
        String pattern = "[a-zé]+";
        String text = "été, x, and yé";
        List<Span> expected = javaSpans(pattern, text);
        try (Regex regex = rust.compile(pattern)) {
            List<Integer> seen = new ArrayList<>();
            int kept = regex.countKept(text, (start, word) -> {
                seen.add(start);
                return word.length() > 1;
            });
            assertEquals(expected.stream().map(Span::start).toList(), seen);
            assertEquals(expected.stream().filter(s -> s.text().length() > 1).count(), kept);
        }
    }

    @Test
    void takingTheObjectLeavesTheJavaSideUnusable() {
        Regex regex = rust.compile("a+");
        assertEquals("a+", regex.intoPattern());
        assertThrows(ClosedObjectException.class, () -> regex.isMatch("aaa"));
        regex.close();
    }

    @Test
    void aVersionIsAClassWithoutANewtype() throws InvalidInputException {
        try (Version version = rust.parseVersion("1.2.3-beta.1+build.5")) {
            assertEquals(1, version.major());
            assertEquals(2, version.minor());
            assertEquals(3, version.patch());
            assertEquals("beta.1", version.pre(), "borrowed from &self, copied out");
            assertEquals("1.2.3-beta.1+build.5", version.text());
            assertEquals(4, version.bumpPatch(), "&mut self changes the Rust value");
            assertEquals("", version.pre());
            assertEquals("1.2.4+build.5", version.text());
        }
        try (Version big = rust.newVersion(-1L, 0, 0)) {
            assertEquals("18446744073709551615.0.0", big.text(), "u64::MAX");
        }
    }

    @Test
    void versionsCompareBorrowAndMoveAsRustSays() throws InvalidInputException {
        Version older = rust.newVersion(1, 9, 0);
        Version newer = rust.parseVersion("1.10.0");
        assertEquals(-1, older.compare(newer));
        assertEquals(1, newer.compare(older));
        assertEquals(0, older.compare(older), "two shared borrows of one object");
        Optional<Version> copy = older.newer(newer);
        assertTrue(copy.isPresent());
        assertNotSame(newer, copy.get());
        copy.get().close();
        assertEquals("1.10.0", newer.text(), "the copy was a new object");
        assertEquals(Optional.empty(), newer.newer(older));
        try (Version newest = rust.newest(older, newer)) {
            assertEquals("1.10.0", newest.text());
        }
        Version max = older.max(newer);
        assertEquals("1.10.0", max.text());
        assertThrows(ClosedObjectException.class, older::text, "moved into Rust");
        assertThrows(ClosedObjectException.class, newer::text, "moved into Rust");
        max.close();
    }

    @Test
    void aRequirementTakesAnObjectOfAnotherForeignClass() throws InvalidInputException {
        try (VersionReq requirement = rust.parseRequirement(">=1.2, <2");
                Version inside = rust.newVersion(1, 5, 0);
                Version outside = rust.newVersion(2, 0, 0)) {
            assertTrue(requirement.matches(inside));
            assertFalse(requirement.matches(outside));
            assertEquals(2, requirement.comparatorCount());
            assertEquals(">=1.2, <2", requirement.text());
        }
    }

    @Test
    void importsTakeAndReturnPointerSizedIntegers() {
        assertEquals(OptionalInt.of(-3 + 10 + 5), rust.askHost(5, -3));
        assertEquals(List.of(5L, -3, List.of(10, 5)), host.received);
        host.received.clear();
        int large = (int) 3_000_000_000L;
        rust.askHost(large, 0);
        assertEquals(3_000_000_000L, host.received.get(0), "pick saw the unsigned value");
        assertEquals(List.of(large * 2, large), host.received.get(2), "usize bits both ways, wrapping at 32");
    }
}
