// An import takes a class object alone (given or lent), not in a list.
pub struct Counter {
    count: i64,
}

wasmbridge::class! {
    impl Counter {
        fn get(&self) -> i64 { self.count }
    }
}

wasmbridge::import! {
    module "host";
    fn show(counters: Vec<Counter>);
}

fn main() {}
