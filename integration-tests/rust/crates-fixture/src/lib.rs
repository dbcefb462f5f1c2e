//! Test fixture for issue 15: the shapes real Rust libraries have, on two real third-party crates as Debian
//! packages them, `regex` and `semver`.
//!
//! - Their types are classes without hand-written newtypes: `class! { impl regex::Regex as Regex { ... } }`
//!   declares the class `Regex` and runs each method with `self` a `regex::Regex`.
//! - `usize` and `isize` (32 bits on wasm32) cross wherever `u32` and `i32` do: parameters and results of
//!   exports, methods, imports and callbacks, `Option`, `Vec` and record fields.
//! - Results may borrow from `&self` or a parameter (`fn as_str(&self) -> &str`): they are copied out.
//! - `export!` functions stay plain Rust functions (`pub`, documented, callable from Rust).
//! - Enums with data: semver's comparators as the `data_enum!` `Bound` (a record in each variant, options,
//!   lists, a unit variant), taken apart from a parsed `VersionReq` and built into one from Java's values.
//! - Objects in collections: `Vec<Version>` and `Option<Regex>` parameters (moved or borrowed) and results,
//!   `Vec<Self>` inside the classes, versions lent and given to imports and callbacks.
//! - Iterators: `Regex::find_iter` and `Regex::split_iter` as `wasmbridge::Iter`, finding each match when
//!   Java asks for it; the fixture counts the iterators alive and the matches they found.
//!
//! Each section is its own group of declarations.

use std::cell::Cell;
use wasmbridge::{Callback, Iter};

// ---------------------------------------------------------------------------------------------------
// regex

wasmbridge::record! {
    /// One match: byte offsets into the text, and the text matched.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Span { pub start: usize, pub end: usize, pub text: String }
}

impl Span {
    fn of(found: regex::Match<'_>) -> Span {
        Span { start: found.start(), end: found.end(), text: found.as_str().to_owned() }
    }
}

wasmbridge::class! {
    /// A compiled regular expression: `regex::Regex`, as the class `Regex`.
    impl regex::Regex as Regex {
        /// `Err` (an invalid pattern) becomes a Java exception with regex's message.
        fn new(pattern: &str) -> Result<Self, regex::Error> {
            regex::Regex::new(pattern)
        }

        /// Borrowed from `&self`, copied to a Java String.
        fn as_str(&self) -> &str {
            self.as_str()
        }

        fn is_match(&self, text: &str) -> bool {
            self.is_match(text)
        }

        /// regex panics when `start` is past the end of `text`.
        fn find_at(&self, text: &str, start: usize) -> Option<Span> {
            self.find_at(text, start).map(Span::of)
        }

        fn shortest_match(&self, text: &str) -> Option<usize> {
            self.shortest_match(text)
        }

        fn match_starts(&self, text: &str) -> Vec<usize> {
            self.find_iter(text).map(|found| found.start()).collect()
        }

        fn spans(&self, text: &str) -> Vec<Span> {
            self.find_iter(text).map(Span::of).collect()
        }

        fn captures_len(&self) -> usize {
            self.captures_len()
        }

        /// The text of group `index` in the first match.
        fn group(&self, text: &str, index: usize) -> Option<String> {
            self.captures(text)?.get(index).map(|group| group.as_str().to_owned())
        }

        fn replace_all(&self, text: &str, with: &str) -> String {
            self.replace_all(text, with).into_owned()
        }

        fn split(&self, text: &str) -> Vec<String> {
            self.split(text).map(str::to_owned).collect()
        }

        /// Asks Java about each match, by offset and text; counts the ones it keeps.
        fn count_kept(&self, text: &str, keep: Callback<(usize, String), bool>) -> usize {
            self.find_iter(text).filter(|found| keep.call((found.start(), found.as_str().to_owned()))).count()
        }

        /// Takes the object: Java's `Regex` is unusable afterwards.
        fn into_pattern(self) -> String {
            self.as_str().to_owned()
        }

        /// None for an invalid pattern.
        fn try_new(pattern: &str) -> Option<Self> {
            regex::Regex::new(pattern).ok()
        }

        /// Borrows the regexes: one that matches where any of them does.
        fn union(regexes: Vec<&Self>) -> Result<Self, regex::Error> {
            let alternatives: Vec<String> = regexes.iter().map(|regex| format!("(?:{})", regex.as_str())).collect();
            regex::Regex::new(&alternatives.join("|"))
        }

        /// Every match, each found when Java asks for it (see `Matches`).
        fn find_iter(&self, text: &str) -> Iter<Span> {
            Iter::new(Matches::new(self, text))
        }

        /// The text around the matches, as `split` has it, each piece found when Java asks for it.
        fn split_iter(&self, text: &str) -> Iter<String> {
            Iter::new(Pieces { matches: Matches::new(self, text), last: 0 })
        }
    }
}

