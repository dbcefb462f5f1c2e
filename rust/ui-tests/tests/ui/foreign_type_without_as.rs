// Rust forbids inherent methods on another crate's type: name the class with `as`.
wasmbridge::class! {
    impl std::collections::BTreeSet<String> {
        fn len(&self) -> usize { self.len() }
    }
}

fn main() {}
