// Imports take values: a class object cannot be passed to Java's import.
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
    fn show(counter: &Counter);
}

fn main() {}
