// Objects cross in one list (`Vec<Counter>`), not in a list of lists.
pub struct Counter {
    count: i64,
}

wasmbridge::class! {
    impl Counter {
        fn get(&self) -> i64 { self.count }
    }
}

wasmbridge::export! {
    fn counters(n: i64) -> Vec<Vec<Counter>> {
        vec![(0..n).map(|count| Counter { count }).collect()]
    }
}

fn main() {}