thread_local! {
    /// The `Matches` alive (each `find_iter` or `split_iter` has one).
    static LIVE_ITERATORS: Cell<i32> = const { Cell::new(0) };
    /// The matches every `Matches` has found so far.
    static MATCHES_FOUND: Cell<i64> = const { Cell::new(0) };
}

/// The matches of a regex in a text, found one at a time. regex's own `Matches` borrows the regex and the
/// text, and Java keeps an `Iter` after the call that made it, so it cannot be kept; collecting it would find
/// every match up front. This one owns a clone of the regex (it shares the compiled program) and of the
/// text, and steps with `Regex::find_at` as regex 1.7.1's `Matches` does (re_trait.rs): after an empty
/// match the next search starts one character on, and an empty match where the previous match ended is
/// skipped. `spans` collects regex's own iterator, which the tests compare with this one.
struct Matches {
    regex: regex::Regex,
    text: String,
    next_start: usize,
    last_end: Option<usize>,
}

impl Matches {
    fn new(regex: &regex::Regex, text: &str) -> Matches {
        LIVE_ITERATORS.with(|live| live.set(live.get() + 1));
        Matches { regex: regex.clone(), text: text.to_owned(), next_start: 0, last_end: None }
    }

    /// The byte range of the next match.
    fn next_range(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.next_start > self.text.len() {
                return None;
            }
            let found = self.regex.find_at(&self.text, self.next_start)?;
            let (start, end) = (found.start(), found.end());
            if start == end {
                self.next_start = end + self.text[end..].chars().next().map_or(1, char::len_utf8);
                if self.last_end == Some(end) {
                    continue;
                }
            } else {
                self.next_start = end;
            }
            self.last_end = Some(end);
            MATCHES_FOUND.with(|found| found.set(found.get() + 1));
            return Some((start, end));
        }
    }
}

impl Iterator for Matches {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let (start, end) = self.next_range()?;
        Some(Span { start, end, text: self.text[start..end].to_owned() })
    }
}

impl Drop for Matches {
    fn drop(&mut self) {
        LIVE_ITERATORS.with(|live| live.set(live.get() - 1));
    }
}

/// The text before, between and after the matches, as regex's `Split` steps through its `Matches`.
struct Pieces {
    matches: Matches,
    /// Where the next piece starts; past the end once the last piece is out.
    last: usize,
}

