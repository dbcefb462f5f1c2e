// Inside `impl path::Type as Name`, the type itself is `Self`; elsewhere it is `Name`.
use std::collections::BTreeSet;

wasmbridge::class! {
    impl BTreeSet<String> as WordSet {
        fn new() -> Self { Self::new() }
        fn overlap(&self, other: &BTreeSet<String>) -> usize { self.intersection(other).count() }
    }
}

wasmbridge::export! {
    fn count(words: &BTreeSet<String>) -> usize { words.len() }
}

fn main() {}
