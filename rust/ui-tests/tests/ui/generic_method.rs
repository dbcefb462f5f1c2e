// Java calls one concrete function: a generic method cannot be exported.
pub struct Store {
    values: Vec<String>,
}

wasmbridge::class! {
    impl Store {
        fn parse<T: std::str::FromStr>(&self, index: usize) -> Option<T> {
            self.values.get(index)?.parse().ok()
        }
    }
}

fn main() {}
