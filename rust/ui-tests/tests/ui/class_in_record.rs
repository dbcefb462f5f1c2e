// A class object crosses as a handle, never inside a record.
pub struct Counter {
    count: i64,
}

wasmbridge::class! {
    impl Counter {
        fn get(&self) -> i64 { self.count }
    }
}

wasmbridge::record! {
    pub struct Tally { pub name: String, pub counter: Counter }
}

fn main() {}