impl Iterator for Pieces {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let found = self.matches.next_range();
        let text = &self.matches.text;
        match found {
            Some((start, end)) => {
                let piece = text[self.last..start].to_owned();
                self.last = end;
                Some(piece)
            }
            None if self.last > text.len() => None,
            None => {
                let piece = text[self.last..].to_owned();
                self.last = text.len() + 1;
                Some(piece)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// semver

wasmbridge::class! {
    /// A semantic version: `semver::Version`, as the class `Version`.
    impl semver::Version as Version {
        fn parse(text: &str) -> Result<Self, semver::Error> {
            semver::Version::parse(text)
        }

        fn new(major: u64, minor: u64, patch: u64) -> Self {
            semver::Version::new(major, minor, patch)
        }

        fn major(&self) -> u64 {
            self.major
        }

        fn minor(&self) -> u64 {
            self.minor
        }

        fn patch(&self) -> u64 {
            self.patch
        }

        /// The pre-release part, borrowed from `&self`, copied to Java.
        fn pre(&self) -> &str {
            self.pre.as_str()
        }

        fn text(&self) -> String {
            self.to_string()
        }

        /// `-1`, `0` or `1`, as `Ord` says.
        fn compare(&self, other: &Self) -> isize {
            self.cmp(other) as isize
        }

        /// Another object of the same class, borrowed: a copy of the newer one, if `other` is newer.
        fn newer(&self, other: &Self) -> Option<Self> {
            (other > self).then(|| other.clone())
        }

        fn bump_patch(&mut self) -> u64 {
            self.patch += 1;
            self.pre = semver::Prerelease::EMPTY;
            self.patch
        }

        /// Takes both objects.
        fn max(self, other: Self) -> Self {
            std::cmp::max(self, other)
        }

        /// Takes the versions, and returns them in semver's order.
        fn sort(versions: Vec<Self>) -> Vec<Self> {
            let mut versions = versions;
            versions.sort();
            versions
        }

        /// Borrows each version mutably: the next patch, without a pre-release.
        fn bump_patches(versions: Vec<&mut Self>) {
            for version in versions {
                version.patch += 1;
                version.pre = semver::Prerelease::EMPTY;
            }
        }
    }
}

wasmbridge::class! {
    /// A version requirement: `semver::VersionReq`, as the class `VersionReq`.
    impl semver::VersionReq as VersionReq {
        fn parse(text: &str) -> Result<Self, semver::Error> {
            semver::VersionReq::parse(text)
        }

        /// An object of another class: `&Version`, the newtype, derefs to `&semver::Version`.
        fn matches(&self, version: &Version) -> bool {
            self.matches(version)
        }

        fn comparator_count(&self) -> usize {
            self.comparators.len()
        }

        fn text(&self) -> String {
            self.to_string()
        }

        /// Takes the versions: the newest one the requirement matches comes back, the others are dropped.
        fn max_satisfying(&self, versions: Vec<Version>) -> Option<Version> {
            versions.into_iter().filter(|version| self.matches(version)).max_by(|a, b| a.0.cmp(&b.0))
        }

        /// Borrows the versions: the indices of those the requirement matches.
        fn matching(&self, versions: Vec<&Version>) -> Vec<usize> {
            (0..versions.len()).filter(|&i| self.matches(versions[i])).collect()
        }

        /// semver's comparators, as data.
        fn explain(&self) -> Requirement {
            let bounds: Vec<Bound> = if self.comparators.is_empty() {
                vec![Bound::Any]
            } else {
                self.comparators.iter().map(Bound::of).collect()
            };
            let upper = bounds.iter().find(|bound| matches!(bound, Bound::Less { .. } | Bound::LessEq { .. })).cloned();
            Requirement { text: self.to_string(), bounds, upper }
        }

        /// A requirement of the comparators Java's bounds stand for.
        fn from_bounds(bounds: Vec<Bound>) -> Result<Self, String> {
            let comparators = bounds.into_iter().map(Bound::comparator).filter_map(Result::transpose);
            Ok(semver::VersionReq { comparators: comparators.collect::<Result<_, _>>()? })
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// semver's requirements as data: an enum with data

wasmbridge::record! {
    /// The version of a comparator: `1`, `1.2`, `1.2.3` or `1.2.3-beta.1` (`pre`: `["beta", "1"]`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct VersionParts { pub major: u64, pub minor: Option<u64>, pub patch: Option<u64>, pub pre: Vec<String> }
}

wasmbridge::data_enum! {
    /// A `semver::Comparator`, by its `semver::Op`; `Any` is the requirement `*`, which has no comparator.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Bound {
        Exact { version: VersionParts },
        Greater { version: VersionParts },
        GreaterEq { version: VersionParts },
        Less { version: VersionParts },
        LessEq { version: VersionParts },
        Tilde { version: VersionParts },
        Caret { version: VersionParts },
        Wildcard { major: u64, minor: Option<u64> },
        Any,
    }
}

wasmbridge::record! {
    /// A requirement taken apart: its text, its bounds, and the first `<` or `<=` of them.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Requirement { pub text: String, pub bounds: Vec<Bound>, pub upper: Option<Bound> }
}

impl Bound {
    fn of(comparator: &semver::Comparator) -> Bound {
        let version = VersionParts {
            major: comparator.major,
            minor: comparator.minor,
            patch: comparator.patch,
            pre: comparator.pre.split('.').filter(|part| !part.is_empty()).map(str::to_owned).collect(),
        };
        match comparator.op {
            semver::Op::Exact => Bound::Exact { version },
            semver::Op::Greater => Bound::Greater { version },
            semver::Op::GreaterEq => Bound::GreaterEq { version },
            semver::Op::Less => Bound::Less { version },
            semver::Op::LessEq => Bound::LessEq { version },
            semver::Op::Tilde => Bound::Tilde { version },
            semver::Op::Caret => Bound::Caret { version },
            semver::Op::Wildcard => Bound::Wildcard { major: version.major, minor: version.minor },
            // `Op` is non-exhaustive; semver 1.0.14 has no other.
            other => panic!("an operator this fixture does not know: {other:?}"),
        }
    }

    /// The comparator (none for `Any`), refused where semver's parser would refuse its text.
    fn comparator(self) -> Result<Option<semver::Comparator>, String> {
        let (op, version) = match self {
            Bound::Exact { version } => (semver::Op::Exact, version),
            Bound::Greater { version } => (semver::Op::Greater, version),
            Bound::GreaterEq { version } => (semver::Op::GreaterEq, version),
            Bound::Less { version } => (semver::Op::Less, version),
            Bound::LessEq { version } => (semver::Op::LessEq, version),
            Bound::Tilde { version } => (semver::Op::Tilde, version),
            Bound::Caret { version } => (semver::Op::Caret, version),
            Bound::Wildcard { major, minor } => {
                (semver::Op::Wildcard, VersionParts { major, minor, patch: None, pre: Vec::new() })
            }
            Bound::Any => return Ok(None),
        };
        if version.patch.is_some() && version.minor.is_none() {
            return Err(format!("a patch version needs a minor version: {version:?}"));
        }
        if !version.pre.is_empty() && version.patch.is_none() {
            return Err(format!("a pre-release needs a patch version: {version:?}"));
        }
        let pre = semver::Prerelease::new(&version.pre.join(".")).map_err(|error| error.to_string())?;
        Ok(Some(semver::Comparator {
            op,
            major: version.major,
            minor: version.minor,
            patch: version.patch,
            pre,
        }))
    }
}

// ---------------------------------------------------------------------------------------------------
// Functions: usize and isize everywhere, borrowed results, the classes above in plain functions

wasmbridge::export! {
    /// The byte offset of the first `needle` in `text`.
    pub fn find(text: &str, needle: &str) -> Option<usize> {
        text.find(needle)
    }

    pub fn offsets(text: &str, needle: &str) -> Vec<usize> {
        text.match_indices(needle).map(|(at, _)| at).collect()
    }

    /// `usize::MAX` on wasm32: all 32 bits set.
    pub fn usize_max() -> usize {
        usize::MAX
    }

    pub fn isize_min() -> isize {
        isize::MIN
    }

    pub fn usize_next(x: usize) -> usize {
        x.wrapping_add(1)
    }

    pub fn isize_negate(x: isize) -> isize {
        x.wrapping_neg()
    }

    /// `Vec<isize>` is an `int[]`, like `Vec<i32>`.
    pub fn deltas(values: Vec<isize>) -> Vec<isize> {
        values.windows(2).map(|pair| pair[1] - pair[0]).collect()
    }

    pub fn option_isize(x: Option<isize>) -> Option<isize> {
        x.map(|v| v * 2)
    }

    pub fn span_len(span: Span) -> usize {
        span.end - span.start
    }

    /// A result borrowed from a parameter: copied to Java.
    pub fn first_word(text: &str) -> &str {
        text.split_whitespace().next().unwrap_or("")
    }

    /// A borrowed byte slice, copied to Java.
    pub fn utf8(text: &str) -> &[u8] {
        text.as_bytes()
    }

    /// The newtypes `class!` declared, in a plain function.
    pub fn compile(pattern: &str) -> Result<Regex, String> {
        regex::Regex::new(pattern).map(Regex).map_err(|error| error.to_string())
    }

    pub fn newest(a: &Version, b: &Version) -> Version {
        Version(std::cmp::max(&a.0, &b.0).clone())
    }

    /// Asks the host (`pick`) with a `usize`, and (`shift`) with `isize` and `Vec<usize>`.
    pub fn ask_host(count: usize, by: isize) -> Option<isize> {
        let picked = pick(count);
        shift(by, vec![picked, count])
    }
}

// ---------------------------------------------------------------------------------------------------
// Objects in options, and given or lent to imports and callbacks; the iterators' counters

wasmbridge::export! {
    /// Borrows the regex, if any: the pieces of `text` between its matches, or between whitespace.
    pub fn pieces(text: &str, separator: Option<&Regex>) -> usize {
        match separator {
            Some(regex) => regex.split(text).count(),
            None => text.split_whitespace().count(),
        }
    }

    /// Takes the regex, if any.
    pub fn pattern_or(regex: Option<Regex>, default: &str) -> String {
        regex.map_or_else(|| default.to_owned(), |regex| regex.as_str().to_owned())
    }

    /// Offers the host each version of `texts` that `requirement` matches, newest first: lent to `consider`,
    /// then given to `adopt` if it said yes. Returns how many the host took.
    pub fn offer(requirement: &VersionReq, texts: Vec<String>) -> Result<usize, semver::Error> {
        let mut versions = texts.iter().map(|text| semver::Version::parse(text)).collect::<Result<Vec<_>, _>>()?;
        versions.retain(|version| requirement.matches(version));
        versions.sort_by(|a, b| b.cmp(a));
        let mut taken = 0;
        for version in versions.into_iter().map(Version) {
            if consider(&version) {
                adopt(version);
                taken += 1;
            }
        }
        Ok(taken)
    }

    /// Takes the versions and keeps the one Java prefers, lending `better` two at a time: each next version,
    /// and the best so far.
    pub fn pick_with(versions: Vec<Version>, better: Callback<(&Version, &Version), bool>) -> Option<Version> {
        versions.into_iter().reduce(|best, next| if better.call((&next, &best)) { next } else { best })
    }

    /// Takes the versions and gives them to `sink` in semver's order, each with its rank.
    pub fn hand_out(versions: Vec<Version>, sink: Callback<(Version, usize), ()>) {
        let mut versions = versions;
        versions.sort_by(|a, b| a.0.cmp(&b.0));
        for (rank, version) in versions.into_iter().enumerate() {
            sink.call((version, rank));
        }
    }

    pub fn live_iterators() -> i32 {
        LIVE_ITERATORS.with(Cell::get)
    }

    pub fn matches_found() -> i64 {
        MATCHES_FOUND.with(Cell::get)
    }
}

wasmbridge::import! {
    module "host";
    fn pick(count: usize) -> usize;
    fn shift(by: isize, values: Vec<usize>) -> Option<isize>;
    /// Lent for the call: does the host want this version?
    fn consider(version: &Version) -> bool;
    /// Given: the host owns it.
    fn adopt(version: Version);
}
