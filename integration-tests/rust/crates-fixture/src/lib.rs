//! Test fixture for issue 15: the shapes real Rust libraries have, on two real third-party crates as Debian
//! packages them, `regex` and `semver`.
//!
//! - Their types are classes without hand-written newtypes: `class! { impl regex::Regex as Regex { ... } }`
//!   declares the class `Regex` and runs each method with `self` a `regex::Regex`.
//! - `usize` and `isize` (32 bits on wasm32) cross wherever `u32` and `i32` do: parameters and results of
//!   exports, methods, imports and callbacks, `Option`, `Vec` and record fields.
//! - Results may borrow from `&self` or a parameter (`fn as_str(&self) -> &str`): they are copied out.
//! - `export!` functions stay plain Rust functions (`pub`, documented, callable from Rust).
//!
//! Each section is its own group of declarations, so that more shapes (data enums, lists of objects,
//! iterators) can be added beside them.

use wasmbridge::Callback;

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

wasmbridge::import! {
    module "host";
    fn pick(count: usize) -> usize;
    fn shift(by: isize, values: Vec<usize>) -> Option<isize>;
}
