// A list of class objects is not supported.
pub struct Counter {
    count: i64,
}

wasmbridge::class! {
    impl Counter {
        fn get(&self) -> i64 { self.count }
    }
}

wasmbridge::export! {
    fn counters(n: i64) -> Vec<Counter> {
        (0..n).map(|count| Counter { count }).collect()
    }
}

fn main() {}
