// A method cannot hand Java a borrowed object: it would point into another object's memory.
pub struct Counter {
    count: i64,
}

pub struct Pair {
    left: Counter,
}

wasmbridge::class! {
    impl Counter {
        fn get(&self) -> i64 { self.count }
    }
}

wasmbridge::class! {
    impl Pair {
        fn left(&self) -> &Counter { &self.left }
    }
}

fn main() {}
